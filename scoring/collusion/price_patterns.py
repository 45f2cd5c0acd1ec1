"""Price patterns across the bids of one tender (第四十条(四) 投标报价呈规律性差异).

Bids prepared by one hand show it in the numbers: identical totals (Cardinal red flag
R028), totals in arithmetic progression (1,100,000 / 1,150,000 / 1,200,000) or geometric
progression (1,000,000 / 1,050,000 / 1,102,500, i.e. x1.05; OCP R023), and identical
unusual unit prices (an odd 3.47 元/m²/月 written by two bidders). Thresholds are
parameters: a tender with few bids or a fixed price list needs other values.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

ARTICLE = "第四十条（四）"


@dataclass(frozen=True)
class BidPrices:
    bidder: str
    total: float
    unit_prices: Mapping[str, float] = field(default_factory=dict)
    wages: Mapping[str, float] = field(default_factory=dict)  # monthly wage per post (staffing rows)


@dataclass(frozen=True)
class PriceFinding:
    kind: str  # identical_total, constant_difference, constant_ratio, identical_unit_price, identical_wage
    bidders: tuple[str, ...]
    values: tuple[float, ...]
    detail: str
    article: str = ARTICLE


def _close(x: float, y: float, rel: float) -> bool:
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-12)


def _progressions(bids: list[BidPrices], step, kind: str, label, rel: float, min_bids: int):
    """Maximal runs (in price order) of >= min_bids bids with a constant non-trivial step."""
    found, i = [], 0
    while i + min_bids <= len(bids):
        first = step(bids[i].total, bids[i + 1].total)
        j = i + 1
        while (
            j + 1 < len(bids)
            and first is not None
            and _close(step(bids[j].total, bids[j + 1].total) or 0, first, rel)
        ):
            j += 1
        if first is not None and j - i + 1 >= min_bids:
            run = bids[i : j + 1]
            found.append(
                PriceFinding(kind, tuple(b.bidder for b in run), tuple(b.total for b in run), label(first))
            )
            i = j
        else:
            i += 1
    return found


def price_findings(
    bids: Sequence[BidPrices],
    rel_tol: float = 1e-4,
    min_progression: int = 3,
    unusual_step: float = 0.5,
    fixed_unit_prices: Mapping[str, float] | None = None,
    wage_step: float = 50.0,
) -> tuple[PriceFinding, ...]:
    """All price patterns of one tender's bids.

    ``rel_tol`` is the relative tolerance for "equal" steps and totals; progressions need
    ``min_progression`` bids; a unit price is unusual when it is not a multiple of
    ``unusual_step`` and is not a price fixed by the tender (``fixed_unit_prices``); a wage
    likewise when it is not a multiple of ``wage_step`` (3,850 is a usual wage, 3,847 is not).
    """
    found: list[PriceFinding] = []
    by_total = sorted(bids, key=lambda b: b.total)
    groups: dict[int, list[BidPrices]] = defaultdict(list)
    for b in by_total:
        key = next((k for k, g in groups.items() if _close(g[0].total, b.total, rel_tol)), len(groups))
        groups[key].append(b)
    for group in groups.values():
        if len(group) >= 2:
            found.append(
                PriceFinding(
                    "identical_total",
                    tuple(b.bidder for b in group),
                    tuple(b.total for b in group),
                    f"{len(group)}家投标总价相同",
                )
            )
    distinct = [g[0] for g in groups.values()]

    def diff(x: float, y: float) -> float:
        return y - x

    def growth(x: float, y: float) -> float | None:
        """The step of a geometric run as y/x - 1: ratios near 1 all look alike under a relative tolerance."""
        return y / x - 1 if x > 0 else None

    arithmetic = _progressions(
        distinct,
        diff,
        "constant_difference",
        lambda d: f"报价等差，差额 {d:,.2f}",
        rel_tol,
        min_progression,
    )
    geometric = _progressions(
        distinct, growth, "constant_ratio", lambda g: f"报价等比，比率 {1 + g:.4f}", rel_tol, min_progression
    )
    found += arithmetic
    arithmetic_sets = {f.bidders for f in arithmetic}
    found += [f for f in geometric if f.bidders not in arithmetic_sets]
    fixed = fixed_unit_prices or {}
    found += _unusual_units(bids, "unit_prices", unusual_step, fixed, rel_tol)
    found += _unusual_units(bids, "wages", wage_step, fixed, rel_tol)
    return tuple(found)


_UNUSUAL = {
    "unit_prices": ("identical_unit_price", "“{item}”单价 {price:g} 相同且非整数档"),
    "wages": ("identical_wage", "“{item}”月工资 {price:g} 相同且非整数档"),
}


def _unusual_units(bids, attribute: str, step: float, fixed: Mapping[str, float], rel: float) -> list[PriceFinding]:
    kind, detail = _UNUSUAL[attribute]
    found = []
    items = sorted({item for b in bids for item in getattr(b, attribute)})
    for item in items:
        owners: dict[float, list[str]] = defaultdict(list)
        for b in bids:
            if item in getattr(b, attribute):
                owners[round(getattr(b, attribute)[item], 6)].append(b.bidder)
        for price, who in sorted(owners.items()):
            usual = abs(price / step - round(price / step)) < 1e-9
            if len(who) >= 2 and not usual and not (item in fixed and _close(fixed[item], price, rel)):
                found.append(PriceFinding(kind, tuple(who), (price,) * len(who), detail.format(item=item, price=price)))
    return found
