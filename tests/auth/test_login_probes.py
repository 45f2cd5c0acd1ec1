"""What a probe of the login page must not learn or do: leave the site, or tell which e-mails exist."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from argon2 import PasswordHasher

from tender.auth.roles import Role
from tender.extensions import db
from tests.factories import PASSWORD, make_user

HOSTILE_NEXT = [
    "//evil.example/x", "/\\evil.example/x", "/\\/evil.example/x", "\\\\evil.example/x", "/\t/evil.example/x",
    "/\n/evil.example/x", "/\r\n/evil.example/x", "/ /evil.example/x", "/\x00/evil.example", "/\x7f/evil.example",
    "https://evil.example/x", "http:/evil.example", "javascript:alert(1)", "evil.example/x", "/\u3000/evil.example",
    "/\u200b/evil.example", "///evil.example",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=repr)
def test_login_never_redirects_off_the_site(client, target):
    make_user(Role.STAFF, email="s@test.cn")
    db.session.commit()
    response = client.post(f"/login?next={quote(target, safe='')}", data={"email": "s@test.cn", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_the_percent_encoded_tab_of_the_report_stays_on_the_site(client):
    make_user(Role.STAFF, email="s@test.cn")
    db.session.commit()
    response = client.post("/login?next=/%09/evil.example/x", data={"email": "s@test.cn", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_a_local_next_is_followed(client):
    make_user(Role.STAFF, email="s@test.cn")
    db.session.commit()
    response = client.post("/login?next=/tenders/%3Fpage%3D2", data={"email": "s@test.cn", "password": PASSWORD})
    assert response.headers["Location"] == "/tenders/?page=2"


@pytest.fixture
def argon2_checks(monkeypatch):
    """Counts Argon2 verifications (the real ones still run): the cost that must not depend on the e-mail."""
    calls = []
    real = PasswordHasher.verify

    def counting(self, hash, password):
        calls.append(hash)
        return real(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting)
    return calls


@pytest.mark.parametrize("case", ["unknown", "wrong password", "disabled"])
def test_every_failed_login_costs_one_argon2_check(client, argon2_checks, case):
    make_user(Role.STAFF, email="known@test.cn")
    make_user(Role.STAFF, email="off@test.cn", active=False)
    db.session.commit()
    email, password = {"unknown": ("nobody@test.cn", PASSWORD), "wrong password": ("known@test.cn", "wrong-guess-1"),
                       "disabled": ("off@test.cn", PASSWORD)}[case]
    page = client.post("/login", data={"email": email, "password": password}).get_data(as_text=True)
    assert "邮箱或密码不正确" in page
    assert len(argon2_checks) == 1
