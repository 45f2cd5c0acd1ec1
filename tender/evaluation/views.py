"""Score sheets for experts, the chair's and staff's panel page, and what an expert reads while scoring.

Each view loads and authorises, then calls one operation (`tender.evaluation.operations`).
A sitting member who may not score yet gets the reason in Chinese; anyone else gets a 404,
so nobody learns who sits on a committee.
"""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import undefer
from werkzeug.datastructures import MultiDict

from scoring.evaluation.method import MAX_COUNT
from tender.auth.access import allow
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES, Role
from tender.bids.models import BidPart
from tender.bidtext.models import BidDocument, BidPage
from tender.committee.operations import draw_of
from tender.evaluation import operations as ops
from tender.evaluation.forms import CellForm, ChairForm, ReturnForm, SubmitSheetForm
from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.findings.models import FindingKind
from tender.findings.operations import ranked_findings
from tender.forms_util import attempt, flash_form_errors, try_operation
from tender.methods.operations import method_of
from tender.notices.models import Tender

bp = Blueprint("evaluation", __name__, url_prefix="/evaluation")
PAGES_PER_VIEW = 5


def _member_tender(tender_id: int) -> Tender:
    """The tender, for a sitting member of its committee; a 404 for anyone else."""
    tender = db.get_or_404(Tender, tender_id)
    draw = draw_of(tender)
    if draw is None or current_user.id not in draw.member_ids():
        abort(404)
    return tender


def _own_sheet(tender_id: int):
    """(tender, the member's own sheet), once opened; a 404 otherwise. Only a cleared member ever got a sheet
    (`open_score_sheet`) and every write checks the seat again (`standing_refusal`), so the sheet is the
    membership test here: the autosave reads the committee once per request, not twice."""
    tender = db.get_or_404(Tender, tender_id)
    sheet = ops.sheet_of(tender, current_user)
    if sheet is None:
        abort(404)
    return tender, sheet


def _scoring_tender(tender_id: int):
    """(tender, refusal page or None): a member who may not score yet sees why."""
    tender = _member_tender(tender_id)
    reason = ops.scoring_refusal(tender, current_user)
    if reason is not None:
        return tender, (render_template("evaluation/refused.html", tender=tender, reason=reason), 403)
    return tender, None


@bp.route("/tenders/<int:tender_id>/sheet")
@allow(Role.EXPERT)
def sheet(tender_id: int):
    tender, refused = _scoring_tender(tender_id)
    sheet = ops.sheet_of(tender, current_user)
    if sheet is None and refused is None:
        sheet = attempt(ops.open_score_sheet, tender, current_user).value
    if sheet is None:
        return refused
    documents = db.session.query(BidDocument).filter(BidDocument.bid_id.in_([c.bid_id for c in sheet.cells])).all()
    return render_template("evaluation/sheet.html", tender=tender, sheet=sheet, method=method_of(tender),
                           bids=ops.scored_bids(tender), items=ops.expert_items(method_of(tender)),
                           cells={(c.bid_id, c.criterion): c for c in sheet.cells}, refused=refused is not None,
                           locked=sheet.submitted or refused is not None,
                           refusal=ops.scoring_refusal(tender, current_user),
                           documents=[d for d in documents if d.bid_file.part is not BidPart.PRICE],
                           form=SubmitSheetForm(), problems=ops.sheet_problems(sheet),
                           is_chair=ops.is_chair(tender, current_user), max_count=MAX_COUNT)


@bp.route("/tenders/<int:tender_id>/sheet/cells", methods=["POST"])
@allow(Role.EXPERT)
def save_cell(tender_id: int):
    _, sheet = _own_sheet(tender_id)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="请求格式不正确，请刷新页面。"), 400
    form = CellForm(formdata=MultiDict({k: "" if v is None else str(v) for k, v in body.items()}), meta={"csrf": False})
    if not form.validate():
        return jsonify(error="；".join(m for errors in form.errors.values() for m in errors)), 400
    done = try_operation(ops.save_score_cell, sheet, current_user, form.bid_id.data, form.criterion.data,
                         form.score.data, form.reason.data, form.version.data, count=form.count.data)
    if isinstance(done.error, ops.StaleCell):
        return jsonify(error=done.error.message, cell=_cell_json(done.error)), 409
    if not done.ok:
        return jsonify(error=done.error.message), 400
    return jsonify(cell=_cell_json(done.value))


