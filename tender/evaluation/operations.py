"""Opening, autosaving, submitting and returning score sheets; each submit and return audited.

Who may score (issue 12 scope 4): a sitting member who declared no conflict
(`expert_cleared`), once staff recorded that the panel saw the post-opening findings
(`may_open_score_sheet`), while the tender is opened or under evaluation. Each expert
scores alone: nothing here hands one expert's marks to another before every sheet is in
(`scores_visible_to`). A cell is written with a compare-and-set on its own version, so
two tabs never overwrite each other's cells and a stale write to one cell is refused.
The caller commits.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from scoring.evaluation.method import (
    Count,
    Criterion,
    MethodError,
    ScoringMethod,
    check_mark,
    count_score,
    needs_reason,
)
from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import OVERSEERS, STAFF_ROLES, Role
from tender.committee.operations import draw_of
from tender.committee.permissions import expert_cleared
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.evaluation.models import REASON_LENGTH, PanelChair, ScoreCell, ScoreSheet, SheetStatus
from tender.extensions import db
from tender.findings.operations import may_open_score_sheet
from tender.links import path_for
from tender.methods.operations import method_of
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notifications.operations import notify

STALE = "该项评分已在其他窗口或设备上修改，页面已显示最新的分数，请核对后再改。"
LOCKED = "评分表已提交，不能再修改；如需修改，请评标委员会负责人退回。"


class StaleCell(DomainError):
    """A write that read an older version of the cell; carries the cell's values as they now stand
    (copied: the transaction is rolled back when this is raised)."""

    def __init__(self, cell: ScoreCell):
        super().__init__(STALE)
        self.score, self.count, self.reason, self.version = cell.score, cell.count, cell.reason, cell.version


@dataclass(frozen=True)
class SavedCell:
    """A cell as one write stored it, read from the write itself: the caller's commit expires the row, and the
    autosave's answer should not read it back."""

    score: Decimal | None
    count: int | None
    reason: str
    version: int


@dataclass(frozen=True)
class ScoredBid:
    """An opened bid as the panel scores it: the opening record's entry, without its price."""

    bid_id: int
    position: int
    company: str


def in_evaluation(tender: Tender) -> bool:
    """Opened and not yet evaluated: the states from which evaluation starts or finishes."""
    return tender.can(Action.START_EVALUATION) or tender.can(Action.FINISH_EVALUATION)


def scoring_refusal(tender: Tender, user) -> str | None:
    """Why `user` may not open a score sheet of `tender` now, in Chinese; None when allowed."""
    reason = standing_refusal(tender, user)
    if reason is None and (method_of(tender) is None or not scored_bids(tender)):
        return "本项目没有已发布的评分办法或尚无开标记录，不能评分。"
    return reason


def standing_refusal(tender: Tender, user) -> str | None:
    """What can change while a sheet is open: the seat and declaration, the findings shown, the tender's state.
    (The method and the opened bids cannot: a sheet exists only once both did, so a write skips them.)"""
    if not expert_cleared(tender, user):
        return "您不是本项目评标委员会的在任成员，或尚未签署无利害关系声明，不能评分。"
    if not may_open_score_sheet(tender, user):
        return "开标后检查结果尚未向评标委员会展示，请等待招标专员展示后再评分。"
    if not in_evaluation(tender):
        return f"项目当前状态为“{tender.current_status.label}”，不在评标阶段。"
    return None


def scored_bids(tender: Tender) -> list[ScoredBid]:
    """The bids read out at the opening, in the record's order (submission order)."""
    rec = getattr(tender, "opening_record", None)
    if rec is None or rec.building:
        return []
    return [ScoredBid(e.bid_id, e.position, e.company_name) for e in rec.entries]


def expert_items(method: ScoringMethod) -> list[Criterion]:
    """The leaves on each expert's sheet (tiers, ranges, counts); prices are computed once."""
    return [leaf for leaf in method.leaves() if leaf.by_experts]


def sheet_of(tender: Tender, expert) -> ScoreSheet | None:
    return db.session.scalar(sa.select(ScoreSheet).where(ScoreSheet.tender_id == tender.id,
                                                         ScoreSheet.expert_id == expert.id))


def open_score_sheet(tender: Tender, actor: User) -> ScoreSheet:
    """The expert's sheet, made on first opening with an empty cell per bid and expert-scored item."""
    reason = scoring_refusal(tender, actor)
    if reason is not None:
        raise NotAllowed(reason)
    sheet = sheet_of(tender, actor)
    if sheet is not None:
        return sheet
    sheet = ScoreSheet(tender_id=tender.id, expert_id=actor.id, status=SheetStatus.DRAFT, opened_at=utcnow())
    db.session.add(sheet)
    for bid in scored_bids(tender):
        for leaf in expert_items(method_of(tender)):
            sheet.cells.append(ScoreCell(bid_id=bid.bid_id, criterion=leaf.code, version=0, reason=""))
    db.session.flush()
    record(actor, "evaluation.sheet.open", sheet, after={"cells": len(sheet.cells)},
           summary=f"{actor.name}开始评分：{tender.title}")
    return sheet


