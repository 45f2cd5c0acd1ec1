"""Score sheets through the operations (no HTTP): who may open one, per-cell versions, reasons at submit,
the lock and the chair's return (audited, the expert told), blind scoring until every sheet is in, and the
aggregate computed by the pure library from the stored marks and the opened prices."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
import sqlalchemy as sa

from scoring.evaluation import serial
from scoring.evaluation.method import Count, Range, Tiers
from scoring.evaluation.outliers import OutlierRule
from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.errors import DomainError, NotAllowed
from tender.evaluation import operations as ops
from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.methods.operations import stored_method
from tender.notices.lifecycle import TenderStatus
from tender.notifications.models import Message
from tender.unit_of_work import perform
from tests.evaluation.panel import fill, opened_for_scoring, show_findings, top
from tests.factories import make_user


def actions(prefix: str = "evaluation.") -> list[str]:
    return list(db.session.scalars(sa.select(AuditEntry.action).where(AuditEntry.action.like(prefix + "%"))
                                   .order_by(AuditEntry.seq)))


def test_opening_a_sheet_needs_a_cleared_member_and_the_findings_shown(app):
    panel = opened_for_scoring(show=False, chair=False)
    member = panel.members[0]
    with pytest.raises(NotAllowed, match="开标后检查结果尚未向评标委员会展示"):
        perform(ops.open_score_sheet, panel.tender, member)
    show_findings(panel.tender, panel.staff)
    outsider = make_user(Role.EXPERT)  # an expert, but not on this committee
    for who in (outsider, panel.staff, make_user(Role.BIDDER)):
        with pytest.raises(NotAllowed, match="不是本项目评标委员会的在任成员"):
            perform(ops.open_score_sheet, panel.tender, who)
    sheet = perform(ops.open_score_sheet, panel.tender, member)
    method = panel.method()
    expert_items = [leaf.code for leaf in method.leaves() if isinstance(leaf.scale, Tiers | Range | Count)]
    assert "P1" not in expert_items and "B1" in expert_items  # the price is computed; a count is entered
    assert sorted((c.bid_id, c.criterion) for c in sheet.cells) == sorted(
        (e.bid_id, code) for e in panel.bidders for code in expert_items)
    assert perform(ops.open_score_sheet, panel.tender, member).id == sheet.id  # a reload opens the same sheet
    assert actions() == ["evaluation.sheet.open"]


def test_cells_autosave_with_their_own_version_and_stale_writes_are_refused(app):
    panel = opened_for_scoring(chair=False)
    expert = panel.members[1]
    sheet = perform(ops.open_score_sheet, panel.tender, expert)
    a, b = sheet.cells[0], sheet.cells[1]
    leaf = panel.method().criterion(a.criterion)
    tiers = sorted(t.points for t in leaf.scale.tiers)
    # Two tabs read both cells at version 0; each writes a different cell: both land.
    perform(ops.save_score_cell, sheet, expert, a.bid_id, a.criterion, tiers[-1], "", 0)
    perform(ops.save_score_cell, sheet, expert, b.bid_id, b.criterion, tiers[0], "未提供", 0)
    db.session.expire_all()
    assert (a.score, a.version, b.score, b.version) == (tiers[-1], 1, tiers[0], 1)
    # The second tab writes cell a again from version 0: refused, and the error carries the current value.
    with pytest.raises(ops.StaleCell, match="已在其他窗口") as stale:
        perform(ops.save_score_cell, sheet, expert, a.bid_id, a.criterion, tiers[1], "", 0)
    assert stale.value.score == tiers[-1] and stale.value.version == 1
    db.session.expire_all()
    assert a.score == tiers[-1]
    with pytest.raises(DomainError, match="须按档次打分"):
        perform(ops.save_score_cell, sheet, expert, a.bid_id, a.criterion, Decimal("0.7"), "", 1)
    with pytest.raises(NotAllowed, match="只能修改本人"):
        perform(ops.save_score_cell, sheet, panel.members[2], a.bid_id, a.criterion, tiers[0], "x", 1)
    perform(ops.save_score_cell, sheet, expert, a.bid_id, a.criterion, None, "", 1)  # cleared again
    db.session.expire_all()
    assert a.score is None and a.version == 2
    panel.tender.status = TenderStatus.EVALUATED  # the evaluation is over: a late autosave changes nothing
    db.session.commit()
    with pytest.raises(NotAllowed, match="不在评标阶段"):
        perform(ops.save_score_cell, sheet, expert, a.bid_id, a.criterion, tiers[0], "迟到的修改", 2)


def test_a_count_is_entered_and_scored_by_the_method_capped_and_checked(app):
    panel = opened_for_scoring(chair=False)
    expert, method = panel.members[0], panel.method()
    sheet = perform(ops.open_score_sheet, panel.tender, expert)
    cells = {(c.bid_id, c.criterion): c for c in sheet.cells}
    leaf = method.criterion("B1")  # 类似项目业绩: 2 points a project, at most 6
    assert isinstance(leaf.scale, Count) and (leaf.scale.points_each, leaf.max_points) == (2, 6)
    first, second = panel.bidders[0].bid_id, panel.bidders[1].bid_id
    two = perform(ops.save_score_cell, sheet, expert, first, "B1", None, "两份合同", 0, count=2)
    nine = perform(ops.save_score_cell, sheet, expert, second, "B1", None, "", 0, count=9)
    db.session.expire_all()
    assert (two.count, two.score, nine.count, nine.score) == (2, Decimal(4), 9, Decimal(6))  # capped at 6
    with pytest.raises(DomainError, match="按数量计分，请填写数量"):  # the points are computed, never typed
        perform(ops.save_score_cell, sheet, expert, first, "B1", Decimal(6), "", 1)
    with pytest.raises(DomainError, match="数量不能为负数"):
        perform(ops.save_score_cell, sheet, expert, first, "B1", None, "", 1, count=-1)
    with pytest.raises(DomainError, match="不能超过999"):
        perform(ops.save_score_cell, sheet, expert, first, "B1", None, "", 1, count=1000)
    with pytest.raises(DomainError, match="不按数量计分"):
        perform(ops.save_score_cell, sheet, expert, first, "T1", None, "", 0, count=3)
    assert cells[(first, "B1")].version == 1 and cells[(first, "B1")].count == 2  # refused writes changed nothing
    perform(ops.save_score_cell, sheet, expert, first, "B1", None, "", 1, count=None)  # cleared again
    db.session.expire_all()
    assert cells[(first, "B1")].score is None and cells[(first, "B1")].count is None
    assert f"{panel.bidders[0].company_name}“类似项目业绩”尚未填写数量" in ops.sheet_problems(sheet)


def test_submit_needs_every_cell_and_a_reason_below_full_marks_then_locks(app):
    panel = opened_for_scoring(chair=False)
    expert = panel.members[0]
    sheet = perform(ops.open_score_sheet, panel.tender, expert)
    with pytest.raises(DomainError, match="尚未评分"):
        perform(ops.submit_score_sheet, sheet, expert)
    fill(sheet, expert, reason="")
    first = sheet.cells[0]
    low = min(t.points for t in panel.method().criterion(first.criterion).scale.tiers)
    perform(ops.save_score_cell, sheet, expert, first.bid_id, first.criterion, low, "", first.version)
    with pytest.raises(DomainError, match="未得满分，须填写理由"):
        perform(ops.submit_score_sheet, sheet, expert)
    perform(ops.save_score_cell, sheet, expert, first.bid_id, first.criterion, low, "方案未提供", first.version)
    perform(ops.submit_score_sheet, sheet, expert)
    assert sheet.submitted and sheet.submitted_at is not None
    with pytest.raises(DomainError, match="评分表已提交"):
        perform(ops.save_score_cell, sheet, expert, first.bid_id, first.criterion, low, "再改", first.version)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "evaluation.sheet.submit"))
    assert [first.bid_id, first.criterion, f"{low:.2f}", "方案未提供"] in entry.after["marks"]


def test_only_the_chair_returns_a_sheet_with_a_reason_and_the_expert_is_told(app):
    panel = opened_for_scoring()
    expert = panel.members[2]
    sheet = perform(ops.open_score_sheet, panel.tender, expert)
    fill(sheet, expert)
    perform(ops.submit_score_sheet, sheet, expert)
    for who in (expert, panel.members[1], panel.staff):
        with pytest.raises(NotAllowed, match="只有评标委员会负责人"):
            perform(ops.return_score_sheet, sheet, who, "请复核")
    with pytest.raises(DomainError, match="请填写退回理由"):
        perform(ops.return_score_sheet, sheet, panel.chair, "  ")
    perform(ops.return_score_sheet, sheet, panel.chair, "第二家技术方案评分理由不充分，请复核")
    assert not sheet.submitted and sheet.return_reason.startswith("第二家")
    told = db.session.scalar(sa.select(Message).where(Message.user_id == expert.id))
    assert "评分表被退回" in told.subject and "请复核" in told.body
    cell = sheet.cells[0]
    perform(ops.save_score_cell, sheet, expert, cell.bid_id, cell.criterion, top(panel.method().criterion(
        cell.criterion)), "复核后维持", cell.version)  # editable again
    assert actions() == ["evaluation.chair", "evaluation.sheet.open", "evaluation.sheet.submit",
                         "evaluation.sheet.return"]
    with pytest.raises(DomainError, match="负责人须为"):
        perform(ops.appoint_chair, panel.tender, panel.staff, make_user(Role.EXPERT))


def test_marks_stay_hidden_until_all_submit_then_the_aggregate_trims_and_warns(app):
    panel = opened_for_scoring()
    method = panel.method()
    planted = panel.members[4]
    target = panel.bidders[0].bid_id
    sheets = {}
    for i, expert in enumerate(panel.members):
        sheet = sheets[expert.id] = perform(ops.open_score_sheet, panel.tender, expert)
        # The planted expert gives bid 1 nothing on three plans (26 points below the others: far; the other
        # experts then stand 26 / 4 = 6.5 above the rest, under the threshold of 10).
        low = {(target, code): Decimal(0) for code in ("T1", "T3", "T4")}
        # Member i proves i similar projects for bid 1: 0, 2, 4, 6, 6 points (2 each, capped at 6).
        marks = (low if expert is planted else {}) | {(target, "B1"): Decimal(2 * i)}
        fill(sheet, expert, marks, reason="未提供相应内容")
        if expert is not panel.members[-1]:
            perform(ops.submit_score_sheet, sheet, expert)
            for who in (expert, panel.chair, panel.staff):
                assert not ops.scores_visible_to(panel.tender, who)
    perform(ops.submit_score_sheet, sheets[panel.members[-1].id], panel.members[-1])
    assert ops.all_submitted(panel.tender)
    assert ops.scores_visible_to(panel.tender, panel.chair) and ops.scores_visible_to(panel.tender, panel.staff)
    assert not ops.scores_visible_to(panel.tender, panel.members[1])  # a member who is not the chair
    assert not ops.scores_visible_to(panel.tender, make_user(Role.BIDDER))
    results = panel_results(panel.tender)
    first = panel.bidders[0].company_name
    # Five experts: the planted 0 is dropped as the lowest, so every trimmed mean is full marks.
    for leaf in (item for item in results.items if item.code != "B1"):
        averaged = results.averaged[(first, leaf.code)]
        low = Decimal(0) if leaf.code in ("T1", "T3", "T4") else top(leaf)
        assert averaged.dropped == (low, top(leaf)) and averaged.mean == top(leaf)
    # The count item is on every sheet: its points are trimmed like any mark and counted in the business part.
    counted = results.averaged[(first, "B1")]
    assert counted.dropped == (Decimal(0), Decimal(6)) and counted.mean == Decimal(4)
    assert results.counted[(planted.name, first, "B1")] == 4  # the count entered, shown beside its points
    assert results.totals[first].parts["商务"] == Decimal(4) + top(method.criterion("B2"))
    other = panel.bidders[1].company_name
    assert results.totals[other].parts["商务"] == Decimal(10)
    # The price item from the opening record: the lowest total gets the full 30 points.
    price = results.prices[0]
    lowest = min(panel.bidders, key=lambda e: e.annual_total).company_name
    assert price.result.score_of(lowest) == Decimal("30.00") and "保留2位小数" in price.result.scores[0].rounding_note
    assert results.ranking.rows[0].bidder == lowest
    far = [w for w in results.warnings if w.kind == "far"]
    assert [(w.expert, w.bidder) for w in far] == [(planted.name, first)]
    assert method.trim.drop_from == 5 and "去掉一个最高分和一个最低分" in results.trim_note
    assert "达到提示阈值10分" in far[0].text and "相差10分及以上" in results.outlier_note
    # The thresholds are the published method's: published with 30 points, the planted 23 warns no one.
    row = stored_method(panel.tender)
    row.body = serial.dumps(dataclasses.replace(method, outliers=OutlierRule(far_points=Decimal(30))))
    db.session.flush()
    relaxed = panel_results(panel.tender)
    assert [w for w in relaxed.warnings if w.kind == "far"] == [] and "相差30分及以上" in relaxed.outlier_note
