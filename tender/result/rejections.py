"""Bids the committee rejected (否决投标), each with its reason and legal basis, from every source that decides.

A source is a function `(tender) -> list[Rejection]`, listed in `SOURCES` in the order the
report prints them. Today: the committee's decisions on referred copy findings (条例第四十条).
Hook: the abnormally-low-price decisions (评标委员会和评标方法暂行规定第二十一条; 条例第五十一条第（五）项)
come from `tender/lowprice/`: add its function, e.g. `lowprice.operations.rejections_of`, to
`SOURCES` when that package is merged; nothing else here changes.
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


SOURCES: tuple[Callable[[Tender], list[Rejection]], ...] = (finding_rejections,)


def rejections_of(tender: Tender) -> dict[int, list[Rejection]]:
    """bid id → every decision rejecting it (a bid may be rejected on more than one ground)."""
    found: dict[int, list[Rejection]] = {}
    for source in SOURCES:
        for rejection in source(tender):
            found.setdefault(rejection.bid_id, []).append(rejection)
    return found
