"""Passphrase attempts at the opening are rate limited (PASSPHRASE_RATE_LIMIT), per client address.

The suite runs with the limiter off, so this test builds a second app on the same database
with it on (as the login limit's test does) and puts the shared limiter back afterwards.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.db import utcnow
from tender.extensions import db, limiter
from tender.opening.models import PresentedShare
from tests.conftest import app_config, session_user_id
from tests.factories import PASSPHRASE
from tests.opening.sealed import publish


def test_wrong_passphrases_are_refused_then_the_officer_is_stopped(app, database_url, tmp_path):
    from tender import create_app

    tender, (officer, _, _) = publish()
    tender.bid_deadline = utcnow() - timedelta(minutes=1)  # the deadline has passed
    db.session.commit()
    was_enabled = limiter.enabled
    limited = create_app(app_config(database_url, tmp_path) | {"RATELIMIT_ENABLED": True,
                                                               "PASSPHRASE_RATE_LIMIT": "3 per minute"})
    try:
        client = limited.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = session_user_id(officer), True
        url = f"/opening/tenders/{tender.id}"
        answers = [client.post(url, data={"passphrase": f"wrong-passphrase-{n}"}, follow_redirects=True)
                   for n in range(3)]
        assert [a.status_code for a in answers] == [200, 200, 200]
        assert all(f"{officer.name}的开标口令不正确" in a.get_data(as_text=True) for a in answers)
        # The fourth attempt is stopped before the passphrase is tried, even the right one.
        stopped = client.post(url, data={"passphrase": PASSPHRASE})
        assert stopped.status_code == 429
        assert "尝试次数过多，请稍后再试" in stopped.get_data(as_text=True)
        assert client.get(url).status_code == 200  # reading the page is not limited
    finally:
        limiter.reset()
        limiter.enabled = was_enabled
    db.session.expire_all()
    refused = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.unseal.refused")).all()
    assert [e.after["reason"] for e in refused] == [f"{officer.name}的开标口令不正确。"] * 3
    assert all(e.actor_id == officer.id for e in refused)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PresentedShare)) == 0
