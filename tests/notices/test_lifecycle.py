"""The tender lifecycle: every (state, action, role) against a table written here by hand, from the rules.

The expected table is the specification, typed out independently of `lifecycle.RULES`,
so a wrong rule in the code fails here instead of being copied into the test.
"""
from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.models import User
from tender.auth.roles import Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import lifecycle
from tender.notices import operations as ops
from tender.notices.lifecycle import Action, TenderStatus
from tender.notices.models import Tender
from tender.notices.procedures import Procedure
from tender.unit_of_work import perform
from tests.factories import make_tender

ROOT = Path(__file__).resolve().parents[2]
STAFF = {"admin", "staff"}
BIDDER = {"bidder"}

# action: (states it applies in, roles that may take it; "system" is no user at all)
EXPECTED = {
    "edit": ({"draft", "published"}, STAFF),
    "prepare": ({"draft"}, STAFF),
    "publish": ({"draft"}, STAFF),
    "sign_up": ({"published"}, BIDDER),
    "ask": ({"published"}, BIDDER),
    "clarify": ({"published"}, STAFF),
    "qualify": ({"published"}, BIDDER),
    "bid": ({"published"}, BIDDER),
    "close": ({"published"}, {"system"}),
    "open": ({"closed"}, STAFF | {"opener"}),
    "start_evaluation": ({"opened"}, STAFF),
    "finish_evaluation": ({"opened", "evaluating"}, STAFF | {"expert"}),  # the chair finishes: tests/result
    # 条例第五十一条（五）: staff or the chair check and ask, the bidder answers, while the bids are evaluated
    "review_low_prices": ({"opened", "evaluating"}, STAFF | {"expert"} | BIDDER),
    "publicise": ({"evaluated"}, STAFF),
    "object": ({"publicised"}, BIDDER),
    "answer_objection": ({"publicised"}, STAFF),
    "award": ({"publicised"}, STAFF),
    "contract": ({"awarded"}, STAFF),
    "confirm_commitments": ({"opened", "evaluating", "evaluated", "publicised", "awarded"}, STAFF),
    "track_commitments": ({"awarded", "contracted"}, STAFF),
    "fail": ({"closed", "opened", "evaluating", "evaluated"}, STAFF),
    "lapse": ({"closed"}, {"system"}),
    "cancel": ({"draft", "published", "closed", "opened", "evaluating", "evaluated", "publicised"}, STAFF),
}
# 三家比价 has no candidate publicity: the award follows the evaluation.
QUOTES = {"publicise": (set(), STAFF), "object": (set(), BIDDER), "answer_objection": (set(), STAFF),
          "award": ({"evaluated"}, STAFF)}


def expected_for(procedure: Procedure) -> dict:
    return {**EXPECTED, **QUOTES} if procedure is Procedure.QUOTES else EXPECTED


def tender_in(status: str, procedure: Procedure, *, deadline_passed: bool, publicity_over: bool = False) -> Tender:
    """An unsaved tender whose time guards all hold, except the deadline when asked; the candidate publicity
    runs, or is over (with no objection waiting) for the award."""
    now = utcnow()
    deadline = now - timedelta(hours=1) if deadline_passed else now + timedelta(days=20)
    publicity = now - timedelta(hours=1) if publicity_over else now + timedelta(days=3)
    return Tender(title="生命周期", procedure=procedure, status=TenderStatus(status), docs_to=now + timedelta(days=5),
                  question_deadline=now + timedelta(days=5), bid_deadline=deadline, publicity_ends_at=publicity,
                  objections_pending=0)


@pytest.mark.parametrize("procedure", list(Procedure))
def test_every_state_action_and_role_against_the_table(procedure):
    actors = {role.value: User(role=role) for role in Role} | {"system": None}
    wrong = []
    for status in TenderStatus:
        for action in Action:
            # The close needs its deadline passed; every other action is tested with the deadline ahead.
            passed = status.value == "closed" or action is Action.CLOSE
            tender = tender_in(status.value, procedure, deadline_passed=passed, publicity_over=action is Action.AWARD)
            states, roles = expected_for(procedure)[action.value]
            for name, user in actors.items():
                want = status.value in states and name in roles
                got = _allowed_as(tender, action, user)
                if got != want:
                    wrong.append((status.value, action.value, name, got))
    assert wrong == []


def _allowed_as(tender: Tender, action: Action, user) -> bool:
    """As `user`; for the system, the one thing it may do is a state move with no user role."""
    if user is not None:
        return lifecycle.allows(tender, action, user)
    rule = lifecycle.rule_for(tender, action)
    return not rule.roles and lifecycle.allows(tender, action)


def test_the_table_covers_every_action_and_state():
    assert set(EXPECTED) == {a.value for a in Action}
    mentioned = set().union(*(states for states, _ in EXPECTED.values()))
    terminal = {"contracted", "failed", "cancelled"}
    assert mentioned | terminal == {s.value for s in TenderStatus}


def test_a_published_tender_past_its_deadline_is_closed_on_read_without_any_worker():
    tender = tender_in("published", Procedure.OPEN, deadline_passed=True)
    assert tender.status is TenderStatus.PUBLISHED  # nothing has written the close
    assert tender.current_status is TenderStatus.CLOSED
    assert not tender.accepts_bids() and not tender.accepts_signups()
    assert tender.can_open(User(role=Role.OPENER))
    assert not tender.can_open(User(role=Role.BIDDER))


