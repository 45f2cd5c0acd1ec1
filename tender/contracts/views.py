"""A tender's contract for staff (the supervisor reads): reviewing the winner's commitments beside their source
pages, generating versions, the Word file and its PDF (a job), deviations before signing, and tracking after it.

The deviations are listed on the page before the sign button (第四十六条); the operation refuses a
signature while any stands. Nothing unconfirmed enters a contract: the review page lists what
extraction proposes, and only a confirmed row is drafted.
"""
from __future__ import annotations

import base64
import io
import re

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.contracts import operations as ops
from tender.contracts import review, tracking
from tender.contracts.charts import commitment_chart
from tender.contracts.context import FeeRegime
from tender.contracts.export import tracking_workbook
from tender.contracts.forms import CommitmentForm, DraftForm, MeasurementForm, ProposalForm
from tender.contracts.models import ConfirmedCommitment, Contract
from tender.extensions import db
from tender.files import storage_root
from tender.forms_util import attempt
from tender.notices.models import Tender
from tender.result.operations import winner_of
from tender.web import child_or_404

bp = Blueprint("contracts", __name__, url_prefix="/tenders")
READ = {"read": Role.SUPERVISOR}
PREFIX = re.compile(r"^(p\d{1,4}|add)$")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/<int:tender_id>/contract")
@allow(*STAFF_ROLES, **READ)
def overview(tender_id: int, form: DraftForm | None = None):
    tender = db.get_or_404(Tender, tender_id)
    contracts = db.session.scalars(sa.select(Contract).where(Contract.tender_id == tender.id)
                                   .order_by(Contract.version.desc())).all()
    latest = contracts[0] if contracts else None
    winner = winner_of(tender)
    commitments = ops.confirmed_commitments(winner) if winner else []
    found = ops.deviations(latest) if latest is not None and latest.draft else []
    return render_template("contracts/overview.html", tender=tender, contracts=contracts, latest=latest,
                           winner=winner, commitments=commitments, deviations=found, form=form or DraftForm())


