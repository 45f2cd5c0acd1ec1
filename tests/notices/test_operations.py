"""Tender operations without HTTP: rules hold, and a refused change leaves nothing behind."""
from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import operations as ops
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Clarification, Question, Tender, TenderDocument
from tender.notices.procedures import Procedure
from tender.notifications.models import Message, OutboxMail
from tender.unit_of_work import perform
from tests.factories import add_document, docx_bytes, make_company, make_tender, make_user, minimal_pdf


def stored_files(app) -> list[Path]:
    return [p for p in Path(app.config["STORAGE_PATH"]).rglob("*") if p.is_file()]


def audit_actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


@pytest.fixture
def draft(staff):
    tender = make_tender(staff)
    add_document(tender, staff)
    db.session.commit()
    return tender


def test_publish_records_state_and_audit(staff, draft):
    perform(ops.publish_tender, draft, staff)
    assert draft.status is TenderStatus.PUBLISHED and draft.published_at is not None
    assert audit_actions()[-1] == "tender.publish"


def test_publishing_a_violating_tender_fails_and_changes_nothing(staff, draft):
    draft.bid_deadline = draft.docs_from + timedelta(days=19)
    draft.question_deadline = draft.docs_from + timedelta(days=2)
    db.session.commit()
    before = len(audit_actions())
    with pytest.raises(DomainError) as raised:
        perform(ops.publish_tender, draft, staff)
    assert "不得少于 20 日" in raised.value.message
    db.session.expire_all()
    assert db.session.get(Tender, draft.id).status is TenderStatus.DRAFT
    assert len(audit_actions()) == before


def test_publish_needs_a_document_and_notice(staff):
    tender = make_tender(staff, notice="")
    db.session.commit()
    with pytest.raises(DomainError) as raised:
        perform(ops.publish_tender, tender, staff)
    assert "招标文件" in raised.value.message and "公告" in raised.value.message


def test_double_publish_is_refused_politely(staff, draft):
    perform(ops.publish_tender, draft, staff)
    with pytest.raises(DomainError, match="已经发布"):
        perform(ops.publish_tender, draft, staff)
    assert audit_actions().count("tender.publish") == 1


def test_stale_form_is_refused(staff, draft):
    old_version = draft.version
    perform(ops.update_tender, draft, staff, old_version, title="新标题")
    with pytest.raises(DomainError, match="已被他人修改"):
        perform(ops.update_tender, draft, staff, old_version, title="另一个标题")
    assert db.session.get(Tender, draft.id).title == "新标题"


def test_impossible_dates_are_refused_even_in_a_draft(staff, draft):
    with pytest.raises(DomainError, match="截止时间必须晚于开始时间"):
        perform(ops.update_tender, draft, staff, None, docs_to=draft.docs_from - timedelta(hours=1))
    db.session.expire_all()
    assert db.session.get(Tender, draft.id).docs_to > draft.docs_from


def test_invitation_tender_needs_three_invitees(staff):
    tender = make_tender(staff, procedure=Procedure.INVITED)
    add_document(tender, staff)
    companies = [make_company() for _ in range(3)]
    perform(ops.set_invitees, tender, staff, [c.id for c in companies[:2]])
    with pytest.raises(DomainError, match="不少于 3 家"):
        perform(ops.publish_tender, tender, staff)
    perform(ops.set_invitees, tender, staff, [c.id for c in companies])
    perform(ops.publish_tender, tender, staff)
    assert tender.status is TenderStatus.PUBLISHED


@pytest.mark.parametrize(("filename", "data", "message"), [
    ("说明.pdf", b"just some text, not a pdf", "不是有效的"),
    ("说明.docx", minimal_pdf(), "扩展名与内容不符"),
    ("说明.pdf", b"", "空文件"),
    ("说明.docx", b"PK\x03\x04 broken zip", "不是有效的"),
    ("程序.exe", b"MZ\x90\x00binary", "不是有效的"),
])
def test_bad_uploads_are_refused_and_leave_no_file(app, staff, filename, data, message):
    tender = make_tender(staff)
    db.session.commit()
    with pytest.raises(DomainError, match=message):
        perform(ops.add_document, tender, staff, "说明", filename, data)
    assert db.session.scalar(sa.select(sa.func.count(TenderDocument.id))) == 0
    assert stored_files(app) == []


