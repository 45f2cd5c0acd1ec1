"""Chinese working days (法定节假日 and 调休) from the chinese-calendar package.

The package only knows the years the State Council has announced. For later
years we fall back to Monday–Friday and say so, rather than fail or guess holidays.
"""
from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar


def has_holiday_data(day: date) -> bool:
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_workday(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_workdays(start: date, n: int) -> date:
    """The n-th working day after `start` (start itself not counted)."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        if is_workday(day):
            left -= 1
    return day


def workdays_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_workday(day)
    return count