@bp.route("/<int:tender_id>/contract/draft", methods=["POST"])
@allow(*STAFF_ROLES)
def draft(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    form = DraftForm()
    if form.validate_on_submit() and attempt(
            ops.draft_contract, tender, current_user, form=form, fee_regime=FeeRegime(form.fee_regime.data),
            term_start=form.term_start.data, term_months=form.term_months.data,
            remuneration=form.remuneration.data or "", success="合同已生成。").ok:
        return redirect(url_for("contracts.overview", tender_id=tender_id))
    return overview(tender_id, form), 400


@bp.route("/<int:tender_id>/contract/<int:contract_id>/download")
@allow(*STAFF_ROLES, **READ)
def download(tender_id: int, contract_id: int):
    return child_or_404(Contract, contract_id, tender_id=tender_id).send(current_user)


@bp.route("/<int:tender_id>/contract/<int:contract_id>/pdf", methods=["POST"])
@allow(*STAFF_ROLES)
def request_pdf(tender_id: int, contract_id: int):
    done = attempt(ops.request_contract_pdf, child_or_404(Contract, contract_id, tender_id=tender_id), current_user)
    if not done.ok:
        return redirect(url_for("contracts.overview", tender_id=tender_id))
    return redirect(url_for("jobs.show", job_id=done.value.id))


@bp.route("/<int:tender_id>/contract/<int:contract_id>.pdf")
@allow(*STAFF_ROLES, **READ)
def pdf(tender_id: int, contract_id: int):
    contract = child_or_404(Contract, contract_id, tender_id=tender_id)
    if not contract.pdf_key or not contract.can_read(current_user):
        abort(404)
    return send_file(storage_root() / contract.pdf_key, mimetype="application/pdf", as_attachment=True,
                     download_name=f"{contract.reference}-v{contract.version}.pdf")


@bp.route("/<int:tender_id>/contract/<int:contract_id>/sign", methods=["POST"])
@allow(*STAFF_ROLES)
def sign(tender_id: int, contract_id: int):
    contract = child_or_404(Contract, contract_id, tender_id=tender_id)
    attempt(ops.sign_contract, contract, current_user, success="合同已签订。", failed="未能签订：")
    return redirect(url_for("contracts.overview", tender_id=tender_id))


def _winner(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    bid = winner_of(tender)
    if bid is not None and not bid.can_read(current_user):
        abort(404)
    return tender, bid


def _proposal_form(p: review.Proposal) -> ProposalForm:
    c = p.commitment
    return ProposalForm(formdata=None, prefix=f"p{p.number}", indicator=c.indicator.value,
                          comparator=c.comparator.value, value=c.value, unit=c.unit.value,
                          period=c.period.value if c.period else "", deadline=c.deadline, page=c.page, source=c.source)


@bp.route("/<int:tender_id>/contract/commitments")
@allow(*STAFF_ROLES, **READ)
def commitments(tender_id: int, posted: CommitmentForm | None = None):
    tender, bid = _winner(tender_id)
    confirmed = ops.confirmed_commitments(bid) if bid else []
    found = review.proposals(bid, confirmed, ops.dropped_proposals(bid)) if bid else []
    forms = {p.number: (posted if posted is not None and posted._prefix == f"p{p.number}-" else _proposal_form(p))
             for p in found}
    add = posted if posted is not None and posted._prefix == "add-" else CommitmentForm(prefix="add", formdata=None)
    return render_template("contracts/review.html", tender=tender, bid=bid, confirmed=confirmed, proposals=found,
                           forms=forms, add=add, pending=bid is not None and review.extraction_pending(bid))


@bp.route("/<int:tender_id>/contract/commitments/confirm", methods=["POST"])
@allow(*STAFF_ROLES)
def confirm(tender_id: int):
    tender, bid = _winner(tender_id)
    prefix = request.args.get("form", "add")
    if bid is None or not PREFIX.match(prefix):
        abort(404)
    form = CommitmentForm(prefix=prefix) if prefix == "add" else ProposalForm(prefix=prefix)
    if prefix != "add" and form.drop.data:
        attempt(ops.drop_proposal, bid, current_user, form.page.data, form.source.data or "", success="已不采用该条。")
        return redirect(url_for("contracts.commitments", tender_id=tender_id))
    if form.validate_on_submit():
        promise = Commitment(Indicator(form.indicator.data), Comparator(form.comparator.data), form.value.data,
                             Unit(form.unit.data), Period(form.period.data) if form.period.data else None,
                             (form.deadline.data or "").strip(), form.page.data, form.source.data or "")
        if attempt(ops.confirm_commitment, bid, current_user, promise, form=form, method=form.method.data or "",
                   penalty=form.penalty.data or "", success="已确认该承诺。").ok:
            return redirect(url_for("contracts.commitments", tender_id=tender_id))
    return commitments(tender_id, form), 400


@bp.route("/<int:tender_id>/contract/commitments/<int:commitment_id>/withdraw", methods=["POST"])
@allow(*STAFF_ROLES)
def withdraw(tender_id: int, commitment_id: int):
    row = child_or_404(ConfirmedCommitment, commitment_id, tender_id=tender_id)
    attempt(ops.withdraw_commitment, row, current_user, success="已撤回该承诺的确认。", failed="未能撤回：")
    return redirect(url_for("contracts.commitments", tender_id=tender_id))


@bp.route("/<int:tender_id>/contract/tracking")
@allow(*STAFF_ROLES, **READ)
def tracking_page(tender_id: int, posted: tuple[int, MeasurementForm] | None = None):
    tender, _ = _winner(tender_id)
    rows = tracking.tracked_commitments(tender)
    forms = {c.id: posted[1] if posted and posted[0] == c.id else
             MeasurementForm(formdata=None, prefix=f"m{c.id}", unit=c.unit) for c in rows}
    charts = {c.id: base64.b64encode(commitment_chart(c).encode()).decode() for c in rows if c.measurements}
    return render_template("contracts/tracking.html", tender=tender, commitments=rows, forms=forms, charts=charts,
                           breaches=tracking.breaches(rows), may_track=tender.can("track_commitments", current_user))


@bp.route("/<int:tender_id>/contract/tracking/<int:commitment_id>", methods=["POST"])
@allow(*STAFF_ROLES)
def measure(tender_id: int, commitment_id: int):
    row = child_or_404(ConfirmedCommitment, commitment_id, tender_id=tender_id)
    form = MeasurementForm(prefix=f"m{row.id}")
    if form.validate_on_submit() and attempt(
            tracking.record_measurement, row, current_user, form=form, value=form.value.data, unit=form.unit.data,
            period_start=form.period_start.data, period_end=form.period_end.data, note=form.note.data or "",
            success="已记录。").ok:
        return redirect(url_for("contracts.tracking_page", tender_id=tender_id) + f"#commitment-{row.id}")
    return tracking_page(tender_id, (row.id, form)), 400


@bp.route("/<int:tender_id>/contract/tracking.xlsx")
@allow(*STAFF_ROLES, **READ)
def tracking_export(tender_id: int):
    tender, _ = _winner(tender_id)
    data = tracking_workbook(tracking.tracked_commitments(tender))
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"承诺履行记录-{tender.reference}.xlsx")
