"""The met/breached rule of a tracked commitment: comparators, inclusivity, direction of a bare figure, units."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from scoring.contracts.tracking import UnitMismatch, convert, is_met

D = Decimal
SATISFACTION = Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, D("90"), Unit.PERCENT)  # ≥ 90%
ARRIVAL = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, D("15"), Unit.MINUTE)  # 15分钟之内
TIMELY = Commitment(Indicator.REPAIR_TIMELY, Comparator.EQUAL, D("100"), Unit.PERCENT)  # 及时率100%
FIX = Commitment(Indicator.URGENT_FIX, Comparator.EQUAL, D("12"), Unit.HOUR)  # 急修12小时修复
DRILLS = Commitment(Indicator.FIRE_DRILL, Comparator.AT_LEAST, D("2"), Unit.TIMES, period=Period.YEAR)


@pytest.mark.parametrize(("commitment", "measured", "unit", "met"), [
    (SATISFACTION, "90", None, True),  # 以上 includes the figure itself
    (SATISFACTION, "89.99", None, False),
    (SATISFACTION, "96.5", None, True),
    (ARRIVAL, "15", None, True),  # 之内 includes it too
    (ARRIVAL, "16", None, False),
    (ARRIVAL, "0.25", Unit.HOUR, True),  # a quarter of an hour is 15 minutes
    (ARRIVAL, "0.3", Unit.HOUR, False),
    (TIMELY, "100", None, True),  # a bare rate: higher is better
    (TIMELY, "98", None, False),
    (FIX, "10", None, True),  # a bare time: lower is better
    (FIX, "13", None, False),
    (FIX, "600", Unit.MINUTE, True),
    (DRILLS, "1", None, False),
    (DRILLS, "2", None, True),
])
def test_met_or_breached(commitment, measured, unit, met):
    assert is_met(commitment, D(measured), unit) is met


def test_exclusive_comparators_do_not_hold_at_the_figure():
    more = Commitment(Indicator.STAFF_TOTAL, Comparator.MORE_THAN, D("18"), Unit.PERSON)  # 超过18人
    less = Commitment(Indicator.COMPLAINT_REPLY, Comparator.LESS_THAN, D("48"), Unit.HOUR)  # 不满48小时
    assert not is_met(more, D("18")) and is_met(more, D("19"))
    assert not is_met(less, D("48")) and is_met(less, D("47.5"))


def test_a_unit_of_another_kind_is_refused_with_a_chinese_message():
    with pytest.raises(UnitMismatch, match="计量单位“分钟”不能与承诺的单位“%”比较"):
        is_met(SATISFACTION, D("10"), Unit.MINUTE)
    with pytest.raises(UnitMismatch):
        convert(D("3"), Unit.WORKDAY, Unit.DAY)  # a working day is not a calendar day
    with pytest.raises(ValueError, match="有限的数字"):
        is_met(SATISFACTION, D("NaN"))


values = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@given(target=values, measured=values)
def test_a_floor_and_a_ceiling_at_the_same_figure_disagree_only_at_the_figure(target, measured):
    floor = Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, target, Unit.PERCENT)
    ceiling = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, target, Unit.PERCENT)
    assert is_met(floor, measured) != is_met(ceiling, measured) or measured == target


@given(target=values, measured=values, better=st.decimals(min_value=0, max_value=100, places=2))
def test_a_better_measurement_never_turns_a_met_promise_into_a_breach(target, measured, better):
    floor = Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST, target, Unit.PERCENT)
    ceiling = Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST, target, Unit.MINUTE)
    assert not is_met(floor, measured) or is_met(floor, measured + better)
    assert not is_met(ceiling, measured) or is_met(ceiling, max(D(0), measured - better))


@given(minutes=values)
def test_the_same_time_in_hours_is_judged_as_in_minutes(minutes):
    assert is_met(ARRIVAL, minutes) == is_met(ARRIVAL, minutes / 60, Unit.HOUR)
