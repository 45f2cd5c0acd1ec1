"""Staff read each opened bid: its files and hashes, the extraction jobs, and the text page by page beside the image.

Before the opening `Bid.can_read` is false for everyone, so the pages say only that the
bid is sealed; bidders never reach these routes (the role rule refuses them).
"""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.orm import undefer

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.bids import keys
from tender.bids.forms import SimpleForm
from tender.bids.models import Bid
from tender.bidtext import operations as ops
from tender.bidtext.models import BidDocument, BidPage, BidPageImage, ExtractionState
from tender.extensions import db
from tender.forms_util import attempt
from tender.jobs.queries import jobs_of

bp = Blueprint("bidtext", __name__)
PAGES_PER_VIEW = 5


@bp.route("/bids/<int:bid_id>/documents")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def bid(bid_id: int):
    item = db.get_or_404(Bid, bid_id)
    if not item.can_read(current_user):
        return render_template("bidtext/sealed.html", bid=item), 403
    documents = {d.bid_file_id: d for d in db.session.query(BidDocument).filter_by(bid_id=item.id)}
    rows = [(f, keys.unwrap(f.sha256_wrapped).hex(), documents.get(f.id)) for f in item.current_files.values()]
    jobs = {d.id: jobs_of(d) for d in documents.values()}
    retry = {d.id for d in documents.values() if ops.retryable(d)}
    shown = retry if current_user.role in STAFF_ROLES else set()  # the supervisor reads, staff act
    pending = sum(d.state is ExtractionState.PENDING and d.id not in retry for d in documents.values())
    return render_template("bidtext/bid.html", bid=item, rows=rows, jobs=jobs, pending=pending, retry=shown,
                           form=SimpleForm())


@bp.route("/bids/documents/<int:bid_document_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def document(bid_document_id: int):
    item = db.get_or_404(BidDocument, bid_document_id)
    if not item.can_read(current_user):
        return render_template("bidtext/sealed.html", bid=item.bid), 403
    first = max(1, request.args.get("page", 1, type=int))
    pages = (item.pages.options(undefer(BidPage.text), undefer(BidPage.tables))
             .filter(BidPage.number >= first).limit(PAGES_PER_VIEW).all())
    return render_template("bidtext/document.html", doc=item, pages=pages, first=first, per_view=PAGES_PER_VIEW,
                           jobs=jobs_of(item), form=SimpleForm())


@bp.route("/bids/pages/<int:page_id>/image")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def image(page_id: int):
    item = db.session.query(BidPageImage).filter_by(page_id=page_id).one_or_none()
    if item is None:
        abort(404)
    return item.send(current_user, as_attachment=False)


@bp.route("/bids/documents/<int:bid_document_id>/retry", methods=["POST"])
@allow(*STAFF_ROLES)
def retry(bid_document_id: int):
    item = db.get_or_404(BidDocument, bid_document_id)
    if not item.can_read(current_user):
        abort(404)
    attempt(ops.retry_extraction, item, current_user, success="已重新开始提取。")
    return redirect(url_for("bidtext.bid", bid_id=item.bid_id))
