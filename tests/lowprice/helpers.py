"""An opened tender with one abnormally low bid, a committee with a chair, built from the opening and committee helpers.

Annual totals and staffing tables chosen so the template's trigger (80 % of the mean, no minimum
wage, no social insurance) gives known figures: mean 3,250,000 / 3 = 1,083,333.33, line 866,666.67.
A 1,200,000 (staff 45,600/month → 547,200 a year) and B 1,350,000 (51,700 → 620,400) pass;
C 700,000 is below the line and below its own staff (9,000 + 30 × 1,800 = 63,000 → 756,000).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from tender.auth.models import User
from tender.bids.models import Bid
from tender.committee import operations as committee_ops
from tender.db import utcnow
from tender.evaluation import operations as evaluation_ops
from tender.extensions import db
from tender.notices.models import Tender
from tender.opening.operations import unseal_tender
from tender.unit_of_work import perform
from tests import worlds
from tests.committee.helpers import make_pool
from tests.factories import PASSPHRASE
from tests.opening.bidding import add_bids
from tests.opening.sealed import after_deadline, publish

FEES = "住宅 | 2.50\n商业 | 6.00"  # no areas: any total is consistent with the fees
# Staff per bid: the low bidder declares cleaners at 1,800 元/月, under a 2,200 minimum wage.
STAFFING = {"A": "项目经理 | 1 | 12000\n保安 | 8 | 4200",
            "B": "项目经理 | 1 | 13000\n保安 | 9 | 4300",
            "C": "项目经理 | 1 | 9000\n保洁员 | 30 | 1800"}
TOTALS = {"A": "1200000", "B": "1350000", "C": "700000"}


@dataclass
class LowBidTender:
    tender: object
    staff: User
    bidders: dict[str, User]  # "A", "B", "C"
    bids: dict[str, Bid]
    experts: list[User]  # the sitting members, all declared no conflict
    chair: User

    def ids(self) -> tuple:
        return (self.tender.id, self.staff.id, {k: u.id for k, u in self.bidders.items()},
                {k: b.id for k, b in self.bids.items()}, [e.id for e in self.experts], self.chair and self.chair.id)

    @classmethod
    def load(cls, ids: tuple) -> LowBidTender:
        tender_id, staff_id, bidders, bids, experts, chair = ids
        user = lambda i: db.session.get(User, i)  # noqa: E731
        return cls(db.session.get(Tender, tender_id), user(staff_id), {k: user(i) for k, i in bidders.items()},
                   {k: db.session.get(Bid, i) for k, i in bids.items()}, [user(i) for i in experts],
                   chair and user(chair))


def opened_with_low_bid(*, committee: bool = True) -> LowBidTender:
    """Published with real officer keys, three sealed bids, unsealed (the record built), a cleared committee.

    Built once per session for each `committee`, then restored (tests/worlds.py)."""
    return worlds.cached(("opened_with_low_bid", committee), lambda: _opened_with_low_bid(committee),
                         LowBidTender.ids, LowBidTender.load)


def _opened_with_low_bid(committee: bool) -> LowBidTender:
    tender, officers = publish(bids=0)
    prices = [dict(annual_total=TOTALS[k], fees=FEES, staffing=STAFFING[k]) for k in "ABC"]
    users = dict(zip("ABC", add_bids(tender, 3, prices=prices), strict=True))
    a, b = officers[:2]
    now = after_deadline(tender)
    perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    assert perform(unseal_tender, tender, b, {b: PASSPHRASE}, now + timedelta(minutes=1)).opened
    db.session.expire_all()
    staff = db.session.get(User, tender.created_by_id)
    bids = {k: db.session.scalar(sa.select(Bid).where(Bid.company_id == u.company_id)) for k, u in users.items()}
    experts, chair = [], None
    if committee:
        experts, chair = seat_committee(tender, staff)
    return LowBidTender(tender, staff, users, bids, experts, chair)


def seat_committee(tender, staff) -> tuple[list[User], User]:
    """Draw five of six, each declares no conflict, the first is named chair."""
    pool = {str(e.id): e for e in make_pool(staff, 6)}
    draw = perform(committee_ops.draw_tender_committee, tender, staff, 5, reserves=1, seed="low-price")
    members = [pool[m] for m in draw.members]
    for expert in members:
        perform(committee_ops.declare_conflict, tender, expert, False)
    perform(evaluation_ops.appoint_chair, tender, staff, members[0])
    return members, members[0]


def in_a_day():
    return utcnow().replace(microsecond=0) + timedelta(days=1)
