"""Bid pages: the bidder's own bid (always its own company, never an id from the URL) and the staff count.

The upload endpoints speak JSON and take each chunk as the raw request body, read from
`request.stream` into memory: never `request.files`, which would spool plaintext to disk.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.bids import operations as ops
from tender.bids import receipts, uploads
from tender.bids.eligibility import bid_refusal
from tender.bids.forms import DepositForm, PriceForm, SimpleForm
from tender.bids.models import BidPart, BidReceipt
from tender.db import utcnow
from tender.errors import NotAllowed
from tender.extensions import db
from tender.forms_util import attempt, posted, try_operation
from tender.notices.models import Tender
from tender.public.views import published_or_404
from tender.web import raw_body

bp = Blueprint("bids", __name__)


def _back_to_bid(tender, section: str = ""):
    """The bidder's bid page, at the section the form came from."""
    return redirect(url_for("bids.mine", tender_id=tender.id) + (f"#{section}" if section else ""))


def _reply(outcome, **values):
    """JSON for the upload script: the server time always, the broken rule's message when there is one."""
    body = {"ok": outcome.ok, "server_time": utcnow().isoformat(), **values}
    if outcome.ok:
        return jsonify(body)
    error = outcome.error
    body["message"] = error.message
    if isinstance(error, uploads.OffsetMismatch):
        return jsonify(body | {"offset": error.expected}), 409
    return jsonify(body), 403 if isinstance(error, NotAllowed) else 422


@bp.route("/my/bids/<int:tender_id>")
@allow(Role.BIDDER)
def mine(tender_id: int):
    tender = published_or_404(tender_id)
    bid = uploads.bid_for(tender, current_user.company_id)
    _, _, chunk_max = uploads.limits()
    deposit_form = DepositForm(obj=bid)
    if bid is not None and bid.deposit_method is not None:
        deposit_form.method.data = bid.deposit_method.value
    return render_template("bids/mine.html", tender=tender, bid=bid, parts=list(BidPart),
                           refusal=bid_refusal(tender, current_user.company_id), now=utcnow(),
                           price_form=PriceForm(), deposit_form=deposit_form, form=SimpleForm(), chunk_max=chunk_max)


@bp.route("/my/bids/<int:tender_id>/uploads", methods=["POST"])
@allow(Role.BIDDER)
def start(tender_id: int):
    tender = published_or_404(tender_id)
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}
    size = body.get("size")
    outcome = try_operation(uploads.start_upload, tender, current_user, str(body.get("part", ""))[:20],
                            str(body.get("filename", ""))[:1000], size if isinstance(size, int) else -1,
                            str(body.get("sha256", ""))[:64])
    if not outcome.ok:
        return _reply(outcome)
    return _reply(outcome, **_state(tender, outcome.value))


def _state(tender: Tender, upload) -> dict:
    return {"upload_id": upload.id, "offset": upload.received, "size": upload.size,
            "url": url_for("bids.upload", tender_id=tender.id, upload_id=upload.id),
            "complete_url": url_for("bids.complete", tender_id=tender.id, upload_id=upload.id)}


def _upload(tender: Tender, upload_id: int):
    upload = uploads.upload_of(tender, current_user, upload_id)
    if upload is None:
        abort(404)
    return upload


@bp.route("/my/bids/<int:tender_id>/uploads/<int:upload_id>", methods=["GET", "PUT"])
@allow(Role.BIDDER)
@raw_body
def upload(tender_id: int, upload_id: int):
    """GET: where to resume. PUT ?offset=N: one chunk as the raw body, X-Chunk-SHA256 its hash."""
    tender = published_or_404(tender_id)
    found = _upload(tender, upload_id)
    if request.method == "GET":
        return jsonify({"ok": True, "server_time": utcnow().isoformat(), **_state(tender, found)})
    _, _, chunk_max = uploads.limits()
    raw = request.args.get("offset", "")
    offset = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 15 else -1
    if (request.content_length or 0) > chunk_max:
        return jsonify({"ok": False, "message": f"数据块超过 {chunk_max // 1024} KB 的上限。",
                        "server_time": utcnow().isoformat()}), 413
    data = request.stream.read(chunk_max + 1)
    if request.content_length is not None and len(data) < request.content_length:
        return jsonify({"ok": False, "message": "数据块不完整（连接中断），未被接收，请从断点继续上传。",
                        "offset": found.received, "server_time": utcnow().isoformat()}), 400
    outcome = try_operation(uploads.put_chunk, found, current_user, offset, data,
                            request.headers.get("X-Chunk-SHA256", "")[:64])
    if outcome.ok and outcome.value.refused:
        return jsonify({"ok": False, "refused": True, "message": outcome.value.refused,
                        "server_time": utcnow().isoformat()}), 422
    return _reply(outcome, **({"offset": outcome.value.received} if outcome.ok else {}))


