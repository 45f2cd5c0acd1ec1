"""Abnormally low price triggers (条例第五十一条（五）, domain-rules.md §4)."""

from decimal import Decimal

import pytest

from scoring.evaluation.low_price import (
    LowPriceRule,
    PricedBid,
    StaffPost,
    low_price_triggers,
    mean_line,
    staffing_cost,
)

D = Decimal
STAFF = (StaffPost("项目经理", 1, D(6000)), StaffPost("保洁员", 10, D(2000)), StaffPost("秩序维护员", 8, D(2600)))


def _kinds(found):
    return sorted((t.bidder, t.kind) for t in found)


def test_twenty_percent_below_the_average_of_valid_prices_triggers_with_figures():
    bids = [PricedBid("A", D(1_200_000)), PricedBid("B", D(1_350_000)), PricedBid("C", D(800_000))]
    found = low_price_triggers(bids, LowPriceRule(mean_share=D("0.8")))
    assert _kinds(found) == [("C", "below_mean")]
    assert found[0].threshold == D("893333.33") and "80%" in found[0].reason and "1116666.67" in found[0].reason


def test_share_of_the_ceiling_triggers():
    rule = LowPriceRule(mean_share=None, ceiling=D(1_500_000), ceiling_share=D("0.7"))
    found = low_price_triggers([PricedBid("A", D(1_049_999)), PricedBid("B", D(1_050_000))], rule)
    assert _kinds(found) == [("A", "below_ceiling_share")] and found[0].threshold == D(1_050_000)


def test_staffing_floor_lifts_wages_to_the_minimum_and_adds_social_insurance():
    bid = PricedBid("A", D(600_000), STAFF)
    rule = LowPriceRule(mean_share=None, minimum_wage=D(2200), social_insurance_rate=D("0.3"))
    # (6000 + 10 × 2200 + 8 × 2600) × 1.3 × 12 = 48800 × 15.6
    assert staffing_cost(bid, rule) == D("761280.00")
    assert _kinds(low_price_triggers([bid], rule)) == [("A", "below_staffing_cost"), ("A", "wage_below_minimum")]
    wage = next(t for t in low_price_triggers([bid], rule) if t.kind == "wage_below_minimum")
    assert "保洁员" in wage.reason and "2200" in wage.reason


def test_a_price_that_covers_the_staff_raises_nothing():
    bid = PricedBid("A", D(900_000), STAFF)
    assert low_price_triggers([bid], LowPriceRule(mean_share=None, minimum_wage=D(1900),
                                                  social_insurance_rate=D("0.3"))) == ()


@pytest.mark.parametrize("kwargs, message", [
    ({"ceiling_share": D("0.7")}, "最高投标限价"),
    ({"mean_share": D("1.2")}, "0 到 1"),
])
def test_bad_rules_have_chinese_messages(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LowPriceRule(**kwargs)


def test_the_mean_line_is_the_figure_the_trigger_compares_with():
    bids = [PricedBid("A", D(1_200_000)), PricedBid("B", D(1_350_000)), PricedBid("C", D(700_000))]
    assert mean_line(bids, LowPriceRule(mean_share=D("0.8"))) == (D("1083333.33"), D("866666.67"))
    assert mean_line(bids, LowPriceRule(mean_share=None)) is None and mean_line([], LowPriceRule()) is None
    [found] = [t for t in low_price_triggers(bids, LowPriceRule()) if t.kind == "below_mean"]
    assert found.bidder == "C" and found.threshold == D("866666.67")
