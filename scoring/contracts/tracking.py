"""Whether a measured value meets a commitment of the contract's 附件五 (issue 14, scope 4).

A commitment is a comparator, a number and a unit (../shared/docs/contract-and-commitments.md §4).
"以上/以内/不低于/不超过" include the number itself, "超过/不满" exclude it (《民法典》第一千二百五十九条),
so ≥ and ≤ hold at the target and > and < do not. A bare figure ("维修及时率100%", "=") is read in
the indicator's direction: rates, counts and staffing are "higher is better", response and repair
times "lower is better". A measurement may be typed in another unit of the same kind (小时 for a
commitment in 分钟); a unit of another kind (分钟 against a %) is refused, never guessed. 个工作日
is not converted to 天: how many calendar days a working day spans depends on the calendar.
"""
from __future__ import annotations

from decimal import Decimal

from scoring.commitments.schema import Commitment, Comparator, Indicator, Unit

MINUTES = {Unit.MINUTE: Decimal(1), Unit.HOUR: Decimal(60), Unit.DAY: Decimal(1440)}
LOWER_IS_BETTER = frozenset({Indicator.URGENT_ARRIVAL, Indicator.URGENT_FIX, Indicator.REPAIR_RESPONSE,
                             Indicator.REPAIR_DONE, Indicator.COMPLAINT_RESPONSE, Indicator.COMPLAINT_REPLY,
                             Indicator.FIRE_ARRIVAL})


class UnitMismatch(ValueError):
    """The measurement's unit cannot be compared with the commitment's; the message is Chinese, for staff."""


def convert(value: Decimal, unit: Unit, to: Unit) -> Decimal:
    """`value` in `unit` expressed in `to`: only time units (分钟, 小时, 天) convert; anything else must match."""
    if unit is to:
        return value
    if unit in MINUTES and to in MINUTES:
        return value * MINUTES[unit] / MINUTES[to]
    raise UnitMismatch(f"计量单位“{unit.value}”不能与承诺的单位“{to.value}”比较。")


def effective_comparator(c: Commitment) -> Comparator:
    """The comparator a bare figure stands for: ≤ for times the indicator wants short, ≥ otherwise."""
    if c.comparator is not Comparator.EQUAL:
        return c.comparator
    return Comparator.AT_MOST if c.indicator in LOWER_IS_BETTER else Comparator.AT_LEAST


def is_met(c: Commitment, measured: Decimal, unit: Unit | None = None) -> bool:
    """True when `measured` (in `unit`, default the commitment's) keeps the promise; False is a breach."""
    if not Decimal(measured).is_finite():
        raise ValueError("测量值须为有限的数字。")
    value = convert(Decimal(measured), unit or c.unit, c.unit)
    comparator = effective_comparator(c)
    return {Comparator.AT_LEAST: value >= c.value, Comparator.MORE_THAN: value > c.value,
            Comparator.AT_MOST: value <= c.value, Comparator.LESS_THAN: value < c.value}[comparator]
