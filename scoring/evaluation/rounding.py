"""Rounding of published scores, with the sentence shown beside each result.

Tender documents rarely say how scores are rounded (scoring-methods.md §3 example 5 is
silent), so the method states it and every result carries the explanation. Decimal keeps
27.00 exactly 27.00: binary floats would turn 0.9 × 30 into 26.999….
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

MODES = {"half_up": (ROUND_HALF_UP, "四舍五入"), "half_even": (ROUND_HALF_EVEN, "四舍六入五成双（银行家舍入）")}


def to_decimal(value) -> Decimal:
    """Exact decimal of a price or score given as int, str, float or Decimal (floats via their shortest text)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Rounding:
    places: int = 2
    mode: str = "half_up"

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"未知的舍入方式：{self.mode}（可选 half_up 四舍五入、half_even 银行家舍入）")
        if not 0 <= self.places <= 6:
            raise ValueError("保留小数位数须在 0 到 6 之间")

    def apply(self, value: Decimal) -> Decimal:
        return to_decimal(value).quantize(Decimal(1).scaleb(-self.places), rounding=MODES[self.mode][0])

    @property
    def note(self) -> str:
        return f"计算结果保留{self.places}位小数，{MODES[self.mode][1]}；中间结果不舍入"
