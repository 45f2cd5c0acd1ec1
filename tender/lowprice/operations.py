"""The low-price check, the clarification request, the bidder's answer and the committee's decision. The caller commits.

条例第五十一条（五）: a bid priced below cost is rejected; 评标规定第二十一条 (domain-rules.md §4):
when a price is 明显低于其他投标报价 the committee first asks for a written explanation with
evidence, and rejects only if the bidder cannot justify it. The published method says when a
price counts as abnormally low (`ScoringMethod.low_price`, `scoring.evaluation.low_price`);
the check reads the prices of the opening record and the staffing tables of the opened price
forms. A request gives the bidder a deadline the server's clock enforces; the decision is
the committee's, recorded by its chair, and the evaluation report reads it (`queries.py`).
"""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from scoring.evaluation import serial
from scoring.evaluation.low_price import PricedBid, StaffPost, low_price_triggers, mean_line, staffing_cost
from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import Role
from tender.bids.models import Bid
from tender.bids.operations import open_price_form
from tender.db import snapshot, to_local, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import check_upload, delete_after_commit, store_bytes
from tender.links import path_for
from tender.lowprice.models import LowPriceCheck, LowPriceEvidence, LowPriceRequest
from tender.lowprice.permissions import concerns, decides, runs_check
from tender.methods.operations import method_of
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notifications.operations import notify
from tender.opening.keys import opened_private_key

MONTHS = 12  # the opening record's price is the annual total; the staffing table gives monthly wages
# The explanation is written and evidence gathered: an hour at least; evaluation does not wait more than a week.
MIN_NOTICE, MAX_NOTICE = timedelta(hours=1), timedelta(days=7)
EVIDENCE_KINDS = ("pdf", "docx")
MAX_EVIDENCE_FILES = 5
MAX_EVIDENCE_MB = 100  # all files of one answer; each file also within MAX_UPLOAD_MB
QUESTION_MAX = LowPriceRequest.question.type.length
ANSWER_MAX = LowPriceRequest.answer.type.length
NOTE_MAX = LowPriceRequest.decision_note.type.length
REQUEST_FIELDS = ("question", "deadline", "answer", "answered_at", "decision", "decision_note", "decided_at")


def latest_check(tender: Tender) -> LowPriceCheck | None:
    return db.session.scalar(sa.select(LowPriceCheck).where(LowPriceCheck.tender_id == tender.id)
                             .order_by(LowPriceCheck.id.desc()).limit(1))


def requests_of(tender: Tender) -> list[LowPriceRequest]:
    return list(db.session.scalars(sa.select(LowPriceRequest).where(LowPriceRequest.tender_id == tender.id)
                                   .order_by(LowPriceRequest.id)))


def request_for(tender: Tender, bid_id: int) -> LowPriceRequest | None:
    return db.session.scalar(sa.select(LowPriceRequest).where(LowPriceRequest.tender_id == tender.id,
                                                              LowPriceRequest.bid_id == bid_id))


def run_low_price_check(tender: Tender, actor: User, now: datetime | None = None) -> LowPriceCheck:
    """Apply the published trigger to every priced bid of the opening record; the figures are kept with the run."""
    _require_runner(tender, actor, now)
    method = method_of(tender)
    if method is None:
        raise DomainError("本项目没有已发布的评分办法，无法按招标文件的标准判断异常低价。")
    rec = tender.opening_record
    if rec is None or rec.building:
        raise DomainError("开标记录尚未生成，请在开标记录生成后再进行异常低价审查。")
    entries = [e for e in rec.entries if e.annual_total is not None]
    if not entries:
        raise DomainError("开标记录中没有有效报价。")
    key = opened_private_key(tender.seal)
    rule = method.low_price
    priced = {e.bid_id: PricedBid(str(e.bid_id), e.annual_total, _staffing(e.bid_id, key), MONTHS)
              for e in entries}
    found = low_price_triggers(priced.values(), rule)
    mean = mean_line(priced.values(), rule)
    rows = [_row(e, priced[e.bid_id], rule, [t for t in found if t.bidder == str(e.bid_id)]) for e in entries]
    check = LowPriceCheck(tender_id=tender.id, rule=serial.to_data(rule), rows=rows, created_by_id=actor.id,
                          mean=mean[0] if mean else None, mean_line=mean[1] if mean else None)
    db.session.add(check)
    db.session.flush()
    flagged = [r["company_name"] for r in rows if r["triggers"]]
    record(actor, "lowprice.check", check, after={"bids": len(rows), "flagged": flagged,
                                                  "mean": str(check.mean), "mean_line": str(check.mean_line)},
           summary=f"异常低价审查：{len(rows)} 家报价，" + (f"触发：{'、'.join(flagged)}" if flagged else "无触发"))
    return check


def _staffing(bid_id: int, key: bytes) -> tuple[StaffPost, ...]:
    form = open_price_form(db.session.get(Bid, bid_id), key) or {}
    return tuple(StaffPost(row["post"], int(row["headcount"]), Decimal(row["wage"]))
                 for row in form.get("staffing", []))


