"""User accounts. Bidder users belong to a company; other roles do not."""
from __future__ import annotations

import secrets
from functools import cache

import sqlalchemy as sa
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy.orm import relationship

from tender.auth.kdf import password_hasher
from tender.auth.roles import AUDITORS, OPENERS, OVERSEERS, STAFF_ROLES, Role
from tender.db import CreatedAtMixin, PkModel, UTCDateTime, enum_column, reference
from tender.vocabulary import holds


@cache
def _dummy_hash(hasher) -> str:
    return hasher.hash(secrets.token_hex(16))


def check_dummy_password(password: str) -> bool:
    """Spend the same Argon2 time as a real check, so a login's duration does not tell whether the e-mail exists."""
    try:
        hasher = password_hasher()
        hasher.verify(_dummy_hash(hasher), password)
    except (VerificationError, InvalidHashError):
        pass
    return False


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


class User(UserMixin, CreatedAtMixin, PkModel):
    __tablename__ = "users"

    email = sa.Column(sa.String(254), nullable=False, unique=True)
    name = sa.Column(sa.String(100), nullable=False)
    phone = sa.Column(sa.String(32), nullable=False, default="")
    password_hash = sa.Column(sa.String(255), nullable=False)
    role = enum_column(Role, nullable=False)
    company_id = reference("companies", nullable=True, index=True)
    # The bidder who registered the company, or was made its admin: may invite colleagues.
    company_admin = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    # Set when someone else chose the password (staff-created or invited accounts): changed at first login.
    must_change_password = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    # False for a self-registered bidder until the link mailed to the address is followed.
    email_confirmed = sa.Column(sa.Boolean, nullable=False, default=True, server_default=sa.true())
    last_login_at = sa.Column(UTCDateTime, nullable=True)

    company = relationship("Company", back_populates="users")

    # The raw token of the login session this object was loaded for (never stored: only its digest is).
    session_token = None  # type: str | None

    def get_id(self) -> str:
        """What Flask-Login keeps in the cookie: the user and one revocable server-side session."""
        if not self.session_token:
            raise RuntimeError("start a session (tender.auth.sessions.start_session) before login_user")
        return f"{self.id}:{self.session_token}"

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        try:
            return password_hasher().verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    @property
    def is_active(self) -> bool:
        return self.active

    is_staff = holds("role", *STAFF_ROLES)
    is_bidder = holds("role", Role.BIDDER)
    is_supervisor = holds("role", Role.SUPERVISOR)
    is_expert = holds("role", Role.EXPERT)
    # Staff or the supervisor: reads every registry record and every committee.
    oversees = holds("role", *OVERSEERS)
    reads_audit = holds("role", *AUDITORS)
    # May hold an opening key (开标密钥) and be named an opening officer.
    opens_bids = holds("role", *OPENERS)

    @property
    def label(self) -> str:
        return f"{self.name}（{self.role.label}）"

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class UserSession(CreatedAtMixin, PkModel):
    """One row per login. Logout deletes it; a password change or a disable deletes all of a user's.

    Only the SHA-256 of the cookie's token is kept, so reading this table gives no usable cookie.
    """

    __tablename__ = "user_sessions"

    user_id = reference("users", index=True)
    token_hash = sa.Column(sa.String(64), nullable=False, unique=True)
    expires_at = sa.Column(UTCDateTime, nullable=False)
