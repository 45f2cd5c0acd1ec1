"""Publication seals a tender to k-of-n officers; the opening unseals it only after the deadline, with k valid shares.

Refusals are audited and their audit rows commit (the operation returns them rather than
raising), which each test checks after `perform`, i.e. after the commit.
"""
from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import operations as notice_ops
from tender.notices.lifecycle import TenderStatus
from tender.notices.procedures import Procedure
from tender.notifications.models import Message
from tender.opening import officer_keys as key_ops
from tender.opening.keys import opened_private_key
from tender.opening.models import OfficerShare, PresentedShare, TenderSeal
from tender.opening.operations import HOLD_FOR, ceremony, unseal_tender
from tender.sealing.envelope import public_of
from tender.unit_of_work import perform
from tests.factories import PASSPHRASE, add_document, make_officer, make_officers, make_tender, make_user
from tests.opening.sealed import after_deadline, publish


def audited(action):
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def test_publication_splits_the_key_among_the_officers(app):
    tender, officers = publish()
    seal = tender.seal
    assert seal.threshold == 2 and len(seal.public_key) == 32 and seal.wrapped_key and seal.opened_key is None
    assert sorted(s.officer_id for s in seal.shares) == sorted(o.id for o in officers)
    assert len({s.sealed_share for s in seal.shares}) == 3
    assert tender.status is TenderStatus.PUBLISHED
    entry = audited("tender.seal")[0]
    assert entry.after["threshold"] == 2 and sorted(entry.after["officers"]) == sorted(o.id for o in officers)


def test_three_quotes_may_name_one_officer(app):
    tender, _ = publish(Procedure.QUOTES, officers=make_officers(1))
    assert tender.seal.threshold == 1 and len(tender.seal.shares) == 1


@pytest.mark.parametrize("case, message", [
    ("none", "请指定开标人"),
    ("duplicate", "不能重复"),
    ("k_above_n", "须在 1 至 3"),
    ("k_zero", "须在 1 至 3"),
    ("one_for_open", "至少需要 2 名"),
    ("no_key", "尚未设置开标密钥"),
    ("supervisor", "不能担任开标人"),
    ("retired_key", "尚未设置开标密钥"),
])
def test_publication_refuses_a_bad_officer_list(app, case, message):
    staff = make_user(Role.STAFF)
    tender = make_tender(staff)
    add_document(tender, staff)
    a, b, c = make_officers(3)
    officers, threshold = {
        "none": ([], None), "duplicate": ([a, a, b], 2), "k_above_n": ([a, b, c], 4), "k_zero": ([a, b, c], 0),
        "one_for_open": ([a, b, c], 1), "no_key": ([a, b, make_user(Role.OPENER)], 2),
        "supervisor": ([a, b, make_officer(Role.SUPERVISOR)], 2), "retired_key": ([a, b, c], 2),
    }[case]
    if case == "retired_key":
        key_ops.current_key(c).retired_at = utcnow()
    db.session.commit()
    with pytest.raises(DomainError, match=message):
        perform(notice_ops.publish_tender, tender, staff, officers=officers, threshold=threshold)
    db.session.expire_all()
    assert tender.status is TenderStatus.DRAFT and tender.seal is None
    assert db.session.scalar(sa.select(sa.func.count(OfficerShare.id))) == 0


def test_staff_and_admins_may_be_officers(app):
    tender, _ = publish(officers=[make_officer(Role.STAFF), make_officer(Role.ADMIN), make_officer()])
    assert len(tender.seal.shares) == 3


def test_unsealing_before_the_deadline_is_refused_and_logged(app):
    tender, (a, b, _) = publish()
    early = tender.bid_deadline - timedelta(seconds=1)
    result = perform(unseal_tender, tender, a, {a: PASSPHRASE, b: PASSPHRASE}, early)
    assert not result.opened and "截止时间未到" in result.problems[0]
    db.session.expire_all()
    assert tender.seal.opened_key is None and tender.status is TenderStatus.PUBLISHED
    assert db.session.scalar(sa.select(sa.func.count(PresentedShare.id))) == 0  # no share was even opened
    assert "截止时间未到" in audited("tender.unseal.refused")[0].after["reason"]