def _row(entry, bid: PricedBid, rule, triggers) -> dict:
    return {"bid_id": entry.bid_id, "company_id": entry.company_id, "company_name": entry.company_name,
            "price": str(bid.price), "heads": sum(p.headcount for p in bid.staffing),
            "staffing_cost": str(staffing_cost(bid, rule)) if bid.staffing else None,
            "triggers": [{"kind": t.kind, "threshold": str(t.threshold), "reason": t.reason} for t in triggers]}


def open_clarification(check: LowPriceCheck, actor: User, bid_id: int, question: str, deadline: datetime,
                       now: datetime | None = None) -> LowPriceRequest:
    """A written request to the flagged bidder to explain its price, with evidence, by `deadline`."""
    now = now or utcnow()
    tender = check.tender
    _require_runner(tender, actor, now)
    db.session.refresh(tender, with_for_update=True)  # two panel members asking at once: the second sees the first
    row = check.row_of(bid_id)
    if row is None or not row["triggers"]:
        raise DomainError("只能对本次审查触发异常低价标准的投标发出澄清要求。")
    if request_for(tender, bid_id) is not None:
        raise DomainError(f"已向{row['company_name']}发出过澄清要求。")
    question = (question or "").strip()
    if not question:
        raise DomainError("请填写要求投标人说明的问题。", field="question")
    if len(question) > QUESTION_MAX:
        raise DomainError(f"问题不能超过 {QUESTION_MAX} 个字符。", field="question")
    _check_deadline(deadline, now)
    grounds = "；".join(t["reason"] for t in row["triggers"])
    req = LowPriceRequest(tender_id=tender.id, bid_id=bid_id, company_id=row["company_id"], check_id=check.id,
                          company_name=row["company_name"], price=Decimal(row["price"]),
                          grounds=grounds[:LowPriceRequest.grounds.type.length], question=question,
                          deadline=deadline, created_by_id=actor.id, created_at=now)
    db.session.add(req)
    db.session.flush()
    record(actor, "lowprice.request", req, after=snapshot(req, ("bid_id", "company_id", "grounds", "question",
                                                                "deadline")),
           summary=f"要求{req.company_name}对投标报价作出书面说明（截止 {_local(deadline)}）")
    # The committee's names stay secret (招标投标法第三十七条): the bidder hears from "评标委员会".
    notify(_company_users(req.company_id), f"评标委员会要求对投标报价作出书面说明：{tender.title}",
           f"贵公司的投标报价经审查触发异常低价标准：{grounds}。请于 {_local(deadline)} 前提交书面说明和证明材料，"
           f"逾期未说明的，评标委员会可认定报价低于成本并否决投标。",
           link=path_for("lowprice.request", request_id=req.id), topic="tender", topic_id=tender.id)
    return req


def _check_deadline(deadline: datetime | None, now: datetime) -> None:
    if deadline is None:
        raise DomainError("请填写答复截止时间。", field="deadline")
    if deadline < now + MIN_NOTICE:
        raise DomainError(f"答复截止时间须晚于当前时间至少 {MIN_NOTICE.seconds // 3600} 小时"
                          f"（现在是 {_local(now)}），给投标人准备说明和证明材料的时间。", field="deadline")
    if deadline > now + MAX_NOTICE:
        raise DomainError(f"答复截止时间不能晚于 {MAX_NOTICE.days} 天后（{_local(now + MAX_NOTICE)}），"
                          "以免拖延评标。", field="deadline")


def add_evidence(req: LowPriceRequest, actor: User, filename: str, data: bytes,
                 now: datetime | None = None) -> LowPriceEvidence:
    """One evidence file, checked by content (PDF or Word .docx) and stored; only before the answer and deadline."""
    _require_open_for_bidder(req, actor, now)
    if len(req.evidence) >= MAX_EVIDENCE_FILES:
        raise DomainError(f"证明材料最多上传 {MAX_EVIDENCE_FILES} 个文件。", field="file")
    check_upload(filename, data, EVIDENCE_KINDS)
    if sum(e.size for e in req.evidence) + len(data) > MAX_EVIDENCE_MB * 1024 * 1024:
        raise DomainError(f"证明材料合计不能超过 {MAX_EVIDENCE_MB} MB。", field="file")
    digest = hashlib.sha256(data).hexdigest()
    same = next((e for e in req.evidence if e.sha256 == digest), None)
    if same is not None:
        return same  # a double submit of the same file
    saved = store_bytes(filename, data, EVIDENCE_KINDS)
    evidence = LowPriceEvidence(request=req, uploaded_by_id=actor.id, **saved.columns())
    db.session.add(evidence)
    db.session.flush()
    record(actor, "lowprice.evidence.add", evidence, after=snapshot(evidence, ("request_id", "filename", "size",
                                                                              "sha256")),
           summary=f"{req.company_name}上传异常低价说明的证明材料：{evidence.filename}")
    return evidence


