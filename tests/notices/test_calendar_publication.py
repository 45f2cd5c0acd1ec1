"""Minimum periods count from when documents can be obtained, never before publication (issue 8, defect 3).

A 文件发出 date in the past does not lengthen the periods, and sign-up or question
windows that closed before publication are refused. Each boundary on both sides.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from tender.db import CHINA
from tender.errors import DomainError
from tender.extensions import db
from tender.notices import operations as ops
from tender.notices.calendar import Schedule, check_schedule
from tender.notices.lifecycle import TenderStatus
from tender.notices.procedures import Procedure
from tender.unit_of_work import perform
from tests.factories import add_document, make_tender


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), CHINA)


P = date(2026, 3, 2)  # publication day, a Monday
PUBLISHED = at(P, 10)
BASE = Schedule(procedure=Procedure.OPEN, docs_from=at(P), docs_to=at(P + timedelta(days=7), 17),
                question_deadline=at(P + timedelta(days=10), 17), bid_deadline=at(date(2026, 3, 30), 9, 30),
                validity_days=90, planned_award=date(2026, 4, 10), published_at=PUBLISHED)


def days(n: int) -> timedelta:
    return timedelta(days=n)


CASES = [
    # (rule, description, changes, violated?)
    ("bid_period", "the reported case: issued 11 days before publication, deadline 10 days after",
     dict(docs_from=at(P - days(11)), docs_to=at(P + days(5), 17), question_deadline=at(P + days(1), 17),
          bid_deadline=at(P + days(10))), True),
    ("bid_period", "issued a day early, deadline 20 days after publication: the minimum",
     dict(docs_from=at(P - days(1)), question_deadline=at(P + days(5), 17), bid_deadline=at(P + days(20))), False),
    ("bid_period", "issued a day early, deadline 19 days after publication (20 after the issue date)",
     dict(docs_from=at(P - days(1)), question_deadline=at(P + days(4), 17), bid_deadline=at(P + days(19))), True),
    ("bid_period", "issued later than publication counts from the issue date",
     dict(docs_from=at(P + days(2)), question_deadline=at(P + days(6), 17), bid_deadline=at(P + days(21))), True),
    ("bid_period", "issued two days after publication, deadline 22 days after",
     dict(docs_from=at(P + days(2)), question_deadline=at(P + days(6), 17), bid_deadline=at(P + days(22))), False),
    ("docs_period", "issued 3 days early, documents until 5 days after publication: the minimum",
     dict(docs_from=at(P - days(3)), docs_to=at(P + days(5), 17)), False),
    ("docs_period", "issued 3 days early, documents until 4 days after publication",
     dict(docs_from=at(P - days(3)), docs_to=at(P + days(4), 17)), True),
    ("closed_at_publication", "sign-up closed the day before publication",
     dict(docs_from=at(P - days(10)), docs_to=at(P - days(1), 17), question_deadline=at(P + days(1))), True),
    ("closed_at_publication", "sign-up closes an hour before publication the same day",
     dict(docs_from=at(P - days(10)), docs_to=at(P, 9), question_deadline=at(P + days(1))), True),
    ("closed_at_publication", "sign-up closes an hour after publication",
     dict(docs_from=at(P - days(10)), docs_to=at(P, 11), question_deadline=at(P + days(1))), False),
    ("closed_at_publication", "questions closed before publication",
     dict(docs_from=at(P - days(10)), question_deadline=at(P - days(1), 17)), True),
    ("closed_at_publication", "questions close after publication", dict(question_deadline=at(P, 11)), False),
    ("bid_period", "published the same day as issued, hours later", dict(published_at=at(P, 23)), False),
    ("bid_period", "three quotes counts working days from publication",
     dict(procedure=Procedure.QUOTES, docs_from=at(P - days(7)), docs_to=at(P + days(1), 17),
          question_deadline=at(P + days(1), 12), bid_deadline=at(P + days(2)), validity_days=30, invitees=3), True),
    ("bid_period", "three quotes: 3 working days after publication is enough",
     dict(procedure=Procedure.QUOTES, docs_from=at(P - days(7)), docs_to=at(P + days(1), 17),
          question_deadline=at(P + days(1), 12), bid_deadline=at(P + days(3)), validity_days=30, invitees=3), False),
]


@pytest.mark.parametrize("rule, description, changes, violated", CASES, ids=[c[1] for c in CASES])
def test_periods_count_from_publication(rule, description, changes, violated):
    found = {v.code: v for v in check_schedule(replace(BASE, **changes))}
    assert (rule in found) is violated, found
    if violated:
        assert found[rule].hard


def test_the_message_says_the_count_starts_at_publication():
    schedule = replace(BASE, docs_from=at(P - days(11)), docs_to=at(P + days(5), 17),
                       question_deadline=at(P + days(1), 17), bid_deadline=at(P + days(10)))
    message = next(v.message for v in check_schedule(schedule) if v.code == "bid_period")
    assert "当前为 10 日" in message and "发布" in message


def test_publishing_now_is_assumed_for_a_draft_when_now_is_given():
    schedule = replace(BASE, published_at=None, docs_from=at(P - days(11)), docs_to=at(P + days(5), 17),
                       question_deadline=at(P + days(1), 17), bid_deadline=at(P + days(10)))
    assert "bid_period" not in {v.code for v in check_schedule(schedule)}  # no publication known: issue date
    assert "bid_period" in {v.code for v in check_schedule(schedule, now=PUBLISHED)}


@pytest.fixture
def backdated(staff):
    today = datetime.now(CHINA).date()
    tender = make_tender(staff, docs_from=at(today - days(11)), docs_to=at(today + days(5), 17),
                         question_deadline=at(today + days(1), 17), bid_deadline=at(today + days(10), 9, 30),
                         validity_days=90, planned_award=today + days(20))
    add_document(tender, staff)
    db.session.commit()
    return tender


def test_a_backdated_tender_is_not_published(staff, backdated):
    with pytest.raises(DomainError) as raised:
        perform(ops.publish_tender, backdated, staff)
    assert "不得少于 20 日" in raised.value.message
    db.session.expire_all()
    assert db.session.get(type(backdated), backdated.id).status is TenderStatus.DRAFT


def test_a_tender_whose_windows_closed_is_not_published(staff):
    today = datetime.now(CHINA).date()
    tender = make_tender(staff, docs_from=at(today - days(30)), docs_to=at(today - days(2), 17),
                         question_deadline=at(today - days(1), 17), bid_deadline=at(today + days(30), 9, 30))
    add_document(tender, staff)
    db.session.commit()
    with pytest.raises(DomainError) as raised:
        perform(ops.publish_tender, tender, staff)
    assert "招标文件发出截止时间" in raised.value.message and "提问截止时间" in raised.value.message


def test_the_draft_page_does_not_call_a_backdated_schedule_compliant(client, login, staff, backdated):
    login(staff)
    page = client.get(f"/tenders/{backdated.id}").get_data(as_text=True)
    assert "日期安排符合全部规则" not in page and "不得少于 20 日" in page


def test_the_reference_draft_still_publishes(staff):
    tender = make_tender(staff)
    add_document(tender, staff)
    db.session.commit()
    perform(ops.publish_tender, tender, staff)
    assert tender.status is TenderStatus.PUBLISHED
