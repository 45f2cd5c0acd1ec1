"""The opening record's pages: live for bidders, staff and the supervisor; confirmations, objections, answers, exports.

Routes sit on the opening blueprint. Object-level refusals are 404s: a record one may not
see is not there for them (the route-level rule is the role).
"""
from __future__ import annotations

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import OPENERS, STAFF_ROLES, Role
from tender.extensions import db
from tender.files import storage_root
from tender.forms_util import attempt
from tender.notices.models import Tender
from tender.opening import record as ops
from tender.opening.record_export import render_docx
from tender.opening.record_models import RecordStatus
from tender.opening.views import bp

VIEWERS = (*OPENERS, Role.BIDDER)


def _tender(tender_id: int) -> Tender:
    tender = db.get_or_404(Tender, tender_id)
    if not ops.can_view(tender, current_user):
        abort(404)
    return tender


def _record(tender_id: int):
    tender = _tender(tender_id)
    if tender.opening_record is None:
        abort(404)
    return tender.opening_record


def _back(tender_id: int):
    endpoint = "opening.tender_record" if current_user.role is Role.BIDDER else "opening.tender"
    return redirect(url_for(endpoint, tender_id=tender_id))


@bp.route("/tenders/<int:tender_id>/record")
@allow(*VIEWERS, read=Role.SUPERVISOR)
def tender_record(tender_id: int):
    tender = _tender(tender_id)
    return render_template("opening/record.html", tender=tender, too_few=None, failed=ops.has_failed(tender))


@bp.route("/tenders/<int:tender_id>/record/live")
@allow(*VIEWERS, read=Role.SUPERVISOR)
def record_live(tender_id: int):
    tender = _tender(tender_id)
    return render_template("opening/_record_live.html", tender=tender, failed=ops.has_failed(tender))


@bp.route("/tenders/<int:tender_id>/record/confirm", methods=["POST"])
@allow(Role.BIDDER)
def record_confirm(tender_id: int):
    attempt(ops.confirm_record, _record(tender_id), current_user, success="已确认开标记录。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/record/objections", methods=["POST"])
@allow(Role.BIDDER)
def record_objection(tender_id: int):
    attempt(ops.raise_objection, _record(tender_id), current_user, request.form.get("text", ""),
            success="异议已提交，请等待招标人当场答复。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/record/answer", methods=["POST"])
@allow(*STAFF_ROLES)
def record_answer(tender_id: int):
    response_id = request.form.get("response_id", type=int)
    attempt(ops.answer_objection, _record(tender_id), current_user, response_id, request.form.get("answer", ""),
            success="已答复异议。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/record/publish", methods=["POST"])
@allow(*STAFF_ROLES)
def record_publish(tender_id: int):
    attempt(ops.publish_record, _record(tender_id), current_user, success="开标结束，开标记录已公布。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/fail", methods=["POST"])
@allow(*STAFF_ROLES)
def record_fail(tender_id: int):
    attempt(ops.fail_for_too_few_bids, _tender(tender_id), current_user, success="本项目已流标，已通知各投标人。")
    return _back(tender_id)


@bp.route("/tenders/<int:tender_id>/record/pdf", methods=["POST"])
@allow(*STAFF_ROLES)
def record_export_pdf(tender_id: int):
    done = attempt(ops.request_pdf, _record(tender_id), current_user)
    if not done.ok:
        return _back(tender_id)
    return redirect(url_for("jobs.show", job_id=done.value.id))


@bp.route("/tenders/<int:tender_id>/record.pdf")
@allow(*VIEWERS, read=Role.SUPERVISOR)
def record_pdf(tender_id: int):
    rec = _record(tender_id)
    if rec.status is not RecordStatus.PUBLISHED or not rec.pdf_key:
        abort(404)
    return send_file(storage_root() / rec.pdf_key, mimetype="application/pdf", as_attachment=True,
                     download_name=f"{rec.kind.label}-{rec.tender.reference}.pdf")


@bp.route("/tenders/<int:tender_id>/record.docx")
@allow(*VIEWERS, read=Role.SUPERVISOR)
def record_docx(tender_id: int):
    import io

    rec = _record(tender_id)
    if rec.status is not RecordStatus.PUBLISHED:
        abort(404)
    return send_file(io.BytesIO(render_docx(rec)), as_attachment=True, download_name=f"{rec.kind.label}-"
                     f"{rec.tender.reference}.docx",
                     mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