def test_time_guards_refuse_with_the_reason():
    tender = tender_in("published", Procedure.OPEN, deadline_passed=False)
    later = tender.docs_to + timedelta(minutes=1)
    bidder = User(role=Role.BIDDER)
    assert lifecycle.refusal(tender, Action.SIGN_UP, bidder, later) == "报名已截止（招标文件发出期已结束）。"
    asked_late = tender.question_deadline + timedelta(seconds=1)
    assert lifecycle.refusal(tender, Action.ASK, None, asked_late) == "提问已截止。"
    assert tender.accepts_bids(tender.bid_deadline - timedelta(seconds=1))
    assert not tender.accepts_bids(tender.bid_deadline)


def test_no_award_before_the_publicity_ends_or_while_an_objection_waits():
    """条例第五十四条: the table asks the tender's publicity end and its count of unanswered objections."""
    staff, bidder = User(role=Role.STAFF), User(role=Role.BIDDER)
    tender = tender_in("publicised", Procedure.OPEN, deadline_passed=True)
    ends = tender.publicity_ends_at
    assert lifecycle.refusal(tender, Action.AWARD, staff, ends - timedelta(seconds=1)).endswith("公示期满前不能定标。")
    assert lifecycle.allows(tender, Action.AWARD, staff, ends)
    assert lifecycle.allows(tender, Action.OBJECT, bidder, ends - timedelta(seconds=1))
    assert lifecycle.refusal(tender, Action.OBJECT, bidder, ends) == "中标候选人公示期已结束，不能再提出异议。"
    tender.objections_pending = 2
    assert lifecycle.refusal(tender, Action.AWARD, staff, ends + timedelta(days=9)) == (
        "尚有 2 件异议未答复，答复前暂停定标（条例第五十四条）。")
    assert lifecycle.allows(tender, Action.ANSWER_OBJECTION, staff, ends + timedelta(days=9))
    tender.objections_pending, tender.publicity_ends_at = 0, None
    assert lifecycle.refusal(tender, Action.AWARD, staff) == "中标候选人尚未公示，不能定标。"
    quotes = tender_in("evaluated", Procedure.QUOTES, deadline_passed=True)
    quotes.publicity_ends_at = None
    assert lifecycle.allows(quotes, Action.AWARD, staff)  # 三家比价: no publicity, the award follows evaluation


def test_wrong_role_is_not_allowed_and_wrong_time_is_a_domain_error():
    tender = tender_in("draft", Procedure.OPEN, deadline_passed=False)
    with pytest.raises(NotAllowed):
        lifecycle.require(tender, Action.PUBLISH, User(role=Role.BIDDER))
    with pytest.raises(DomainError, match="草稿") as caught:
        lifecycle.require(tender, Action.OPEN, User(role=Role.OPENER))
    assert not isinstance(caught.value, NotAllowed)


def test_move_needs_a_user_unless_the_system_owns_the_action(app, staff):
    tender = make_tender(staff, status=TenderStatus.EVALUATED)
    with pytest.raises(NotAllowed):
        lifecycle.move(tender, None, Action.PUBLICISE)
    assert lifecycle.move(tender, staff, Action.PUBLICISE) is TenderStatus.PUBLICISED
    with pytest.raises(NotAllowed):
        lifecycle.move(tender, staff, Action.CLOSE)


def test_the_periodic_job_writes_the_close_and_audits_it(app, staff):
    due = make_tender(staff, status=TenderStatus.PUBLISHED)
    due.bid_deadline = utcnow() - timedelta(minutes=5)
    running = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    from tender.notices.tasks import close_due_tenders

    close_due_tenders()  # JOBS_IMMEDIATE in unit tests: the task body runs here
    db.session.expire_all()
    assert db.session.get(Tender, due.id).status is TenderStatus.CLOSED
    assert db.session.get(Tender, running.id).status is TenderStatus.PUBLISHED
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.close")).one()
    assert entry.object_id == str(due.id) and entry.actor_label == "系统"
    assert perform(ops.close_due_tenders) == []  # a second run finds nothing left to close


def test_operations_follow_the_lifecycle(app, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    tender.bid_deadline = utcnow() - timedelta(minutes=1)
    with pytest.raises(DomainError, match="未截标"):
        ops.publish_clarification(tender, staff, title="澄清", body="内容")
    with pytest.raises(DomainError, match="已截标"):
        ops.update_tender(tender, staff, title="新名称")


STATUS_COMPARISON = re.compile(r"(status|role)\.value|(status|role)\s*(==|!=)\s*['\"]")


def test_no_template_compares_a_status_or_role_string():
    found = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "templates").rglob("*.html")
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if STATUS_COMPARISON.search(line)]
    assert found == []


def test_no_code_outside_the_lifecycle_names_a_tender_state():
    found = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "tender").rglob("*.py") if p.name != "lifecycle.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"TenderStatus\.[A-Z]|status\.value\s*(==|!=|in)", line)]
    assert found == []
