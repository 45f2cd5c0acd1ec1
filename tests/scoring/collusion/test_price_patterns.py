"""第四十条(四): identical totals, arithmetic/geometric progressions, identical odd unit prices."""

import pytest

from scoring.collusion.price_patterns import BidPrices, price_findings


def bids(*totals, units=None):
    units = units or [{}] * len(totals)
    return [BidPrices(f"B{i}", t, u) for i, (t, u) in enumerate(zip(totals, units, strict=True))]


@pytest.mark.parametrize(
    ("tender", "expected"),
    [
        (bids(1_000_000, 1_000_000, 1_234_567), [("identical_total", ("B0", "B1"))]),
        (bids(1_200_000, 1_100_000, 1_150_000, 990_000), [("constant_difference", ("B1", "B2", "B0"))]),
        (bids(1_000_000, 1_050_000, 1_102_500, 1_500_000), [("constant_ratio", ("B0", "B1", "B2"))]),
        (bids(1_000_000, 1_037_000, 1_211_000, 1_499_999), []),
        (bids(1_000_000, 1_100_000), []),  # two bids are no progression
        (
            bids(
                1.0e6,
                1.2e6,
                1.3e6,
                units=[{"保洁": 3.47, "绿化": 2.0}, {"保洁": 3.47, "绿化": 2.0}, {"保洁": 3.5}],
            ),
            [("identical_unit_price", ("B0", "B1"))],
        ),
    ],
)
def test_price_findings(tender, expected):
    found = price_findings(tender)
    assert [(f.kind, f.bidders) for f in found] == expected
    assert all(f.article == "第四十条（四）" and f.detail for f in found)


def test_fixed_unit_price_not_reported():
    tender = bids(1.0e6, 1.2e6, units=[{"电梯年检": 3.47}, {"电梯年检": 3.47}])
    assert price_findings(tender, fixed_unit_prices={"电梯年检": 3.47}) == ()


def test_thresholds_are_parameters():
    tender = bids(1_000_000, 1_050_000, 1_100_020)
    assert price_findings(tender) == ()
    assert [f.kind for f in price_findings(tender, rel_tol=1e-3)] == ["constant_difference"]
