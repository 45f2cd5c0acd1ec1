"""Two staff save the same method at the same moment: one wins, the other is told to reload; nothing is lost."""
from __future__ import annotations

from scoring.evaluation import TEMPLATES
from tender.errors import DomainError
from tender.extensions import db
from tender.methods import operations as ops
from tender.methods.editing import edited_method
from tender.notices.models import Tender
from tender.unit_of_work import perform
from tests.factories import make_tender
from tests.notices.test_races import hold_first_statement, run_together

METHOD = TEMPLATES["comprehensive"][1]()


def test_concurrent_saves_one_wins_one_is_stale(app, staff):
    tender = make_tender(staff)
    db.session.commit()
    tender_id, staff_id = tender.id, staff.id
    gates = [g.code for g in METHOD.gates[:2]]

    def work(i):
        from tender.auth.models import User

        tender = db.session.get(Tender, tender_id)
        edited = edited_method(METHOD, {f"gate-{gates[i]}-requirement": f"第{i}人的修改"})
        return perform(ops.save_method, tender, db.session.get(User, staff_id), edited, 1).version

    # Both read version 1; with the row locked on read (PostgreSQL) the second waits at its SELECT instead.
    with hold_first_statement("UPDATE TENDER_METHODS "):
        results = run_together(app, work)
    winners = [r for r in results if isinstance(r, int)]
    losers = [r for r in results if isinstance(r, DomainError)]
    assert winners == [2] and len(losers) == 1 and "已被他人修改" in losers[0].message
    db.session.expire_all()
    saved = ops.stored_method(db.session.get(Tender, tender_id))
    assert saved.version == 2
    assert sum("的修改" in g.requirement for g in saved.method.gates) == 1
