"""Public notices, and the bidder's actions on them (sign-up, questions)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow, public
from tender.auth.roles import Role
from tender.extensions import db, login_manager
from tender.forms_util import attempt, posted
from tender.methods.operations import method_of
from tender.notices import operations as ops
from tender.notices.forms import QuestionForm, RegisterForm
from tender.notices.models import Clarification, Question, Registration, Tender, TenderDocument
from tender.web import child_or_404

bp = Blueprint("public", __name__)


def published_or_404(tender_id: int) -> Tender:
    """A tender anyone may see: published and not withdrawn from view; anything else is 'not found'."""
    tender = db.get_or_404(Tender, tender_id)
    if not tender.is_public:
        abort(404)
    return tender


@bp.route("/")
@public
def home():
    tenders = db.session.scalars(
        sa.select(Tender).where(Tender.published_at.is_not(None)).order_by(Tender.published_at.desc())
    ).all()
    return render_template("public/home.html", tenders=tenders)


@bp.route("/notices/<int:tender_id>")
@public
def tender(tender_id: int):
    tender = published_or_404(tender_id)
    clarifications = db.session.scalars(
        sa.select(Clarification).where(Clarification.tender_id == tender.id).order_by(Clarification.number)
    ).all()
    mine = []
    if current_user.is_authenticated and current_user.company_id:
        mine = db.session.scalars(sa.select(Question).where(
            Question.tender_id == tender.id, Question.company_id == current_user.company_id)).all()
    return render_template("public/tender.html", tender=tender, clarifications=clarifications,
                           register_form=RegisterForm(), question_form=QuestionForm(), my_questions=mine,
                           method=method_of(tender))


@bp.route("/notices/<int:tender_id>/documents/<int:document_id>")
@public
def document(tender_id: int, document_id: int):
    """Public route, object-level rule: see `Tender.can_read_documents`."""
    tender = published_or_404(tender_id)
    document = child_or_404(TenderDocument, document_id, tender_id=tender.id)
    if not tender.can_read_documents(current_user):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        abort(403)
    return document.send(current_user)


@bp.route("/notices/<int:tender_id>/register", methods=["POST"])
@allow(Role.BIDDER)
def register(tender_id: int):
    tender = published_or_404(tender_id)
    if RegisterForm().validate_on_submit():
        attempt(ops.register_company, tender, current_user, success="报名成功。澄清和修改通知将发送到您的消息中心。")
    return redirect(url_for("public.tender", tender_id=tender.id))


@bp.route("/notices/<int:tender_id>/questions", methods=["POST"])
@allow(Role.BIDDER)
def ask(tender_id: int):
    tender = published_or_404(tender_id)
    form = QuestionForm()
    if posted(form):
        attempt(ops.ask_question, tender, current_user, form.body.data,
                success="问题已提交。答复将以澄清通知发给所有报名投标人，不会显示提问单位。")
    return redirect(url_for("public.tender", tender_id=tender.id))


@bp.route("/my/tenders")
@allow(Role.BIDDER)
def my_tenders():
    registrations = db.session.scalars(
        sa.select(Registration).where(Registration.company_id == current_user.company_id)
        .order_by(Registration.registered_at.desc())
    ).all()
    from tender.qualification.models import QualificationSubmission

    qualification = {s.tender_id: s for s in db.session.scalars(sa.select(QualificationSubmission).where(
        QualificationSubmission.company_id == current_user.company_id))}
    return render_template("public/my_tenders.html", registrations=registrations, qualification=qualification)
