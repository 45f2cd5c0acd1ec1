"""Registration answers alike whether or not the e-mail or company exists; weak passwords are refused."""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tender.auth import operations as ops
from tender.auth.models import User
from tender.auth.roles import Role
from tender.bidders.models import Company
from tender.errors import DomainError
from tender.extensions import db
from tender.notifications.models import OutboxMail
from tender.unit_of_work import perform
from tests.factories import PASSWORD, make_company, make_user

STRONG = "a-long-password"


def _form(email="new@test.cn", company="杭州新物业有限公司", password=STRONG, **extra):
    return {"company_name": company, "name": "张三", "email": email, "phone": "13800001111",
            "password": password, "confirm": password, **extra}


def _reply(client, **form) -> tuple[int, str, str]:
    """Status, redirect target and the page the user then sees, with the e-mail they typed blanked out."""
    response = client.post("/register", data=_form(**form))
    page = client.get(response.headers.get("Location", "/register")).get_data(as_text=True)
    return response.status_code, response.headers.get("Location"), page.replace(form.get("email", "new@test.cn"), "@")


def _mail_to(address: str) -> list[OutboxMail]:
    return db.session.scalars(sa.select(OutboxMail).where(OutboxMail.to_address == address)).all()


def test_registration_reply_does_not_tell_which_emails_or_companies_exist(client):
    make_user(Role.BIDDER, email="taken@test.cn", company=make_company("已注册物业有限公司"))
    db.session.commit()
    new = _reply(client, email="new@test.cn")
    taken_email = _reply(client, email="taken@test.cn", company="另一家公司")
    taken_company = _reply(client, email="other@test.cn", company="已注册物业有限公司")
    assert new == taken_email == taken_company
    assert new[0] == 302 and "发送一封邮件" in new[2]
    for page in (new[2], taken_email[2], taken_company[2]):
        assert "已注册" not in page
    # What happened goes only to each address's own mailbox.
    assert "请确认您的注册邮箱" in _mail_to("new@test.cn")[0].subject
    assert "有人使用您的邮箱申请注册" in _mail_to("taken@test.cn")[0].subject
    assert "已有账号" in _mail_to("other@test.cn")[0].body
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 2  # none for the refused two


def test_a_self_registered_bidder_logs_in_after_following_the_mailed_link(client):
    client.post("/register", data=_form())
    user = db.session.scalar(sa.select(User).where(User.email == "new@test.cn"))
    assert user.role is Role.BIDDER and user.company.name == "杭州新物业有限公司" and not user.email_confirmed
    refused = client.post("/login", data={"email": "new@test.cn", "password": STRONG}).get_data(as_text=True)
    assert "邮箱或密码不正确" in refused  # as for any wrong login: no hint that the address is new
    link = re.search(r"(/register/confirm/\S+)", _mail_to("new@test.cn")[0].body).group(1)
    assert client.get(link).headers["Location"].endswith("/login")
    assert db.session.get(User, user.id).email_confirmed
    assert client.post("/login", data={"email": "new@test.cn", "password": STRONG}).status_code == 302
    assert client.get("/inbox/").status_code == 200


def test_registering_again_before_confirming_mails_the_link_again(client):
    client.post("/register", data=_form())
    client.post("/register", data=_form())
    assert [m.subject for m in _mail_to("new@test.cn")] == ["请确认您的注册邮箱"] * 2
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_the_mailed_link_does_not_come_from_the_request_host(client):
    client.post("/register", data=_form(), headers={"Host": "evil.example"})
    body = _mail_to("new@test.cn")[0].body
    assert "evil.example" not in body and "/register/confirm/" in body


def test_a_tampered_confirmation_link_is_refused(client):
    client.post("/register", data=_form())
    link = re.search(r"(/register/confirm/\S+)", _mail_to("new@test.cn")[0].body).group(1)
    response = client.get(link[:-3] + "xyz")
    assert response.headers["Location"].endswith("/register")
    assert "确认链接无效或已过期" in client.get("/register").get_data(as_text=True)
    assert not db.session.scalar(sa.select(User.email_confirmed))


WEAK = ["aaaaaaaaaa", "aaaaaaaaaaaaaaaa", "abcabcabcabc", "1234567890", "0987654321", "qwertyuiop", "asdfghjkl123",
        "abcdefghijkl", "Password123!", "password1234", "woaini1314520", "1qaz2wsx3edc", "1212121212",
        "zhangsan2026!"]


@pytest.mark.parametrize("password", WEAK)
def test_weak_passwords_are_refused_at_registration(client, password):
    page = client.post("/register", data=_form(email="zhangsan@test.cn", password=password)).get_data(as_text=True)
    assert "密码" in page and ("过于" in page or "不能包含" in page)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


@pytest.mark.parametrize("password", ["aaaaaaaaaa", "1234567890", "password1234"])
def test_weak_passwords_are_refused_for_staff_created_accounts(app, staff, password):
    with pytest.raises(DomainError, match="过于"):
        perform(ops.create_account, staff, name="专家", email="expert@test.cn", phone="", role=Role.EXPERT,
                password=password)


@pytest.mark.parametrize("password", ["aaaaaaaaaa", "qwertyuiop", "iloveyou123"])
def test_weak_passwords_are_refused_at_password_change(client, login, staff, password):
    login(staff)
    page = client.post("/account/password", data={"current": PASSWORD, "password": password,
                                                  "confirm": password}).get_data(as_text=True)
    assert "过于" in page
    assert db.session.get(User, staff.id).check_password(PASSWORD)


@pytest.mark.parametrize("password", ["demo-password-2026", "correct-horse-battery", "物业招标系统的密码2026"])
def test_ordinary_passphrases_pass(password):
    from tender.auth.passwords import password_problem

    assert password_problem(password, "staff@yunqi-demo.cn") is None


def test_registration_is_rate_limited(database_url, tmp_path):
    from tender import create_app
    from tests.conftest import app_config

    config = app_config(database_url, tmp_path) | {"RATELIMIT_ENABLED": True, "REGISTER_RATE_LIMIT": "2 per minute"}
    client = create_app(config).test_client()
    codes = [client.post("/register", data={}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert "尝试次数过多" in client.post("/register", data={}).get_data(as_text=True)
    assert client.get("/register").status_code == 200  # reading the form is not limited
