"""How much Argon2id work a new password hash or opening officer's key costs.

Production always uses RFC 9106's low-memory profile (t=3, 64 MiB, p=4). The test
suite creates hundreds of officer keys and logs in thousands of times, so its app
may name argon2-cffi's CHEAPEST profile instead; any other app refuses to. Each hash
and each officer key stores its own parameters, so verifying never depends on this.
"""
from __future__ import annotations

from functools import cache

from argon2 import Parameters, PasswordHasher, profiles
from flask import current_app

DEFAULT = "RFC_9106_LOW_MEMORY"
PROFILES = {DEFAULT: profiles.RFC_9106_LOW_MEMORY, "CHEAPEST": profiles.CHEAPEST}


def argon2_parameters() -> Parameters:
    name = current_app.config.get("ARGON2_PROFILE", DEFAULT)
    if name != DEFAULT and not current_app.testing:
        raise RuntimeError(f"ARGON2_PROFILE={name} is for the test suite only")
    return PROFILES[name]


def password_hasher() -> PasswordHasher:
    argon2_parameters()  # refuses a test profile outside the tests
    return _hasher_for(current_app.config.get("ARGON2_PROFILE", DEFAULT))


@cache
def _hasher_for(name: str) -> PasswordHasher:
    return PasswordHasher.from_parameters(PROFILES[name])
