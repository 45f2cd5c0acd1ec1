"""Abnormally low prices (条例第五十一条（五）; 评标规定第二十一条, domain-rules.md §4).

A price "明显低于其他投标报价" is not rejected outright: the committee asks the bidder for
a written explanation with evidence and then decides. This module only says which bids
trigger the request and shows the figures; the app opens the clarification.

Triggers, each optional, as tender documents set them:
* below `mean_share` of the mean of the valid prices (e.g. 80 %: "20% below the average");
* below `ceiling_share` of the 最高投标限价 (e.g. 70 %);
* below the staffing-cost floor: Σ headcount × max(declared wage, minimum wage) ×
  (1 + social-insurance rate) × months, from the bid's own staffing table;
* a declared monthly wage below the configured minimum wage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .rounding import to_decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class StaffPost:
    post: str
    headcount: int
    monthly_wage: Decimal


@dataclass(frozen=True)
class PricedBid:
    bidder: str
    price: Decimal  # for the period the staffing table covers (`months`)
    staffing: tuple[StaffPost, ...] = ()
    months: int = 12


@dataclass(frozen=True)
class LowPriceRule:
    mean_share: Decimal | None = Decimal("0.8")
    ceiling: Decimal | None = None
    ceiling_share: Decimal | None = None
    minimum_wage: Decimal | None = None  # 当地最低工资标准, 元/月
    social_insurance_rate: Decimal = Decimal(0)  # employer's share, e.g. 0.3

    def __post_init__(self):
        if self.ceiling_share is not None and self.ceiling is None:
            raise ValueError("按最高投标限价比例判断时须填写最高投标限价")
        for name in ("mean_share", "ceiling_share", "social_insurance_rate"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 1:
                raise ValueError("比例须在 0 到 1 之间")


@dataclass(frozen=True)
class LowPriceTrigger:
    bidder: str
    kind: str  # below_mean | below_ceiling_share | below_staffing_cost | wage_below_minimum
    price: Decimal
    threshold: Decimal
    reason: str


def staffing_cost(bid: PricedBid, rule: LowPriceRule) -> Decimal:
    """The least the staffing table can cost: no post paid under the minimum wage, plus social insurance."""
    floor = to_decimal(rule.minimum_wage or 0)
    monthly = sum((p.headcount * max(to_decimal(p.monthly_wage), floor) for p in bid.staffing), Decimal(0))
    return (monthly * (1 + to_decimal(rule.social_insurance_rate)) * bid.months).quantize(CENT)


def mean_line(bids: Iterable[PricedBid], rule: LowPriceRule) -> tuple[Decimal, Decimal] | None:
    """The mean of the valid prices and the share of it below which a bid is flagged, both to the cent;
    None when the rule has no mean test or there is no price."""
    prices = [to_decimal(b.price) for b in bids]
    if rule.mean_share is None or not prices:
        return None
    mean = sum(prices, Decimal(0)) / len(prices)
    return mean.quantize(CENT), (mean * to_decimal(rule.mean_share)).quantize(CENT)


def low_price_triggers(bids: Iterable[PricedBid], rule: LowPriceRule) -> tuple[LowPriceTrigger, ...]:
    """Every trigger that fires, bid by bid (bidder name order), with the figures behind it."""
    bids = sorted(bids, key=lambda b: b.bidder)
    found: list[LowPriceTrigger] = []
    mean_and_line = mean_line(bids, rule)
    if mean_and_line is not None:
        mean, line = mean_and_line
        found += [LowPriceTrigger(b.bidder, "below_mean", to_decimal(b.price), line,
                                  f"报价{b.price}元低于{len(bids)}个有效报价平均值{mean}元的"
                                  f"{rule.mean_share:%}（{line}元）") for b in bids if b.price < line]
    if rule.ceiling_share is not None:
        line = (to_decimal(rule.ceiling) * to_decimal(rule.ceiling_share)).quantize(CENT)
        found += [LowPriceTrigger(b.bidder, "below_ceiling_share", to_decimal(b.price), line,
                                  f"报价{b.price}元低于最高投标限价{rule.ceiling}元的{rule.ceiling_share:%}（{line}元）")
                  for b in bids if b.price < line]
    for b in bids:
        found += _staffing_triggers(b, rule)
    return tuple(found)


def _staffing_triggers(bid: PricedBid, rule: LowPriceRule) -> list[LowPriceTrigger]:
    if not bid.staffing:
        return []
    found = []
    if rule.minimum_wage is not None:
        for p in bid.staffing:
            if p.monthly_wage < rule.minimum_wage:
                found.append(LowPriceTrigger(bid.bidder, "wage_below_minimum", to_decimal(bid.price),
                                             to_decimal(rule.minimum_wage),
                                             f"岗位“{p.post}”月工资{p.monthly_wage}元低于最低工资标准{rule.minimum_wage}元"))
    cost = staffing_cost(bid, rule)
    if bid.price < cost:
        heads = sum(p.headcount for p in bid.staffing)
        found.append(LowPriceTrigger(bid.bidder, "below_staffing_cost", to_decimal(bid.price), cost,
                                     f"报价{bid.price}元低于其人员配置表（{heads}人，{bid.months}个月，"
                                     f"社保费率{rule.social_insurance_rate:%}）测算的人工成本{cost}元"))
    return found
