"""The panel's low-price page (check, requests), a request's page (bidder answers, chair decides), the bidder's list."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.db import from_local, to_local, utcnow
from tender.extensions import db
from tender.forms_util import attempt, posted
from tender.lowprice import operations as ops
from tender.lowprice.forms import AnswerForm, CheckForm, DecisionForm, EvidenceForm, RequestForm
from tender.lowprice.models import LowPriceEvidence, LowPriceRequest
from tender.lowprice.permissions import concerns, decides, may_read_request, runs_check, sees_all
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.web import child_or_404

bp = Blueprint("lowprice", __name__)
PANEL = (*STAFF_ROLES, Role.EXPERT)


def _tender_for_panel(tender_id: int) -> Tender:
    tender = db.get_or_404(Tender, tender_id)
    if not sees_all(tender, current_user):
        abort(404)  # an expert not (or no longer) sitting on this committee: nothing here for them
    return tender


@bp.route("/tenders/<int:tender_id>/low-prices")
@allow(*PANEL, read=Role.SUPERVISOR)
def tender(tender_id: int):
    return _panel(_tender_for_panel(tender_id))


def _request_form(bid_id: int, posted_form: bool = False) -> RequestForm:
    """One form per flagged bid, its fields prefixed with the bid so each row's inputs are its own."""
    form = RequestForm(prefix=f"bid{bid_id}", **({} if posted_form else {"formdata": None}))
    if not posted_form:
        form.deadline.data = to_local(utcnow() + timedelta(days=1)).replace(second=0, microsecond=0)
    return form


def _panel(tender: Tender, failed: RequestForm | None = None, failed_bid: int | None = None, status: int = 200):
    """The panel page; after a refused request, that bid's form comes back as typed, with the reasons."""
    check = ops.latest_check(tender)
    forms = {row["bid_id"]: _request_form(row["bid_id"]) for row in (check.flagged if check else [])}
    if failed is not None:
        forms[failed_bid] = failed
    return render_template("lowprice/tender.html", tender=tender, check=check,
                           requests={r.bid_id: r for r in ops.requests_of(tender)}, check_form=CheckForm(),
                           request_forms=forms, runs=runs_check(tender, current_user),
                           open_now=tender.can(Action.REVIEW_LOW_PRICES)), status


@bp.route("/tenders/<int:tender_id>/low-prices/check", methods=["POST"])
@allow(*PANEL)
def check(tender_id: int):
    tender = _tender_for_panel(tender_id)
    if posted(CheckForm()):
        attempt(ops.run_low_price_check, tender, current_user, success="异常低价审查已完成，结果见下表。",
                failed="未能审查：")
    return redirect(url_for("lowprice.tender", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/low-prices/bids/<int:bid_id>/request", methods=["POST"])
@allow(*PANEL)
def open_request(tender_id: int, bid_id: int):
    tender = _tender_for_panel(tender_id)
    check = ops.latest_check(tender) or abort(404)
    form = _request_form(bid_id, posted_form=True)
    if form.validate_on_submit():
        done = attempt(ops.open_clarification, check, current_user, bid_id, form.question.data,
                       from_local(form.deadline.data), form=form, success="书面澄清要求已发出，投标人已收到通知。")
        if done.ok:
            return redirect(url_for("lowprice.request", request_id=done.value.id))
    return _panel(tender, form, bid_id, status=400)


def _request(request_id: int) -> LowPriceRequest:
    req = db.get_or_404(LowPriceRequest, request_id)
    if not may_read_request(req, current_user):
        abort(404)  # another bidder's request is not there for this one
    return req


@bp.route("/low-price-requests/<int:request_id>")
@allow(*PANEL, Role.BIDDER, read=Role.SUPERVISOR)
def request(request_id: int):
    req = _request(request_id)
    return _request_page(req, AnswerForm(obj=None), EvidenceForm(), DecisionForm())


def _request_page(req: LowPriceRequest, answer_form, evidence_form, decision_form, status: int = 200):
    bidder = concerns(req, current_user)
    return render_template("lowprice/request.html", req=req, bidder=bidder, answer_form=answer_form,
                           evidence_form=evidence_form, decision_form=decision_form,
                           may_answer=bidder and req.awaiting_answer(),
                           may_decide=decides(req.tender, current_user) and not req.decided,
                           limits=_limits()), status


def _limits() -> str:
    return (f"PDF 或 Word（.docx），每个不超过 {current_app.config['MAX_UPLOAD_MB']} MB，"
            f"最多 {ops.MAX_EVIDENCE_FILES} 个，合计不超过 {ops.MAX_EVIDENCE_MB} MB")


@bp.route("/low-price-requests/<int:request_id>/evidence", methods=["POST"])
@allow(Role.BIDDER)
def upload(request_id: int):
    req = _request(request_id)
    form = EvidenceForm()
    if posted(form):
        attempt(ops.add_evidence, req, current_user, form.file.data.filename, form.file.data.read(),
                success="证明材料已上传（提交书面说明前可删除）。", failed="未能上传：")
    return redirect(url_for("lowprice.request", request_id=req.id))


@bp.route("/low-price-requests/<int:request_id>/evidence/<int:evidence_id>/remove", methods=["POST"])
@allow(Role.BIDDER)
def remove(request_id: int, evidence_id: int):
    req = _request(request_id)
    evidence = child_or_404(LowPriceEvidence, evidence_id, request_id=req.id)
    attempt(ops.remove_evidence, evidence, current_user, success="证明材料已删除。")
    return redirect(url_for("lowprice.request", request_id=req.id))


@bp.route("/low-price-requests/<int:request_id>/evidence/<int:evidence_id>")
@allow(*PANEL, Role.BIDDER, read=Role.SUPERVISOR)
def download(request_id: int, evidence_id: int):
    req = _request(request_id)
    return child_or_404(LowPriceEvidence, evidence_id, request_id=req.id).send(current_user)


@bp.route("/low-price-requests/<int:request_id>/answer", methods=["POST"])
@allow(Role.BIDDER)
def answer(request_id: int):
    req = _request(request_id)
    form = AnswerForm()
    if form.validate_on_submit() and attempt(ops.answer_clarification, req, current_user, form.answer.data,
                                             form=form, success="书面说明已提交评标委员会。").ok:
        return redirect(url_for("lowprice.request", request_id=req.id))
    return _request_page(req, form, EvidenceForm(), DecisionForm(), status=400)


@bp.route("/low-price-requests/<int:request_id>/decision", methods=["POST"])
@allow(Role.EXPERT)
def decide(request_id: int):
    req = _request(request_id)
    form = DecisionForm()
    if form.validate_on_submit() and attempt(ops.decide_clarification, req, current_user, form.decision.data,
                                             form.note.data, form=form, success="评标委员会结论已记录。").ok:
        return redirect(url_for("lowprice.request", request_id=req.id))
    return _request_page(req, AnswerForm(), EvidenceForm(), form, status=400)


@bp.route("/my/low-price-requests")
@allow(Role.BIDDER)
def mine():
    requests = db.session.scalars(sa.select(LowPriceRequest).where(
        LowPriceRequest.company_id == current_user.company_id).order_by(LowPriceRequest.id.desc())).all()
    return render_template("lowprice/mine.html", requests=requests)
