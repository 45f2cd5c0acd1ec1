"""Conflict declarations: no conflict clears the expert; a conflict recuses and calls the next reserve."""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.committee import operations as ops
from tender.committee.permissions import committee_visible_to, expert_cleared
from tender.errors import DomainError
from tender.extensions import db
from tender.unit_of_work import perform
from tests.committee.helpers import make_pool, tender_with_bidders
from tests.factories import make_user


@pytest.fixture
def drawn(app, staff):
    experts = {str(e.id): e for e in make_pool(staff, 8)}
    tender, bidders = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5, seed="declare")
    return tender, draw, experts, bidders


def test_no_conflict_clears_the_expert(drawn):
    tender, draw, experts, _ = drawn
    expert = experts[draw.members[0]]
    assert not expert_cleared(tender, expert)
    item = perform(ops.declare_conflict, tender, expert, False)
    assert expert_cleared(tender, expert) and "无利害关系" in item.statement and item.declared_at is not None
    with pytest.raises(DomainError, match="已提交"):
        perform(ops.declare_conflict, tender, expert, False)


def test_a_conflict_recuses_and_calls_the_next_reserve(drawn, staff):
    tender, draw, experts, bidders = drawn
    leaving, first_reserve, second_reserve = experts[draw.members[2]], draw.reserves[0], draw.reserves[1]
    perform(ops.declare_conflict, tender, leaving, True, bidders[0].company.name, "其兄任该公司总经理")
    db.session.expire_all()
    draw = ops.draw_of(tender)
    assert str(leaving.id) not in draw.members and draw.members[2] == first_reserve
    assert draw.reserves == [second_reserve]
    assert not expert_cleared(tender, leaving) and not committee_visible_to(tender, leaving)
    called = experts[first_reserve]
    assert not expert_cleared(tender, called)  # must declare in turn
    perform(ops.declare_conflict, tender, called, False)
    assert expert_cleared(tender, called)
    assert [e["action"] for e in draw.log[-2:]] == ["recused", "called"]
    assert perform(ops.verify_tender_committee, draw, staff) is True


def test_a_conflict_needs_company_and_reason(drawn):
    tender, draw, experts, _ = drawn
    with pytest.raises(DomainError, match="须填写相关单位和理由"):
        perform(ops.declare_conflict, tender, experts[draw.members[0]], True, "", "")


def test_only_members_declare(drawn):
    tender, draw, experts, _ = drawn
    reserve = experts[draw.reserves[0]]
    with pytest.raises(DomainError, match="不是本项目评标委员会成员"):
        perform(ops.declare_conflict, tender, reserve, False)


def test_who_sees_the_names(drawn, staff):
    tender, draw, experts, bidders = drawn
    assert committee_visible_to(tender, staff) and committee_visible_to(tender, make_user(Role.SUPERVISOR))
    assert committee_visible_to(tender, experts[draw.members[0]])
    assert not committee_visible_to(tender, experts[draw.reserves[0]])
    assert not committee_visible_to(tender, bidders[0])
