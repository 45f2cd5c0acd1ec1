"""Qualification pages: staff set up and review; each bidder sees and answers only its own."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.extensions import db
from tender.forms_util import attempt, posted
from tender.notices.models import Tender
from tender.qualification import operations as ops
from tender.qualification.forms import AnswerForm, ConcludeForm, ItemForm, PlanForm, ReviewForm, SimpleForm
from tender.qualification.models import QualificationAnswer, QualificationItem, QualificationSubmission
from tender.web import child_or_404

bp = Blueprint("qualification", __name__)


@bp.route("/tenders/<int:tender_id>/qualification")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def manage(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    plan = ops.current_plan(tender)
    submissions = db.session.scalars(sa.select(QualificationSubmission).where(
        QualificationSubmission.tender_id == tender.id).order_by(QualificationSubmission.id)).all()
    plan_form = PlanForm(obj=plan)
    return render_template("qualification/manage.html", tender=tender, items=ops.items_of(tender),
                           submissions=submissions, plan=plan, plan_form=plan_form, item_form=ItemForm(),
                           form=SimpleForm())


@bp.route("/tenders/<int:tender_id>/qualification/plan", methods=["POST"])
@allow(*STAFF_ROLES)
def save_plan(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = PlanForm()
    if posted(form):
        attempt(ops.save_plan, tender, current_user, keep_count=form.keep_count.data,
                keep_minimum=form.keep_minimum.data, scored=form.scored.data,
                control_threshold=form.control_threshold.data, success="设置已保存。")
    return redirect(url_for("qualification.manage", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/qualification/items", methods=["POST"])
@allow(*STAFF_ROLES)
def add_item(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = ItemForm()
    if posted(form):
        attempt(ops.add_item, tender, current_user, title=form.title.data, kind=form.kind.data,
                min_value=form.min_value.data, evidence=form.evidence.data, needs_file=form.needs_file.data,
                success="审查项已添加。")
    return redirect(url_for("qualification.manage", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/qualification/items/<int:item_id>/remove", methods=["POST"])
@allow(*STAFF_ROLES)
def remove_item(tender_id: int, item_id: int):
    item = child_or_404(QualificationItem, item_id, tender_id=tender_id)
    attempt(ops.remove_item, item, current_user, success="审查项已删除。")
    return redirect(url_for("qualification.manage", tender_id=tender_id))


@bp.route("/tenders/<int:tender_id>/qualification/shortlist", methods=["POST"])
@allow(*STAFF_ROLES)
def shortlist(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    keep = [int(v) for v in request.form.getlist("keep") if v.isascii() and v.isdigit() and len(v) <= 9]
    if SimpleForm().validate_on_submit():
        attempt(ops.shortlist, tender, current_user, keep, success="择优结果已保存并通知未入围单位。")
    return redirect(url_for("qualification.manage", tender_id=tender.id))


def _submission(tender_id: int, submission_id: int) -> QualificationSubmission:
    return child_or_404(QualificationSubmission, submission_id, tender_id=tender_id)


@bp.route("/tenders/<int:tender_id>/qualification/<int:submission_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def review(tender_id: int, submission_id: int):
    submission = _submission(tender_id, submission_id)
    return render_template("qualification/review.html", submission=submission, tender=submission.tender,
                           items=ops.items_of(submission.tender), review_form=ReviewForm(),
                           conclude_form=ConcludeForm())


@bp.route("/tenders/<int:tender_id>/qualification/<int:submission_id>/answers/<int:answer_id>", methods=["POST"])
@allow(*STAFF_ROLES)
def review_answer(tender_id: int, submission_id: int, answer_id: int):
    submission = _submission(tender_id, submission_id)
    answer = child_or_404(QualificationAnswer, answer_id, submission_id=submission.id)
    form = ReviewForm()
    if form.validate_on_submit():
        attempt(ops.review_answer, answer, current_user, form.decision.data, form.reason.data, success="意见已保存。")
    return redirect(url_for("qualification.review", tender_id=tender_id, submission_id=submission.id))


@bp.route("/tenders/<int:tender_id>/qualification/<int:submission_id>/conclude", methods=["POST"])
@allow(*STAFF_ROLES)
def conclude(tender_id: int, submission_id: int):
    submission = _submission(tender_id, submission_id)
    form = ConcludeForm()
    if posted(form):
        attempt(ops.conclude_review, submission, current_user, form.score.data, success="结论已确认，已通知投标人。")
    return redirect(url_for("qualification.review", tender_id=tender_id, submission_id=submission.id))


# The bidder's side: always the current user's own company, never an id from the URL.

def _registered_tender(tender_id: int) -> Tender:
    tender = db.get_or_404(Tender, tender_id)
    if not tender.is_registered(current_user.company_id):
        abort(404)
    return tender


@bp.route("/my/qualification/<int:tender_id>")
@allow(Role.BIDDER)
def mine(tender_id: int):
    tender = _registered_tender(tender_id)
    submission = ops.submission_for(tender, current_user.company_id)
    return render_template("qualification/mine.html", tender=tender, items=ops.items_of(tender),
                           submission=submission, answer_form=AnswerForm(), form=SimpleForm())


@bp.route("/my/qualification/<int:tender_id>/items/<int:item_id>", methods=["POST"])
@allow(Role.BIDDER)
def answer(tender_id: int, item_id: int):
    tender = _registered_tender(tender_id)
    item = child_or_404(QualificationItem, item_id, tender_id=tender.id)
    form = AnswerForm()
    if posted(form):
        upload = form.file.data
        data = upload.read() if upload else None
        attempt(ops.answer_item, tender, current_user, item, form.value.data, upload.filename if upload else None,
                data, success=f"“{item.title}”已保存。")
    return redirect(url_for("qualification.mine", tender_id=tender.id) + f"#item-{item.id}")


@bp.route("/my/qualification/<int:tender_id>/submit", methods=["POST"])
@allow(Role.BIDDER)
def submit(tender_id: int):
    tender = _registered_tender(tender_id)
    if SimpleForm().validate_on_submit():
        attempt(ops.submit_qualification, tender, current_user,
                success="资格审查材料已提交，审查结果将发送到消息中心。")
    return redirect(url_for("qualification.mine", tender_id=tender.id))
