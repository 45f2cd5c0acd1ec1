"""The panel's aggregate once every sheet is in: the pure library does the arithmetic.

Experts' marks per criterion (trimmed mean as the published method says, `aggregate`; a
counted item's mark is the points of the count the expert entered), price scores computed
once from the opened price forms (`price`), the ranking with the published tie-breaks and a
recorded lot seed, and the outlying-expert warnings with the method's published thresholds
(`outliers`). Read-only: it changes nothing and audits nothing.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from scoring.evaluation.aggregate import Averaged, BidTotal, Mark, Ranking, average_marks, rank_bids
from scoring.evaluation.method import Criterion, PriceScale
from scoring.evaluation.outliers import ExpertWarning, OutlierRule, expert_warnings
from scoring.evaluation.price import PriceResult, score_prices
from tender.committee.operations import draw_of
from tender.evaluation.operations import expert_items, marks_of
from tender.methods.operations import method_of
from tender.notices.models import Tender


@dataclass(frozen=True)
class PriceItem:
    leaf: Criterion
    result: PriceResult


@dataclass(frozen=True)
class Results:
    experts: list[str]
    bidders: list[str]
    items: list[Criterion]  # leaves on the experts' sheets (tiers, ranges, counts)
    raw: dict[tuple[str, str, str], Decimal]  # (expert, bidder, criterion) -> mark (a count's points)
    counted: dict[tuple[str, str, str], int]  # (expert, bidder, criterion) -> the count entered
    averaged: dict[tuple[str, str], Averaged]  # (bidder, criterion or "*") -> trimmed mean
    prices: list[PriceItem]
    totals: dict[str, BidTotal]
    parts: list[str]  # section labels of the totals, in the method's order
    ranking: Ranking
    warnings: tuple[ExpertWarning, ...]
    trim_note: str
    tie_notes: tuple[str, ...]
    outlier_note: str


def panel_results(tender: Tender, outliers: OutlierRule | None = None) -> Results:
    """Call only when `all_submitted`: the views check `scores_visible_to` first. The warnings use the
    published method's thresholds unless `outliers` is given (a what-if for the report, never the page)."""
    method = method_of(tender)
    rec = tender.opening_record
    company = {e.bid_id: e.company_name for e in rec.entries}
    pairs = marks_of(tender)
    names = _expert_names({sheet.expert for sheet, _ in pairs})
    marks = [Mark(names[sheet.expert_id], company[cell.bid_id], cell.criterion, cell.score) for sheet, cell in pairs]
    averaged = average_marks(marks, method.trim, method.rounding)
    per_bid: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for a in averaged:
        per_bid[a.bidder][a.criterion] = a.mean
    prices, price_of = [], {e.company_name: e.annual_total for e in rec.entries if e.annual_total is not None}
    for leaf in method.leaves():
        if isinstance(leaf.scale, PriceScale) and price_of:
            result = score_prices(leaf.scale.formula, price_of)
            prices.append(PriceItem(leaf, result))
            for s in result.scores:
                per_bid[s.bidder][leaf.code] = s.score
    totals = {}
    for bidder in company.values():
        scores = per_bid.get(bidder, {})
        parts = method.section_totals(scores) if method.trim.per == "criterion" else {
            **method.section_totals({k: v for k, v in scores.items() if k != "*"}), "评委评分": scores.get("*", 0)}
        totals[bidder] = BidTotal(bidder, parts, price_of.get(bidder, Decimal(0)))
    draw = draw_of(tender)
    ranking = rank_bids(totals.values(), method.tie_breaks, lot_seed=f"{draw.seed if draw else ''}:{tender.id}")
    rule = outliers or method.outliers
    return Results(
        experts=sorted({m.expert for m in marks}), bidders=list(company.values()), items=expert_items(method),
        raw={(m.expert, m.bidder, m.criterion): m.score for m in marks},
        counted={(names[sheet.expert_id], company[cell.bid_id], cell.criterion): cell.count for sheet, cell in pairs
                 if cell.count is not None},
        averaged={(a.bidder, a.criterion): a for a in averaged}, prices=prices,
        totals=totals,
        parts=list(dict.fromkeys(k for t in totals.values() for k in t.parts)),
        ranking=ranking, warnings=expert_warnings(marks, rule), trim_note=method.trim.note,
        tie_notes=ranking.rules, outlier_note=rule.note)


def _expert_names(experts) -> dict[int, str]:
    """Names as the warnings print them; two experts of the same name are told apart by their account number."""
    seen = defaultdict(int)
    for e in experts:
        seen[e.name] += 1
    return {e.id: e.name if seen[e.name] == 1 else f"{e.name}（{e.id}）" for e in experts}
