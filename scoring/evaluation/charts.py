"""What the result's charts show, as numbers: pure, so the browser, the report and the tests share them.

Three pictures people read faster than the tables (issue 13): each bid's total split by the
method's sections, how far the experts' own totals for a bid lie apart, and price against
total score with the candidates and the rejected bids marked. Drawing is the caller's
(`tender.result.charts`, matplotlib); nothing here knows about a page or a file.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median


@dataclass(frozen=True)
class Breakdown:
    bidders: tuple[str, ...]
    parts: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]  # one row per part, one value per bidder (0 where the part is absent)

    def total(self, bidder: str) -> float:
        i = self.bidders.index(bidder)
        return sum(row[i] for row in self.values)


def breakdown(parts_by_bidder: Mapping[str, Mapping[str, Decimal]], parts: Sequence[str],
              order: Sequence[str]) -> Breakdown:
    """Stacked bars: `order` is the bidders as the ranking lists them, so the chart reads like the table."""
    values = tuple(tuple(float(parts_by_bidder.get(b, {}).get(p, 0)) for b in order) for p in parts)
    return Breakdown(tuple(order), tuple(parts), values)


@dataclass(frozen=True)
class Spread:
    bidder: str
    scores: tuple[tuple[str, float], ...]  # (expert, the sum of that expert's marks for this bid)
    low: float
    high: float
    middle: float  # the median

    @property
    def width(self) -> float:
        return self.high - self.low


def dispersion(raw: Mapping[tuple[str, str, str], Decimal], bidders: Sequence[str]) -> list[Spread]:
    """Per bid, each expert's own total over the criteria the experts mark (price scores are computed, not marked).

    A wide spread is what the outlier warnings are about; the chart shows it for every bid at once.
    """
    sums: dict[str, dict[str, Decimal]] = {b: {} for b in bidders}
    for (expert, bidder, _criterion), mark in raw.items():
        if bidder in sums:
            sums[bidder][expert] = sums[bidder].get(expert, Decimal(0)) + mark
    spreads = []
    for bidder in bidders:
        scores = tuple((e, float(v)) for e, v in sorted(sums[bidder].items()))
        values = [v for _, v in scores]
        spreads.append(Spread(bidder, scores, min(values, default=0.0), max(values, default=0.0),
                              float(median(values)) if values else 0.0))
    return spreads


@dataclass(frozen=True)
class PricePoint:
    bidder: str
    price: float
    score: float
    status: str  # "candidate", "valid" or "rejected"


STATUS_LABELS = {"candidate": "中标候选人", "valid": "有效投标", "rejected": "否决投标"}


def price_vs_score(prices: Mapping[str, Decimal | None], totals: Mapping[str, Decimal], candidates: Iterable[str],
                   rejected: Iterable[str]) -> list[PricePoint]:
    """Bids without a price (a price form that did not open) cannot be placed and are left out."""
    candidates, rejected = set(candidates), set(rejected)
    points = []
    for bidder, total in totals.items():
        price = prices.get(bidder)
        if price is None:
            continue
        status = "rejected" if bidder in rejected else "candidate" if bidder in candidates else "valid"
        points.append(PricePoint(bidder, float(price), float(total), status))
    return sorted(points, key=lambda p: p.price)
