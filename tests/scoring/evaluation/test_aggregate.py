"""Aggregation, totals and ranking: the worked example of scoring-methods.md §4, then properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.evaluation.aggregate import (
    BidTotal,
    Mark,
    TrimRule,
    average_marks,
    rank_bids,
    subjective_totals,
    trimmed,
)
from scoring.evaluation.price import lowest_price, score_prices

PANEL = {"A": [52, 48, 55, 50, 38, 51, 49], "B": [56, 55, 58, 55, 54, 57, 52], "C": [47, 45, 50, 46, 44, 49, 40]}


def _marks(table, criterion="技术"):
    return [Mark(f"E{i}", bidder, criterion, Decimal(s)) for bidder, row in table.items() for i, s in enumerate(row)]


def test_section_4_seven_evaluators_trimmed_means():
    averaged = {a.bidder: a for a in average_marks(_marks(PANEL))}
    assert {b: a.mean for b, a in averaged.items()} == {"A": Decimal("50.00"), "B": Decimal("55.40"),
                                                         "C": Decimal("46.20")}
    assert averaged["A"].dropped == (38, 55)


def test_section_4_plain_means_without_trimming():
    averaged = average_marks(_marks(PANEL), TrimRule(drop_from=None))
    assert {a.bidder: a.mean for a in averaged} == {"A": Decimal("49.00"), "B": Decimal("55.29"),
                                                    "C": Decimal("45.86")}


def test_section_4_totals_price_formula_1_plus_technical_plus_business_rank_b_first():
    price = score_prices(lowest_price(30), {"A": 1_200_000, "B": 1_350_000, "C": 1_080_000})
    technical = subjective_totals(average_marks(_marks(PANEL)))
    business = {"A": 8, "B": 9, "C": 7}
    bids = [BidTotal(b, {"价格": price.score_of(b), "技术": technical[b], "商务": Decimal(business[b])},
                     next(s.price for s in price.scores if s.bidder == b)) for b in "ABC"]
    ranking = rank_bids(bids)
    assert [(r.rank, r.bidder, r.total) for r in ranking.rows] == [
        (1, "B", Decimal("88.40")), (2, "A", Decimal("85.00")), (3, "C", Decimal("83.20"))]


def test_trimming_per_bidder_total_sums_each_experts_criteria_first():
    marks = _marks({"A": [10, 10, 10, 10, 1]}, "x") + _marks({"A": [1, 1, 1, 1, 10]}, "y")
    assert average_marks(marks, TrimRule(per="bidder"))[0].mean == 11
    assert subjective_totals(average_marks(marks)) == {"A": 11}


def test_fewer_than_five_experts_keep_every_mark():
    assert trimmed([Decimal(1), Decimal(9), Decimal(5)], TrimRule()) == ((1, 5, 9), ())


@pytest.mark.parametrize("bids, decided", [
    ([BidTotal("P", {"技术": 50, "价格": 30}, 100), BidTotal("Q", {"技术": 55, "价格": 25}, 90)], "技术得分高者优先"),
    ([BidTotal("P", {"技术": 50}, 100), BidTotal("Q", {"技术": 50}, 90)], "报价低者优先"),
    ([BidTotal("P", {"技术": 50}, 100), BidTotal("Q", {"技术": 50}, 100)], "抽签决定"),
])
def test_ties_follow_the_published_rules(bids, decided):
    ranking = rank_bids(bids, lot_seed="s1")
    assert decided in ranking.rows[0].decided_by
    assert ranking.rows[1].decided_by == ""
    assert rank_bids(list(reversed(bids)), lot_seed="s1") == ranking


def test_the_lot_is_recorded_and_replays():
    bids = [BidTotal(x, {"技术": 1}, 1) for x in "PQRST"]
    assert rank_bids(bids, lot_seed="abc") == rank_bids(bids, lot_seed="abc")
    orders = {tuple(r.bidder for r in rank_bids(bids, lot_seed=str(s)).rows) for s in range(20)}
    assert len(orders) > 1


scores = st.lists(st.integers(0, 60).map(Decimal), min_size=1, max_size=9)


@settings(max_examples=60, deadline=None)
@given(scores)
def test_dropping_extremes_is_symmetric(values):
    kept, _ = trimmed(values, TrimRule())
    mirrored, _ = trimmed([60 - v for v in values], TrimRule())
    assert sorted(60 - v for v in kept) == sorted(mirrored)


@settings(max_examples=60, deadline=None)
@given(scores)
def test_the_trimmed_mean_stays_between_the_lowest_and_highest_mark(values):
    mean = average_marks([Mark(f"E{i}", "A", "x", v) for i, v in enumerate(values)])[0].mean
    assert min(values) <= mean <= max(values)


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from("ABCD"), st.lists(st.integers(0, 60), min_size=5, max_size=5), min_size=1),
       st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_experts_or_bids(table, rnd):
    marks = _marks(table)
    shuffled = list(marks)
    rnd.shuffle(shuffled)
    assert average_marks(shuffled) == average_marks(marks)
    bids = [BidTotal(b, {"技术": t}, Decimal(100)) for b, t in subjective_totals(average_marks(marks)).items()]
    assert rank_bids(bids, lot_seed="x") == rank_bids(list(reversed(bids)), lot_seed="x")
