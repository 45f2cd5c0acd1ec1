"""A tender whose committee has submitted every sheet (tests/evaluation/panel.py), and the result steps after it."""
from __future__ import annotations

from datetime import timedelta

from tender.db import utcnow
from tender.evaluation import operations as eval_ops
from tender.extensions import db
from tender.findings.models import CommitteeDecision, Finding, FindingKind, FindingStatus
from tender.result import operations as ops
from tender.unit_of_work import perform
from tests import worlds
from tests.evaluation.panel import Panel, fill, opened_for_scoring


def scored(bids: int = 4, marks=None):
    """Every member fills and submits; `marks(member_index)` gives the fill's mark function or mapping.

    With full marks (no `marks`) built once per session, then restored (tests/worlds.py)."""
    if marks is None:
        return worlds.cached(("scored", bids), lambda: _scored(bids, None), Panel.ids, Panel.load)
    return _scored(bids, marks)


def _scored(bids: int, marks):
    panel = opened_for_scoring(bids=bids)
    for i, member in enumerate(panel.members):
        sheet = perform(eval_ops.open_score_sheet, panel.tender, member)
        if marks is None:
            fill(sheet, member)
        else:
            fill(sheet, member, marks(i), reason="依据投标文件")
        perform(eval_ops.submit_score_sheet, sheet, member)
    return panel


def reject_on_finding(panel, *bid_ids, note="两份投标文件异常一致，投标人未能合理说明"):
    finding = Finding(tender_id=panel.tender.id, key=f"test-{bid_ids}", kind=FindingKind.COPY_PAIR,
                      basis="条例第四十条第（四）项", bid_ids=list(bid_ids), summary="技术方案文字高度雷同",
                      status=FindingStatus.REFERRED, decision=CommitteeDecision.REJECT.value, decision_note=note,
                      decided_by_id=panel.chair.id, decided_at=utcnow())
    db.session.add(finding)
    db.session.commit()
    return finding


def finished(panel, dissent_by: int | None = None):
    """The chair finishes; every member confirms, member `dissent_by` (an index) with a written dissent."""
    result = perform(ops.finish_evaluation, panel.tender, panel.chair, "建议按排序确定中标人")
    for i, member in enumerate(panel.members):
        if i == dissent_by:
            perform(ops.sign_result, result, member, False, "第二名的服务方案更切合本项目")
        else:
            perform(ops.sign_result, result, member, True, "")
    return result


def past_publicity(tender, minutes: int = 1):
    return tender.publicity_ends_at + timedelta(minutes=minutes)
