"""Two clarifications or two new tenders at the same moment (issue 8, defect 10).

Real concurrency: two threads, each with its own session and connection, against the
test database (SQLite file or PostgreSQL). A hook holds each thread just before its
INSERT until both have read the current numbers, which is exactly the race that gave
"UNIQUE constraint failed" before numbers were allocated under a lock.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy import event

from tender.extensions import db
from tender.notices import operations as ops
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Clarification, Tender
from tender.notices.procedures import Procedure, SaleMode
from tender.unit_of_work import perform
from tests.factories import make_tender, valid_dates


@contextmanager
def both_read_before_either_inserts(table: str):
    """Hold the first INSERT into `table` until the other thread gets there too (or 1.5 s pass).

    With allocation under a lock the second thread waits at the lock instead, the
    barrier times out and the first thread carries on: no deadlock either way.
    """
    with hold_first_statement(f"INSERT INTO {table.upper()} "):
        yield


@contextmanager
def hold_first_statement(prefix: str):
    """Hold the first statement starting with `prefix` (upper case) until the other thread reaches one too."""
    barrier = threading.Barrier(2)

    def hold(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(prefix):
            try:
                barrier.wait(timeout=1.5)
            except threading.BrokenBarrierError:
                pass

    event.listen(db.engine, "before_cursor_execute", hold)
    try:
        yield
    finally:
        event.remove(db.engine, "before_cursor_execute", hold)


def run_together(app, work) -> list:
    """Run `work(i)` in two threads, each in its own app context; return results or exceptions."""
    results: list = [None, None]

    def target(i):
        with app.app_context():
            try:
                results[i] = work(i)
            except Exception as e:  # noqa: BLE001 - the test reports what each thread met
                results[i] = e
            finally:
                db.session.remove()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def test_two_clarifications_at_once_get_numbers_one_and_two(app, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    tender_id, staff_id = tender.id, staff.id

    def clarify(i):
        from tender.auth.models import User

        actor, target = db.session.get(User, staff_id), db.session.get(Tender, tender_id)
        return perform(ops.publish_clarification, target, actor, title=f"答疑{i}", body="内容").number

    with both_read_before_either_inserts("tender_clarifications"):
        results = run_together(app, clarify)
    assert sorted(results) == [1, 2], results
    numbers = db.session.scalars(sa.select(Clarification.number).where(Clarification.tender_id == tender_id))
    assert sorted(numbers) == [1, 2]


def test_two_new_tenders_at_once_get_distinct_references(app, staff):
    db.session.commit()
    staff_id = staff.id

    def create(i):
        from tender.auth.models import User

        fields = dict(title=f"并发项目{i}", procedure=Procedure.OPEN, service_type="前期物业管理",
                      tenderer="测试置业有限公司", location="测试市", sale_mode=SaleMode.UNKNOWN, **valid_dates())
        return perform(ops.create_tender, db.session.get(User, staff_id), **fields).reference

    with both_read_before_either_inserts("tenders"):
        results = run_together(app, create)
    assert all(isinstance(r, str) for r in results), results
    assert len(set(results)) == 2
    assert len(db.session.scalars(sa.select(Tender.reference)).all()) == 2