def test_a_wrong_passphrase_is_refused_and_logged(app):
    tender, (a, b, _) = publish()
    result = perform(unseal_tender, tender, a, {a: PASSPHRASE, b: "not-the-passphrase"}, after_deadline(tender))
    assert not result.opened and result.presented == 1 and result.problems == (f"{b.name}的开标口令不正确。",)
    db.session.expire_all()
    assert tender.seal.opened_key is None and tender.status is TenderStatus.PUBLISHED
    refused = audited("tender.unseal.refused")
    assert [r.after["officer_id"] for r in refused] == [b.id] and refused[0].actor_id == a.id
    assert len(audited("tender.unseal.share")) == 1


def test_one_share_fewer_than_k_is_refused_and_logged(app):
    tender, officers = publish(threshold=3)
    result = perform(unseal_tender, tender, officers[0], dict.fromkeys(officers[:2], PASSPHRASE),
                     after_deadline(tender))
    assert not result.opened and (result.presented, result.needed) == (2, 3)
    db.session.expire_all()
    assert tender.seal.opened_key is None
    waiting = audited("tender.unseal.waiting")
    assert waiting[0].after == {"presented": sorted(o.id for o in officers[:2]), "needed": 3}


@pytest.mark.parametrize("pair", list(itertools.combinations(range(3), 2)), ids=str)
def test_any_two_of_three_officers_open_the_tender_one_request_each(app, pair):
    tender, officers = publish()
    first, second = (officers[i] for i in pair)
    now = after_deadline(tender)
    waiting = perform(unseal_tender, tender, first, {first: PASSPHRASE}, now)
    assert not waiting.opened and waiting.presented == 1
    opened = perform(unseal_tender, tender, second, {second: PASSPHRASE}, now + timedelta(minutes=3))
    assert opened.opened and opened.problems == ()
    db.session.expire_all()
    seal = db.session.scalar(sa.select(TenderSeal).where(TenderSeal.tender_id == tender.id))
    assert tender.status is TenderStatus.OPENED and seal.opened_at is not None
    assert public_of(opened_private_key(seal)) == seal.public_key
    assert db.session.scalar(sa.select(sa.func.count(PresentedShare.id))) == 0  # held shares are gone
    assert audited("tender.unseal")[0].after["officers"] == sorted([first.id, second.id])
    assert audited("tender.open")
    with pytest.raises(DomainError, match="已解封"):
        perform(unseal_tender, tender, first, {first: PASSPHRASE}, now)


def test_a_lost_passphrase_of_one_officer_still_opens_with_the_others(app):
    tender, (a, b, c) = publish()
    perform(key_ops.reset_officer_key, a, "my-new-passphrase-2026")
    assert len(tender.seal.usable_shares) == 2 and ceremony(tender.seal).can_still_open
    reset = audited("officer_key.reset")[0]
    assert reset.after["lost_shares_of_tenders"] == [tender.id]
    now = after_deadline(tender)
    refused = perform(unseal_tender, tender, a, {a: "my-new-passphrase-2026"}, now)
    assert not refused.opened and "重置了开标密钥" in refused.problems[0]
    assert perform(unseal_tender, tender, b, {b: PASSPHRASE, c: PASSPHRASE}, now).opened


def test_fewer_than_k_usable_shares_left_means_no_opening_and_staff_are_told(app):
    tender, (a, b, c) = publish()
    for officer in (a, b):
        perform(key_ops.reset_officer_key, officer, "my-new-passphrase-2026")
    state = ceremony(tender.seal)
    assert not state.can_still_open and state.usable == 1
    messages = db.session.scalars(sa.select(Message.subject)).all()
    assert f"无法开标：{tender.title}" in messages
    result = perform(unseal_tender, tender, c, {c: PASSPHRASE}, after_deadline(tender))
    assert not result.opened and result.presented == 1


