"""What the evaluation report takes from the low-price procedure (评标报告: 澄清、说明、补正纪要; 否决投标的名单).

Plain data, no model objects, so the report (a later issue) and its exports read one shape.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tender.lowprice.models import LowPriceDecision
from tender.lowprice.operations import requests_of
from tender.notices.models import Tender


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    size: int
    sha256: str


@dataclass(frozen=True)
class LowPriceOutcome:
    bid_id: int
    company_id: int
    company_name: str
    price: Decimal
    grounds: str  # why the price triggered the request, with the figures
    question: str
    asked_at: datetime
    deadline: datetime
    answer: str  # "" when the bidder did not answer by the deadline
    answered_at: datetime | None
    evidence: tuple[EvidenceFile, ...]
    decision: str | None  # a LowPriceDecision value; None while the committee has not decided
    decision_label: str
    decision_note: str
    decided_at: datetime | None

    @property
    def rejected(self) -> bool:
        return self.decision == LowPriceDecision.REJECTED.value


def low_price_outcomes(tender: Tender) -> list[LowPriceOutcome]:
    """Every clarification on an abnormally low price in this tender, in the order they were requested."""
    return [LowPriceOutcome(
        bid_id=r.bid_id, company_id=r.company_id, company_name=r.company_name, price=r.price, grounds=r.grounds,
        question=r.question, asked_at=r.created_at, deadline=r.deadline, answer=r.answer, answered_at=r.answered_at,
        evidence=tuple(EvidenceFile(e.filename, e.size, e.sha256) for e in r.evidence) if r.answered else (),
        decision=r.decision, decision_label=r.decision_label, decision_note=r.decision_note,
        decided_at=r.decided_at) for r in requests_of(tender)]


def rejected_bid_ids(tender: Tender) -> set[int]:
    """Bids the committee rejected as priced below cost (条例第五十一条（五）): out of the ranking."""
    return {o.bid_id for o in low_price_outcomes(tender) if o.rejected}


def undecided_requests(tender: Tender) -> list[str]:
    """Companies whose clarification still awaits the committee: the evaluation cannot be finished before."""
    return [o.company_name for o in low_price_outcomes(tender) if o.decision is None]
