"""Account changes. Each flushes and writes its audit entry; the caller commits."""
from __future__ import annotations

import sqlalchemy as sa
from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from tender.audit.operations import record
from tender.auth.models import User, check_dummy_password, hash_password
from tender.auth.passwords import password_problem
from tender.auth.roles import CREATABLE_BY, Role
from tender.auth.sessions import end_all_sessions, end_session, start_session
from tender.bidders.models import Company
from tender.db import snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.links import path_for
from tender.notifications.operations import mail_address, notify

USER_FIELDS = ("email", "name", "phone", "role", "company_id", "active")
CONFIRM_HOURS = 24


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def _ensure_email_free(email: str) -> None:
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise DomainError("该邮箱已注册，请直接登录或使用其他邮箱。", field="email")


def ensure_strong_password(password: str, email: str) -> None:
    if problem := password_problem(password, email):
        raise DomainError(problem, field="password")


def register_bidder(*, company_name: str, name: str, email: str, phone: str, password: str,
                    confirmed: bool = True, password_hash: str | None = None) -> User:
    """Bidders register themselves; the company record here is minimal and completed later."""
    email = _normalise_email(email)
    ensure_strong_password(password, email)
    _ensure_email_free(email)
    company_name = company_name.strip()
    if db.session.scalar(sa.select(Company.id).where(Company.name == company_name)):
        raise DomainError("该公司已注册。请联系贵公司的账号管理员邀请您加入。", field="company_name")
    company = Company(name=company_name, contact_name=name, contact_phone=phone, contact_email=email)
    user = User(email=email, name=name.strip(), phone=phone.strip(), role=Role.BIDDER, company=company,
                company_admin=True, email_confirmed=confirmed,
                password_hash=password_hash or hash_password(password))
    db.session.add_all([company, user])
    db.session.flush()
    record(user, "company.register", company, after=snapshot(company, ("name", "contact_name")),
           summary=f"投标人注册公司：{company.name}")
    record(user, "user.register", user, after=snapshot(user, USER_FIELDS), summary=f"投标人注册账号：{email}")
    return user


def _confirmations() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="tender.confirm-email")


def _send_confirmation(user: User) -> None:
    # Not url_for(_external=True): the request's Host header is the sender's to choose.
    link = current_app.config.get("PUBLIC_URL", "") + path_for("auth.confirm_email",
                                                              token=_confirmations().dumps([user.id, user.email]))
    notify([user], "请确认您的注册邮箱",
           f"{user.name}，您好：\n\n您在本系统注册了投标人账号（{user.company.name}）。"
           f"请在 {CONFIRM_HOURS} 小时内打开下面的链接确认邮箱，确认后即可登录：\n{link}\n\n"
           "如果不是您本人操作，请忽略此邮件。")


def apply_for_registration(*, company_name: str, name: str, email: str, phone: str, password: str) -> None:
    """A registration whose answer is the same whether or not the e-mail or company exists.

    Saying "该邮箱已注册" or "该公司已注册" on the page tells anyone which addresses and companies
    have accounts. Instead every application gets the same reply; what happened goes by mail to the
    address given, which only its owner reads. The account works once the mailed link is followed.
    """
    email = _normalise_email(email)
    ensure_strong_password(password, email)
    password_hash = hash_password(password)  # in every branch, so the reply takes as long either way
    existing = db.session.scalar(sa.select(User).where(User.email == email))
    if existing is not None and not existing.email_confirmed and existing.company is not None:
        _send_confirmation(existing)
    elif existing is not None:
        notify([existing], "有人使用您的邮箱申请注册",
               "有人使用您的邮箱申请注册投标人账号。该邮箱已有账号：如果是您本人，请直接登录；忘记密码请联系招标代理机构。"
               "\n\n如果不是您本人操作，请忽略此邮件，您的账号未受影响。")
    elif db.session.scalar(sa.select(Company.id).where(Company.name == company_name.strip())):
        mail_address(email, "您的注册申请未完成",
                     f"您申请注册的公司“{company_name.strip()}”已有账号。请联系贵公司的账号管理员邀请您加入，"
                     "或核对公司名称后重新注册。\n\n如果不是您本人操作，请忽略此邮件。")
    else:
        user = register_bidder(company_name=company_name, name=name, email=email, phone=phone, password=password,
                               confirmed=False, password_hash=password_hash)
        _send_confirmation(user)


def confirm_email(token: str) -> User:
    try:
        user_id, email = _confirmations().loads(token, max_age=CONFIRM_HOURS * 3600)
    except (BadSignature, ValueError, TypeError):
        raise DomainError("确认链接无效或已过期，请重新注册。") from None
    user = db.session.get(User, user_id)
    if user is None or user.email != email:
        raise DomainError("确认链接无效或已过期，请重新注册。")
    if not user.email_confirmed:
        user.email_confirmed = True
        db.session.flush()
        record(user, "user.confirm", user, summary=f"确认注册邮箱：{email}")
    return user


def create_account(actor: User, *, name: str, email: str, phone: str, role: Role, password: str) -> User:
    if role not in CREATABLE_BY.get(actor.role, set()):
        raise NotAllowed(f"您无权创建“{role.label}”账号。", field="role")
    email = _normalise_email(email)
    ensure_strong_password(password, email)
    _ensure_email_free(email)
    user = User(email=email, name=name.strip(), phone=(phone or "").strip(), role=role, must_change_password=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "user.create", user, after=snapshot(user, USER_FIELDS), summary=f"创建{role.label}账号：{email}")
    return user


def set_account_active(user: User, actor: User, active: bool) -> None:
    if user.id == actor.id:
        raise DomainError("不能停用自己的账号。")
    if user.role not in CREATABLE_BY.get(actor.role, set()):
        raise NotAllowed("您无权修改该账号。")
    before = snapshot(user, USER_FIELDS)
    user.active = active
    if not active:
        end_all_sessions(user)  # else re-enabling the account would bring old cookies back to life
    db.session.flush()
    record(actor, "user.activate" if active else "user.deactivate", user, before=before,
           after=snapshot(user, USER_FIELDS), summary=("启用" if active else "停用") + f"账号：{user.email}")


def authenticate(email: str, password: str) -> User | None:
    """The user, with a new session started, or None. Every attempt runs one Argon2 check."""
    user = db.session.scalar(sa.select(User).where(User.email == _normalise_email(email)))
    valid = user.check_password(password) if user is not None else check_dummy_password(password)
    if not valid or not user.active or not user.email_confirmed:
        record(None, "login.failed", object_type="users", object_id=user.id if user else "",
               summary=f"登录失败：{email[:100]}")
        return None
    user.last_login_at = utcnow()
    start_session(user)
    record(user, "login", user, summary="登录成功")
    return user


def log_out(user: User) -> None:
    end_session(user)


def change_password(user: User, current: str, new: str) -> None:
    """Ends every session of the user (a copied cookie included) and starts a fresh one for this browser."""
    if not user.check_password(current):
        raise DomainError("当前密码不正确。", field="current")
    if new == current:
        raise DomainError("新密码不能与当前密码相同。", field="password")
    ensure_strong_password(new, user.email)
    user.set_password(new)
    user.must_change_password = False
    end_all_sessions(user)
    start_session(user)
    record(user, "user.password", user, summary="修改密码（已结束该账号的其他登录会话）")
