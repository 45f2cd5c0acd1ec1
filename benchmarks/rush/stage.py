"""Set-up and opening for the rush, through operations in this process (never over HTTP).

Set-up: migrate, publish a sealed tender with 3 opening officers (2 of 3 to open), sign
up and qualify the bidders. The publication needs a lawful schedule (a deadline weeks
ahead); the benchmark then moves the stored deadline to ~70 s ahead, as only a test may.
Opening: two officers unseal with their passphrases after the deadline; every bid file
is decrypted, its SHA-256 checked by `verify_at_opening` against what the browser
declared, against the bidder's receipt and against the bytes the bidder holds, and every
price form is opened and compared with what that bidder typed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from benchmarks.rush.bids import BidderSpec


@dataclass
class Staged:
    tender_id: int
    officer_ids: list[int]
    bidders: list[BidderSpec]
    password: str


@dataclass
class Opening:
    bids: int = 0
    files: int = 0
    verified: int = 0
    same_bytes: int = 0
    receipts_match: int = 0
    prices_match: int = 0
    leftover_uploads: int = 0
    problems: list[str] = field(default_factory=list)


def make_app(url: str, storage: str, sealing_key: str):
    from tender import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-rush", "STORAGE_PATH": storage,
                       "SEALING_KEY": sealing_key, "JOBS_IMMEDIATE": False, "RATELIMIT_ENABLED": False,
                       "MAIL_SERVER": ""})


def stage(app, n_bidders: int) -> Staged:
    import flask_migrate

    from tender.extensions import db
    from tests import factories
    from tests.bids.helpers import qualified_bidder
    from tests.opening.sealed import publish

    with app.app_context():
        flask_migrate.upgrade()
    with app.test_request_context():
        tender, officers = publish(bids=0)
        bidders = []
        for number in range(1, n_bidders + 1):
            user = qualified_bidder(tender)
            bidders.append(BidderSpec(number, user.email, user.company_id, fee=Decimal("2.00") + Decimal(number) / 100))
        db.session.commit()
        return Staged(tender.id, [o.id for o in officers], bidders, factories.PASSWORD)


def set_deadline(app, tender_id: int, seconds: float):
    """Move the stored deadline to `seconds` from now (server clock); returns it as an aware UTC datetime."""
    from tender.db import utcnow
    from tender.extensions import db
    from tender.notices.models import Tender

    with app.app_context():
        tender = db.session.get(Tender, tender_id)
        tender.bid_deadline = utcnow() + timedelta(seconds=seconds)
        db.session.commit()
        return tender.bid_deadline


def open_and_verify(app, staged: Staged, receipts: dict[int, dict]) -> Opening:
    from tender.auth.models import User
    from tender.bids import operations as ops
    from tender.bids.models import BidStatus, BidUpload
    from tender.bids.uploads import bid_for
    from tender.extensions import db
    from tender.notices.models import Tender
    from tender.opening.keys import opened_private_key
    from tender.opening.operations import unseal_tender
    from tender.unit_of_work import perform
    from tests.factories import PASSPHRASE

    out = Opening()
    with app.test_request_context():
        tender = db.session.get(Tender, staged.tender_id)
        first, second, _ = (db.session.get(User, i) for i in staged.officer_ids)
        unsealed = perform(unseal_tender, tender, first, {first: PASSPHRASE, second: PASSPHRASE})
        if not unsealed.opened:
            out.problems.append(f"unseal refused: {unsealed.problems}")
            return out
        key = opened_private_key(tender.seal)
        out.leftover_uploads = db.session.scalar(sa.select(sa.func.count()).select_from(BidUpload))
        for bidder in staged.bidders:
            _check_bid(out, ops, key, bid_for(tender, bidder.company_id), bidder, receipts.get(bidder.number),
                       BidStatus.SUBMITTED)
    return out


def _check_bid(out: Opening, ops, key: bytes, bid, bidder: BidderSpec, receipt: dict | None, submitted) -> None:
    who = f"bidder {bidder.number}"
    if bid is None or bid.status is not submitted:
        out.problems.append(f"{who}: no submitted bid")
        return
    out.bids += 1
    lines = {line["filename"]: line for line in (receipt or {}).get("receipt", {}).get("files", [])}
    files = {f.filename: f for f in bid.current_files.values()}
    for spec in bidder.files:
        out.files += 1
        bid_file = files.get(spec.filename)
        if bid_file is None or bid_file.part.value != spec.part:
            out.problems.append(f"{who}: {spec.filename} missing")
            continue
        check = ops.verify_at_opening(bid_file, key)
        out.verified += check.ok and check.sha256 == spec.sha256
        out.receipts_match += lines.get(spec.filename, {}).get("sha256") == check.sha256 == spec.sha256
        out.same_bytes += _same_bytes(ops.open_bid_file(bid_file, key), spec.path)
        if not check.ok:
            out.problems.append(f"{who}: {spec.filename}: {check.reason}")
    form = ops.open_price_form(bid, key) or {}
    out.prices_match += Decimal(form.get("annual_total", "0")) == Decimal(bidder.price["annual_total"])


def _same_bytes(opened, path) -> bool:
    """The decrypted records compared byte for byte with the bidder's own file."""
    with open(path, "rb") as source:
        for piece in opened:
            if source.read(len(piece)) != piece:
                return False
        return source.read(1) == b""