def test_a_changed_passphrase_keeps_the_officers_share(app):
    tender, (a, b, _) = publish()
    perform(key_ops.change_officer_passphrase, a, PASSPHRASE, "changed-passphrase-2026")
    assert len(tender.seal.usable_shares) == 3
    now = after_deadline(tender)
    assert perform(unseal_tender, tender, a, {a: "changed-passphrase-2026", b: PASSPHRASE}, now).opened


def test_someone_not_named_cannot_present_and_other_roles_are_not_allowed(app):
    tender, (a, _, _) = publish()
    outsider = make_officer()
    db.session.commit()
    result = perform(unseal_tender, tender, outsider, {outsider: PASSPHRASE}, after_deadline(tender))
    assert result.problems == (f"{outsider.name}不是本项目的开标人。",)
    for role in (Role.BIDDER, Role.EXPERT, Role.SUPERVISOR):
        with pytest.raises(NotAllowed):
            perform(unseal_tender, tender, make_user(role), {a: PASSPHRASE}, after_deadline(tender))


def test_a_held_share_lapses_after_the_ceremony_window(app):
    tender, (a, b, _) = publish()
    now = after_deadline(tender)
    perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    result = perform(unseal_tender, tender, b, {b: PASSPHRASE}, now + HOLD_FOR + timedelta(seconds=1))
    assert not result.opened and result.presented == 1
    assert db.session.scalars(sa.select(PresentedShare.officer_id)).all() == [b.id]


def test_presenting_twice_is_refused_without_losing_the_share(app):
    tender, (a, b, _) = publish()
    now = after_deadline(tender)
    perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    again = perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    assert "已提交过" in again.problems[0] and again.presented == 1
    assert perform(unseal_tender, tender, b, {b: PASSPHRASE}, now).opened


def test_officer_keys_are_set_up_once_with_a_passphrase_that_is_not_the_login_password(app):
    from tests.factories import PASSWORD

    officer = make_user(Role.OPENER)
    db.session.commit()
    for weak, message in [("short", "至少需要"), (PASSWORD, "不能与登录密码相同"), ("1234567890", "过于简单")]:
        with pytest.raises(DomainError, match=message):
            perform(key_ops.set_up_officer_key, officer, weak)
    key = perform(key_ops.set_up_officer_key, officer, "a-good-passphrase-2026")
    assert b"a-good-passphrase-2026" not in key.wrapped_private
    with pytest.raises(DomainError, match="已设置"):
        perform(key_ops.set_up_officer_key, officer, "another-passphrase-2026")
    with pytest.raises(DomainError, match="当前开标口令不正确"):
        perform(key_ops.change_officer_passphrase, officer, "wrong-passphrase-2026", "third-passphrase-2026")
    with pytest.raises(NotAllowed):
        perform(key_ops.set_up_officer_key, make_user(Role.EXPERT), "a-good-passphrase-2026")
    assert [e.action for e in audited("officer_key.create")] == ["officer_key.create"]


def test_two_officers_at_the_same_moment_open_the_tender(app):
    """Both requests read the held shares before either writes: without the seal's lock both would wait forever."""
    from tender.auth.models import User
    from tender.notices.models import Tender
    from tests.notices.test_races import both_read_before_either_inserts, run_together

    tender, officers = publish()
    tender_id, officer_ids, now = tender.id, [o.id for o in officers[:2]], after_deadline(tender)

    def present(i):
        officer, target = db.session.get(User, officer_ids[i]), db.session.get(Tender, tender_id)
        return perform(unseal_tender, target, officer, {officer: PASSPHRASE}, now).opened

    with both_read_before_either_inserts("presented_shares"):
        results = run_together(app, present)
    assert sorted(results) == [False, True], results
    db.session.expire_all()
    assert db.session.get(Tender, tender_id).status is TenderStatus.OPENED
