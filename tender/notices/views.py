"""Staff pages for preparing, publishing and running a tender."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.models import User
from tender.auth.roles import OPENERS, STAFF_ROLES, Role
from tender.bidders.models import Company
from tender.db import from_local, to_local, utcnow
from tender.extensions import db
from tender.forms import choices
from tender.forms_util import attempt, posted
from tender.notices import operations as ops
from tender.notices.calendar import check_schedule, holiday_notes
from tender.notices.forms import (
    AmendForm,
    ClarificationForm,
    DocumentForm,
    InviteesForm,
    PublishForm,
    TenderForm,
)
from tender.notices.models import (
    DATETIME_FIELDS,
    EDITABLE_FIELDS,
    OPTIONAL_TEXT_FIELDS,
    Question,
    Tender,
    TenderDocument,
)
from tender.notices.procedures import Procedure, SaleMode
from tender.opening.models import OfficerKey
from tender.opening.operations import DEFAULT_SIZE, ceremony
from tender.web import child_or_404

bp = Blueprint("notices", __name__, url_prefix="/tenders")
def _fields(form: TenderForm) -> dict:
    values = {name: getattr(form, name).data for name in EDITABLE_FIELDS}
    values.update({name: from_local(values[name]) for name in DATETIME_FIELDS})
    values["procedure"], values["sale_mode"] = Procedure(values["procedure"]), SaleMode(values["sale_mode"])
    values.update({name: values[name] or "" for name in OPTIONAL_TEXT_FIELDS})
    return values


def _fill(form: TenderForm, tender: Tender) -> None:
    for name in EDITABLE_FIELDS:
        getattr(form, name).data = getattr(tender, name)
    for name in DATETIME_FIELDS:
        value = to_local(getattr(tender, name))
        getattr(form, name).data = value.replace(tzinfo=None) if value else None
    form.procedure.data, form.sale_mode.data = tender.procedure.value, tender.sale_mode.value
    form.version.data = str(tender.version)


def _version(form) -> int | None:
    return int(form.version.data) if (form.version.data or "").isdigit() else None


@bp.route("/")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def index():
    tenders = db.session.scalars(sa.select(Tender).order_by(Tender.created_at.desc())).all()
    return render_template("notices/index.html", tenders=tenders)


@bp.route("/new", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def new():
    form = TenderForm()
    if form.validate_on_submit():
        done = attempt(ops.create_tender, current_user, form=form,
                       success="已保存为草稿。请上传招标文件，检查日期后发布。", **_fields(form))
        if done.ok:
            return redirect(url_for("notices.show", tender_id=done.value.id))
    return render_template("notices/edit.html", form=form, tender=None)


@bp.route("/<int:tender_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def show(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    # A draft is checked as if published now: a past 文件发出 date must not lengthen any period.
    schedule = tender.schedule(published_at=tender.published_at or utcnow())
    return render_template(
        "notices/show.html", tender=tender, violations=check_schedule(schedule), notes=holiday_notes(schedule),
        document_form=DocumentForm(), publish_form=_publish_form(tender, PublishForm(version=tender.version)),
        ceremony=ceremony(tender.seal) if tender.seal and tender.seal.wrapped_key else None,
        default_size=DEFAULT_SIZE[tender.procedure],
    )


def _publish_form(tender: Tender, form: PublishForm) -> PublishForm:
    """Officer choices: everyone who may open (开标人, staff, admins); those without a key are marked."""
    candidates = db.session.scalars(sa.select(User).where(User.role.in_(OPENERS), User.active.is_(True))
                                    .order_by(User.role, User.name)).all()
    ready = {key.user_id for key in db.session.scalars(sa.select(OfficerKey).where(OfficerKey.retired_at.is_(None)))}
    form.officers.choices = choices((u.id, u.label + ("" if u.id in ready else "（未设置开标密钥）"))
                                    for u in candidates)
    if form.threshold.data is None:
        form.threshold.data = DEFAULT_SIZE[tender.procedure][0]
    return form


@bp.route("/<int:tender_id>/edit", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def edit(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = TenderForm()
    if form.validate_on_submit():
        if attempt(ops.update_tender, tender, current_user, _version(form), form=form, success="已保存。",
                   **_fields(form)).ok:
            return redirect(url_for("notices.show", tender_id=tender.id))
    elif not form.is_submitted():
        _fill(form, tender)
    return render_template("notices/edit.html", form=form, tender=tender)


@bp.route("/<int:tender_id>/documents", methods=["POST"])
@allow(*STAFF_ROLES)
def add_document(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = DocumentForm()
    if posted(form):
        upload = form.file.data
        attempt(ops.add_document, tender, current_user, form.title.data, upload.filename, upload.read(),
                success="文件已上传。")
    return redirect(url_for("notices.show", tender_id=tender.id))


@bp.route("/<int:tender_id>/documents/<int:document_id>/remove", methods=["POST"])
@allow(*STAFF_ROLES)
def remove_document(tender_id: int, document_id: int):
    document = _document(tender_id, document_id)
    attempt(ops.remove_document, document, current_user)
    return redirect(url_for("notices.show", tender_id=tender_id))


@bp.route("/<int:tender_id>/documents/<int:document_id>/download")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def download(tender_id: int, document_id: int):
    return _document(tender_id, document_id).send(current_user)


@bp.route("/<int:tender_id>/documents/<int:document_id>/amend", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def amend(tender_id: int, document_id: int):
    document = _document(tender_id, document_id)
    form = AmendForm()
    if form.validate_on_submit():
        upload = form.file.data
        if attempt(ops.amend_document, document, current_user, upload.filename, upload.read(), form.note.data,
                   from_local(form.new_deadline.data), form=form, success="修改文件已发布，已通知所有报名投标人。").ok:
            return redirect(url_for("notices.show", tender_id=tender_id))
    return render_template("notices/amend.html", form=form, document=document, tender=document.tender)


def _document(tender_id: int, document_id: int) -> TenderDocument:
    return child_or_404(TenderDocument, document_id, tender_id=tender_id)


@bp.route("/<int:tender_id>/invitees", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def invitees(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = InviteesForm()
    companies = db.session.scalars(sa.select(Company).order_by(Company.name)).all()
    form.companies.choices = choices((c.id, c.name) for c in companies)
    if form.validate_on_submit():
        if attempt(ops.set_invitees, tender, current_user, form.companies.data, form=form,
                   success="邀请名单已保存。").ok:
            return redirect(url_for("notices.show", tender_id=tender.id))
    elif not form.is_submitted():
        form.companies.data = [i.company_id for i in tender.invitations]
    return render_template("notices/invitees.html", form=form, tender=tender)


@bp.route("/<int:tender_id>/publish", methods=["POST"])
@allow(*STAFF_ROLES)
def publish(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = _publish_form(tender, PublishForm())
    if not posted(form):
        return redirect(url_for("notices.show", tender_id=tender.id))
    officers = [db.session.get(User, officer_id) for officer_id in form.officers.data or ()]
    done = attempt(ops.publish_tender, tender, current_user, _version(form), failed="未能发布：",
                   success="项目已发布，公众可在招标公告页面查看。", officers=officers,
                   threshold=form.threshold.data)
    for message in done.value or ():
        flash(f"提示：{message}", "warning")
    return redirect(url_for("notices.show", tender_id=tender.id))


@bp.route("/<int:tender_id>/questions", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def questions(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    items = db.session.scalars(sa.select(Question).where(Question.tender_id == tender.id)
                               .order_by(Question.asked_at)).all()
    form = ClarificationForm()
    form.questions.choices = choices((q.id, f"#{q.id} {q.body[:40]}") for q in items)
    if form.validate_on_submit():
        if attempt(ops.publish_clarification, tender, current_user, form=form,
                   success="澄清已发布，并已通知所有报名投标人。", title=form.title.data, body=form.body.data,
                   question_ids=form.questions.data, new_deadline=from_local(form.new_deadline.data)).ok:
            return redirect(url_for("notices.questions", tender_id=tender.id))
    return render_template("notices/questions.html", tender=tender, questions=items, form=form)
