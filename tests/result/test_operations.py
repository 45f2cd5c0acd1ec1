"""The result through the operations (no HTTP): the frozen ranking without rejected bids, members' confirmations
and dissent, publicity of at least three days, objections pausing the award, the award notices, 流标, 三家比价."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.models import User
from tender.auth.roles import Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.evaluation import operations as eval_ops
from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.notices.lifecycle import Action, TenderStatus
from tender.notices.procedures import Procedure
from tender.notifications.models import Message
from tender.result import operations as ops
from tender.unit_of_work import perform
from tests.evaluation.panel import top
from tests.factories import make_user, minimal_pdf
from tests.result.helpers import finished, reject_on_finding, scored


def actions() -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.action.like("result.%"))
                                   .order_by(AuditEntry.seq)))


def users_of(company_id) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.company_id == company_id)))


def subjects(user) -> list[str]:
    return list(db.session.scalars(sa.select(Message.subject).where(Message.user_id == user.id)))


def graded(panel):
    """Bid i gets full marks minus i on every expert item: a strict ranking in submission order."""
    def marks(_member_index):
        return {(e.bid_id, leaf.code): top(leaf) - (0 if top(leaf) < 1 else min(i, 1))
                for i, e in enumerate(panel.bidders) for leaf in panel.method().leaves() if leaf.by_experts}
    return marks


def test_finishing_needs_every_sheet_and_the_chair_or_staff(app):
    from tests.evaluation.panel import fill, opened_for_scoring

    panel = opened_for_scoring()
    for member in panel.members[:-1]:
        sheet = perform(eval_ops.open_score_sheet, panel.tender, member)
        fill(sheet, member)
        perform(eval_ops.submit_score_sheet, sheet, member)
    with pytest.raises(DomainError, match="未提交评分表"):
        perform(ops.finish_evaluation, panel.tender, panel.chair, "推荐")
    last = panel.members[-1]
    sheet = perform(eval_ops.open_score_sheet, panel.tender, last)
    fill(sheet, last)
    perform(eval_ops.submit_score_sheet, sheet, last)
    for who in (panel.members[1], make_user(Role.BIDDER), make_user(Role.SUPERVISOR)):
        with pytest.raises(NotAllowed, match="负责人或招标专员"):
            perform(ops.finish_evaluation, panel.tender, who, "推荐")
    with pytest.raises(DomainError, match="请填写推荐意见"):
        perform(ops.finish_evaluation, panel.tender, panel.chair, "  ")
    result = perform(ops.finish_evaluation, panel.tender, panel.chair, "建议确定第一名为中标人")
    assert panel.tender.status is TenderStatus.EVALUATED and not result.failed
    with pytest.raises(DomainError, match="已完成评标"):
        perform(ops.finish_evaluation, panel.tender, panel.staff, "再来一次")
    assert actions() == ["result.finish"]
    assert all(f"请确认评标结果：{panel.tender.title}" in subjects(m) for m in panel.members)


def test_the_snapshot_ranks_valid_bids_only_at_most_three_with_rejected_bids_and_their_grounds(app):
    panel = scored(bids=5)
    rejected = panel.bidders[0]
    reject_on_finding(panel, rejected.bid_id)
    full = panel_results(panel.tender)
    result = perform(ops.finish_evaluation, panel.tender, panel.chair, "推荐")
    assert [r["company"] for r in result.rejected] == [rejected.company_name]
    assert "条例第四十条" in result.rejected[0]["basis"] and "未能合理说明" in result.rejected[0]["reason"]
    assert len(result.candidates) == 3 and [c["rank"] for c in result.candidates] == [1, 2, 3]
    assert rejected.bid_id not in {c["bid_id"] for c in result.candidates}
    # Equal expert marks: the order among the valid bids is the aggregate's, with the rejected bid taken out.
    expected = [r.bidder for r in full.ranking.rows if r.bidder != rejected.company_name][:3]
    assert [c["company"] for c in result.candidates] == expected
    assert {c["total"] for c in result.candidates} == {str(full.totals[c].total) for c in expected}
    assert result.snapshot["valid"] == 4 and result.snapshot["opened"] == 5
    assert result.snapshot["tie_notes"][-1] == "仍相同的，抽签决定"
    # Frozen: a later finding does not change what was finished.
    reject_on_finding(panel, result.candidates[0]["bid_id"])
    db.session.expire_all()
    assert ops.result_of(panel.tender).candidates[0]["company"] == expected[0]


def test_members_confirm_once_a_dissent_needs_reasons_and_outsiders_cannot_sign(app):
    panel = scored()
    result = perform(ops.finish_evaluation, panel.tender, panel.chair, "推荐")
    with pytest.raises(DomainError, match="请填写不同意见及理由"):
        perform(ops.sign_result, result, panel.members[1], False, "")
    with pytest.raises(NotAllowed, match="评标委员会成员"):
        perform(ops.sign_result, result, make_user(Role.EXPERT), True, "")
    perform(ops.sign_result, result, panel.members[1], False, "价格分计算基准有误")
    with pytest.raises(DomainError, match="不能重复"):
        perform(ops.sign_result, result, panel.members[1], True, "")
    assert [m.id for m in ops.unsigned_members(result)] == [m.id for m in panel.members if m is not panel.members[1]]
    with pytest.raises(DomainError, match="尚有评标委员会成员未确认"):
        perform(ops.publicise_candidates, panel.tender, panel.staff, 3)
    signoff = result.signoffs[0]
    assert (signoff.agrees, signoff.dissent) == (False, "价格分计算基准有误")


def test_publicity_is_at_least_three_days_and_bidders_are_told(app):
    panel = scored()
    finished(panel, dissent_by=2)
    with pytest.raises(DomainError, match="不得少于3日"):
        perform(ops.publicise_candidates, panel.tender, panel.staff, 2)
    with pytest.raises(NotAllowed):
        perform(ops.publicise_candidates, panel.tender, panel.chair, 3)
    before = utcnow()
    result = perform(ops.publicise_candidates, panel.tender, panel.staff, 3)
    assert panel.tender.status is TenderStatus.PUBLICISED
    assert timedelta(days=3) <= result.publicity_until - before < timedelta(days=3, minutes=1)
    assert panel.tender.publicity_ends_at == result.publicity_until
    bidder = users_of(panel.bidders[1].company_id)[0]
    assert f"中标候选人公示：{panel.tender.title}" in subjects(bidder)


def test_the_award_waits_for_the_period_and_every_objection_then_notifies_winner_and_others(app):
    panel = scored()
    result = finished(panel, dissent_by=1)
    tender = panel.tender
    with pytest.raises(DomainError, match="已评标”，不能定标"):
        perform(ops.award_tender, tender, panel.staff)
    perform(ops.publicise_candidates, tender, panel.staff, 3)
    with pytest.raises(DomainError, match="公示期满前不能定标"):
        perform(ops.award_tender, tender, panel.staff)
    objector = users_of(panel.bidders[-1].company_id)[0]
    with pytest.raises(DomainError, match="请上传异议的证明材料"):
        perform(ops.lodge_objection, tender, objector, "第一名业绩造假", None, None)
    with pytest.raises(DomainError, match="不是有效的"):
        perform(ops.lodge_objection, tender, objector, "第一名业绩造假", "a.pdf", b"not a pdf")
    with pytest.raises(NotAllowed, match="只有本项目的投标人"):
        perform(ops.lodge_objection, tender, make_user(Role.BIDDER), "旁观者", "a.pdf", minimal_pdf())
    objection = perform(ops.lodge_objection, tender, objector, "第一名业绩造假", "证据.pdf", minimal_pdf())
    assert tender.objections_pending == 1 and objection.sha256
    # The period ends with the objection unanswered: the award still waits.
    tender.publicity_ends_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(DomainError, match="尚有 1 件异议未答复"):
        perform(ops.award_tender, tender, panel.staff)
    with pytest.raises(DomainError, match="公示期已结束"):
        perform(ops.lodge_objection, tender, objector, "再提一次", "b.pdf", minimal_pdf())
    with pytest.raises(NotAllowed):
        perform(ops.answer_objection, objection, objector, "自己答复")
    perform(ops.answer_objection, objection, panel.staff, "经核查，业绩证明真实有效，异议不成立。")
    assert tender.objections_pending == 0 and f"异议答复：{tender.title}" in subjects(objector)
    with pytest.raises(DomainError, match="已答复"):
        perform(ops.answer_objection, objection, panel.staff, "再答")
    perform(ops.award_tender, tender, panel.staff)
    assert tender.status is TenderStatus.AWARDED
    first = result.candidates[0]
    winner = ops.winner_of(tender)
    assert winner.id == first["bid_id"] and winner.company.name == first["company"]
    assert f"中标通知书：{tender.title}" in subjects(users_of(first["company_id"])[0])
    for other in panel.bidders:
        if other.company_id != first["company_id"]:
            got = subjects(users_of(other.company_id)[0])
            assert f"中标结果通知：{tender.title}" in got and f"中标通知书：{tender.title}" not in got
    assert actions() == ["result.finish", *["result.sign"] * 5, "result.publicise", "result.objection",
                         "result.objection.answer", "result.award"]


def test_fewer_than_three_valid_bids_fail_the_tender_with_the_reason(app):
    panel = scored(bids=4)
    reject_on_finding(panel, panel.bidders[0].bid_id, panel.bidders[1].bid_id)
    result = finished(panel)
    assert result.failed and "有效投标不足三个（2 个）" in result.failed_reason
    with pytest.raises(DomainError, match="流标"):
        perform(ops.publicise_candidates, panel.tender, panel.staff, 3)
    with pytest.raises(DomainError, match="流标"):
        perform(ops.award_tender, panel.tender, panel.staff)
    perform(ops.fail_tender, panel.tender, panel.staff)
    assert panel.tender.status is TenderStatus.FAILED
    assert f"流标公告：{panel.tender.title}" in subjects(users_of(panel.bidders[2].company_id)[0])
    assert ops.winner_of(panel.tender) is None


def test_all_bids_rejected_is_a_failure_too(app):
    panel = scored(bids=3)
    reject_on_finding(panel, *(b.bid_id for b in panel.bidders))
    result = perform(ops.finish_evaluation, panel.tender, panel.staff, "全部否决")
    assert result.candidates == [] and result.failed_reason.startswith("全部投标被否决")
    assert len(result.rejected) == 3


def test_a_tender_with_candidates_cannot_be_failed_here(app):
    panel = scored()
    finished(panel)
    with pytest.raises(DomainError, match="不是流标"):
        perform(ops.fail_tender, panel.tender, panel.staff)


def test_three_quotes_award_straight_after_evaluation_without_publicity_or_objections(app):
    panel = scored(bids=3)
    panel.tender.procedure = Procedure.QUOTES
    db.session.commit()
    result = finished(panel)
    with pytest.raises(DomainError, match="不能公示中标候选人"):
        perform(ops.publicise_candidates, panel.tender, panel.staff, 3)
    bidder = users_of(panel.bidders[0].company_id)[0]
    with pytest.raises(DomainError, match="不能对中标候选人提出异议"):
        perform(ops.lodge_objection, panel.tender, bidder, "异议", "a.pdf", minimal_pdf())
    perform(ops.award_tender, panel.tender, panel.staff)
    assert panel.tender.status is TenderStatus.AWARDED
    assert ops.winner_of(panel.tender).id == result.candidates[0]["bid_id"]
    assert Decimal(result.candidates[0]["total"]) >= Decimal(result.candidates[-1]["total"])
    assert not panel.tender.can(Action.OBJECT)