def _cell_json(cell) -> dict:
    """A stored cell, or the values a StaleCell carries."""
    return {"score": None if cell.score is None else f"{cell.score.normalize():f}", "count": cell.count,
            "reason": cell.reason, "version": cell.version}


@bp.route("/tenders/<int:tender_id>/sheet/submit", methods=["POST"])
@allow(Role.EXPERT)
def submit(tender_id: int):
    tender, sheet = _own_sheet(tender_id)
    form = SubmitSheetForm()
    if form.validate_on_submit():
        attempt(ops.submit_score_sheet, sheet, current_user, success="评分表已提交并锁定。")
    else:
        flash_form_errors(form)
    return redirect(url_for("evaluation.sheet", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/panel")
@allow(*STAFF_ROLES, read=(Role.SUPERVISOR, Role.EXPERT))
def panel(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    if not ops.may_see_panel(tender, current_user):
        abort(404)
    draw = draw_of(tender)
    members = [db.session.get(User, m) for m in sorted(draw.member_ids())] if draw else []
    chair_form = ChairForm()
    chair_form.expert.choices = [(m.id, m.name) for m in members]
    results = panel_results(tender) if ops.scores_visible_to(tender, current_user) else None
    return render_template("evaluation/panel.html", tender=tender, members=members, sheets=ops.sheets_of(tender),
                           chair=ops.chair_of(tender), is_chair=ops.is_chair(tender, current_user),
                           chair_form=chair_form, return_form=ReturnForm(), results=results,
                           can_appoint=current_user.role in STAFF_ROLES and draw is not None,
                           all_submitted=ops.all_submitted(tender))


@bp.route("/tenders/<int:tender_id>/chair", methods=["POST"])
@allow(*STAFF_ROLES)
def appoint(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    draw = draw_of(tender)
    if draw is None:
        abort(404)
    form = ChairForm()
    form.expert.choices = [(m, str(m)) for m in sorted(draw.member_ids())]
    if form.validate_on_submit():
        attempt(ops.appoint_chair, tender, current_user, db.session.get(User, form.expert.data),
                success="评标委员会负责人已确定。")
    else:
        flash_form_errors(form)
    return redirect(url_for("evaluation.panel", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/sheets/<int:user_id>/return", methods=["POST"])
@allow(Role.EXPERT)
def return_sheet(tender_id: int, user_id: int):
    tender = _member_tender(tender_id)
    sheet = ops.sheets_of(tender).get(user_id)
    if sheet is None or not ops.is_chair(tender, current_user):
        abort(404)
    form = ReturnForm()
    if form.validate_on_submit():
        attempt(ops.return_score_sheet, sheet, current_user, form.reason.data, success="评分表已退回，专家已收到通知。")
    else:
        flash_form_errors(form)
    return redirect(url_for("evaluation.panel", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/documents/<int:bid_document_id>")
@allow(Role.EXPERT)
def document(tender_id: int, bid_document_id: int):
    """A bid's text page by page, for a member while scoring; never the price part (prices stay hidden)."""
    tender, refused = _scoring_tender(tender_id)
    item = db.get_or_404(BidDocument, bid_document_id)
    if item.bid.tender_id != tender.id:
        abort(404)
    if refused is not None:
        return refused
    if item.bid_file.part is BidPart.PRICE:
        return render_template("evaluation/refused.html", tender=tender,
                               reason="评审技术和商务部分期间不显示报价文件。"), 403
    first = min(max(1, request.args.get("page", 1, type=int)), 10**6)
    pages = (item.pages.options(undefer(BidPage.text)).filter(BidPage.number >= first)
             .limit(PAGES_PER_VIEW).all())
    company = next((b.company for b in ops.scored_bids(tender) if b.bid_id == item.bid_id), "")
    return render_template("evaluation/document.html", tender=tender, doc=item, pages=pages, first=first,
                           per_view=PAGES_PER_VIEW, company=company)


@bp.route("/tenders/<int:tender_id>/findings")
@allow(Role.EXPERT)
def findings(tender_id: int):
    """The post-opening findings the panel was shown, for reference while scoring (price patterns left out)."""
    tender, refused = _scoring_tender(tender_id)
    if refused is not None:
        return refused
    items = [f for f in ranked_findings(tender) if f.present and f.kind is not FindingKind.PRICE_PATTERN]
    return render_template("evaluation/findings.html", tender=tender, findings=items)
