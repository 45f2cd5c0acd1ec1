"""Finishing the evaluation, members' confirmations, candidate publicity, objections, the award and 流标.

The order is the law's: the committee finishes with at most three ranked candidates and every
member confirms or writes a dissent (条例第五十三条); staff publicise the candidates for at
least three days and answer each objection, the award waiting meanwhile (第五十四条); then the
award notice to the winner and a result notice to every other bidder (第五十五条; 招标投标法第四十五条).
三家比价 has no publicity: it awards straight after the evaluation. The caller commits.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from scoring.evaluation.aggregate import rank_bids
from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES, Role
from tender.bids.models import Bid
from tender.committee.operations import draw_of
from tender.db import to_local, utcnow
from tender.errors import DomainError, NotAllowed, clean_text
from tender.evaluation.operations import all_submitted, is_chair
from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.files import store_bytes
from tender.links import path_for
from tender.lowprice.queries import undecided_requests
from tender.methods.operations import method_of
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notifications.operations import notify
from tender.result.models import TEXT_LENGTH, EvaluationResult, MemberSignoff, Objection
from tender.result.rejections import rejections_of

CANDIDATES = 3  # 条例第五十三条: 推荐的中标候选人应当不超过3个，并标明排序
MIN_VALID = 3  # fewer valid bids than this: no competition, the tender is run again
MIN_PUBLICITY_DAYS, MAX_PUBLICITY_DAYS = 3, 30  # 条例第五十四条: 公示期不得少于3日
EVIDENCE_KINDS = ("pdf", "docx", "jpg", "png")


def result_of(tender: Tender) -> EvaluationResult | None:
    return db.session.scalar(sa.select(EvaluationResult).where(EvaluationResult.tender_id == tender.id))


def _text(value: str | None, label: str, field: str, required: bool = True) -> str:
    return clean_text(value, field=field, label=label, limit=TEXT_LENGTH, required=required)


def build_snapshot(tender: Tender) -> dict:
    """The ranking of the valid bids by the published tie-breaks, and the rejected bids with their grounds."""
    results = panel_results(tender)
    entries = {e.company_name: e for e in tender.opening_record.entries}
    rejected = rejections_of(tender)
    valid = [total for name, total in results.totals.items() if entries[name].bid_id not in rejected]
    ranking = rank_bids(valid, method_of(tender).tie_breaks, lot_seed=results.ranking.lot_seed)
    candidates = [{"rank": row.rank, "bid_id": entries[row.bidder].bid_id, "company_id": entries[row.bidder].company_id,
                   "company": row.bidder, "total": str(row.total),
                   "price": None if entries[row.bidder].annual_total is None else str(entries[row.bidder].annual_total),
                   "decided_by": row.decided_by} for row in ranking.rows[:CANDIDATES]]
    by_bid = {e.bid_id: e.company_name for e in entries.values()}
    return {"candidates": candidates, "tie_notes": list(ranking.rules), "lot_seed": ranking.lot_seed,
            "opened": len(entries), "valid": len(valid),
            "rejected": [{**r.as_dict(), "company": by_bid.get(bid_id, str(bid_id))}
                         for bid_id, found in rejected.items() for r in found]}


def _failure(snapshot: dict) -> str:
    if snapshot["valid"] == 0:
        return "全部投标被否决，本次招标失败，须重新招标。"
    if snapshot["valid"] < MIN_VALID:
        return f"有效投标不足三个（{snapshot['valid']} 个），缺乏竞争，本次招标失败，须重新招标。"
    return ""


def may_finish(tender: Tender, user) -> bool:
    return getattr(user, "role", None) in STAFF_ROLES or is_chair(tender, user)


def finish_evaluation(tender: Tender, actor: User, recommendation: str) -> EvaluationResult:
    """The chair (or staff) freezes the ranking once every sheet is in; the members then confirm it."""
    if not may_finish(tender, actor):
        raise NotAllowed("只有评标委员会负责人或招标专员可以完成评标。")
    if result_of(tender) is not None:
        raise DomainError("本项目已完成评标。")
    waiting = undecided_requests(tender)
    if waiting:
        raise DomainError(f"{'、'.join(waiting)}的异常低价澄清尚待评标委员会决定，不能完成评标。")
    if not all_submitted(tender):
        raise DomainError("尚有评标委员会成员未提交评分表，不能完成评标。")
    recommendation = _text(recommendation, "推荐意见", "recommendation")
    snapshot = build_snapshot(tender)
    result = EvaluationResult(tender_id=tender.id, finished_by_id=actor.id, finished_at=utcnow(), snapshot=snapshot,
                              recommendation=recommendation, failed_reason=_failure(snapshot))
    db.session.add(result)
    lifecycle.move(tender, actor, Action.FINISH_EVALUATION)
    db.session.flush()
    record(actor, "result.finish", result, after={"candidates": snapshot["candidates"],
                                                  "rejected": snapshot["rejected"], "failed": result.failed_reason},
           summary=f"完成评标：{tender.title}")
    notify(members_of(tender), f"请确认评标结果：{tender.title}", "评标结果已形成，请在系统中确认或书面说明不同意见。",
           link=path_for("result.manage", tender_id=tender.id), topic="tender", topic_id=tender.id)
    return result


def members_of(tender: Tender) -> list[User]:
    draw = draw_of(tender)
    return [db.session.get(User, m) for m in sorted(draw.member_ids())] if draw else []


def unsigned_members(result: EvaluationResult) -> list[User]:
    signed = {s.expert_id for s in result.signoffs}
    return [m for m in members_of(result.tender) if m.id not in signed]


def sign_result(result: EvaluationResult, actor: User, agrees: bool, dissent: str) -> MemberSignoff:
    """Each member once: agreement, or a written dissent with reasons (条例第五十三条)."""
    draw = draw_of(result.tender)
    if draw is None or actor.id not in draw.member_ids():
        raise NotAllowed("只有本项目评标委员会成员可以确认评标结果。")
    if any(s.expert_id == actor.id for s in result.signoffs):
        raise DomainError("您已确认过评标结果，不能重复提交。")
    dissent = _text(dissent, "不同意见及理由", "dissent", required=not agrees)
    signoff = MemberSignoff(result_id=result.id, expert_id=actor.id, agrees=agrees,
                            dissent="" if agrees else dissent, signed_at=utcnow())
    db.session.add(signoff)
    db.session.flush()
    db.session.refresh(result)
    record(actor, "result.sign", signoff, after={"agrees": agrees, "dissent": signoff.dissent},
           summary=f"{actor.name}{'同意评标结果' if agrees else '对评标结果提出书面不同意见'}：{result.tender.title}")
    return signoff


def _ready(tender: Tender) -> EvaluationResult:
    result = result_of(tender)
    if result is None:
        raise DomainError("评标尚未完成。")
    if result.failed:
        raise DomainError(f"本项目评标结论为流标：{result.failed_reason}")
    missing = unsigned_members(result)
    if missing:
        raise DomainError("尚有评标委员会成员未确认评标结果：" + "、".join(m.name for m in missing) + "。")
    return result


def _bidder_users(tender: Tender, company_ids=None) -> list[User]:
    ids = {e.company_id for e in tender.opening_record.entries} if company_ids is None else set(company_ids)
    return list(db.session.scalars(sa.select(User).where(User.role == Role.BIDDER, User.company_id.in_(ids))))


def publicise_candidates(tender: Tender, actor: User, days: int) -> EvaluationResult:
    """The first candidates on the public pages for at least three days from now (条例第五十四条)."""
    if not MIN_PUBLICITY_DAYS <= (days or 0) <= MAX_PUBLICITY_DAYS:
        raise DomainError(f"公示期须为 {MIN_PUBLICITY_DAYS}–{MAX_PUBLICITY_DAYS} 日（条例第五十四条：不得少于3日）。",
                          field="days")
    result = _ready(tender)
    lifecycle.move(tender, actor, Action.PUBLICISE)
    now = utcnow()
    result.publicised_by_id, result.publicised_at, result.publicity_days = actor.id, now, days
    result.publicity_until = tender.publicity_ends_at = now + timedelta(days=days)
    db.session.flush()
    until = f"{to_local(result.publicity_until):%Y-%m-%d %H:%M}"
    record(actor, "result.publicise", result, after={"until": result.publicity_until.isoformat(), "days": days},
           summary=f"公示中标候选人至{until}：{tender.title}")
    notify(_bidder_users(tender), f"中标候选人公示：{tender.title}",
           f"中标候选人公示至{until}（北京时间）。对评标结果有异议的，请在公示期内提出。",
           link=path_for("result.public", tender_id=tender.id), topic="tender", topic_id=tender.id)
    return result


def _count_pending(tender: Tender) -> None:
    db.session.flush()
    tender.objections_pending = db.session.scalar(sa.select(sa.func.count(Objection.id)).where(
        Objection.tender_id == tender.id, Objection.answered_at.is_(None)))


def lodge_objection(tender: Tender, actor: User, text: str, filename: str | None, data: bytes | None) -> Objection:
    """A bidder of this tender, within the publicity period, with its evidence; the award waits for the answer."""
    tender.require(Action.OBJECT, actor)
    if actor.company_id not in {e.company_id for e in tender.opening_record.entries}:
        raise NotAllowed("只有本项目的投标人可以提出异议。")
    text = _text(text, "异议内容", "text")
    if not data:
        raise DomainError("请上传异议的证明材料。", field="file")
    saved = store_bytes(filename or "evidence", data, EVIDENCE_KINDS)
    objection = Objection(tender_id=tender.id, company_id=actor.company_id, user_id=actor.id, text=text,
                          lodged_at=utcnow(), **saved.columns())
    db.session.add(objection)
    _count_pending(tender)
    record(actor, "result.objection", objection, after={"text": text, "sha256": saved.sha256},
           summary=f"{actor.company.name}对中标候选人提出异议：{tender.title}")
    notify(db.session.scalars(sa.select(User).where(User.role.in_(STAFF_ROLES))), f"收到异议：{tender.title}",
           "投标人对中标候选人公示提出异议，请在 3 日内答复；答复前暂停定标。",
           link=path_for("result.manage", tender_id=tender.id), topic="tender", topic_id=tender.id)
    return objection


def answer_objection(objection: Objection, actor: User, answer: str) -> Objection:
    """Staff answer once, in writing (条例第五十四条: 自收到异议之日起3日内作出答复)."""
    objection.tender.require(Action.ANSWER_OBJECTION, actor)
    if objection.answered:
        raise DomainError("该异议已答复。")
    objection.answer = _text(answer, "答复内容", "answer")
    objection.answered_by_id, objection.answered_at = actor.id, utcnow()
    _count_pending(objection.tender)
    record(actor, "result.objection.answer", objection, after={"answer": objection.answer},
           summary=f"答复{objection.company.name}的异议：{objection.tender.title}")
    notify(_bidder_users(objection.tender, [objection.company_id]), f"异议答复：{objection.tender.title}",
           objection.answer, link=path_for("result.public", tender_id=objection.tender_id), topic="tender",
           topic_id=objection.tender_id)
    return objection


def award_tender(tender: Tender, actor: User) -> EvaluationResult:
    """The first candidate wins (定标 in rank order); the lifecycle refuses before the publicity ends or while an
    objection waits. The award notice goes to the winner, a result notice to every other bidder."""
    result = _ready(tender)
    lifecycle.move(tender, actor, Action.AWARD)
    first = result.candidates[0]
    result.winner_bid_id, result.awarded_by_id, result.awarded_at = first["bid_id"], actor.id, utcnow()
    db.session.flush()
    record(actor, "result.award", result, after={"bid_id": first["bid_id"], "company": first["company"]},
           summary=f"定标：{tender.title}，中标人{first['company']}")
    link = path_for("result.public", tender_id=tender.id)
    notify(_bidder_users(tender, [first["company_id"]]), f"中标通知书：{tender.title}",
           f"{first['company']}：经评标委员会评审并依法定标，贵公司为“{tender.title}”的中标人"
           f"（综合得分 {first['total']}）。"
           "请自本通知书发出之日起 30 日内，按照招标文件和投标文件与招标人订立书面合同。",
           link=link, topic="tender", topic_id=tender.id)
    others = {e.company_id for e in tender.opening_record.entries} - {first["company_id"]}
    notify(_bidder_users(tender, others), f"中标结果通知：{tender.title}",
           f"“{tender.title}”已定标，中标人为{first['company']}。感谢贵公司参与投标。",
           link=link, topic="tender", topic_id=tender.id)
    return result


def fail_tender(tender: Tender, actor: User) -> EvaluationResult:
    """流标: all bids rejected or fewer than three valid; the bidders are told and the tender is run again."""
    result = result_of(tender)
    if result is None or not result.failed:
        raise DomainError("评标结论不是流标，不能宣布流标。")
    lifecycle.move(tender, actor, Action.FAIL)
    result.declared_failed_by_id, result.declared_failed_at = actor.id, utcnow()
    record(actor, "result.fail", result, after={"reason": result.failed_reason},
           summary=f"宣布流标：{tender.title}：{result.failed_reason}")
    notify(_bidder_users(tender), f"流标公告：{tender.title}", result.failed_reason,
           link=path_for("result.public", tender_id=tender.id), topic="tender", topic_id=tender.id)
    return result


def is_published(result: EvaluationResult) -> bool:
    """On the public pages: the publicised candidates, the award, or the 流标 once staff announced it."""
    return any(at is not None for at in (result.publicised_at, result.awarded_at, result.declared_failed_at))


def may_object(tender: Tender, user) -> bool:
    """A bidder of this tender, while the candidates are publicised (the form shows only then)."""
    if not getattr(user, "is_authenticated", False) or user.role is not Role.BIDDER:
        return False
    entries = tender.opening_record.entries if tender.opening_record else []
    return tender.can(Action.OBJECT, user) and user.company_id in {e.company_id for e in entries}


def winner_of(tender: Tender) -> Bid | None:
    """The winning bid of an awarded tender (`bid.company` is the winner); None before the award."""
    result = result_of(tender)
    if result is None or result.winner_bid_id is None:
        return None
    return db.session.get(Bid, result.winner_bid_id)


def objections_of(tender: Tender, company_id: int | None = None) -> list[Objection]:
    query = sa.select(Objection).where(Objection.tender_id == tender.id).order_by(Objection.id)
    if company_id is not None:
        query = query.where(Objection.company_id == company_id)
    return list(db.session.scalars(query))


def request_report_pdf(result: EvaluationResult, actor: User):
    """Staff or a member asks for the report as PDF; LibreOffice converts it in a job (seconds of work)."""
    from tender.jobs.operations import start_job
    from tender.result.tasks import report_pdf_task

    job = start_job(actor, "result.report.pdf", f"导出评标报告 PDF：{result.tender.title}", report_pdf_task,
                    result.id, subject=result)
    record(actor, "result.report.pdf.request", result, summary=f"申请导出评标报告 PDF：{result.tender.title}")
    return job