def remove_evidence(evidence: LowPriceEvidence, actor: User, now: datetime | None = None) -> None:
    req = evidence.request
    _require_open_for_bidder(req, actor, now)
    record(actor, "lowprice.evidence.remove", evidence, before=snapshot(evidence, ("request_id", "filename",
                                                                                  "sha256")),
           summary=f"{req.company_name}删除尚未提交的证明材料：{evidence.filename}")
    delete_after_commit(evidence.storage_key)
    req.evidence.remove(evidence)
    db.session.flush()


def answer_clarification(req: LowPriceRequest, actor: User, text: str, now: datetime | None = None) -> LowPriceRequest:
    """The written explanation, sent once with the files uploaded so far; refused after the deadline."""
    now = now or utcnow()
    _require_open_for_bidder(req, actor, now)
    text = (text or "").strip()
    if not text:
        raise DomainError("请填写书面说明。", field="answer")
    if len(text) > ANSWER_MAX:
        raise DomainError(f"书面说明不能超过 {ANSWER_MAX} 个字符。", field="answer")
    req.answer, req.answered_by_id, req.answered_at = text, actor.id, now
    db.session.flush()
    record(actor, "lowprice.answer", req, after={"answer": text, "evidence": [e.sha256 for e in req.evidence]},
           summary=f"{req.company_name}提交投标报价的书面说明（证明材料 {len(req.evidence)} 个）")
    notify(_panel(req), f"投标人已提交报价说明：{req.company_name}", f"项目：{req.tender.title}",
           link=path_for("lowprice.request", request_id=req.id), topic="tender", topic_id=req.tender_id)
    return req


def decide_clarification(req: LowPriceRequest, actor: User, decision: str, note: str,
                         now: datetime | None = None) -> LowPriceRequest:
    """The committee's decision, recorded by its chair: the price stands, or the bid is rejected (第五十一条（五）)."""
    now = now or utcnow()
    tender = req.tender
    tender.require(Action.REVIEW_LOW_PRICES, actor, now)
    _lock(req)
    if not decides(tender, actor):
        raise NotAllowed("评标委员会的结论由委员会负责人记录。")
    if req.decided:
        raise DomainError(f"评标委员会已作出结论：{req.decision_label}。")
    if not req.answered and now < req.deadline:
        raise DomainError(f"投标人答复期限（{_local(req.deadline)}）未到，尚未收到书面说明，暂不能作出结论。")
    if len((note or "").strip()) > NOTE_MAX:
        raise DomainError(f"理由不能超过 {NOTE_MAX} 个字符。", field="note")
    before = req.take_decision(actor, decision, note)
    req.decided_at = now
    db.session.flush()
    record(actor, "lowprice.decide", req, before=before, after={"decision": req.decision, "note": req.decision_note,
                                                               "answered": req.answered},
           summary=f"评标委员会对{req.company_name}的报价说明作出结论：{req.decision_label}")
    body = f"结论：{req.decision_label}。理由：{req.decision_note}"
    notify(_company_users(req.company_id), f"评标委员会对投标报价说明的结论：{tender.title}", body,
           link=path_for("lowprice.request", request_id=req.id), topic="tender", topic_id=tender.id)
    return req


def _require_runner(tender: Tender, actor: User, now: datetime | None) -> None:
    tender.require(Action.REVIEW_LOW_PRICES, actor, now)
    if not runs_check(tender, actor):
        raise NotAllowed("异常低价审查由招标专员或评标委员会负责人进行。")


def _require_open_for_bidder(req: LowPriceRequest, actor: User, now: datetime | None) -> None:
    now = now or utcnow()
    _lock(req)
    if not concerns(req, actor):
        raise NotAllowed("只有被要求说明的投标人可以答复。")
    if req.answered:
        raise DomainError("书面说明已提交，不能再修改。")
    if not req.awaiting_answer(now):
        raise DomainError(f"已超过答复截止时间（{_local(req.deadline)}），服务器不再接受说明或证明材料。")
    req.tender.require(Action.REVIEW_LOW_PRICES, actor, now)


def _lock(req: LowPriceRequest) -> None:
    """Re-read the request under a row lock: two users of one bidder answering at once, or an answer racing the
    chair's decision, are serialised, and the second sees what the first did."""
    db.session.refresh(req, with_for_update=True)


def _company_users(company_id: int) -> list[User]:
    return list(db.session.scalars(sa.select(User).where(User.company_id == company_id, User.role == Role.BIDDER)))


def _panel(req: LowPriceRequest) -> list[User]:
    """Who asked, and the chair: they wait for the answer."""
    from tender.evaluation.operations import chair_of

    chair = chair_of(req.tender)
    ids = {req.created_by_id, chair.expert_id if chair else None} - {None}
    return [db.session.get(User, i) for i in sorted(ids)]


def _local(moment: datetime) -> str:
    return to_local(moment).strftime("%Y-%m-%d %H:%M")
