"""The result page (chair, members, staff, the supervisor), the public result with bidders' objections.

Each view loads and authorises, then calls one operation (`tender.result.operations`). An expert
who does not sit on the committee gets a 404, so nobody learns who sits on it.
"""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow, public
from tender.auth.roles import OVERSEERS, STAFF_ROLES, Role
from tender.committee.operations import draw_of
from tender.evaluation.operations import all_submitted
from tender.extensions import db
from tender.forms_util import attempt, posted
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.result import operations as ops
from tender.result.forms import AnswerForm, FinishForm, ObjectionForm, PubliciseForm, SignForm
from tender.result.models import Objection
from tender.web import child_or_404

bp = Blueprint("result", __name__)


def _result_tender(tender_id: int) -> Tender:
    """The tender, for staff, the supervisor and the sitting members; a 404 for any other expert."""
    tender = db.get_or_404(Tender, tender_id)
    if current_user.role in OVERSEERS:
        return tender
    draw = draw_of(tender)
    if draw is None or current_user.id not in draw.member_ids():
        abort(404)
    return tender


# Who downloads the report and score sheets (tender/result/report_views.py): not the supervisor, who reads this page.
REPORT_READERS = (*STAFF_ROLES, Role.EXPERT)


def _back(tender: Tender):
    return redirect(url_for("result.manage", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/result")
@allow(*STAFF_ROLES, Role.EXPERT, read=Role.SUPERVISOR)
def manage(tender_id: int):
    tender = _result_tender(tender_id)
    result = ops.result_of(tender)
    signed = {s.expert_id: s for s in result.signoffs} if result else {}
    return render_template(
        "result/manage.html", tender=tender, result=result, signed=signed,
        members=ops.members_of(tender), all_submitted=all_submitted(tender),
        may_finish=result is None and ops.may_finish(tender, current_user),
        may_sign=result is not None and current_user.role is Role.EXPERT and current_user.id not in signed,
        staff=current_user.role in STAFF_ROLES, may_download=current_user.role in REPORT_READERS,
        objections=ops.objections_of(tender) if result else [],
        finish_form=FinishForm(), sign_form=SignForm(), publicise_form=PubliciseForm(), answer_form=AnswerForm(),
        award_refusal=lifecycle.refusal(tender, Action.AWARD, current_user) if result else None)


@bp.route("/tenders/<int:tender_id>/result/finish", methods=["POST"])
@allow(*STAFF_ROLES, Role.EXPERT)
def finish(tender_id: int):
    tender = _result_tender(tender_id)
    form = FinishForm()
    if posted(form):
        attempt(ops.finish_evaluation, tender, current_user, form.recommendation.data,
                success="评标已完成，请评标委员会成员确认评标结果。")
    return _back(tender)


@bp.route("/tenders/<int:tender_id>/result/sign", methods=["POST"])
@allow(Role.EXPERT)
def sign(tender_id: int):
    tender = _result_tender(tender_id)
    result = ops.result_of(tender)
    if result is None:
        abort(404)
    form = SignForm()
    if posted(form):
        attempt(ops.sign_result, result, current_user, form.agrees.data == 1, form.dissent.data,
                success="您的意见已记录。")
    return _back(tender)


@bp.route("/tenders/<int:tender_id>/result/publicise", methods=["POST"])
@allow(*STAFF_ROLES)
def publicise(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = PubliciseForm()
    if posted(form):
        attempt(ops.publicise_candidates, tender, current_user, form.days.data, success="中标候选人公示已发布。")
    return _back(tender)


@bp.route("/tenders/<int:tender_id>/result/objections/<int:objection_id>/answer", methods=["POST"])
@allow(*STAFF_ROLES)
def answer(tender_id: int, objection_id: int):
    objection = child_or_404(Objection, objection_id, tender_id=tender_id)
    form = AnswerForm()
    if posted(form):
        attempt(ops.answer_objection, objection, current_user, form.answer.data, success="异议已答复。")
    return _back(objection.tender)


@bp.route("/tenders/<int:tender_id>/result/objections/<int:objection_id>/evidence")
@allow(*STAFF_ROLES, Role.BIDDER, read=Role.SUPERVISOR)
def evidence(tender_id: int, objection_id: int):
    return child_or_404(Objection, objection_id, tender_id=tender_id).send(current_user)


@bp.route("/tenders/<int:tender_id>/result/award", methods=["POST"])
@allow(*STAFF_ROLES)
def award(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    attempt(ops.award_tender, tender, current_user, success="已定标，中标通知书和结果通知已发出。")
    return _back(tender)


@bp.route("/tenders/<int:tender_id>/result/fail", methods=["POST"])
@allow(*STAFF_ROLES)
def fail(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    attempt(ops.fail_tender, tender, current_user, success="已宣布流标，并通知了投标人。")
    return _back(tender)


@bp.route("/notices/<int:tender_id>/result")
@public
def public(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    result = ops.result_of(tender)
    if result is None or not ops.is_published(result):
        abort(404)
    company = current_user.company_id if current_user.is_authenticated else None
    return render_template("result/public.html", tender=tender, result=result,
                           winner=ops.winner_of(tender), form=ObjectionForm(),
                           may_object=ops.may_object(tender, current_user),
                           mine=ops.objections_of(tender, company) if company else [])


@bp.route("/notices/<int:tender_id>/result/objections", methods=["POST"])
@allow(Role.BIDDER)
def object_(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = ObjectionForm()
    if posted(form):
        upload = form.file.data
        attempt(ops.lodge_objection, tender, current_user, form.text.data, upload.filename if upload else None,
                upload.read() if upload else None, success="异议已提交，招标人将在 3 日内答复。")
    return redirect(url_for("result.public", tender_id=tender.id))


from tender.result import report_views  # noqa: E402,F401  (the report and score sheets, on this blueprint)
