"""A tender taken to 已定标 through the lifecycle, with a winning bid whose price form is really sealed and opened.

The award operation itself is issue 13's; until it exists, tests move the tender with
`lifecycle.move` the way that operation will, and name the winning bid themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from tender.auth.roles import Role
from tender.bids import price
from tender.bids.models import Bid, BidStatus
from tender.extensions import db
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.opening.keys import record_opening
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


@dataclass
class Awarded:
    tender: object
    bid: Bid
    staff: object
    company: object


def awarded(company_name: str | None = None, to: Action | None = Action.AWARD) -> Awarded:
    """Published with a seal, one submitted bid with its price form, closed, opened, evaluated, publicised, awarded.

    `to`: the last action taken (None stops at the close, before the opening).
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
    after = tender.bid_deadline + timedelta(minutes=1)
    lifecycle.move(tender, None, Action.CLOSE, after)
    if to is not None:
        lifecycle.move(tender, staff, Action.OPEN, after)
        record_opening(tender.seal, sealed.private_key, after)
        for action in (Action.START_EVALUATION, Action.FINISH_EVALUATION, Action.PUBLICISE, Action.AWARD):
            if action is Action.AWARD:  # as tender.result leaves it: the publicity period over, nothing pending
                tender.publicity_ends_at, tender.objections_pending = after, 0
            lifecycle.move(tender, staff, action, after)
            if action is to:
                break
    db.session.commit()
    return Awarded(tender, bid, staff, company)
