"""Warnings about experts whose marks stand apart (scoring-methods.md §4: "flag an evaluator
far from the panel or always favouring one bidder"; 评标规定第53条 penalises ignoring the
published criteria). A warning asks the chair to look, it never changes a score.

* far: an expert's total for a bid differs from the mean of the other experts' totals for
  that bid by at least `far_points`.
* favouring: relative to the other experts, an expert rates one bidder higher than the
  others on at least `favour_share` of the criteria, by at least `favour_points` in total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .aggregate import Mark
from .rounding import to_decimal


@dataclass(frozen=True)
class OutlierRule:
    far_points: Decimal = Decimal(10)
    favour_points: Decimal = Decimal(5)
    favour_share: Decimal = Decimal("0.8")

    @property
    def note(self) -> str:
        return (f"某专家对某投标人的评分合计与其他专家平均值相差{self.far_points}分及以上的，提示偏离；"
                f"某专家在{self.favour_share:%}及以上的评分项上相对其他专家偏高于某一投标人、且合计偏高{self.favour_points}分"
                "及以上的，提示倾向性")


@dataclass(frozen=True)
class ExpertWarning:
    kind: str  # far | favouring
    expert: str
    bidder: str
    gap: Decimal
    text: str


def _gaps(marks: list[Mark]) -> dict[tuple[str, str, str], Decimal]:
    """(expert, bidder, criterion) -> the expert's mark minus the mean of the other experts' marks."""
    cell: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for m in marks:
        cell[(m.bidder, m.criterion)][m.expert] = to_decimal(m.score)
    gaps = {}
    for (bidder, criterion), by_expert in cell.items():
        if len(by_expert) < 2:
            continue
        total = sum(by_expert.values(), Decimal(0))
        for expert, score in by_expert.items():
            gaps[(expert, bidder, criterion)] = score - (total - score) / (len(by_expert) - 1)
    return gaps


def expert_warnings(marks: Iterable[Mark], rule: OutlierRule = OutlierRule()) -> tuple[ExpertWarning, ...]:
    gaps = _gaps(list(marks))
    per_bid: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for (expert, bidder, _), gap in gaps.items():
        per_bid[(expert, bidder)] += gap
    found = []
    for (expert, bidder), gap in sorted(per_bid.items()):
        if abs(gap) >= rule.far_points:
            side = "高" if gap > 0 else "低"
            text = (f"专家{expert}对{bidder}的评分合计比其他专家平均{side}{abs(gap):.2f}分，"
                    f"达到提示阈值{rule.far_points}分")
            found.append(ExpertWarning("far", expert, bidder, gap, text))
    found += _favouring(gaps, rule)
    return tuple(found)


def _favouring(gaps: dict[tuple[str, str, str], Decimal], rule: OutlierRule) -> list[ExpertWarning]:
    by_expert: dict[str, dict[str, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
    for (expert, bidder, criterion), gap in gaps.items():
        by_expert[expert][criterion][bidder] = gap
    found = []
    for expert, criteria in sorted(by_expert.items()):
        bidders = sorted({b for row in criteria.values() for b in row})
        for bidder in bidders:
            lifts = [row[bidder] - max(v for b, v in row.items() if b != bidder)
                     for row in criteria.values() if bidder in row and len(row) > 1]
            if not lifts:
                continue
            above = sum(1 for lift in lifts if lift > 0)
            margin = sum(lifts, Decimal(0))
            if above >= rule.favour_share * len(lifts) and margin >= rule.favour_points:
                found.append(ExpertWarning("favouring", expert, bidder, margin,
                                      f"专家{expert}在{above}/{len(lifts)}个评分项上对{bidder}的相对评分高于其他投标人，"
                                      f"合计高出{margin:.2f}分，达到提示阈值{rule.favour_points}分"))
    return found
