"""The suite hashes at argon2-cffi's cheapest cost; production must not, and cannot be made to by accident."""
from __future__ import annotations

import pytest
from argon2 import extract_parameters, profiles

from tender.auth.kdf import argon2_parameters
from tender.auth.models import hash_password
from tender.auth.roles import Role
from tender.opening.officer_keys import set_up_officer_key
from tests.factories import make_user

PRODUCTION = profiles.RFC_9106_LOW_MEMORY


@pytest.fixture
def production_cost(app, monkeypatch):
    monkeypatch.delitem(app.config, "ARGON2_PROFILE")
    return app


def test_without_a_setting_passwords_are_hashed_at_rfc_9106_low_memory_cost(production_cost):
    stored = extract_parameters(hash_password("Correct-Horse-9"))
    assert (stored.time_cost, stored.memory_cost, stored.parallelism) == (3, 65536, 4)
    assert argon2_parameters() == PRODUCTION


def test_without_a_setting_an_officer_key_is_wrapped_at_rfc_9106_low_memory_cost(production_cost):
    officer = make_user(Role.OPENER)
    key = set_up_officer_key(officer, "开标口令-Strong-2026")
    assert (key.locked.params.time_cost, key.locked.params.memory_cost, key.locked.params.parallelism) == (3, 65536, 4)


def test_the_cheap_profile_is_refused_outside_the_test_suite(app, monkeypatch):
    monkeypatch.setattr(app, "testing", False)
    with pytest.raises(RuntimeError, match="test suite only"):
        hash_password("Correct-Horse-9")


def test_a_hash_made_at_either_cost_verifies_under_the_other(app, monkeypatch):
    user = make_user(Role.STAFF)
    user.set_password("Correct-Horse-9")
    cheap = user.password_hash
    monkeypatch.delitem(app.config, "ARGON2_PROFILE")
    assert user.check_password("Correct-Horse-9") and not user.check_password("wrong")
    user.set_password("Correct-Horse-9")
    assert user.password_hash != cheap
    monkeypatch.setitem(app.config, "ARGON2_PROFILE", "CHEAPEST")
    assert user.check_password("Correct-Horse-9")
