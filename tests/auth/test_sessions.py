"""Logins are server-side sessions: a copied cookie dies with logout, a password change or a disable."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tender.auth.models import User, UserSession
from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "another-strong-phrase-9"


def _log_in(app, email: str, password: str = PASSWORD):
    browser = app.test_client()
    response = browser.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, "login failed"
    return browser


def _copy(app, browser):
    """A second browser holding a copy of the first one's cookie, as a thief would."""
    thief = app.test_client()
    thief.set_cookie("session", browser.get_cookie("session").value)
    return thief


def _signed_in(browser) -> bool:
    response = browser.get("/inbox/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    return False


def test_a_cookie_copied_before_logout_no_longer_works_after_it(app):
    make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    laptop, phone = _log_in(app, "e@test.cn"), _log_in(app, "e@test.cn")
    copy = _copy(app, laptop)
    assert _signed_in(copy)
    assert laptop.post("/logout").status_code == 302
    assert not _signed_in(laptop)
    assert not _signed_in(copy)
    assert _signed_in(phone), "logout ends only its own session"


def test_a_password_change_ends_every_session_but_the_one_that_made_it(app):
    make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    laptop, phone = _log_in(app, "e@test.cn"), _log_in(app, "e@test.cn")
    copy = _copy(app, laptop)
    response = laptop.post("/account/password",
                           data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert _signed_in(laptop), "the browser that changed the password gets a fresh session"
    assert not _signed_in(copy)
    assert not _signed_in(phone)
    assert _signed_in(_log_in(app, "e@test.cn", NEW_PASSWORD))


def test_disabling_an_account_ends_its_sessions_for_good(app, login, staff):
    expert = make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    browser = _log_in(app, "e@test.cn")
    copy = _copy(app, browser)
    admin = login(staff)
    assert admin.post(f"/accounts/{expert.id}/active").status_code == 302
    assert not db.session.get(User, expert.id).active
    assert not _signed_in(browser) and not _signed_in(copy)
    admin.post(f"/accounts/{expert.id}/active")  # enabled again: the old cookies stay dead
    assert db.session.get(User, expert.id).active
    assert not _signed_in(browser) and not _signed_in(copy)


def test_a_session_expires_on_the_server_and_the_cookie_lifetime_is_short(app):
    make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    browser = _log_in(app, "e@test.cn")
    assert app.permanent_session_lifetime <= timedelta(hours=24)
    db.session.execute(sa.update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert not _signed_in(browser)


def test_the_database_keeps_only_a_digest_of_the_cookie_token(app):
    user = make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    browser = _log_in(app, "e@test.cn")
    with browser.session_transaction() as session:
        user_id, token = session["_user_id"].split(":")
    assert int(user_id) == user.id and len(token) >= 40
    stored = db.session.scalars(sa.select(UserSession.token_hash)).all()
    assert len(stored) == 1 and token not in stored[0]


def test_a_forged_session_id_for_another_user_is_refused(app):
    victim = make_user(Role.STAFF, email="v@test.cn")
    make_user(Role.EXPERT, email="e@test.cn")
    db.session.commit()
    browser = _log_in(app, "e@test.cn")
    with browser.session_transaction() as session:
        _, token = session["_user_id"].split(":")
        session["_user_id"] = f"{victim.id}:{token}"
    assert not _signed_in(browser)
    with browser.session_transaction() as session:
        session["_user_id"] = str(victim.id)  # the old cookie format
    assert not _signed_in(browser)
