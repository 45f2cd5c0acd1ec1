"""Demo dates: a China-time moment on a given day, and the first working day from a day on."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tender.db import CHINA
from tender.notices.workdays import is_workday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA)


def workday_on_or_after(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day
