"""Revocable logins: the cookie names a server-side session row, not just a user.

Flask's signed cookie cannot be withdrawn: a copy taken before logout or before a
password change would stay valid until the signature expires. So `User.get_id()`
is "<user id>:<random token>" and each request's user is loaded only while the
token's row exists and has not expired. A row per login (not a per-user counter)
lets logout end that one session and leave the user's other devices signed in.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from tender.auth.models import User, UserSession
from tender.db import utcnow
from tender.extensions import db


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime() -> timedelta:
    return current_app.config["PERMANENT_SESSION_LIFETIME"]


def start_session(user: User) -> str:
    """A new session row for `user`; the token is set on the object for `login_user` to put in the cookie."""
    now = utcnow()
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id, UserSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=_digest(token), created_at=now,
                               expires_at=now + lifetime()))
    db.session.flush()
    user.session_token = token
    return token


def end_session(user: User) -> None:
    if user.session_token:
        db.session.execute(sa.delete(UserSession).where(UserSession.token_hash == _digest(user.session_token)))
    user.session_token = None


def end_all_sessions(user: User) -> None:
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    user.session_token = None


def load_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the user only while this session row lives and the account is usable."""
    user_id, _, token = session_id.partition(":")
    if not token or not user_id.isdigit():
        return None
    row = db.session.scalar(sa.select(UserSession).where(UserSession.token_hash == _digest(token)))
    if row is None or row.user_id != int(user_id) or row.expires_at <= utcnow():
        return None
    user = db.session.get(User, row.user_id)
    if user is None or not user.active or not user.email_confirmed:
        return None
    user.session_token = token
    return user
