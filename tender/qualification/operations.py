"""Qualification review: staff define the checklist, bidders answer item by item, staff decide and notify.

办法 (prequalification): those who pass get a 资格预审合格通知书; if too many pass,
the tenderer keeps not fewer than 5 (a per-tender setting, 3 for invitation procedures).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES
from tender.bidders.operations import UPLOAD_KINDS, add_company_file, ensure_version
from tender.db import snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.links import path_for
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notifications.operations import notify
from tender.qualification.models import (
    DEFAULT_KEEP_MINIMUM,
    ITEM_KINDS,
    QualificationAnswer,
    QualificationItem,
    QualificationPlan,
    QualificationSubmission,
    ReviewDecision,
    SubmissionStatus,
)

ITEM_FIELDS = ("title", "kind", "min_value", "evidence", "needs_file", "position")


def current_plan(tender: Tender) -> QualificationPlan:
    """The saved settings, or unsaved defaults for the procedure (not added to the session)."""
    plan = db.session.scalar(sa.select(QualificationPlan).where(QualificationPlan.tender_id == tender.id))
    return plan or QualificationPlan(tender_id=tender.id, keep_minimum=DEFAULT_KEEP_MINIMUM[tender.procedure],
                                     scored=False, control_threshold=Decimal("50"))


def plan_for(tender: Tender) -> QualificationPlan:
    plan = current_plan(tender)
    if plan.id is None:
        db.session.add(plan)
        db.session.flush()
    return plan


def items_of(tender: Tender) -> list[QualificationItem]:
    return list(db.session.scalars(sa.select(QualificationItem).where(QualificationItem.tender_id == tender.id)
                                   .order_by(QualificationItem.position, QualificationItem.id)))


def _checklist_open(tender: Tender) -> None:
    submitted = db.session.scalar(sa.select(sa.func.count(QualificationSubmission.id)).where(
        QualificationSubmission.tender_id == tender.id, QualificationSubmission.status != SubmissionStatus.DRAFT))
    if submitted:
        raise DomainError("已有投标人提交资格审查材料，审查清单不能再修改。")


def save_plan(tender: Tender, actor: User, *, keep_count: int | None, keep_minimum: int, scored: bool,
              control_threshold: Decimal) -> QualificationPlan:
    if keep_minimum < 1:
        raise DomainError("保留数量下限至少为 1。", field="keep_minimum")
    if keep_count is not None and keep_count < keep_minimum:
        raise DomainError(f"合格者过多时保留的数量不得少于 {keep_minimum} 家。", field="keep_count")
    if not Decimal(0) < control_threshold < Decimal(100):
        raise DomainError("控股比例阈值须在 0 与 100 之间。", field="control_threshold")
    plan = plan_for(tender)
    fields = ("keep_count", "keep_minimum", "scored", "control_threshold")
    before = snapshot(plan, fields)
    plan.keep_count, plan.keep_minimum, plan.scored = keep_count, keep_minimum, scored
    plan.control_threshold = control_threshold
    db.session.flush()
    record(actor, "qualification.plan", plan, before=before, after=snapshot(plan, fields),
           summary=f"资格审查设置：{tender.title}")
    return plan


def add_item(tender: Tender, actor: User, *, title: str, kind: str, min_value: Decimal | None, evidence: str,
             needs_file: bool = True) -> QualificationItem:
    _checklist_open(tender)
    if kind not in ITEM_KINDS:
        raise DomainError("请选择审查项类型。", field="kind")
    if ITEM_KINDS[kind][1] and min_value is None:
        raise DomainError(f"“{ITEM_KINDS[kind][0]}”类审查项须填写最低要求。", field="min_value")
    position = len(items_of(tender)) + 1
    item = QualificationItem(tender_id=tender.id, position=position, title=title.strip(), kind=kind,
                             min_value=min_value if ITEM_KINDS[kind][1] else None, evidence=(evidence or "").strip(),
                             needs_file=needs_file)
    db.session.add(item)
    db.session.flush()
    record(actor, "qualification.item.add", item, after=snapshot(item, ITEM_FIELDS),
           summary=f"新增资格审查项：{item.title}")
    return item


def remove_item(item: QualificationItem, actor: User) -> None:
    tender = db.session.get(Tender, item.tender_id)
    _checklist_open(tender)
    before = snapshot(item, ITEM_FIELDS)
    answers = db.session.execute(sa.select(QualificationAnswer.id, QualificationAnswer.value)
                                 .where(QualificationAnswer.item_id == item.id)).all()
    db.session.execute(sa.delete(QualificationAnswer).where(QualificationAnswer.item_id == item.id))
    db.session.delete(item)
    db.session.flush()
    for answer_id, value in answers:  # each deleted row has its own delete entry (`audit verify --rows`)
        record(actor, "qualification.answer.remove", object_type="qualification_answers", object_id=answer_id,
               before={"value": value}, summary=f"随审查项删除填报内容：{before['title']}")
    record(actor, "qualification.item.remove", object_type="qualification_items", object_id=item.id,
           before=before, summary=f"删除资格审查项：{before['title']}")


def submission_for(tender: Tender, company_id: int, create: bool = False) -> QualificationSubmission | None:
    found = db.session.scalar(sa.select(QualificationSubmission).where(
        QualificationSubmission.tender_id == tender.id, QualificationSubmission.company_id == company_id))
    if found is None and create:
        found = QualificationSubmission(tender_id=tender.id, company_id=company_id)
        db.session.add(found)
        db.session.flush()
    return found


def _answerable(tender: Tender, actor: User, now: datetime) -> None:
    if not tender.is_registered(actor.company_id):
        raise NotAllowed("报名后才能提交资格审查材料。")
    if not tender.can(Action.QUALIFY, now=now):
        raise DomainError("资格审查材料提交已截止。")


def answer_item(tender: Tender, actor: User, item: QualificationItem, value: str, filename: str | None = None,
                data: bytes | None = None, now: datetime | None = None) -> QualificationAnswer:
    """Save one answer; a new evidence file replaces the earlier one (which stays on record)."""
    _answerable(tender, actor, now or utcnow())
    if item.tender_id != tender.id:
        raise DomainError("该审查项不属于本项目。")
    value = (value or "").strip()
    if item.numeric:
        try:
            Decimal(value)
        except InvalidOperation:
            raise DomainError(f"“{item.title}”请填写数字。", field="value") from None
    submission = submission_for(tender, actor.company_id, create=True)
    if submission.status is not SubmissionStatus.DRAFT:
        raise DomainError("资格审查材料已提交，不能再修改。")
    answer = submission.answer_for(item.id)
    if answer is None:
        answer = QualificationAnswer(submission=submission, item_id=item.id, answered_by_id=actor.id)
        db.session.add(answer)
    if filename or data:  # an empty file is refused by the upload check, never silently ignored
        answer.file = add_company_file(submission.company, actor, "evidence", item.title, filename or "", data)
    if item.needs_file and answer.file is None:
        raise DomainError(f"“{item.title}”须上传证明材料（{'、'.join(k.upper() for k in UPLOAD_KINDS)}）。",
                          field="file")
    answer.value, answer.answered_by_id, answer.answered_at = value, actor.id, utcnow()
    db.session.flush()
    record(actor, "qualification.answer", answer, after={"item": item.title, "value": value,
                                                          "file_sha256": answer.file.sha256 if answer.file else None},
           summary=f"填报资格审查项：{item.title}")
    return answer


def submit_qualification(tender: Tender, actor: User, now: datetime | None = None) -> QualificationSubmission:
    _answerable(tender, actor, now or utcnow())
    submission = submission_for(tender, actor.company_id)
    if submission is not None and submission.status is not SubmissionStatus.DRAFT:
        raise DomainError("资格审查材料已提交，无需重复提交。")
    items = items_of(tender)
    if not items:
        raise DomainError("本项目尚未设置资格审查清单。")
    missing = [i.title for i in items if submission is None or submission.answer_for(i.id) is None]
    if missing:
        raise DomainError(f"以下审查项尚未填报：{'、'.join(missing)}。")
    submission.company_version = ensure_version(submission.company, actor)
    submission.status, submission.submitted_at, submission.submitted_by_id = (
        SubmissionStatus.SUBMITTED, utcnow(), actor.id)
    db.session.flush()
    record(actor, "qualification.submit", submission, after={"company_version": submission.company_version},
           summary=f"提交资格审查材料：{tender.title}")
    staff = db.session.scalars(sa.select(User).where(User.role.in_(list(STAFF_ROLES)))).all()
    notify(staff, f"资格审查材料待审：{tender.title}", f"{submission.company.name} 已提交资格审查材料。",
           link=path_for("qualification.review", tender_id=tender.id, submission_id=submission.id),
           topic="qualification", topic_id=submission.id)
    return submission


def review_answer(answer: QualificationAnswer, actor: User, decision: str, reason: str) -> None:
    if answer.submission.status is not SubmissionStatus.SUBMITTED:
        raise DomainError("该资格审查已有结论或尚未提交，不能再修改单项意见。")
    if decision not in {d.value for d in ReviewDecision}:
        raise DomainError("请选择合格或不合格。", field="decision")
    reason = (reason or "").strip()
    if decision == ReviewDecision.FAIL.value and not reason:
        raise DomainError("判定不合格时必须填写理由。", field="reason")
    before = snapshot(answer, ("decision", "reason"))
    answer.decision, answer.reason, answer.reviewed_by_id, answer.reviewed_at = decision, reason, actor.id, utcnow()
    db.session.flush()
    record(actor, "qualification.review", answer, before=before, after=snapshot(answer, ("decision", "reason")),
           summary=f"审查意见：{answer.item.title} {ReviewDecision(decision).label}")


def conclude_review(submission: QualificationSubmission, actor: User, score: Decimal | None = None) -> None:
    """All items reviewed → 合格 only if every item passed; the bidder is told the reason for each failure."""
    if submission.status is not SubmissionStatus.SUBMITTED:
        raise DomainError("该资格审查已有结论。")
    pending = [a.item.title for a in submission.answers if a.decision is None]
    if pending:
        raise DomainError(f"以下审查项尚未给出意见：{'、'.join(pending)}。")
    failed = [a for a in submission.answers if a.failed]
    plan = current_plan(submission.tender)
    if plan.scored and not failed and score is None:
        raise DomainError("本项目按资格预审得分择优，请填写得分。", field="score")
    submission.status = SubmissionStatus.FAILED if failed else SubmissionStatus.PASSED
    submission.score = score if not failed else None
    submission.concluded_at, submission.concluded_by_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "qualification.conclude", submission, after={
        "status": submission.status.value, "score": str(score) if score is not None else None,
        "reasons": {a.item.title: a.reason for a in failed}},
        summary=f"资格审查结论：{submission.company.name} {submission.status.label}")
    _notify_result(submission, failed)


def _notify_result(submission: QualificationSubmission, failed: list[QualificationAnswer]) -> None:
    tender = submission.tender
    if failed:
        subject = f"资格审查不合格通知书：{tender.title}"
        body = "经审查，贵公司资格审查不合格，理由如下：\n" + "\n".join(f"· {a.item.title}：{a.reason}" for a in failed)
    else:
        subject = f"资格预审合格通知书：{tender.title}"
        body = f"经审查，贵公司通过“{tender.title}”资格审查。"
    notify(submission.company.users, subject, body,
           link=path_for("qualification.mine", tender_id=tender.id), topic="qualification", topic_id=submission.id)


def shortlist(tender: Tender, actor: User, keep_ids: list[int] | None = None) -> list[QualificationSubmission]:
    """Too many passed: keep the best by score (ties at the cut all stay), or staff's choice of at least the minimum."""
    plan = current_plan(tender)
    passed = [s for s in db.session.scalars(sa.select(QualificationSubmission).where(
        QualificationSubmission.tender_id == tender.id, QualificationSubmission.status == SubmissionStatus.PASSED))]
    if plan.keep_count is None or len(passed) <= plan.keep_count:
        raise DomainError("合格单位未超过拟保留数量，全部入围，无需择优。")
    keep = max(plan.keep_count, plan.keep_minimum)
    if plan.scored:
        ranked = sorted(passed, key=lambda s: s.score, reverse=True)
        cut = ranked[keep - 1].score
        kept = {s.id for s in ranked if s.score >= cut}
    else:
        kept = set(keep_ids or ())
        if not kept <= {s.id for s in passed}:
            raise DomainError("所选单位不在合格名单中。")
        if len(kept) < plan.keep_minimum:
            raise DomainError(f"合格者过多时保留的单位不得少于 {plan.keep_minimum} 家。")
    for submission in passed:
        submission.shortlisted = submission.id in kept
    db.session.flush()
    record(actor, "qualification.shortlist", tender, after={"kept": sorted(kept),
                                                           "dropped": sorted(s.id for s in passed if s.id not in kept)},
           summary=f"资格预审择优：保留 {len(kept)} 家，共 {len(passed)} 家合格")
    for submission in passed:
        if not submission.shortlisted:
            notify(submission.company.users, f"资格预审结果：{tender.title}",
                   "贵公司资格预审合格，但因合格单位超过招标人拟邀请数量，经择优未能入围。",
                   link=path_for("qualification.mine", tender_id=tender.id), topic="qualification",
                   topic_id=submission.id)
    return [s for s in passed if s.shortlisted]
