"""Login, self-registration, account creation rights, rate limiting, cookies."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tender.auth import operations as ops
from tender.auth.models import User
from tender.auth.roles import Role
from tender.errors import NotAllowed
from tender.extensions import db
from tender.unit_of_work import perform
from tests.factories import PASSWORD, make_user


def test_login_with_the_right_password(client):
    user = make_user(Role.STAFF, email="wang@test.cn")
    db.session.commit()
    response = client.post("/login", data={"email": "WANG@test.cn", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/tenders/").status_code == 200
    assert user.last_login_at is not None or db.session.get(User, user.id).last_login_at is not None


def test_wrong_password_says_so_in_chinese(client):
    make_user(Role.STAFF, email="wang@test.cn")
    db.session.commit()
    page = client.post("/login", data={"email": "wang@test.cn", "password": "wrong"}).get_data(as_text=True)
    assert "邮箱或密码不正确" in page


def test_deactivated_account_cannot_log_in(client):
    make_user(Role.EXPERT, email="x@test.cn", active=False)
    db.session.commit()
    client.post("/login", data={"email": "x@test.cn", "password": PASSWORD})
    assert client.get("/inbox/").status_code == 302


def test_bidder_registration_creates_company_and_user(client):
    response = client.post("/register", data={
        "company_name": "杭州测试物业有限公司", "name": "张三", "email": "zs@test.cn", "phone": "13800001111",
        "password": "a-long-password", "confirm": "a-long-password"})
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.email == "zs@test.cn"))
    assert user.role is Role.BIDDER and user.company.name == "杭州测试物业有限公司"
    assert user.password_hash.startswith("$argon2")


def test_registration_errors_are_chinese_and_keep_the_input(client):
    page = client.post("/register", data={
        "company_name": "某公司", "name": "张三", "email": "not-an-email", "phone": "138",
        "password": "short", "confirm": "other"}).get_data(as_text=True)
    assert "邮箱格式不正确" in page and "密码长度" in page and "两次输入的密码不一致" in page
    assert 'value="某公司"' in page


@pytest.mark.parametrize(("actor", "target", "allowed"), [
    (Role.ADMIN, Role.STAFF, True), (Role.STAFF, Role.EXPERT, True), (Role.STAFF, Role.SUPERVISOR, True),
    (Role.STAFF, Role.OPENER, True), (Role.STAFF, Role.STAFF, False), (Role.STAFF, Role.ADMIN, False),
    (Role.SUPERVISOR, Role.EXPERT, False), (Role.EXPERT, Role.EXPERT, False), (Role.BIDDER, Role.EXPERT, False),
])
def test_who_creates_which_accounts(app, actor, target, allowed):
    creator = make_user(actor)
    create = lambda: perform(ops.create_account, creator, name="新账号", email="new@test.cn", phone="",  # noqa: E731
                             role=target, password="a-long-password")
    if allowed:
        assert create().role is target
    else:
        with pytest.raises(NotAllowed):
            create()


def test_login_is_rate_limited(database_url, tmp_path):
    from tender import create_app
    from tests.conftest import app_config

    config = app_config(database_url, tmp_path) | {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}
    app = create_app(config)
    client = app.test_client()
    codes = [client.post("/login", data={"email": "a@b.cn", "password": "x"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "尝试次数过多" in client.post("/login", data={}).get_data(as_text=True)
    with app.app_context():
        db.session.execute(sa.text("DELETE FROM audit_entries"))
        db.session.execute(sa.text("DELETE FROM audit_head"))
        db.session.commit()
        db.session.remove()


def test_session_cookie_is_http_only_and_same_site(client):
    make_user(Role.STAFF, email="c@test.cn")
    db.session.commit()
    response = client.post("/login", data={"email": "c@test.cn", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_csrf_is_enforced_when_enabled(database_url, tmp_path):
    from tender import create_app
    from tests.conftest import app_config

    app = create_app(app_config(database_url, tmp_path) | {"WTF_CSRF_ENABLED": True})
    page = app.test_client().post("/login", data={"email": "a@b.cn", "password": "x"}).get_data(as_text=True)
    assert "页面已过期" in page


def test_demo_accounts_can_log_in(app, client):
    from tender.demo import PASSWORD as DEMO_PASSWORD
    from tender.demo import load_demo

    assert load_demo()
    response = client.post("/login", data={"email": "staff@yunqi-demo.cn", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "滨江·云栖苑" in client.get("/tenders/").get_data(as_text=True)


def test_an_account_created_by_staff_must_change_its_password_first(client, login, staff):
    user = perform(ops.create_account, staff, name="专家", email="expert@test.cn", phone="", role=Role.EXPERT,
                   password="initial-password-1")
    assert user.must_change_password
    client.post("/login", data={"email": "expert@test.cn", "password": "initial-password-1"})
    response = client.get("/inbox/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/password")
    same = client.post("/account/password", data={"current": "initial-password-1", "password": "initial-password-1",
                                                  "confirm": "initial-password-1"}).get_data(as_text=True)
    assert "不能与当前密码相同" in same
    client.post("/account/password", data={"current": "initial-password-1", "password": "my-own-password-2",
                                           "confirm": "my-own-password-2"})
    assert client.get("/inbox/").status_code == 200
    assert not db.session.get(User, user.id).must_change_password


def test_logout_is_allowed_before_the_change(client, staff):
    perform(ops.create_account, staff, name="监督", email="sup@test.cn", phone="", role=Role.SUPERVISOR,
            password="initial-password-1")
    client.post("/login", data={"email": "sup@test.cn", "password": "initial-password-1"})
    assert client.post("/logout").status_code == 302
    assert client.get("/audit/").headers["Location"].startswith("/login")
