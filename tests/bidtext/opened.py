"""An opened tender with three real sealed bids: published with officer keys, uploaded, submitted, unsealed."""
from __future__ import annotations

import os

import sqlalchemy as sa

from tender.bidtext.models import BidDocument
from tender.bidtext.operations import JOB_KIND
from tender.extensions import db
from tender.jobs.models import JobRecord
from tender.opening.operations import unseal_tender
from tender.unit_of_work import perform
from tests.bids.helpers import Uploader, padded_pdf, qualified_bidder
from tests.factories import PASSPHRASE, docx_bytes
from tests.opening.sealed import after_deadline, publish
from tests.robustness.pdf_bytes import build_pdf

TEXT_PAGES = [["Property management plan, page one.", "Cleaning twice a day."],
              ["Page two: security patrols every hour."]]


def corrupt_pdf() -> bytes:
    """What intake accepts (a PDF head, %%EOF at the end) with garbage between: it fails only at extraction."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + os.urandom(6000).replace(b"%%EOF", b"xxxxx") + b"\n%%EOF\n"


def default_files(technical: bytes | None = None, business: bytes | None = None) -> dict:
    return {"business": ("商务标.pdf", business if business is not None else build_pdf(TEXT_PAGES)),
            "technical": ("技术标.docx", technical if technical is not None else docx_bytes("技术方案", "保洁与绿化")),
            "price": ("报价文件.pdf", padded_pdf(3000, b"PRICEFILE"))}


def submit_bids(client, login, files_per_bidder: list[dict], prices: list[dict] | None = None):
    """Publish a tender, and have one bidder per entry upload those files and submit; returns (tender, officers).

    `prices`: each bidder's price form (the same one for all when left out).
    """
    tender, officers = publish(bids=0)
    bidders = [qualified_bidder(tender) for _ in files_per_bidder]
    db.session.commit()
    for n, (bidder, files) in enumerate(zip(bidders, files_per_bidder, strict=True)):
        login(bidder)
        Uploader(client, tender.id).full_bid(files)
        if prices:
            assert client.post(f"/my/bids/{tender.id}/price", data=prices[n]).status_code == 302
        assert client.post(f"/my/bids/{tender.id}/submit").status_code == 302
    return tender, officers, bidders


def unseal(tender, officers):
    a, b = officers[:2]
    assert perform(unseal_tender, tender, a, {a: PASSPHRASE, b: PASSPHRASE}, after_deadline(tender)).opened


def extraction_jobs() -> list[JobRecord]:
    db.session.rollback()
    return list(db.session.scalars(sa.select(JobRecord).where(JobRecord.kind == JOB_KIND).order_by(JobRecord.id)))


def document_of(bid_file) -> BidDocument:
    db.session.expire_all()
    return db.session.scalar(sa.select(BidDocument).where(BidDocument.bid_file_id == bid_file.id))
