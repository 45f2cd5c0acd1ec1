"""Login, logout, bidder self-registration and account administration."""
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from tender.auth import operations as ops
from tender.auth.access import allow, public, signed_in
from tender.auth.forms import AccountForm, BidderRegistrationForm, LoginForm, PasswordForm
from tender.auth.models import User
from tender.auth.roles import CREATABLE_BY, STAFF_ROLES, Role
from tender.extensions import db, limiter
from tender.forms import choices
from tender.forms_util import attempt
from tender.unit_of_work import perform

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _register_limit() -> str:
    return current_app.config["REGISTER_RATE_LIMIT"]


def _safe_next(target: str | None) -> str:
    """Only a path on this site. Browsers drop tabs and newlines from URLs and read a backslash as '/',
    so '/<tab>/evil.example' or '/<backslash>evil.example' would leave the site: refuse such characters."""
    if (target and target.startswith("/") and not target.startswith("//")
            and not any(c == "\\" or c.isspace() or not c.isprintable() for c in target)):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("public.home")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = perform(ops.authenticate, form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            flash(f"欢迎，{user.name}。", "success")
            return redirect(_safe_next(request.args.get("next")))
        form.form_errors.append("邮箱或密码不正确，账号已停用，或注册邮箱尚未确认。")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    perform(ops.log_out, current_user)
    logout_user()
    flash("您已退出登录。", "info")
    return redirect(url_for("public.home"))


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(_register_limit, methods=["POST"])
def register():
    form = BidderRegistrationForm()
    if form.validate_on_submit():
        done = attempt(ops.apply_for_registration, form=form, company_name=form.company_name.data,
                       name=form.name.data, email=form.email.data, phone=form.phone.data,
                       password=form.password.data)
        if done.ok:
            # The same reply whether or not the address or the company already has an account.
            flash(f"注册申请已提交。我们已向 {form.email.data.strip()} 发送一封邮件，请按邮件中的说明完成注册"
                  f"（链接 {ops.CONFIRM_HOURS} 小时内有效）。", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.route("/register/confirm/<token>")
@public
def confirm_email(token: str):
    done = attempt(ops.confirm_email, token, success="邮箱已确认，注册完成。请登录后完善公司信息，再报名参加招标项目。")
    return redirect(url_for("auth.login" if done.ok else "auth.register"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        if attempt(ops.change_password, current_user, form.current.data, form.password.data, form=form).ok:
            login_user(current_user._get_current_object())  # the new session replaces the ended ones
            flash("密码已修改。", "success")
            return redirect(url_for("public.home"))
    return render_template("auth/password.html", form=form)


@bp.route("/accounts", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def accounts():
    form = AccountForm()
    creatable = sorted(CREATABLE_BY.get(current_user.role, set()), key=lambda r: r.value)
    form.role.choices = choices((r.value, r.label) for r in creatable)
    if form.validate_on_submit():
        if attempt(ops.create_account, current_user, form=form, success="账号已创建。", name=form.name.data,
                   email=form.email.data, phone=form.phone.data, role=Role(form.role.data),
                   password=form.password.data).ok:
            return redirect(url_for("auth.accounts"))
    users = db.session.scalars(sa.select(User).where(User.role != Role.BIDDER).order_by(User.role, User.name))
    return render_template("auth/accounts.html", form=form, users=users, can_create=bool(creatable))


@bp.route("/accounts/<int:user_id>/active", methods=["POST"])
@allow(*STAFF_ROLES)
def toggle_active(user_id: int):
    user = db.get_or_404(User, user_id)
    attempt(ops.set_account_active, user, current_user, not user.active)
    return redirect(url_for("auth.accounts"))
