"""The method editor (staff; the supervisor reads it) and the published method (everyone, once published)."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from scoring.evaluation.method import SECTIONS, method_problems, method_warnings
from tender.auth.access import allow, public
from tender.auth.roles import STAFF_ROLES, Role
from tender.extensions import db
from tender.forms_util import attempt
from tender.methods import operations as ops
from tender.methods.editing import (
    BASE_KINDS,
    FORMULAS,
    LOW_PRICE_FIELDS,
    OUTLIER_FIELDS,
    EditError,
    edited_method,
    low_price_value,
    outlier_value,
    tiers_text,
)
from tender.methods.forms import EditForm, TemplateForm, expected_version
from tender.methods.words import low_price_words, scale_words
from tender.notices.models import Tender

bp = Blueprint("methods", __name__)


@bp.app_context_processor
def _words() -> dict:
    """The method's wording helpers, for the editor and for the public tender page alike."""
    return {"scale_words": scale_words, "tiers_text": tiers_text, "sections": SECTIONS, "formulas": FORMULAS,
            "base_kinds": BASE_KINDS, "low_price_fields": LOW_PRICE_FIELDS,
            "low_price_value": low_price_value, "outlier_fields": OUTLIER_FIELDS, "outlier_value": outlier_value}


# A global, not a context variable: the published-method macro is imported without context.
bp.add_app_template_global(low_price_words, "low_price_words")


@bp.route("/tenders/<int:tender_id>/method")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def edit(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    return _editor(tender, EditForm(), TemplateForm())


def _editor(tender: Tender, form: EditForm, template_form: TemplateForm, method=None, errors=None, status=200):
    row = ops.stored_method(tender)
    method = method or (row.method if row else None)
    template_form.template.choices = list(ops.templates_for(tender).items())
    if row is not None:
        form.version.data = template_form.version.data = str(row.version)
    problems = method_problems(method) if method else []
    warnings = method_warnings(method) if method else []
    return render_template("methods/edit.html", tender=tender, row=row, method=method, form=form,
                           template_form=template_form, problems=problems, warnings=warnings,
                           errors=errors or {}, data=request.form if errors is not None else {},
                           editable=current_user.role in STAFF_ROLES), status


@bp.route("/tenders/<int:tender_id>/method/template", methods=["POST"])
@allow(*STAFF_ROLES)
def choose_template(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = TemplateForm()
    form.template.choices = list(ops.templates_for(tender).items())
    if form.validate_on_submit():
        attempt(ops.choose_template, tender, current_user, form.template.data,
                expected_version=expected_version(form), success="已选用模板，请按项目情况修改。")
    return redirect(url_for("methods.edit", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/method/save", methods=["POST"])
@allow(*STAFF_ROLES)
def save(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    row = ops.stored_method(tender) or abort(404)
    form = EditForm()
    if not form.validate_on_submit():
        return _editor(tender, form, TemplateForm(), errors={}, status=400)
    try:
        method = edited_method(row.method, request.form)
    except EditError as e:
        return _editor(tender, form, TemplateForm(), errors=e.errors, status=400)
    if tender.published_at is None:
        done = attempt(ops.save_method, tender, current_user, method, expected_version(form), form=form,
                       success="评分办法已保存。")
    else:
        done = attempt(ops.amend_method, tender, current_user, method, form.reason.data or "",
                       expected_version(form), form=form, success="评分办法已修改，并已发布澄清通知注册投标人。")
    if not done.ok:
        return _editor(tender, form, TemplateForm(), method=method, errors={}, status=400)
    return redirect(url_for("methods.edit", tender_id=tender.id))


@bp.route("/notices/<int:tender_id>/method")
@public
def published(tender_id: int):
    """Bidders, experts and the public read the method once it is published, never a draft."""
    tender = db.get_or_404(Tender, tender_id)
    method = ops.method_of(tender) or abort(404)
    return render_template("methods/published.html", tender=tender, method=method)
