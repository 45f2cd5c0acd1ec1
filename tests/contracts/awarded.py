"""A tender taken to 已定标 by the real award (`tender.result.operations.award_tender`), with a winning bid whose
price form is really sealed and opened, and whose technical file's extracted pages hold the promises.

Scoring is not repeated here (tests/result does it with a whole panel): the opening record and the frozen
ranking are written as the opening and the chair leave them, one bid first, and then the award operation
names the winner the contract is drafted with (`winner_of`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from tender.auth.roles import Role
from tender.bids import price
from tender.bids.models import Bid, BidFile, BidPart, BidStatus
from tender.bidtext.models import BidDocument, BidPage, ExtractionState
from tender.db import utcnow
from tender.extensions import db
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.opening.keys import record_opening
from tender.opening.record_models import OpeningEntry, OpeningRecord, RecordStatus
from tender.result.models import EvaluationResult
from tender.result.operations import award_tender
from tender.unit_of_work import perform
from tests.bids.helpers import sealed_tender
from tests.factories import make_company, make_user

FEES = "住宅 | 2.50 | 30000\n商业 | 6.00 | 2550"
STAFFING = "项目经理 | 1 | 12000\n保安 | 8 | 4200\n保洁 | 6 | 3600"
ANNUAL_TOTAL = "1083600"
PROMISES = (
    Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, Decimal("95"), Unit.PERCENT,
               deadline="两年内", page=12, source="业主综合满意率两年内达到95%以上"),
    Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, Decimal("15"), Unit.MINUTE,
               page=14, source="接到急修请求后15分钟内到达现场"),
    Commitment(Indicator.REPAIR_TIMELY, Comparator.EQUAL, Decimal("100"), Unit.PERCENT,
               page=14, source="零修、急修及时率100%"),
    Commitment(Indicator.FIRE_DRILL, Comparator.AT_LEAST, Decimal("2"), Unit.TIMES,
               period=Period.YEAR, page=20, source="每年组织消防演练不少于2次"),
)
# The technical file as extraction stores it: 20 pages, the promises above on pages 12, 14 and 20, and
# numbers that are no promise (a date, a phone number, an area) on every other page.
FILLER = "项目概况：本公司成立于2015年3月18日，联系电话 0571-88886666，服务建筑面积 32550 平方米。"
PAGES = {12: "第三章 管理目标\n业主综合满意率两年内达到95%以上。",
         14: "第四章 维修服务承诺\n接到急修请求后15分钟内到达现场；零修、急修及时率100%。",
         20: "第七章 消防安全管理\n每年组织消防演练不少于2次。"}


@dataclass
class Awarded:
    tender: object
    bid: Bid
    staff: object
    company: object


def awarded(company_name: str | None = None, to: Action | None = Action.AWARD, pages: bool = False) -> Awarded:
    """Published with a seal, one submitted bid with its price form, closed, opened, evaluated, publicised, awarded.

    `to`: the last action taken (None stops at the close, before the opening). `pages`: the bid's technical
    file is extracted (20 pages of text, `PAGES`).
    """
    staff = make_user(Role.STAFF)
    sealed = sealed_tender(staff, tenderer="翠湖置业有限公司", title="翠湖花园前期物业管理服务",
                           property_mix="高层住宅、商业", tenderer_address="测试市湖滨路 1 号",
                           contact="王经理 0571-1111")
    tender = sealed.tender
    company = make_company(company_name)
    bid = Bid(tender_id=tender.id, company_id=company.id, status=BidStatus.SUBMITTED,
              submitted_at=tender.bid_deadline - timedelta(days=1))
    db.session.add(bid)
    db.session.flush()
    form = price.parse(ANNUAL_TOTAL, FEES, STAFFING)
    bid.price_sealed = price.seal_form(tender.seal.public_key, form, bid.id)
    if pages:
        extracted(bid, staff)
    after = tender.bid_deadline + timedelta(minutes=1)
    lifecycle.move(tender, None, Action.CLOSE, after)
    if to is not None:
        lifecycle.move(tender, staff, Action.OPEN, after)
        record_opening(tender.seal, sealed.private_key, after)
        _opening_record(tender, bid, company)
        for action in (Action.START_EVALUATION, Action.FINISH_EVALUATION, Action.PUBLICISE):
            lifecycle.move(tender, staff, action, after)
            if action is to:
                break
        else:
            _ranked(tender, bid, company, staff, utcnow() - timedelta(minutes=1))
            if to is Action.AWARD:
                db.session.commit()
                perform(award_tender, tender, staff)
    db.session.commit()
    return Awarded(tender, bid, staff, company)


def _opening_record(tender, bid, company) -> None:
    record = OpeningRecord(tender_id=tender.id, status=RecordStatus.PUBLISHED, built_at=utcnow())
    record.entries.append(OpeningEntry(bid_id=bid.id, company_id=company.id, position=1, company_name=company.name,
                                       submitted_at=bid.submitted_at, files=[], files_ok=True,
                                       annual_total=Decimal(ANNUAL_TOTAL)))
    db.session.add(record)


def _ranked(tender, bid, company, staff, publicised) -> None:
    """The frozen ranking as `finish_evaluation` leaves it, publicised until `publicised` (already over)."""
    candidate = {"rank": 1, "bid_id": bid.id, "company_id": company.id, "company": company.name, "total": "92.50",
                 "price": ANNUAL_TOTAL, "decided_by": ""}
    db.session.add(EvaluationResult(tender_id=tender.id, finished_by_id=staff.id, finished_at=publicised,
                                    snapshot={"candidates": [candidate], "rejected": [], "tie_notes": [],
                                              "opened": 1, "valid": 1},
                                    recommendation="推荐第一名为中标人", publicised_by_id=staff.id,
                                    publicised_at=publicised, publicity_days=3, publicity_until=publicised))
    tender.publicity_ends_at, tender.objections_pending = publicised, 0


def extracted(bid, staff) -> BidDocument:
    """The bid's technical file with its extracted pages (the file's bytes are not needed after extraction)."""
    file = BidFile(bid_id=bid.id, part=BidPart.TECHNICAL, token=f"t{bid.id}-tech", filename="技术标.pdf", kind="pdf",
                   size=1, record_count=1, sha256_hmac="0" * 64, sha256_sealed=b"-", sha256_wrapped=b"-",
                   uploaded_by_id=staff.id)
    db.session.add(file)
    db.session.flush()
    document = BidDocument(bid_file_id=file.id, bid_id=bid.id, state=ExtractionState.READY, kind="pdf",
                           page_count=20, scanned_count=0, ocr_count=0, finished_at=utcnow())
    db.session.add(document)
    db.session.flush()
    start = 0
    for number in range(1, 21):
        text = PAGES.get(number, FILLER)
        db.session.add(BidPage(document_id=document.id, number=number, start=start, text=text, tables=None))
        start += len(text) + 1
    db.session.flush()
    return document
