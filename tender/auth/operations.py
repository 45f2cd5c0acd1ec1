"""Account changes. Each flushes and writes its audit entry; the caller commits."""
from __future__ import annotations

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import CREATABLE_BY, Role
from tender.bidders.models import Company
from tender.db import snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db

USER_FIELDS = ("email", "name", "phone", "role", "company_id", "active")


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def _ensure_email_free(email: str) -> None:
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise DomainError("该邮箱已注册，请直接登录或使用其他邮箱。", field="email")


def register_bidder(*, company_name: str, name: str, email: str, phone: str, password: str) -> User:
    """Bidders register themselves; the company record here is minimal and completed later."""
    email = _normalise_email(email)
    _ensure_email_free(email)
    company_name = company_name.strip()
    if db.session.scalar(sa.select(Company.id).where(Company.name == company_name)):
        raise DomainError("该公司已注册。请联系贵公司的账号管理员邀请您加入。", field="company_name")
    company = Company(name=company_name, contact_name=name, contact_phone=phone, contact_email=email)
    user = User(email=email, name=name.strip(), phone=phone.strip(), role=Role.BIDDER, company=company,
                company_admin=True)
    user.set_password(password)
    db.session.add_all([company, user])
    db.session.flush()
    record(user, "company.register", company, after=snapshot(company, ("name", "contact_name")),
           summary=f"投标人注册公司：{company.name}")
    record(user, "user.register", user, after=snapshot(user, USER_FIELDS), summary=f"投标人注册账号：{email}")
    return user


def create_account(actor: User, *, name: str, email: str, phone: str, role: Role, password: str) -> User:
    if role not in CREATABLE_BY.get(actor.role, set()):
        raise NotAllowed(f"您无权创建“{role.label}”账号。", field="role")
    email = _normalise_email(email)
    _ensure_email_free(email)
    user = User(email=email, name=name.strip(), phone=(phone or "").strip(), role=role, must_change_password=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "user.create", user, after=snapshot(user, USER_FIELDS), summary=f"创建{role.label}账号：{email}")
    return user


def set_account_active(actor: User, user: User, active: bool) -> None:
    if user.id == actor.id:
        raise DomainError("不能停用自己的账号。")
    if user.role not in CREATABLE_BY.get(actor.role, set()):
        raise NotAllowed("您无权修改该账号。")
    before = snapshot(user, USER_FIELDS)
    user.active = active
    db.session.flush()
    record(actor, "user.activate" if active else "user.deactivate", user, before=before,
           after=snapshot(user, USER_FIELDS), summary=("启用" if active else "停用") + f"账号：{user.email}")


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(sa.select(User).where(User.email == _normalise_email(email)))
    if user is None or not user.active or not user.check_password(password):
        record(None, "login.failed", object_type="users", object_id=user.id if user else "",
               summary=f"登录失败：{email[:100]}")
        return None
    user.last_login_at = utcnow()
    record(user, "login", user, summary="登录成功")
    return user


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise DomainError("当前密码不正确。", field="current")
    if new == current:
        raise DomainError("新密码不能与当前密码相同。", field="password")
    user.set_password(new)
    user.must_change_password = False
    record(user, "user.password", user, summary="修改密码")
