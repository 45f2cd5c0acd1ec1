"""Request plumbing: user loading, security headers, error pages, template helpers."""
from __future__ import annotations

from flask import Flask, abort, flash, g, has_request_context, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.routing import IntegerConverter

from tender import acting
from tender.db import to_local
from tender.errors import DomainError
from tender.extensions import db, login_manager

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

PASSWORD_EXEMPT = {"auth.password", "auth.logout", "static", "bootstrap.static", None}

ERROR_TEXT = {
    400: ("请求无效", "提交的内容无法处理，请返回后重试。"),
    403: ("无权访问", "您的账号没有权限执行此操作。"),
    404: ("页面不存在", "您访问的页面不存在或已被删除。"),
    405: ("方法不允许", "此页面不接受该请求方式。"),
    415: ("内容类型不受支持", "此地址只接收分块上传的原始数据，请使用页面上的上传按钮。"),
    413: ("提交内容过大", "上传的文件过大或填写的内容过多，超过了大小限制。请压缩、拆分或精简后重新提交。"),
    429: ("操作过于频繁", "尝试次数过多，请稍后再试。"),
    500: ("服务器错误", "系统出现错误，已记录。您的数据未被修改，请稍后重试。"),
}


MAX_ID = 2**31 - 1  # ids are sa.Integer: 32 bits on PostgreSQL; SQLite overflows at 2^63
MAX_PAGE_DIGITS = 9


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number no id column can hold does not match, so it is a 404, not a 500."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def paginate(query, per_page: int):
    """One page of `query` for `?page=`: anything but a plain page number is page 1, past the end the last page."""
    raw = request.args.get("page", "1")
    page = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= MAX_PAGE_DIGITS else 1
    result = db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False)
    if result.page > max(result.pages, 1):
        result = db.paginate(query, page=max(result.pages, 1), per_page=per_page, error_out=False)
    return result


def raw_body(view):
    """The view reads `request.stream` itself and must never see a multipart body (see `install`)."""
    view.raw_body_only = True
    return view


def child_or_404(model, child_id: int, **parent):
    """Load a row that must belong to the parent named in the URL; anything else is 'not found'."""
    item = db.get_or_404(model, child_id)
    if any(getattr(item, name) != value for name, value in parent.items()):
        abort(404)
    return item


def install(app: Flask) -> None:
    from tender.auth.sessions import load_user

    login_manager.user_loader(load_user)

    def limit_form_posts():
        """A post without a file may not exceed MAX_FORM_MEMORY_SIZE (Werkzeug applies it to multipart only).

        A view marked `raw_body` takes no multipart body at all: refused here, before CSRF
        protection parses the form, Werkzeug never spools a file part to a temporary file.
        """
        if request.mimetype != "multipart/form-data":
            request.max_content_length = min(app.config["MAX_CONTENT_LENGTH"], app.config["MAX_FORM_MEMORY_SIZE"])
        elif getattr(app.view_functions.get(request.endpoint), "raw_body_only", False):
            abort(415)

    # First of all hooks: CSRF protection reads the form in its own before_request.
    app.before_request_funcs.setdefault(None, []).insert(0, limit_form_posts)

    @app.before_request
    def name_the_client():
        """Operations audit the client address without reading the request (see tender.acting)."""
        g.acting_token = acting.enter(request.remote_addr or "")

    @app.teardown_request
    def forget_the_client(exc=None):
        token = g.pop("acting_token", None)
        if token is not None:
            acting.leave(token)

    @app.before_request
    def require_own_password():
        """Someone else chose this password: nothing but changing it (or leaving) until it is changed."""
        if (current_user.is_authenticated and current_user.must_change_password
                and request.endpoint not in PASSWORD_EXEMPT):
            flash("您的密码由他人设置，请先修改密码。", "warning")
            return redirect(url_for("auth.password"))
        return None

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if request.endpoint and not request.endpoint.startswith("static"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    def error_page(code: int):
        title, text = ERROR_TEXT[code]
        return render_template("errors/error.html", code=code, title=title, text=text), code

    for code in ERROR_TEXT:
        app.register_error_handler(code, lambda e, code=code: error_page(code))

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        title, text = "页面已过期", "表单已过期或重复提交，请刷新页面后重新填写。您的数据未被修改。"
        return render_template("errors/error.html", code=400, title=title, text=text), 400

    @app.errorhandler(DomainError)
    def domain_error(e):
        return render_template("errors/error.html", code=409, title="操作未完成", text=e.message), 409

    app.add_template_filter(_localdt, "localdt")
    app.add_template_filter(_localdate, "localdate")

    @app.context_processor
    def inbox_count():
        # Jobs render templates too (the PDF report), with no request and so no current_user.
        if not has_request_context() or not current_user.is_authenticated:
            return {"unread_count": 0}
        from tender.notifications.queries import unread_count

        return {"unread_count": unread_count(current_user)}


def _localdt(value) -> str:
    local = to_local(value)
    return local.strftime("%Y-%m-%d %H:%M") if local else ""


def _localdate(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone") and hasattr(value, "hour"):
        value = to_local(value)
    return value.strftime("%Y-%m-%d")
