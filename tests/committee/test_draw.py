"""The draw per tender: stored seed and pool replay to the same committee; related experts never drawn."""
from __future__ import annotations

import pytest

from scoring.evaluation.draw import replay_draw
from tender.audit.models import AuditEntry
from tender.committee import operations as ops
from tender.errors import DomainError
from tender.extensions import db
from tender.notices.procedures import Procedure
from tender.unit_of_work import perform
from tests.committee.helpers import make_pool, tender_with_bidders


def test_the_same_seed_gives_the_same_committee(app, staff):
    make_pool(staff, 9)
    first, _ = tender_with_bidders(staff)
    second, _ = tender_with_bidders(staff)
    a = perform(ops.draw_tender_committee, first, staff, 5, seed="seed-1")
    b = perform(ops.draw_tender_committee, second, staff, 5, seed="seed-1")
    assert a.members == b.members and a.reserves == b.reserves and len(a.members) == 5 and len(a.reserves) == 2
    replayed = replay_draw(ops._experts(a.pool), ops._request(a))
    assert list(replayed.members) == a.members
    assert perform(ops.verify_tender_committee, a, staff) is True


def test_a_random_seed_is_recorded_and_verifies(app, staff):
    make_pool(staff, 9)
    tender, _ = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5)
    assert len(draw.seed) == 32
    assert perform(ops.verify_tender_committee, draw, staff) is True
    actions = db.select(AuditEntry.action).where(AuditEntry.action.like("committee.%")).order_by(AuditEntry.seq)
    assert db.session.scalars(actions).all()[-2:] == ["committee.draw", "committee.verify"]


def test_a_tampered_committee_fails_verification(app, staff):
    make_pool(staff, 9)
    tender, _ = tender_with_bidders(staff)
    draw = perform(ops.draw_tender_committee, tender, staff, 5, seed="s")
    outsider = next(e["id"] for e in draw.pool if e["id"] not in draw.members + draw.reserves)
    draw.members = [outsider, *draw.members[1:]]
    assert perform(ops.verify_tender_committee, draw, staff) is False


@pytest.mark.parametrize("seed", ["a", "b", "c", "d", "e", "f"])
def test_an_expert_related_to_a_bidder_or_the_tenderer_is_never_drawn(app, staff, seed):
    experts = make_pool(staff, 9)
    tender, bidders = tender_with_bidders(staff)
    profile = ops.profile_of
    perform(ops.add_expert_relation, profile(experts[0]), staff, bidders[1].company.name, "配偶任该公司经理")
    perform(ops.add_expert_relation, profile(experts[1]), experts[1], tender.tenderer, "曾任招标人工程部经理")
    perform(ops.save_expert_profile, experts[2], staff, "法律", tender.tenderer)  # works for the tenderer
    draw = perform(ops.draw_tender_committee, tender, staff, 5, reserves=1, seed=seed)
    sitting = set(draw.members) | set(draw.reserves)
    assert not sitting & {str(e.id) for e in experts[:3]}
    excluded = {e["expert"]: e["reason"] for e in draw.log if e["action"] == "excluded"}
    assert bidders[1].company.name in excluded[str(experts[0].id)] and "投标人" in excluded[str(experts[0].id)]
    assert "招标人" in excluded[str(experts[1].id)] and "任职于招标人" in excluded[str(experts[2].id)]


def test_too_small_a_pool_is_refused_in_chinese(app, staff):
    make_pool(staff, 6)
    tender, _ = tender_with_bidders(staff)
    with pytest.raises(DomainError, match="专家库可抽取专家6人，不足所需的5名专家和2名备选专家"):
        perform(ops.draw_tender_committee, tender, staff, 5)
    assert ops.draw_of(tender) is None


@pytest.mark.parametrize("size, message", [(4, "至少5人"), (6, "须为单数")])
def test_the_composition_rule_is_refused_in_chinese(app, staff, size, message):
    make_pool(staff, 9)
    tender, _ = tender_with_bidders(staff)
    with pytest.raises(DomainError, match=message):
        perform(ops.draw_tender_committee, tender, staff, size)


def test_external_experts_must_be_two_thirds(app, staff):
    make_pool(staff, 9)
    tender, _ = tender_with_bidders(staff)
    with pytest.raises(DomainError, match="不足委员会5人的3分之2"):
        perform(ops.draw_tender_committee, tender, staff, 5, representatives=2)


def test_a_tender_is_drawn_once(app, staff):
    make_pool(staff, 9)
    tender, _ = tender_with_bidders(staff)
    perform(ops.draw_tender_committee, tender, staff, 5)
    with pytest.raises(DomainError, match="已抽取"):
        perform(ops.draw_tender_committee, tender, staff, 5)


def test_three_quotes_needs_three(app, staff):
    make_pool(staff, 5)
    tender, _ = tender_with_bidders(staff, 0, procedure=Procedure.QUOTES)
    db.session.commit()  # the refused draw rolls back its transaction
    with pytest.raises(DomainError, match="至少3人"):
        perform(ops.draw_tender_committee, tender, staff, 2)
    draw = perform(ops.draw_tender_committee, tender, staff, 4, reserves=1)  # no odd rule for 三家比价
    assert draw.procedure == "三家比价" and len(draw.members) == 4 and len(draw.reserves) == 1