def _lock(sheet: ScoreSheet) -> None:
    """Lock the sheet row and read it again, in one statement (PostgreSQL: a submit, a return and a cell
    write take turns)."""
    db.session.scalar(sa.select(ScoreSheet).where(ScoreSheet.id == sheet.id).with_for_update()
                      .execution_options(populate_existing=True))


def _locked_sheet(sheet: ScoreSheet, actor) -> ScoreSheet:
    """The expert's own sheet, still open and the expert still allowed to score, locked for this change."""
    if getattr(actor, "id", None) != sheet.expert_id:
        raise NotAllowed("只能修改本人的评分表。")
    reason = standing_refusal(sheet.tender, actor)
    if reason is not None:
        raise NotAllowed(reason)
    _lock(sheet)
    if sheet.submitted:
        raise DomainError(LOCKED)
    return sheet


def save_score_cell(sheet: ScoreSheet, actor: User, bid_id: int, criterion: str, score: Decimal | None, reason: str,
                    expected_version: int, count: int | None = None) -> SavedCell:
    """One autosaved cell: a draft may be incomplete or lack a reason (checked at submit), never off the scale.
    A counted item takes `count` and stores the points the method gives for it; the others take `score`.
    The autosave is the busiest request of the evaluation (issue 12 acceptance 5): the seat and the method are
    read once, and the compare-and-set write returns the stored cell."""
    _locked_sheet(sheet, actor)
    leaf = _sheet_leaf(method_of(sheet.tender), criterion)
    value, count = _entered(leaf, score, count)
    reason = (reason or "").strip()
    if len(reason) > REASON_LENGTH:
        raise DomainError(f"理由不能超过 {REASON_LENGTH} 字。", field="reason")
    where = (ScoreCell.sheet_id == sheet.id, ScoreCell.bid_id == bid_id, ScoreCell.criterion == criterion)
    cell = db.session.scalar(sa.update(ScoreCell).where(*where, ScoreCell.version == expected_version)
                             .values(score=value, count=count, reason=reason, version=expected_version + 1,
                                     updated_at=utcnow()).returning(ScoreCell)
                             .execution_options(synchronize_session=False, populate_existing=True))
    if cell is not None:
        return SavedCell(cell.score, cell.count, cell.reason, cell.version)
    cell = db.session.scalar(sa.select(ScoreCell).where(*where).execution_options(populate_existing=True))
    if cell is None:
        raise DomainError("评分表中没有该投标人的该评分项。")
    raise StaleCell(cell)


def _sheet_leaf(method: ScoringMethod, criterion: str) -> Criterion:
    """The method's leaf of a cell; an unknown code or a price item is no cell of any sheet."""
    try:
        leaf = method.criterion(criterion)
    except MethodError:
        leaf = None
    if leaf is None or not leaf.by_experts:
        raise DomainError("评分表中没有该投标人的该评分项。")
    return leaf


def _entered(leaf: Criterion, score, count) -> tuple[Decimal | None, int | None]:
    """(points, count) as stored: the mark checked against the method, or the count's points."""
    counted = isinstance(leaf.scale, Count)
    try:
        if counted:
            if score is not None:
                raise MethodError(f"“{leaf.title}”按数量计分，请填写数量，分数由系统计算")
            return (None, None) if count is None else (count_score(leaf, count), count)
        if count is not None:
            raise MethodError(f"“{leaf.title}”不按数量计分，请直接打分")
        return (None if score is None else check_mark(leaf, score)), None
    except MethodError as e:
        raise DomainError(str(e), field="count" if counted else "score") from e


def sheet_problems(sheet: ScoreSheet) -> list[str]:
    """What stops a submit: an empty cell, or a mark below full marks without a reason."""
    method, names = method_of(sheet.tender), {b.bid_id: b.company for b in scored_bids(sheet.tender)}
    problems = []
    for cell in sheet.cells:
        leaf = method.criterion(cell.criterion)
        where = f"{names.get(cell.bid_id, cell.bid_id)}“{leaf.title}”"
        if cell.score is None:
            problems.append(f"{where}{'尚未填写数量' if isinstance(leaf.scale, Count) else '尚未评分'}")
        elif needs_reason(leaf, cell.score) and not cell.reason.strip():
            problems.append(f"{where}未得满分，须填写理由")
    return problems


def submit_score_sheet(sheet: ScoreSheet, actor: User) -> ScoreSheet:
    """Submitting locks the sheet; the marks as submitted go into the audit trail."""
    _locked_sheet(sheet, actor)
    problems = sheet_problems(sheet)
    if problems:
        more = f"等 {len(problems)} 处" if len(problems) > 3 else ""
        raise DomainError("不能提交：" + "；".join(problems[:3]) + more + "。")
    sheet.status, sheet.submitted_at = SheetStatus.SUBMITTED, utcnow()
    db.session.flush()
    record(actor, "evaluation.sheet.submit", sheet, before={"status": SheetStatus.DRAFT.value},
           after={"status": sheet.status.value, "marks": [[c.bid_id, c.criterion, str(c.score), c.reason]
                                                         + ([c.count] if c.count is not None else [])
                                                         for c in sheet.cells]},
           summary=f"{actor.name}提交评分表：{sheet.tender.title}")
    if all_submitted(sheet.tender):
        notify(_overseers_and_chair(sheet.tender), f"评分表已全部提交：{sheet.tender.title}",
               "评标委员会全部成员已提交评分表，可查看汇总结果。",
               link=path_for("evaluation.panel", tender_id=sheet.tender_id), topic="tender", topic_id=sheet.tender_id)
    return sheet


