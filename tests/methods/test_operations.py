"""Scoring-method operations without a request: templates, edits, the publish guard, amendments, the JSON round trip."""
from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from scoring.evaluation import TEMPLATES, serial
from scoring.evaluation.method import ScoringMethod
from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.methods import operations as ops
from tender.methods.models import TenderMethod
from tender.notices import operations as notice_ops
from tender.notices.models import Clarification, Registration
from tender.notices.procedures import Procedure
from tender.notifications.models import Message
from tender.unit_of_work import perform
from tests.factories import add_document, make_officers, make_tender, make_user


@pytest.fixture
def draft(staff):
    tender = make_tender(staff, method=False)
    add_document(tender, staff)
    db.session.commit()
    return tender


def _with_points(method: ScoringMethod, code: str, points: str) -> ScoringMethod:
    """`method` with one tiered leaf's points and top tier changed, as an editor would."""
    from tender.methods.editing import edited_method

    leaf = method.criterion(code)
    tiers = "\n".join(f"{points if i == 0 else t.points}|{t.descriptor}" for i, t in enumerate(leaf.scale.tiers))
    return edited_method(method, {f"leaf-{code}-points": points, f"leaf-{code}-tiers": tiers})


def _first_tiered(method: ScoringMethod) -> str:
    return next(leaf.code for leaf in method.leaves() if hasattr(leaf.scale, "tiers"))


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_publish_is_refused_without_a_method_with_the_reason(staff, draft):
    with pytest.raises(DomainError) as raised:
        perform(notice_ops.publish_tender, draft, staff, officers=make_officers())
    assert "请先设置评分办法" in raised.value.message
    assert ops.method_of(draft) is None


def test_template_then_publish_freezes_the_method(staff, draft):
    perform(ops.choose_template, draft, staff, "comprehensive")
    assert ops.method_of(draft) is None  # a draft is nobody's method yet
    perform(notice_ops.publish_tender, draft, staff, officers=make_officers())
    assert ops.method_of(draft) == TEMPLATES["comprehensive"][1]()
    with pytest.raises(DomainError, match="只能通过修改公告"):
        perform(ops.save_method, draft, staff, TEMPLATES["comprehensive"][1]())
    with pytest.raises(DomainError, match="只能通过修改公告"):
        perform(ops.choose_template, draft, staff, "fee_system")


def test_the_procedure_offers_its_own_templates(staff):
    quotes = make_tender(staff, procedure=Procedure.QUOTES, method=False)
    db.session.commit()
    assert set(ops.templates_for(quotes)) == {"three_quotes_lowest", "three_quotes_short"}
    with pytest.raises(DomainError, match="本招标方式可用"):
        perform(ops.choose_template, quotes, staff, "comprehensive")
    assert "comprehensive" in ops.templates_for(make_tender(staff, method=False))


def test_an_invalid_method_is_never_saved(staff, draft):
    row = perform(ops.choose_template, draft, staff, "comprehensive")
    method = row.method
    code = _first_tiered(method)
    broken = _with_points(method, code, str(method.criterion(code).max_points + 5))
    with pytest.raises(DomainError, match="合计.*应为100分"):
        perform(ops.save_method, draft, staff, broken, row.version)
    db.session.expire_all()
    assert ops.stored_method(draft).version == 1 and ops.stored_method(draft).method == method


def test_edits_are_saved_versioned_audited_and_stale_ones_refused(staff, draft):
    row = perform(ops.choose_template, draft, staff, "comprehensive")
    method = row.method
    code = _first_tiered(method)
    leaf = method.criterion(code)
    other = next(x.code for x in method.leaves() if hasattr(x.scale, "tiers") and x.code != code)
    moved = _with_points(_with_points(method, code, str(leaf.max_points - 1)), other,
                         str(method.criterion(other).max_points + 1))
    saved = perform(ops.save_method, draft, staff, moved, 1)
    assert saved.version == 2 and actions()[-2:] == ["tender.method.template", "tender.method.save"]
    with pytest.raises(DomainError, match="已被他人修改"):
        perform(ops.save_method, draft, staff, method, 1)
    db.session.expire_all()
    stored = db.session.scalar(sa.select(TenderMethod.body).where(TenderMethod.tender_id == draft.id))
    assert serial.loads(ScoringMethod, stored) == moved  # read back from the database, not the session
    assert moved.criterion(code).max_points == leaf.max_points - 1


def test_other_roles_cannot_change_the_method(draft):
    for role in (Role.SUPERVISOR, Role.BIDDER, Role.EXPERT):
        with pytest.raises(NotAllowed):
            perform(ops.choose_template, draft, make_user(role), "comprehensive")


def test_amendment_after_publication_records_both_versions_and_tells_bidders(staff, draft):
    perform(ops.choose_template, draft, staff, "comprehensive")
    perform(notice_ops.publish_tender, draft, staff, officers=make_officers())
    bidder = make_user(Role.BIDDER)
    db.session.add(Registration(tender_id=draft.id, company_id=bidder.company_id, user_id=bidder.id))
    db.session.commit()
    old = ops.method_of(draft)
    new = dataclasses.replace(old, rounding=dataclasses.replace(old.rounding, places=3))
    with pytest.raises(DomainError, match="理由"):
        perform(ops.amend_method, draft, staff, new, " ")
    perform(ops.amend_method, draft, staff, new, "价格分改为保留三位小数", 1)
    assert ops.method_of(draft) == new
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.method.amend")).one()
    assert entry.before["version"] == 1 and entry.after["version"] == 2
    assert serial.loads(ScoringMethod, entry.before["body"]) == old
    clarification = db.session.scalars(sa.select(Clarification).where(Clarification.tender_id == draft.id)).one()
    assert "评分办法修改" in clarification.title and clarification.body == "价格分改为保留三位小数"
    notes = db.session.scalars(sa.select(Message).where(Message.user_id == bidder.id)).all()
    assert any("澄清通知" in n.subject for n in notes)


def test_no_amendment_after_the_deadline(staff, draft):
    perform(ops.choose_template, draft, staff, "comprehensive")
    perform(notice_ops.publish_tender, draft, staff, officers=make_officers())
    draft.bid_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(DomainError, match="未截标"):
        perform(ops.amend_method, draft, staff, ops.method_of(draft), "迟到的修改")
    assert ops.method_of(draft).total == Decimal(100)
