"""The charts' numbers: sections stacked per bid, experts' own totals per bid, price against score."""
from decimal import Decimal as D

from scoring.evaluation.charts import breakdown, dispersion, price_vs_score


def test_breakdown_keeps_the_ranking_order_and_zero_for_a_missing_part():
    chart = breakdown({"甲": {"技术": D("50.5"), "报价": D("28")}, "乙": {"技术": D("55")}}, ["技术", "报价"],
                      ["乙", "甲"])
    assert chart.bidders == ("乙", "甲")
    assert chart.values == ((55.0, 50.5), (0.0, 28.0))
    assert chart.total("甲") == 78.5


def test_dispersion_sums_each_experts_marks_per_bid():
    raw = {("张", "甲", "a"): D(8), ("张", "甲", "b"): D(9), ("李", "甲", "a"): D(5), ("李", "甲", "b"): D(6),
           ("王", "甲", "a"): D(7), ("王", "甲", "b"): D(7), ("张", "乙", "a"): D(3)}
    first, second = dispersion(raw, ["甲", "乙"])
    assert first.scores == (("张", 17.0), ("李", 11.0), ("王", 14.0))
    assert (first.low, first.high, first.middle, first.width) == (11.0, 17.0, 14.0, 6.0)
    assert second.scores == (("张", 3.0),) and second.width == 0


def test_price_points_mark_candidates_and_rejected_and_skip_unpriced_bids():
    points = price_vs_score({"甲": D("1200000"), "乙": D("900000"), "丙": None, "丁": D("1000000")},
                            {"甲": D("88"), "乙": D("70"), "丙": D("60"), "丁": D("80")}, ["甲"], ["乙"])
    assert [(p.bidder, p.price, p.score, p.status) for p in points] == [
        ("乙", 900000.0, 70.0, "rejected"), ("丁", 1000000.0, 80.0, "valid"), ("甲", 1200000.0, 88.0, "candidate")]