def test_oversized_upload_is_refused(app, staff):
    tender = make_tender(staff)
    db.session.commit()
    app.config["MAX_UPLOAD_MB"] = 1
    try:
        big = minimal_pdf() + b"%" + b"0" * (1024 * 1024)
        with pytest.raises(DomainError, match="超过 1 MB"):
            perform(ops.add_document, tender, staff, "大文件", "big.pdf", big)
    finally:
        app.config["MAX_UPLOAD_MB"] = 50
    assert stored_files(app) == []


def test_a_rolled_back_upload_removes_its_file(app, staff):
    tender = make_tender(staff)
    db.session.commit()

    def add_then_fail():
        ops.add_document(tender, staff, "说明", "a.docx", docx_bytes())
        raise DomainError("后续步骤失败")

    with pytest.raises(DomainError):
        perform(add_then_fail)
    assert stored_files(app) == []
    assert db.session.scalar(sa.select(sa.func.count(TenderDocument.id))) == 0


def published_with_bidders(staff, n=2):
    tender = make_tender(staff)
    add_document(tender, staff)
    perform(ops.publish_tender, tender, staff)
    bidders = [make_user(Role.BIDDER) for _ in range(n)]
    for bidder in bidders:
        perform(ops.register_company, tender, bidder)
    return tender, bidders


def test_clarification_reaches_every_registered_bidder_without_naming_the_asker(app, staff):
    tender, (asker, other) = published_with_bidders(staff)
    outsider = make_user(Role.BIDDER)
    question = perform(ops.ask_question, tender, asker, "物业管理用房面积是多少？")
    perform(ops.publish_clarification, tender, staff, title="答复", body="420 平方米。",
            question_ids=[question.id])
    for user in (asker, other):
        inbox = db.session.scalars(sa.select(Message).where(Message.user_id == user.id)).all()
        assert [m.topic for m in inbox] == ["clarification"]
        assert asker.company.name not in inbox[0].subject + inbox[0].body
    assert db.session.scalars(sa.select(Message).where(Message.user_id == outsider.id)).all() == []
    mails = db.session.scalars(sa.select(OutboxMail.to_address)).all()
    assert {asker.email, other.email} <= set(mails)
    assert db.session.get(Question, question.id).clarification.number == 1


def test_late_clarification_must_move_the_deadline(app, staff):
    tender, _ = published_with_bidders(staff)
    issued = tender.bid_deadline - timedelta(days=10)
    with pytest.raises(DomainError, match="须将投标截止时间顺延"):
        perform(ops.publish_clarification, tender, staff, title="补充", body="内容", now=issued)
    assert db.session.scalar(sa.select(sa.func.count(Clarification.id))) == 0
    new_deadline = tender.bid_deadline + timedelta(days=7)
    perform(ops.publish_clarification, tender, staff, title="补充", body="内容", now=issued,
            new_deadline=new_deadline)
    assert db.session.get(Tender, tender.id).bid_deadline == new_deadline


def test_amendment_supersedes_but_keeps_the_old_version(app, staff):
    tender, _ = published_with_bidders(staff)
    original = tender.current_documents[0]
    newer = perform(ops.amend_document, original, staff, "招标文件v2.docx", docx_bytes(), "修改了第三章")
    assert original.superseded_at is not None and newer.revision == 2
    assert [d.id for d in tender.current_documents] == [newer.id]
    assert {"tender.document.amend", "tender.clarify"} <= set(audit_actions())


def test_only_invited_companies_may_register(staff):
    tender = make_tender(staff, procedure=Procedure.INVITED)
    add_document(tender, staff)
    invited = [make_user(Role.BIDDER) for _ in range(3)]
    perform(ops.set_invitees, tender, staff, [u.company_id for u in invited])
    perform(ops.publish_tender, tender, staff)
    with pytest.raises(NotAllowed, match="仅受邀单位"):
        perform(ops.register_company, tender, make_user(Role.BIDDER))
    perform(ops.register_company, tender, invited[0])
    with pytest.raises(DomainError, match="无需重复报名"):
        perform(ops.register_company, tender, invited[0])


def test_document_zip_that_is_not_word_is_refused(app, staff):
    tender = make_tender(staff)
    db.session.commit()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DomainError, match="不是有效的"):
        perform(ops.add_document, tender, staff, "表格", "表格.docx", buffer.getvalue())
