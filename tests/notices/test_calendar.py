"""Every calendar rule, table-driven, with its boundary day on both sides."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from tender.db import CHINA
from tender.notices.calendar import (
    PARAMS,
    Schedule,
    check_clarification,
    check_schedule,
    clarification_deadline,
    holiday_notes,
)
from tender.notices.procedures import Procedure, SaleMode
from tender.notices.workdays import add_workdays, is_workday, workdays_between


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA)


# 2026-03-02 is a Monday; 2026-03-30 (deadline) is a Monday too.
D0 = date(2026, 3, 2)
GOOD = Schedule(
    procedure=Procedure.OPEN,
    docs_from=at(D0), docs_to=at(D0 + timedelta(days=7), 17),
    question_deadline=at(D0 + timedelta(days=10), 17), bid_deadline=at(date(2026, 3, 30), 9, 30),
    validity_days=90, planned_award=date(2026, 4, 10),
)


def codes(schedule: Schedule) -> set[str]:
    return {v.code for v in check_schedule(schedule)}


def test_the_reference_schedule_breaks_no_rule():
    assert check_schedule(GOOD) == []


CASES = [
    # (rule, description, changes, violated?)
    ("required", "no bid deadline", dict(bid_deadline=None), True),
    ("required", "no validity", dict(validity_days=None), True),
    ("order", "docs close before they open", dict(docs_to=at(D0 - timedelta(days=1))), True),
    ("order", "questions close after the deadline", dict(question_deadline=at(date(2026, 3, 31))), True),
    ("order", "docs close after the deadline", dict(docs_to=at(date(2026, 3, 31))), True),
    ("docs_period", "5 days of documents: the minimum", dict(docs_to=at(D0 + timedelta(days=5), 8)), False),
    ("docs_period", "4 days of documents", dict(docs_to=at(D0 + timedelta(days=4), 17)), True),
    ("bid_period", "20 days to the deadline: the minimum",
     dict(bid_deadline=at(D0 + timedelta(days=20), 9), question_deadline=at(D0 + timedelta(days=5))), False),
    ("bid_period", "19 days to the deadline",
     dict(bid_deadline=at(D0 + timedelta(days=19), 9), question_deadline=at(D0 + timedelta(days=4))), True),
    ("question_deadline", "questions close 15 days before", dict(question_deadline=at(date(2026, 3, 15), 17)), False),
    ("question_deadline", "questions close 14 days before", dict(question_deadline=at(date(2026, 3, 16), 17)), True),
    ("invitees", "open tender needs no invitees", dict(invitees=0), False),
    ("invitees", "invitation with 3 invitees", dict(procedure=Procedure.INVITED, invitees=3), False),
    ("invitees", "invitation with 2 invitees", dict(procedure=Procedure.INVITED, invitees=2), True),
    ("validity", "60 days validity: the minimum", dict(validity_days=60), False),
    ("validity", "59 days validity", dict(validity_days=59), True),
    ("validity", "award exactly 30 days before validity ends", dict(validity_days=60, planned_award=date(2026, 4, 29)),
     False),
    ("validity", "award 29 days before validity ends", dict(validity_days=60, planned_award=date(2026, 4, 30)), True),
    ("publicity", "award 3 days after the deadline", dict(planned_award=date(2026, 4, 2)), False),
    ("publicity", "award 2 days after the deadline", dict(planned_award=date(2026, 4, 1)), True),
    ("before_sale", "现售: award 30 days before sale",
     dict(sale_mode=SaleMode.CURRENT, sale_date=date(2026, 5, 10)), False),
    ("before_sale", "现售: award 29 days before sale",
     dict(sale_mode=SaleMode.CURRENT, sale_date=date(2026, 5, 9)), True),
    ("before_sale", "预售: award the day before the permit",
     dict(sale_mode=SaleMode.PRESALE, presale_date=date(2026, 4, 11)), False),
    ("before_sale", "预售: award on the permit day", dict(sale_mode=SaleMode.PRESALE, presale_date=date(2026, 4, 10)),
     True),
    ("before_sale", "非出售: award 90 days before delivery",
     dict(sale_mode=SaleMode.NOT_FOR_SALE, delivery_date=date(2026, 7, 9)), False),
    ("before_sale", "非出售: award 89 days before delivery",
     dict(sale_mode=SaleMode.NOT_FOR_SALE, delivery_date=date(2026, 7, 8)), True),
    ("before_sale", "sale date given but no planned award",
     dict(sale_mode=SaleMode.CURRENT, sale_date=date(2026, 9, 1), planned_award=None), True),
    ("before_sale", "sale mode unknown: nothing to check", dict(sale_mode=SaleMode.UNKNOWN, planned_award=None), False),
    ("opening_workday", "opening on a Monday", {}, False),
    ("opening_workday", "opening on Saturday 2026-03-28",
     dict(bid_deadline=at(date(2026, 3, 28), 9)), True),
    ("opening_workday", "opening on 2026-10-01 (National Day)",
     dict(bid_deadline=at(date(2026, 10, 1), 9), planned_award=date(2026, 10, 12)), True),
    ("opening_workday", "opening on Saturday 2026-02-14, an official make-up working day",
     dict(docs_from=at(date(2026, 1, 20)), docs_to=at(date(2026, 1, 27)), question_deadline=at(date(2026, 1, 28)),
          bid_deadline=at(date(2026, 2, 14), 9), planned_award=date(2026, 2, 24)), False),
]


@pytest.mark.parametrize(("rule", "description", "changes", "violated"), CASES, ids=[c[1] for c in CASES])
def test_rule(rule, description, changes, violated):
    assert (rule in codes(replace(GOOD, **changes))) is violated


QUOTES = Schedule(
    procedure=Procedure.QUOTES, docs_from=at(date(2026, 3, 2)), docs_to=at(date(2026, 3, 4), 17),
    question_deadline=at(date(2026, 3, 3), 17), bid_deadline=at(date(2026, 3, 5), 15), validity_days=30, invitees=3,
)


@pytest.mark.parametrize(("changes", "violated"), [
    ({}, False),  # Mon → Thu: 3 working days, the minimum
    (dict(bid_deadline=at(date(2026, 3, 4), 15), docs_to=at(date(2026, 3, 4), 9)), True),  # 2 working days
    # Thu 2026-04-02 → Tue 04-07 crosses 清明 (04-04..06 off): Fri, Tue = 2 working days
    (dict(docs_from=at(date(2026, 4, 2)), docs_to=at(date(2026, 4, 3)), question_deadline=at(date(2026, 4, 3)),
          bid_deadline=at(date(2026, 4, 7), 15)), True),
    (dict(invitees=2), True),
    (dict(validity_days=29), True),
])
def test_three_quotes_counts_working_days(changes, violated):
    found = codes(replace(QUOTES, **changes))
    assert bool(found & {"bid_period", "invitees", "validity"}) is violated


def test_each_message_is_chinese_and_names_the_numbers():
    message = next(v.message for v in check_schedule(replace(GOOD, bid_deadline=at(D0 + timedelta(days=19)),
                                                             question_deadline=at(D0 + timedelta(days=4)))))
    assert "不得少于 20 日" in message and "当前为 19 日" in message


def test_a_past_deadline_is_refused_when_publishing():
    now = at(date(2026, 4, 1))
    assert "future" in {v.code for v in check_schedule(GOOD, now=now)}
    assert "future" not in {v.code for v in check_schedule(GOOD, now=at(D0))}


@pytest.mark.parametrize(("issued", "moves"), [
    (at(date(2026, 3, 15), 10), False),   # exactly 15 days before 2026-03-30
    (at(date(2026, 3, 16), 10), True),    # 14 days before
])
def test_late_clarification_forces_the_deadline_to_move(issued, moves):
    earliest = clarification_deadline(GOOD, issued)
    assert (earliest is not None) is moves
    if moves:
        assert earliest == at(date(2026, 3, 31), 9, 30)
        assert [v.code for v in check_clarification(GOOD, issued, GOOD.bid_deadline)] == ["clarify_period"]
        assert check_clarification(GOOD, issued, at(date(2026, 3, 31), 9, 30)) == []


def test_quotes_clarification_counts_one_working_day():
    friday = at(date(2026, 3, 6), 16)
    # the next working day after Friday is Monday 03-09
    assert clarification_deadline(replace(QUOTES, bid_deadline=at(date(2026, 3, 6), 17)), friday) == \
        at(date(2026, 3, 9), 17)


def test_parameters_are_per_procedure():
    assert PARAMS[Procedure.OPEN].min_bid_days == 20
    assert PARAMS[Procedure.QUOTES].min_bid_days is None
    strict = replace(PARAMS[Procedure.OPEN], min_bid_days=30)
    assert "bid_period" in {v.code for v in check_schedule(GOOD, params=strict)}


def test_working_days_follow_the_official_schedule():
    assert not is_workday(date(2026, 10, 1))
    assert is_workday(date(2026, 2, 14))      # Saturday made a working day (调休)
    assert add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert workdays_between(date(2026, 3, 2), date(2026, 3, 9)) == 5


def test_years_without_holiday_data_fall_back_to_weekdays_and_say_so():
    assert is_workday(date(2027, 3, 1)) and not is_workday(date(2027, 3, 6))
    notes = holiday_notes(replace(GOOD, bid_deadline=at(date(2027, 3, 1))))
    assert notes and "2027" in notes[0]
