"""Price formulas: every worked example of scoring-methods.md §3, then properties."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.evaluation.price import BaseRule, DeviationFormula, RatioFormula, lowest_price, score_prices
from scoring.evaluation.rounding import Rounding

A, B, C, D = 1_200_000, 1_350_000, 1_080_000, 1_170_000
D2 = Decimal


def _scores(formula, prices):
    return {s.bidder: s.score for s in score_prices(formula, prices).scores}


def test_section_3_1_lowest_price_baseline():
    assert _scores(lowest_price(30), {"A": A, "B": B, "C": C}) == {"A": D2("27.00"), "B": D2("24.00"), "C": D2("30.00")}


def test_section_3_2_mean_baseline_with_asymmetric_deductions_rounding_part_percent_up():
    formula = DeviationFormula(D2(30), BaseRule("mean"), D2("0.3"), D2("0.2"), part_unit="up")
    result = score_prices(formula, {"A": A, "B": B, "C": C, "D": D})
    assert result.base == 1_200_000
    assert {s.bidder: s.score for s in result.scores} == {
        "A": D2("30.00"), "B": D2("26.10"), "C": D2("28.00"), "D": D2("29.40")}
    assert max(result.scores, key=lambda s: s.score).bidder != "C"  # the lowest bid is not best


def test_section_3_3_deviation_rate_with_cap_of_five():
    formula = DeviationFormula(D2(30), BaseRule("fixed", D2(1_200_000)), D2("0.2"), D2("0.1"),
                               part_unit="pro_rata", max_deduction=D2(5))
    got = _scores(formula, {"B": B, "C": C, "D": D, "E": 1_560_000})
    assert got == {"B": D2("27.50"), "C": D2("29.00"), "D": D2("29.75"), "E": D2("25.00")}


@pytest.mark.parametrize("cap, expected", [(False, "17.50"), (True, "15.00")])
def test_section_3_4_mean_ratio_t6_cap_made_explicit(cap, expected):
    formula = RatioFormula(D2(15), BaseRule("mean"), cap_at_weight=cap)
    result = score_prices(formula, {"X": "2.00", "Y": "2.40", "Z": "2.60"})
    assert result.base.quantize(D2("0.0001")) == D2("2.3333")
    assert {s.bidder: s.score for s in result.scores} == {"X": D2(expected), "Y": D2("14.58"), "Z": D2("13.46")}


@pytest.mark.parametrize("part, expected", [("pro_rata", "16.50"), ("down", "17.00"), ("up", "16.00")])
def test_section_3_5_target_price_one_point_per_ten_thousand(part, expected):
    formula = DeviationFormula(D2(20), BaseRule("fixed", D2(1_200_000)), D2(1), D2(1), unit_amount=D2(10_000),
                               part_unit=part)
    assert _scores(formula, {"P": 1_235_000}) == {"P": D2(expected)}


def test_section_3_6_mean_after_dropping_extremes_times_one_minus_k():
    rule = BaseRule("mean", drop_extremes_from=5, factor=D2("0.95"))
    base, note = rule.compute([D2(p) for p in (100, 200, 300, 400, 1000)])
    assert base == D2(300) * D2("0.95") and "去掉一个最高价和一个最低价" in note
    assert BaseRule("mean", drop_extremes_from=5).compute([D2(1), D2(2), D2(6), D2(7)])[0] == 4


def test_banker_rounding_differs_from_half_up_and_is_explained():
    prices = {"L": 13, "M": 60}  # 13 / 60 × 30 = 6.5 exactly
    half_up, half_even = lowest_price(30, Rounding(0, "half_up")), lowest_price(30, Rounding(0, "half_even"))
    assert _scores(half_up, prices)["M"] == 7 and _scores(half_even, prices)["M"] == 6
    assert "四舍五入" in score_prices(half_up, prices).scores[0].rounding_note
    assert "银行家" in score_prices(half_even, prices).scores[0].rounding_note


def test_bad_input_has_chinese_messages():
    with pytest.raises(ValueError, match="没有有效报价"):
        score_prices(lowest_price(30), {})
    with pytest.raises(ValueError, match="大于零"):
        score_prices(lowest_price(30), {"A": 0})
    with pytest.raises(ValueError, match="舍入方式"):
        Rounding(2, "ceiling")


prices_st = st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(100_000, 5_000_000), min_size=1, max_size=7)
weights = st.sampled_from([10, 20, 30, 60])
formulas = st.one_of(
    weights.map(lowest_price),
    st.builds(lambda w, cap: RatioFormula(D2(w), BaseRule("mean", drop_extremes_from=5), cap), weights, st.just(True)),
    st.builds(lambda w, part, cap: DeviationFormula(D2(w), BaseRule("mean"), part_unit=part, max_deduction=cap),
              weights, st.sampled_from(["up", "down", "pro_rata"]), st.sampled_from([None, D2(5)])),
)


@settings(max_examples=60, deadline=None)
@given(formulas, prices_st)
def test_scores_stay_within_zero_and_the_weight(formula, prices):
    for s in score_prices(formula, prices).scores:
        assert 0 <= s.score <= formula.weight


@settings(max_examples=60, deadline=None)
@given(weights, prices_st)
def test_a_lower_price_never_scores_lower_under_the_lowest_baseline(weight, prices):
    scores = score_prices(lowest_price(weight), prices).scores
    for x in scores:
        for y in scores:
            if x.price < y.price:
                assert x.score >= y.score


@settings(max_examples=40, deadline=None)
@given(formulas, prices_st, st.randoms(use_true_random=False))
def test_result_does_not_depend_on_bid_order(formula, prices, rnd):
    items = list(prices.items())
    rnd.shuffle(items)
    assert score_prices(formula, dict(items)) == score_prices(formula, prices)


def test_section_3_6_bids_beyond_a_band_around_the_base_score_zero():
    formula = RatioFormula(D2(30), BaseRule("fixed", D2(100)), zero_beyond_pct=D2(20))
    result = score_prices(formula, {"in": 80, "out": 79, "high": 121})
    assert {s.bidder: s.score for s in result.scores} == {"in": D2("30.00"), "out": D2("0.00"), "high": D2("0.00")}
    assert "超过±20%" in next(s.working for s in result.scores if s.bidder == "out")


def test_section_2_t6_two_price_parts_each_rounded_then_added():
    """T6: 报价 20 = 住宅服务费 15 + 商铺服务费 5, each rounded to 2 decimals, base = mean of valid bids."""
    homes = score_prices(RatioFormula(D2(15), BaseRule("mean"), cap_at_weight=False), {"X": "2.00", "Y": "2.40"})
    shops = score_prices(RatioFormula(D2(5), BaseRule("mean"), cap_at_weight=False), {"X": "4.00", "Y": "3.50"})
    # homes: mean 2.2 -> X 16.50, Y 13.75; shops: mean 3.75 -> X 4.6875 -> 4.69, Y 5.357… -> 5.36
    assert homes.score_of("X") + shops.score_of("X") == D2("21.19")
    assert homes.score_of("Y") + shops.score_of("Y") == D2("19.11")