def _overseers_and_chair(tender: Tender) -> list[User]:
    users = list(db.session.scalars(sa.select(User).where(User.role.in_(STAFF_ROLES))))
    chair = chair_of(tender)
    return users + ([chair.expert] if chair else [])


def chair_of(tender: Tender) -> PanelChair | None:
    return db.session.scalar(sa.select(PanelChair).where(PanelChair.tender_id == tender.id))


def is_chair(tender: Tender, user) -> bool:
    chair = chair_of(tender)
    return chair is not None and getattr(user, "id", None) == chair.expert_id and expert_cleared(tender, user)


def appoint_chair(tender: Tender, actor: User, expert: User) -> PanelChair:
    """The tenderer names the chair from the sitting, cleared members; a later appointment replaces it."""
    if actor.role not in STAFF_ROLES:
        raise NotAllowed("只有招标专员可以确定评标委员会负责人。")
    if not expert_cleared(tender, expert):
        raise DomainError("负责人须为已签署无利害关系声明的在任委员。", field="expert")
    chair = chair_of(tender)
    before = {"expert_id": chair.expert_id} if chair else None
    if chair is None:
        chair = PanelChair(tender_id=tender.id, expert_id=expert.id)
        db.session.add(chair)
    chair.expert_id, chair.appointed_by_id, chair.appointed_at = expert.id, actor.id, utcnow()
    db.session.flush()
    record(actor, "evaluation.chair", chair, before=before, after={"expert_id": expert.id},
           summary=f"确定评标委员会负责人：{expert.name}")
    return chair


def return_score_sheet(sheet: ScoreSheet, actor: User, reason: str) -> ScoreSheet:
    """The chair sends a submitted sheet back with a reason (logged); the expert is told and may edit again."""
    if not is_chair(sheet.tender, actor):
        raise NotAllowed("只有评标委员会负责人可以退回评分表。")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写退回理由。", field="reason")
    if len(reason) > REASON_LENGTH:
        raise DomainError(f"退回理由不能超过 {REASON_LENGTH} 字。", field="reason")
    _lock(sheet)
    if not sheet.submitted:
        raise DomainError("该评分表尚未提交，无需退回。")
    sheet.status, sheet.submitted_at = SheetStatus.DRAFT, None
    sheet.return_reason, sheet.returned_by_id, sheet.returned_at = reason, actor.id, utcnow()
    db.session.flush()
    record(actor, "evaluation.sheet.return", sheet, before={"status": SheetStatus.SUBMITTED.value},
           after={"status": sheet.status.value, "reason": reason},
           summary=f"退回{sheet.expert.name}的评分表：{reason}")
    notify([sheet.expert], f"评分表被退回：{sheet.tender.title}", f"退回理由：{reason}",
           link=path_for("evaluation.sheet", tender_id=sheet.tender_id), topic="tender", topic_id=sheet.tender_id)
    return sheet


def sheets_of(tender: Tender) -> dict[int, ScoreSheet]:
    """expert id → sheet, for the sitting members who opened one."""
    return {s.expert_id: s for s in db.session.scalars(sa.select(ScoreSheet).where(ScoreSheet.tender_id == tender.id))}


def all_submitted(tender: Tender) -> bool:
    """Every sitting member has submitted: only then does anyone see marks other than their own."""
    draw = draw_of(tender)
    if draw is None or not draw.member_ids():
        return False
    sheets = sheets_of(tender)
    return all(m in sheets and sheets[m].submitted for m in draw.member_ids())


def scores_visible_to(tender: Tender, user) -> bool:
    """Marks of the whole panel, and the prices beside them: after every sheet is in, for the chair,
    staff and the supervisor; never to an ordinary member or a bidder (scoring is blind and independent)."""
    if not getattr(user, "is_authenticated", False) or not all_submitted(tender):
        return False
    return user.role in OVERSEERS or (user.role is Role.EXPERT and is_chair(tender, user))


def may_see_panel(tender: Tender, user) -> bool:
    """Who submitted (not what): staff, the supervisor and the chair."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in OVERSEERS or (user.role is Role.EXPERT and is_chair(tender, user))


def marks_of(tender: Tender) -> list[tuple[ScoreSheet, ScoreCell]]:
    sheets = [s for s in sheets_of(tender).values() if s.submitted]
    return [(s, c) for s in sorted(sheets, key=lambda s: s.expert_id) for c in s.cells]
