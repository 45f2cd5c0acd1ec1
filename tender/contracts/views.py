"""A tender's contract for staff (the supervisor reads): confirmed commitments, versions, deviations, signing.

The deviations are listed on the page before the sign button (第四十六条); the operation refuses a
signature while any stands. Confirming commitments beside their source pages is the review page
still to come; here they are listed as confirmed.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.contracts import operations as ops
from tender.contracts.models import ConfirmedCommitment, Contract
from tender.extensions import db
from tender.forms_util import attempt
from tender.notices.models import Tender
from tender.web import child_or_404

bp = Blueprint("contracts", __name__, url_prefix="/tenders")


@bp.route("/<int:tender_id>/contract")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def overview(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    contracts = db.session.scalars(sa.select(Contract).where(Contract.tender_id == tender.id)
                                   .order_by(Contract.version.desc())).all()
    latest = contracts[0] if contracts else None
    commitments = ops.confirmed_commitments(latest.bid) if latest else db.session.scalars(
        sa.select(ConfirmedCommitment).where(ConfirmedCommitment.tender_id == tender.id)
        .order_by(ConfirmedCommitment.id)).all()
    found = ops.deviations(latest) if latest is not None and latest.draft else []
    return render_template("contracts/overview.html", tender=tender, contracts=contracts, latest=latest,
                           commitments=commitments, deviations=found)


@bp.route("/<int:tender_id>/contract/<int:contract_id>/download")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def download(tender_id: int, contract_id: int):
    return child_or_404(Contract, contract_id, tender_id=tender_id).send(current_user)


@bp.route("/<int:tender_id>/contract/<int:contract_id>/sign", methods=["POST"])
@allow(*STAFF_ROLES)
def sign(tender_id: int, contract_id: int):
    contract = child_or_404(Contract, contract_id, tender_id=tender_id)
    attempt(ops.sign_contract, contract, current_user, success="合同已签订。", failed="未能签订：")
    return redirect(url_for("contracts.overview", tender_id=tender_id))
