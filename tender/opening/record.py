"""The opening record (开标记录 / 比价记录), 流标 for too few bids, and objections at the opening. The caller commits.

条例第四十四条: the opening is public; with fewer than 3 bidders there is no opening and the
tender is run again (流标); a bidder objects at the opening and is answered on the spot, on
the record. 《电子招标投标办法》第三十条: names, prices and other items go to all bidders.

"Valid" for the count of three: a bid in status 已递交 with every part and the price form
(the intake refuses anything at or after the deadline and anything incomplete; a withdrawn
bid is not counted). The count is taken *before* decryption,
since the law forbids opening below three. A file whose hash no longer matches the receipt
is found only after decryption: its entry is flagged in the record for the evaluation
committee (rejection is its decision, 条例第五十一条); it does not undo the opening.

三家比价 uses the same floor of three quotes, a one-page 比价记录 and no objection session:
no rule requires one for a private price comparison, so its record is published when built.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from tender.audit.operations import record as audit
from tender.auth.roles import OPENERS, OVERSEERS, STAFF_ROLES, Role
from tender.bids.models import Bid
from tender.bids.operations import open_price_form, submitted_bids, verify_at_opening
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed, clean_text
from tender.extensions import db
from tender.links import path_for
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.notices.procedures import Procedure
from tender.notifications.operations import notify
from tender.opening.keys import opened_private_key
from tender.opening.record_models import (
    OpeningEntry,
    OpeningRecord,
    OpeningResponse,
    RecordKind,
    RecordStatus,
    ResponseKind,
)

MIN_BIDS = 3
MAX_TEXT = OpeningResponse.text.type.length


def valid_bids(tender) -> list[Bid]:
    """Submitted (the intake's clock refused anything at or after the deadline) and complete."""
    return [b for b in submitted_bids(tender) if not b.missing]


def too_few_bids(tender) -> str | None:
    """Why the tender may not be opened for lack of bids (before any decryption); None when it may."""
    count = len(valid_bids(tender))
    if count >= MIN_BIDS:
        return None
    what = "报价" if tender.procedure is Procedure.QUOTES else "投标人"
    return (f"递交有效投标文件的{what}只有 {count} 家，少于 {MIN_BIDS} 家。依据《招标投标法实施条例》第四十四条，"
            "不得开标，本项目流标，须重新招标。")


def fail_for_too_few_bids(tender: Tender, actor, now: datetime | None = None) -> str:
    """流标 through the lifecycle, with the reason audited and told to every bidder.

    Staff declare it (Action.FAIL); with `actor` None the system does at the deadline (Action.LAPSE).
    """
    now = now or utcnow()
    reason = too_few_bids(tender)
    if reason is None:
        raise DomainError(f"已有 {len(valid_bids(tender))} 家有效投标，应当开标，不能因投标不足宣布流标。")
    lifecycle.move(tender, actor, Action.FAIL if actor is not None else Action.LAPSE, now)
    audit(actor, "tender.fail.too_few_bids", tender, after={"valid_bids": len(valid_bids(tender)), "reason": reason},
          summary=f"流标：{reason}")
    notify(_bidder_users(tender), f"项目流标：{tender.title}", reason,
           link=path_for("opening.tender_record", tender_id=tender.id), topic="tender", topic_id=tender.id)
    return reason


def lapse_short_tenders(now: datetime | None = None) -> list[Tender]:
    """At the deadline a tender with fewer than three valid bids is failed by the system: 条例第四十四条
    forbids opening it, so nobody has to remember to declare it (staff still can, if the worker is down)."""
    now = now or utcnow()
    # Only after the close is written (the periodic close): the record shows 截标 before 流标.
    due = db.session.scalars(sa.select(Tender).where(
        Tender.status.in_(lifecycle.sources(Action.LAPSE)), Tender.bid_deadline <= now)
        .order_by(Tender.id).with_for_update()).all()
    short = [t for t in due if lifecycle.allows(t, Action.LAPSE, now=now) and too_few_bids(t) is not None]
    for tender in short:
        fail_for_too_few_bids(tender, None, now)
    return short


def start_record(tender: Tender, actor, now: datetime) -> OpeningRecord:
    """At the k-th share: the record row now, the slow decryption and hash checks as a job after the commit."""
    from tender.jobs.operations import start_job
    from tender.opening.tasks import build_record_task

    kind = RecordKind.QUOTES if tender.procedure is Procedure.QUOTES else RecordKind.FULL
    rec = OpeningRecord(tender=tender, kind=kind, status=RecordStatus.BUILDING, opened_at=now)
    db.session.add(rec)
    db.session.flush()
    start_job(actor, "opening.record", f"{kind.label}：解密并校验投标文件：{tender.title}", build_record_task, rec.id,
              subject=rec)
    audit(actor, "opening.record.start", rec, after={"tender_id": tender.id, "kind": kind.value},
          summary=f"开始制作{kind.label}：{tender.title}")
    return rec


def build_entries(rec: OpeningRecord, actor=None, *, progress=None, now: datetime | None = None) -> OpeningRecord:
    """Decrypt every bid, check each file against its receipt hash, read the price form; write the entries.

    Runs again from scratch on a retry (the entries of a failed run were never committed).
    """
    now, progress = now or utcnow(), progress or (lambda percent, message: None)
    key = opened_private_key(rec.tender.seal)
    for entry in list(rec.entries):
        rec.entries.remove(entry)
    db.session.flush()
    bids = submitted_bids(rec.tender)
    total = sum(len(b.current_files) for b in bids) or 1
    done = 0
    for position, bid in enumerate(bids, 1):
        files = []
        for part, bid_file in sorted(bid.current_files.items(), key=lambda item: list(type(item[0])).index(item[0])):
            progress(5 + 90 * done // total, f"校验 {bid.company.name} 的{part.label}“{bid_file.filename}”")
            check = verify_at_opening(bid_file, key)
            files.append({"part": part.value, "label": part.label, "filename": bid_file.filename,
                          "size": bid_file.size, "sha256": check.sha256, "ok": check.ok, "reason": check.reason})
            done += 1
        rec.entries.append(_entry(bid, position, files, open_price_form(bid, key)))
    rec.status = RecordStatus.PUBLISHED if rec.kind is RecordKind.QUOTES else RecordStatus.IN_SESSION
    rec.built_at = now
    if rec.status is RecordStatus.PUBLISHED:
        rec.published_at = now
    db.session.flush()
    flagged = [e.company_name for e in rec.entries if not e.files_ok]
    audit(actor, "opening.record.build", rec, after={"entries": len(rec.entries), "flagged": flagged},
          summary=f"{rec.kind.label}已生成：{len(rec.entries)} 家" + (f"，校验未通过：{'、'.join(flagged)}" if flagged
                                                                  else "，全部文件校验一致"))
    notify(_bidder_users(rec.tender), f"{rec.kind.label}已生成：{rec.tender.title}",
           "请登录查看开标记录，如有异议请在开标现场提出。" if rec.in_session else "请登录查看比价记录。",
           link=path_for("opening.tender_record", tender_id=rec.tender_id), topic="tender", topic_id=rec.tender_id)
    return rec


def _entry(bid: Bid, position: int, files: list[dict], price: dict | None) -> OpeningEntry:
    remarks = [f"{f['label']}“{f['filename']}”校验未通过：{f['reason']}" for f in files if not f["ok"]]
    if not bid.has_deposit:
        remarks.append("未登记保证金")
    remark = "；".join(remarks)
    return OpeningEntry(
        bid_id=bid.id, company_id=bid.company_id, position=position, company_name=bid.company.name,
        submitted_at=bid.submitted_at, files=files, files_ok=all(f["ok"] for f in files) and bool(files),
        annual_total=Decimal(price["annual_total"]) if price else None, deposit_amount=bid.deposit_amount,
        deposit_method=bid.deposit_method.label if bid.deposit_method else "", deposit_paid_on=bid.deposit_paid_on,
        deposit_reference=bid.deposit_reference or "", remark=remark[:500])


def has_failed(tender) -> bool:
    """流标 (or any failure) is the state the FAIL action leads to: asked of the lifecycle, never spelled here."""
    return tender.current_status is lifecycle.target(tender, Action.FAIL)


def can_view(tender, user) -> bool:
    """Staff, officers and the supervisor; a bidder only for a tender it bid in (no price shows before the opening)."""
    if not user.is_authenticated:
        return False
    if user.role in OVERSEERS or user.role in OPENERS:
        return True
    if user.role is not Role.BIDDER or user.company_id is None:
        return False
    rec = tender.opening_record
    if rec is not None and rec.status is not RecordStatus.BUILDING:
        return any(e.company_id == user.company_id for e in rec.entries)
    return any(b.company_id == user.company_id for b in submitted_bids(tender))


def confirm_record(rec: OpeningRecord, actor, now: datetime | None = None) -> OpeningResponse:
    _bidder_in_session(rec, actor)
    if rec.response_of(actor.company_id, ResponseKind.CONFIRM):
        raise DomainError("贵公司已确认开标记录。")
    response = _respond(rec, actor, ResponseKind.CONFIRM, "", now)
    audit(actor, "opening.record.confirm", rec, after={"company_id": actor.company_id},
          summary=f"{actor.company.name}确认开标记录")
    return response


def raise_objection(rec: OpeningRecord, actor, text: str, now: datetime | None = None) -> OpeningResponse:
    """条例第四十四条: an objection to the opening is raised at the opening, in writing here."""
    _bidder_in_session(rec, actor)
    text = clean_text(text, field="text", label="异议内容", limit=MAX_TEXT)
    response = _respond(rec, actor, ResponseKind.OBJECTION, text, now)
    audit(actor, "opening.objection", rec, after={"response_id": response.id, "company_id": actor.company_id,
                                                 "text": text}, summary=f"{actor.company.name}对开标提出异议")
    return response


def answer_objection(rec: OpeningRecord, actor, response_id: int | None, answer: str,
                     now: datetime | None = None) -> OpeningResponse:
    """The tenderer answers on the spot (当场作出答复), on the record; the objector is told."""
    _staff_in_session(rec, actor)
    response = next((r for r in rec.objections if r.id == response_id), None)
    if response is None:
        raise DomainError("没有找到该异议。")
    if response.answered_at is not None:
        raise DomainError("该异议已答复。")
    answer = clean_text(answer, field="answer", label="答复内容", limit=MAX_TEXT)
    response.answer, response.answered_at, response.answered_by_id = answer, now or utcnow(), actor.id
    db.session.flush()
    audit(actor, "opening.objection.answer", rec, after={"response_id": response.id, "answer": answer},
          summary=f"答复{response.company.name}的开标异议")
    from tender.auth.models import User

    user = db.session.get(User, response.user_id)
    notify([user], f"开标异议已答复：{rec.tender.title}", answer,
           link=path_for("opening.tender_record", tender_id=rec.tender_id), topic="tender", topic_id=rec.tender_id)
    return response


def publish_record(rec: OpeningRecord, actor, now: datetime | None = None) -> OpeningRecord:
    """Close the session: the record, objections and answers as they stand become the published record."""
    _staff_in_session(rec, actor)
    if rec.open_objections:
        raise DomainError(f"尚有 {len(rec.open_objections)} 条异议未答复，答复后才能公布开标记录。")
    rec.status, rec.published_at, rec.published_by_id = RecordStatus.PUBLISHED, now or utcnow(), actor.id
    db.session.flush()
    audit(actor, "opening.record.publish", rec, after={"entries": len(rec.entries),
                                                       "objections": len(rec.objections)},
          summary=f"公布开标记录：{rec.tender.title}")
    notify(_bidder_users(rec.tender), f"开标记录已公布：{rec.tender.title}",
           "开标记录已公布，可下载 PDF 或 Word 版本。",
           link=path_for("opening.tender_record", tender_id=rec.tender_id), topic="tender", topic_id=rec.tender_id)
    return rec


def request_pdf(rec: OpeningRecord, actor):
    from tender.jobs.operations import start_job
    from tender.opening.tasks import record_pdf_task

    if rec.status is not RecordStatus.PUBLISHED:
        raise DomainError(f"{rec.kind.label}公布后才能导出。")
    job = start_job(actor, "opening.record.pdf", f"导出{rec.kind.label} PDF：{rec.tender.title}", record_pdf_task,
                    rec.id, subject=rec)
    audit(actor, "opening.record.pdf.request", rec, summary=f"申请导出{rec.kind.label} PDF")
    return job


def _respond(rec, actor, kind: ResponseKind, text: str, now) -> OpeningResponse:
    response = OpeningResponse(record=rec, company_id=actor.company_id, user_id=actor.id, kind=kind, text=text,
                               raised_at=now or utcnow())
    db.session.add(response)
    db.session.flush()
    return response


def _bidder_in_session(rec: OpeningRecord, actor) -> None:
    if actor.role is not Role.BIDDER or not any(e.company_id == actor.company_id for e in rec.entries):
        raise NotAllowed("只有本项目的投标人可以确认开标记录或提出异议。")
    if not rec.in_session:
        raise DomainError("开标已结束（或开标记录尚未生成），不能再确认或提出异议。")


def _staff_in_session(rec: OpeningRecord, actor) -> None:
    if actor.role not in STAFF_ROLES:
        raise NotAllowed("只有招标专员可以主持开标。")
    if not rec.in_session:
        raise DomainError("开标记录不在开标现场阶段。")


def _bidder_users(tender) -> list:
    from tender.auth.models import User

    companies = [b.company_id for b in submitted_bids(tender)]
    if not companies:
        return []
    return list(db.session.scalars(sa.select(User).where(User.company_id.in_(companies))))
