"""Price scores computed once from the opened price forms (scoring-methods.md §3).

Three formula shapes cover the published schemes:

* `RatioFormula`: base ÷ bid × weight. With the lowest bid as base this is the
  低价优先法 (§3.1, T1, T7); with the mean as base it is T6 (§3.4), where a bid below
  the mean scores above the weight unless `cap_at_weight` says otherwise.
* `DeviationFormula`: weight minus points per 1 % (or per fixed amount) above or below
  the base, with asymmetric slopes, a rule for a part of a unit (round up as §3.2, pro
  rata as §3.3), an optional cap on the deduction and a floor (§3.2, §3.3, §3.5).
* `BaseRule`: lowest, mean (optionally dropping the highest and lowest bid once there
  are enough bids, §3.6) or a fixed figure, optionally times (1 − K).

Scores are computed in Decimal and rounded once, at the end, by the method's `Rounding`;
each result carries the working and the rounding note so a bidder can recheck it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .rounding import Rounding, to_decimal

HUNDRED = Decimal(100)
UNIT_RULES = {"up": "不足1个单位按1个单位计", "down": "不足1个单位不计", "pro_rata": "按实际比例计"}


@dataclass(frozen=True)
class BaseRule:
    kind: str = "lowest"  # lowest | mean | fixed
    fixed: Decimal | None = None
    drop_extremes_from: int | None = None  # mean only: drop one highest and one lowest bid when n >= this
    factor: Decimal = Decimal(1)  # base × factor, e.g. 1 − K with K drawn at the opening

    def __post_init__(self):
        if self.kind not in ("lowest", "mean", "fixed"):
            raise ValueError(f"未知的基准价规则：{self.kind}")
        if self.kind == "fixed" and self.fixed is None:
            raise ValueError("固定基准价须填写金额")

    def compute(self, prices: list[Decimal]) -> tuple[Decimal, str]:
        """The base price and a sentence saying how it was reached."""
        if self.kind == "fixed":
            base, note = to_decimal(self.fixed), f"基准价为招标文件确定的{self.fixed}"
        elif self.kind == "lowest":
            base, note = min(prices), f"基准价为最低有效报价{min(prices)}"
        else:
            used = sorted(prices)
            dropped = self.drop_extremes_from is not None and len(used) >= self.drop_extremes_from
            if dropped:
                used = used[1:-1]
            base = sum(used, Decimal(0)) / len(used)
            note = f"基准价为{len(used)}个有效报价的算术平均值{_show(base)}"
            if dropped:
                note += f"（有效报价不少于{self.drop_extremes_from}个，已去掉一个最高价和一个最低价）"
        if self.factor != 1:
            base *= to_decimal(self.factor)
            note += f"，乘以系数{self.factor}后为{_show(base)}"
        return base, note


@dataclass(frozen=True)
class PriceScore:
    bidder: str
    price: Decimal
    score: Decimal
    working: str
    rounding_note: str


@dataclass(frozen=True)
class PriceResult:
    base: Decimal
    base_note: str
    scores: tuple[PriceScore, ...]

    def score_of(self, bidder: str) -> Decimal:
        return next(s.score for s in self.scores if s.bidder == bidder)


@dataclass(frozen=True)
class RatioFormula:
    weight: Decimal
    base: BaseRule = field(default_factory=BaseRule)
    cap_at_weight: bool = True
    rounding: Rounding = field(default_factory=Rounding)
    zero_beyond_pct: Decimal | None = None  # §3.6: a bid more than X % from the base scores 0

    def raw(self, price: Decimal, base: Decimal) -> tuple[Decimal, str]:
        value = base * to_decimal(self.weight) / price  # multiply first: 13 × 30 ÷ 60 is exactly 6.5
        working = f"{_show(base)} ÷ {price} × {self.weight} = {_show(value)}"
        if self.cap_at_weight and value > self.weight:
            value, working = to_decimal(self.weight), working + f"，以满分{self.weight}为上限"
        return value, working


@dataclass(frozen=True)
class DeviationFormula:
    weight: Decimal
    base: BaseRule = field(default_factory=lambda: BaseRule("mean"))
    above_per_unit: Decimal = Decimal("0.3")  # points deducted per unit above the base
    below_per_unit: Decimal = Decimal("0.2")  # points deducted per unit below the base
    unit_amount: Decimal | None = None  # None: the unit is 1 % of the base; else a sum of money (10,000 元)
    part_unit: str = "up"  # up | down | pro_rata
    max_deduction: Decimal | None = None
    floor: Decimal = Decimal(0)
    rounding: Rounding = field(default_factory=Rounding)
    zero_beyond_pct: Decimal | None = None  # §3.6: a bid more than X % from the base scores 0

    def __post_init__(self):
        if self.part_unit not in UNIT_RULES:
            raise ValueError(f"未知的不足单位处理方式：{self.part_unit}")

    def raw(self, price: Decimal, base: Decimal) -> tuple[Decimal, str]:
        gap = price - base
        units = abs(gap) / to_decimal(self.unit_amount) if self.unit_amount else abs(gap) * HUNDRED / base
        counted = _count(units, self.part_unit)
        slope = to_decimal(self.above_per_unit if gap > 0 else self.below_per_unit)
        deduction = counted * slope
        side = "高于" if gap > 0 else "低于"
        if self.unit_amount:
            working = f"{side}基准价{abs(gap)}元，合{_show(units)}个{self.unit_amount}元"
        else:
            working = f"{side}基准价{_show(units)}%"
        working += f"，{UNIT_RULES[self.part_unit]}，计{_show(counted)}个单位，扣{_show(deduction)}分"
        if gap == 0:
            working = "等于基准价，不扣分"
        if self.max_deduction is not None and deduction > self.max_deduction:
            deduction = to_decimal(self.max_deduction)
            working += f"，最多扣{self.max_deduction}分"
        value = max(to_decimal(self.weight) - deduction, to_decimal(self.floor))
        return value, working + f"；得分 {self.weight} − {_show(deduction)} = {_show(value)}"


def score_prices(formula: RatioFormula | DeviationFormula, prices: Mapping[str, object]) -> PriceResult:
    """Every valid bid's price score, computed once (objective item: no evaluator input)."""
    if not prices:
        raise ValueError("没有有效报价，无法计算价格分")
    exact = {bidder: to_decimal(p) for bidder, p in prices.items()}
    if any(p <= 0 for p in exact.values()):
        raise ValueError("投标报价须大于零")
    base, base_note = formula.base.compute(sorted(exact.values()))
    scores = []
    for bidder in sorted(exact):
        value, working = _beyond(formula, exact[bidder], base) or formula.raw(exact[bidder], base)
        scores.append(PriceScore(bidder, exact[bidder], formula.rounding.apply(value), working, formula.rounding.note))
    return PriceResult(base, base_note, tuple(scores))


def _beyond(formula, price: Decimal, base: Decimal) -> tuple[Decimal, str] | None:
    limit = formula.zero_beyond_pct
    if limit is None or abs(price - base) * HUNDRED / base <= to_decimal(limit):
        return None
    return Decimal(0), f"偏离基准价{_show(abs(price - base) * HUNDRED / base)}%，超过±{limit}%，价格分为0"


def lowest_price(weight, rounding: Rounding | None = None) -> RatioFormula:
    """低价优先法: Cmin / C × W (§3.1)."""
    return RatioFormula(to_decimal(weight), BaseRule("lowest"), True, rounding or Rounding())


def _count(units: Decimal, rule: str) -> Decimal:
    if rule == "pro_rata":
        return units
    return Decimal(math.ceil(units) if rule == "up" else math.floor(units))


def _show(value: Decimal) -> str:
    """Working figures to 4 places, enough to recheck by hand without pretending to be the result."""
    text = f"{value.quantize(Decimal('0.0001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
