"""Per-route access rules, declared on every view and enforced by one decorator.

The declared rule is also what the authorization-matrix test reads, so a route
without a rule cannot slip in unnoticed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from flask import abort, request
from flask_login import current_user

from tender.auth.roles import Role
from tender.extensions import login_manager

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class AccessRule:
    public: bool = False
    roles: frozenset[Role] = field(default_factory=frozenset)
    read_roles: frozenset[Role] = field(default_factory=frozenset)

    def permits(self, role: Role | None, method: str) -> bool:
        if self.public:
            return True
        if role is None:
            return False
        return role in self.roles or (method in READ_METHODS and role in self.read_roles)


def _guard(rule: AccessRule):
    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            role = current_user.role if current_user.is_authenticated else None
            if not rule.permits(role, request.method):
                if role is None:
                    return login_manager.unauthorized()
                abort(403)
            return view(*args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorate


def public(view):
    """Anyone, logged in or not."""
    return _guard(AccessRule(public=True))(view)


def allow(*roles: Role, read: tuple[Role, ...] | Role = ()):
    """Only these roles; `read` roles may also use the route with GET (the supervisor's read-only view)."""
    read_roles = (read,) if isinstance(read, Role) else read
    return _guard(AccessRule(roles=frozenset(roles), read_roles=frozenset(read_roles)))


def signed_in(view):
    """Any logged-in account."""
    return _guard(AccessRule(roles=ALL_ROLES))(view)
