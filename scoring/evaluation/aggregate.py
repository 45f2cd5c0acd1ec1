"""Combining the experts' marks into totals and a ranking (scoring-methods.md §4).

"按要求剔除同等数量的最高和最低得分…，平均计算评委评分": with at least `drop_from`
experts (5 in practice) one highest and one lowest mark are dropped, per criterion or per
bidder total as the method publishes, then the rest is averaged. Objective items (price,
certificates) are computed once elsewhere and only added here. Ties are broken by the
published order of rules, the last being a draw by lot whose seed is recorded.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .rounding import Rounding, to_decimal


@dataclass(frozen=True)
class Mark:
    expert: str
    bidder: str
    criterion: str
    score: Decimal


@dataclass(frozen=True)
class TrimRule:
    drop_from: int | None = 5  # None: never drop
    per: str = "criterion"  # criterion | bidder (the expert's total for the bidder)

    def __post_init__(self):
        if self.per not in ("criterion", "bidder"):
            raise ValueError(f"未知的去极值口径：{self.per}")

    @property
    def note(self) -> str:
        if self.drop_from is None:
            return "各专家评分直接取算术平均"
        scope = "每一评分项" if self.per == "criterion" else "每一投标人的评分合计"
        return f"专家不少于{self.drop_from}人时，{scope}去掉一个最高分和一个最低分后取算术平均"


@dataclass(frozen=True)
class Averaged:
    bidder: str
    criterion: str  # "*" when trimmed per bidder total
    kept: tuple[Decimal, ...]
    dropped: tuple[Decimal, ...]
    mean: Decimal


def trimmed(values: Sequence[Decimal], rule: TrimRule) -> tuple[tuple[Decimal, ...], tuple[Decimal, ...]]:
    """(kept, dropped): the order of the experts never matters, only the sorted values."""
    ordered = sorted(to_decimal(v) for v in values)
    if rule.drop_from is not None and len(ordered) >= rule.drop_from:
        return tuple(ordered[1:-1]), (ordered[0], ordered[-1])
    return tuple(ordered), ()


DEFAULT_TRIM, DEFAULT_ROUNDING = TrimRule(), Rounding()


def average_marks(marks: Iterable[Mark], rule: TrimRule = DEFAULT_TRIM, rounding: Rounding = DEFAULT_ROUNDING
                  ) -> tuple[Averaged, ...]:
    """Per bidder and criterion (or per bidder total) mean of the experts' marks, rounded once."""
    groups: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for m in marks:
        key = (m.bidder, m.criterion if rule.per == "criterion" else "*")
        groups[key][m.expert] += to_decimal(m.score)
    out = []
    for (bidder, criterion), by_expert in sorted(groups.items()):
        kept, dropped = trimmed(list(by_expert.values()), rule)
        out.append(Averaged(bidder, criterion, kept, dropped, rounding.apply(sum(kept, Decimal(0)) / len(kept))))
    return tuple(out)


def subjective_totals(averaged: Iterable[Averaged]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for a in averaged:
        totals[a.bidder] += a.mean
    return dict(totals)


@dataclass(frozen=True)
class BidTotal:
    bidder: str
    parts: Mapping[str, Decimal]  # e.g. {"价格": 27, "技术": 50, "商务": 8}
    price: Decimal

    @property
    def total(self) -> Decimal:
        return sum((to_decimal(v) for v in self.parts.values()), Decimal(0))


@dataclass(frozen=True)
class TieBreak:
    """One published rule: a part scored higher wins (`part`), or the lower price wins (`part` is None)."""

    part: str | None = None

    @property
    def note(self) -> str:
        return "报价低者优先" if self.part is None else f"{self.part}得分高者优先"

    def key(self, bid: BidTotal) -> Decimal:
        return -to_decimal(bid.price) if self.part is None else to_decimal(bid.parts.get(self.part, 0))


@dataclass(frozen=True)
class Ranked:
    rank: int
    bidder: str
    total: Decimal
    decided_by: str  # why this bid stands above the next one with the same total, or ""


@dataclass(frozen=True)
class Ranking:
    rows: tuple[Ranked, ...]
    lot_seed: str
    rules: tuple[str, ...] = field(default=())


def rank_bids(bids: Iterable[BidTotal], tie_breaks: Sequence[TieBreak] = (TieBreak("技术"), TieBreak()),
              lot_seed: str = "") -> Ranking:
    """Rank by total, then the published tie-breaks, then a draw by lot: SHA-256 of seed and bidder."""
    bids = list(bids)
    lot = {b.bidder: hashlib.sha256(f"{lot_seed}:{b.bidder}".encode()).hexdigest() for b in bids}

    def key(b: BidTotal):
        return (-b.total, *(-t.key(b) for t in tie_breaks), lot[b.bidder])

    ordered = sorted(bids, key=key)
    rows = []
    for i, bid in enumerate(ordered):
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        rows.append(Ranked(i + 1, bid.bidder, bid.total, _decided_by(bid, nxt, tie_breaks, lot_seed)))
    return Ranking(tuple(rows), lot_seed, tuple(t.note for t in tie_breaks) + ("仍相同的，抽签决定",))


def _decided_by(bid: BidTotal, nxt: BidTotal | None, tie_breaks: Sequence[TieBreak], seed: str) -> str:
    if nxt is None or nxt.total != bid.total:
        return ""
    for t in tie_breaks:
        if t.key(bid) != t.key(nxt):
            return f"总分相同，{t.note}"
    return f"总分及各项比较均相同，抽签决定（种子 {seed}）"
