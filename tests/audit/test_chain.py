"""The audit trail: every change in the tender flow is recorded, and tampering is found."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tender.acting import acting_from
from tender.audit.models import AuditEntry
from tender.audit.operations import record, verify_chain
from tender.auth import operations as auth_ops
from tender.auth.roles import Role
from tender.errors import DomainError
from tender.extensions import db
from tender.methods import operations as method_ops
from tender.notices import operations as ops
from tender.unit_of_work import perform
from tests.audit.conftest import audit_cli
from tests.factories import complete_company, make_officers, make_tender, make_user


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_every_state_change_in_the_tender_flow_is_recorded(app, staff):
    with acting_from("10.1.2.3"):
        tender = perform(ops.create_tender, staff, **{k: v for k, v in _tender_fields().items()})
        perform(ops.add_document, tender, staff, "招标文件", "a.pdf", _pdf())
        perform(ops.update_tender, tender, staff, None, title="改名后的项目")
        perform(method_ops.choose_template, tender, staff, "comprehensive")
        perform(ops.publish_tender, tender, staff, officers=make_officers())
        bidder = perform(auth_ops.register_bidder, company_name="测试物业公司", name="投标人", email="b@x.cn",
                         phone="13800000000", password="long-enough-password")
        complete_company(bidder.company)
        perform(ops.register_company, tender, bidder)
        question = perform(ops.ask_question, tender, bidder, "问题？")
        perform(ops.publish_clarification, tender, staff, title="答复", body="回答", question_ids=[question.id])
        perform(auth_ops.create_account, staff, name="专家", email="e@x.cn", phone="", role=Role.EXPERT,
                password="long-enough-password")
    assert actions() == [
        "tender.create", "tender.document.add", "similarity.document.add", "tender.update", "tender.method.template",
        "tender.seal",
        "tender.publish", "company.register", "user.register", "tender.register", "tender.question", "tender.clarify",
        "user.create",
    ]
    update = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "tender.update"))
    assert update.before["title"] != update.after["title"] == "改名后的项目"
    assert update.address == "10.1.2.3" and update.actor_id == staff.id
    assert verify_chain().ok


def _tender_fields() -> dict:
    from tender.notices.procedures import Procedure, SaleMode
    from tests.factories import valid_dates

    return dict(title="审计测试项目", procedure=Procedure.OPEN, service_type="前期物业管理", tenderer="某置业",
                tenderer_address="", contact="", location="某地", floor_area=None, property_mix="",
                sale_mode=SaleMode.UNKNOWN, sale_date=None, presale_date=None, delivery_date=None, max_price=None,
                notice="公告", **valid_dates())


def _pdf() -> bytes:
    from tests.factories import minimal_pdf

    return minimal_pdf()


def test_cli_reports_an_intact_chain(app, chain):
    result = audit_cli(app, "verify")
    assert result.exit_code == 0 and "5 audit entries verified" in result.output


TAMPERING = {  # statement, the first broken entry, what verify says beside the number
    "edited_row": ("UPDATE audit_entries SET summary = '被改过' WHERE seq = 3", 3, "内容哈希不匹配"),
    "edited_before_after_values": ("""UPDATE audit_entries SET after = '{"i": 99}' WHERE seq = 2""", 2, ""),
    "deleted_row": ("DELETE FROM audit_entries WHERE seq = 2", 2, ""),
    "deleted_last_row": ("DELETE FROM audit_entries WHERE seq = 5", 5, ""),
}


@pytest.mark.parametrize(("statement", "seq", "says"), TAMPERING.values(), ids=TAMPERING.keys())
def test_cli_finds_tampering(app, chain, statement, seq, says):
    db.session.execute(sa.text(statement))
    db.session.commit()
    result = audit_cli(app, "verify")
    assert result.exit_code == 1
    assert f"BROKEN at seq {seq}" in result.output and says in result.output


def test_a_rolled_back_operation_leaves_no_audit_row(app, staff):
    tender = make_tender(staff)
    db.session.commit()
    with pytest.raises(DomainError):
        perform(ops.publish_tender, tender, staff, officers=make_officers())  # no document: refused
    assert "tender.publish" not in actions()
    assert verify_chain().ok


def test_supervisor_reads_and_filters_the_trail(client, login, chain):
    supervisor = make_user(Role.SUPERVISOR)
    record(supervisor, "other.thing", object_type="other", summary="别的")
    db.session.commit()
    login(supervisor)
    page = client.get("/audit/?object_type=thing").get_data(as_text=True)
    assert "第 4 步" in page and "别的" not in page
    assert "完整" in client.get("/audit/verify").get_data(as_text=True)
