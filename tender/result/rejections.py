"""Bids the committee rejected (否决投标), each with its reason and legal basis, from every source that decides.

A source is a function `(tender) -> list[Rejection]`, listed in `SOURCES` in the order the
report prints them: the committee's decisions on referred findings (条例第三十四条、第四十条),
then its decisions on abnormally low prices (条例第五十一条第（五）项, from `tender/lowprice/`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from tender.extensions import db
from tender.findings.models import Finding
from tender.notices.models import Tender


@dataclass(frozen=True)
class Rejection:
    bid_id: int
    reason: str
    basis: str
    source: str  # which decision: "finding:<id>", "lowprice:<id>", …

    def as_dict(self) -> dict:
        return asdict(self)


def finding_rejections(tender: Tender) -> list[Rejection]:
    """Each bid concerned by a finding the committee decided to reject on, with the committee's reasons."""
    findings = db.session.scalars(sa.select(Finding).where(Finding.tender_id == tender.id).order_by(Finding.id))
    return [Rejection(int(bid_id), f"{f.kind.label}：{f.summary}。评标委员会意见：{f.decision_note}",
                      f"{f.basis}；{f.decision_label}", f"finding:{f.id}")
            for f in findings if f.rejected for bid_id in f.bid_ids]


BASIS_LOW_PRICE = "《招标投标法实施条例》第五十一条（五）：投标报价低于成本"


def low_price_rejections(tender: Tender) -> list[Rejection]:
    """Each bid the committee rejected after its written clarification on an abnormally low price."""
    from tender.lowprice.queries import low_price_outcomes

    return [Rejection(o.bid_id, f"投标报价 {o.price:,.2f} 元明显偏低（{o.grounds}），经书面澄清后"
                                f"评标委员会认定低于成本。评标委员会意见：{o.decision_note}",
                      BASIS_LOW_PRICE, f"lowprice:{o.bid_id}")
            for o in low_price_outcomes(tender) if o.rejected]


SOURCES: tuple[Callable[[Tender], list[Rejection]], ...] = (finding_rejections, low_price_rejections)


def rejections_of(tender: Tender) -> dict[int, list[Rejection]]:
    """bid id → every decision rejecting it (a bid may be rejected on more than one ground)."""
    found: dict[int, list[Rejection]] = {}
    for source in SOURCES:
        for rejection in source(tender):
            found.setdefault(rejection.bid_id, []).append(rejection)
    return found