@bp.route("/my/bids/<int:tender_id>/uploads/<int:upload_id>/complete", methods=["POST"])
@allow(Role.BIDDER)
def complete(tender_id: int, upload_id: int):
    tender = published_or_404(tender_id)
    outcome = try_operation(uploads.complete_upload, _upload(tender, upload_id), current_user)
    if not outcome.ok:
        return _reply(outcome)
    bid_file = outcome.value
    return _reply(outcome, message=f"{bid_file.part.label}“{bid_file.filename}”已密封保存。",
                  page=url_for("bids.mine", tender_id=tender.id))


@bp.route("/my/bids/<int:tender_id>/price", methods=["POST"])
@allow(Role.BIDDER)
def price(tender_id: int):
    tender = published_or_404(tender_id)
    form = PriceForm()
    if posted(form):
        attempt(ops.save_price_form, tender, current_user, form.annual_total.data, form.fees.data,
                form.staffing.data, success="报价一览表已密封保存，开标前任何人都无法查看。",
                failed="报价一览表未保存：")
    return _back_to_bid(tender, "price")


@bp.route("/my/bids/<int:tender_id>/deposit", methods=["POST"])
@allow(Role.BIDDER)
def deposit(tender_id: int):
    tender = published_or_404(tender_id)
    form = DepositForm()
    if posted(form):
        attempt(ops.save_deposit, tender, current_user, form.amount.data, form.method.data, form.paid_on.data,
                form.reference.data, success="保证金信息已保存。", failed="保证金信息未保存：")
    return _back_to_bid(tender, "deposit")


@bp.route("/my/bids/<int:tender_id>/submit", methods=["POST"])
@allow(Role.BIDDER)
def submit(tender_id: int):
    tender = published_or_404(tender_id)
    if SimpleForm().validate_on_submit():
        outcome = attempt(ops.submit_bid, tender, current_user, success="投标文件已递交，回执如下。",
                          failed="未能递交：")
        if outcome.ok:
            return redirect(url_for("bids.receipt", tender_id=tender.id, receipt_id=outcome.value.id))
    return _back_to_bid(tender)


@bp.route("/my/bids/<int:tender_id>/withdraw", methods=["POST"])
@allow(Role.BIDDER)
def withdraw(tender_id: int):
    tender = published_or_404(tender_id)
    if SimpleForm().validate_on_submit():
        attempt(ops.withdraw_bid, tender, current_user, success="投标文件已撤回。截止前可重新上传并递交。",
                failed="未能撤回：")
    return _back_to_bid(tender)


def _receipt(tender: Tender, receipt_id: int) -> BidReceipt:
    receipt = db.get_or_404(BidReceipt, receipt_id)
    if receipt.bid.tender_id != tender.id or receipt.bid.company_id != current_user.company_id:
        abort(404)
    return receipt


@bp.route("/my/bids/<int:tender_id>/receipts/<int:receipt_id>")
@allow(Role.BIDDER)
def receipt(tender_id: int, receipt_id: int):
    tender = published_or_404(tender_id)
    found = _receipt(tender, receipt_id)
    return render_template("bids/receipt.html", tender=tender, receipt=found, payload=receipts.payload_of(found))


@bp.route("/my/bids/<int:tender_id>/receipts/<int:receipt_id>/download")
@allow(Role.BIDDER)
def download_receipt(tender_id: int, receipt_id: int):
    found = _receipt(published_or_404(tender_id), receipt_id)
    text = json.dumps(receipts.document_of(found), ensure_ascii=False, indent=2)
    return Response(text, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="receipt-{found.id}.json"'})


@bp.route("/my/bids/<int:tender_id>/verify")
@allow(Role.BIDDER)
def verify(tender_id: int):
    tender = published_or_404(tender_id)
    return render_template("bids/verify.html", tender=tender, parts=list(BidPart))


@bp.route("/my/bids/<int:tender_id>/verify/file", methods=["POST"])
@allow(Role.BIDDER)
def verify_file(tender_id: int):
    tender = published_or_404(tender_id)
    bid = uploads.bid_for(tender, current_user.company_id)
    body = request.get_json(silent=True)
    sha256 = str(body.get("sha256", ""))[:64] if isinstance(body, dict) else ""
    if bid is None:
        return jsonify({"ok": False, "message": "贵公司在本项目没有投标文件。"})
    same, message = ops.verify_file_hash(bid, sha256)
    return jsonify({"ok": same, "message": message})


@bp.route("/my/bids/<int:tender_id>/verify/receipt", methods=["POST"])
@allow(Role.BIDDER)
def verify_receipt(tender_id: int):
    published_or_404(tender_id)
    same, message = receipts.verify(request.get_json(silent=True), current_user.company_id)
    return jsonify({"ok": same, "message": message})


@bp.route("/tenders/<int:tender_id>/bids")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def overview(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    return render_template("bids/overview.html", tender=tender, bids=ops.submitted_bids(tender))

