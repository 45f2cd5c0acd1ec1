"""The findings page of a tender: staff handle findings and record the panel saw them; the supervisor reads."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.extensions import db
from tender.findings import operations as ops
from tender.findings.forms import CommitteeForm, StatusForm
from tender.findings.models import Finding
from tender.findings.queries import findings_page
from tender.forms_util import attempt, posted
from tender.notices.models import Tender
from tender.web import child_or_404

bp = Blueprint("findings", __name__, url_prefix="/findings")


@bp.route("/tenders/<int:tender_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def show(tender_id: int):
    page = findings_page(db.get_or_404(Tender, tender_id))
    return render_template("findings/show.html", page=page, tender=page.tender, status_form=StatusForm(),
                           committee_form=CommitteeForm())


def _back(tender_id: int, anchor: str = ""):
    return redirect(url_for("findings.show", tender_id=tender_id) + (f"#{anchor}" if anchor else ""))


@bp.route("/tenders/<int:tender_id>/items/<int:finding_id>/status", methods=["POST"])
@allow(*STAFF_ROLES)
def status(tender_id: int, finding_id: int):
    finding = child_or_404(Finding, finding_id, tender_id=tender_id)
    form = StatusForm()
    if posted(form):
        operation = ops.refer_finding if form.refer.data else ops.explain_finding
        attempt(operation, finding, current_user, form.reason.data, success="处理结果已记录。")
    return _back(tender_id, f"finding-{finding.id}")


@bp.route("/tenders/<int:tender_id>/items/<int:finding_id>/decision", methods=["POST"])
@allow(*STAFF_ROLES)
def decision(tender_id: int, finding_id: int):
    finding = child_or_404(Finding, finding_id, tender_id=tender_id)
    form = CommitteeForm()
    if posted(form):
        attempt(ops.record_committee_decision, finding, current_user, form.decision.data, form.note.data,
                success="评标委员会的决定已记录。")
    return _back(tender_id, f"finding-{finding.id}")


@bp.route("/tenders/<int:tender_id>/shown", methods=["POST"])
@allow(*STAFF_ROLES)
def shown(tender_id: int):
    attempt(ops.record_shown_to_panel, db.get_or_404(Tender, tender_id), current_user,
            success="已记录：检查结果已向评标委员会展示。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/rerun", methods=["POST"])
@allow(*STAFF_ROLES)
def rerun(tender_id: int):
    done = attempt(ops.rerun_findings, db.get_or_404(Tender, tender_id), current_user)
    if done.ok:
        return redirect(url_for("jobs.show", job_id=done.value.id))
    return _back(tender_id)
