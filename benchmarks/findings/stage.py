"""Set-up of the findings benchmark (not timed), through the application's own operations.

A fresh database migrated to head; one tender published with three officers (2 of 3 to open);
each bidder uploads its three files through the chunk protocol, fills the sealed price form and
submits; known tenders and the history bids are loaded; two officers unseal; each bid file's
text goes in through `bidtext.operations.store_result`, exactly as the extraction job stores it,
but from generated pages instead of OCR; `findings.operations.start_findings` makes the run.
History bids are bulk-loaded with every column the application would have written (text,
page_starts, prepared bytes, fingerprints and company-frequency rows), so top candidates are compared.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import sqlalchemy as sa

from benchmarks.findings import texts
from benchmarks.retrieval.corpus import Stored, company_names
from benchmarks.retrieval.store_bench import analyze, load_fingerprints
from scoring.similarity import prepare

PARTS = ("business", "technical", "price")


@dataclass(frozen=True)
class Sizes:
    bids: int
    pages: int
    history: int  # stored history bids in all
    history_companies: int
    history_chars: int  # length of an ordinary history bid
    own_history: int  # full-length earlier bids per bidder company (the same-company candidates)
    tenders: int  # known earlier tenders


@dataclass
class Staged:
    tender_id: int
    run_id: int
    bidder_company_ids: list[int]
    bid_ids: list[int]
    reuse_doc_id: int  # the earlier bid the REUSE bid copies from
    leftover_title: str
    history_rows: int
    seconds: dict


def make_app(url: str, storage: str):
    from tender import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench-findings", "STORAGE_PATH": storage,
                       "SEALING_KEY": "bench-findings-sealing-key-000000000", "JOBS_IMMEDIATE": False,
                       "RATELIMIT_ENABLED": False, "MAIL_SERVER": ""})


def part_pages(pages: int) -> dict[str, int]:
    price = max(1, pages // 30)
    business = max(1, pages * 2 // 15)
    return {"business": business, "technical": pages - business - price, "price": price}


def stage(app, sizes: Sizes) -> Staged:
    import flask_migrate

    from tender.extensions import db

    seconds = {}
    started = time.perf_counter()
    with app.app_context():
        flask_migrate.upgrade()
    with app.test_request_context():
        tender, officers, bidders = _publish_and_bid(sizes.bids)
        seconds["publish_and_bid"] = time.perf_counter() - started
        started = time.perf_counter()
        titles = texts.tender_titles(sizes.tenders)
        known = _known_tenders(tender.created_by_id, titles)
        history = _history(db.engine, sizes, [b.company_id for b in bidders], known, titles)
        seconds["history"] = time.perf_counter() - started
        started = time.perf_counter()
        reused = db.session.scalar(sa.select(_doc().text).where(_doc().id == history["reuse_doc_id"]))
        pages = texts.bid_pages([b.company.name for b in bidders], tender.title, sizes.pages, reused, titles[-1])
        _unseal(tender, officers)
        bid_ids = _extracted(tender, bidders, pages)
        run_id = _start(tender)
        seconds["open_and_extract"] = time.perf_counter() - started
        return Staged(tender.id, run_id, [b.company_id for b in bidders], bid_ids, history["reuse_doc_id"],
                      titles[-1], history["rows"], seconds)


def _doc():
    from tender.similarity.models import SimilarityDocument

    return SimilarityDocument


def _publish_and_bid(n: int):
    from tender.bids import operations as bid_ops
    from tender.bids import uploads
    from tender.extensions import db
    from tender.unit_of_work import perform
    from tests.bids.helpers import padded_pdf, qualified_bidder, sha
    from tests.opening.sealed import publish

    tender, officers = publish(bids=0)
    tender.title = "锦绣华庭前期物业管理服务"
    names = company_names(2000)[-n:]  # not among the history companies' names
    bidders = [qualified_bidder(tender) for _ in range(n)]
    for user, name in zip(bidders, names, strict=True):
        user.company.name = name
    db.session.commit()
    for i, (user, form) in enumerate(zip(bidders, texts.price_forms(n), strict=True)):
        for part in PARTS:
            data = padded_pdf(4000, f"{part}-{i}".encode())
            upload = perform(uploads.start_upload, tender, user, part, f"{part}.pdf", len(data), sha(data))
            perform(uploads.put_chunk, upload, user, 0, data, sha(data))
            perform(uploads.complete_upload, upload, user)
        perform(bid_ops.save_price_form, tender, user, form.annual_total, form.fees, form.staffing)
        perform(bid_ops.submit_bid, tender, user)
    return tender, officers, bidders


def _known_tenders(creator_id: int, titles: list[str]) -> list[int]:
    """Earlier tenders the system ran (their projects and tenderers are what a left-over names)."""
    from tender.extensions import db
    from tender.notices.lifecycle import TenderStatus
    from tests.factories import make_tender

    ids = []
    for i, title in enumerate(titles):
        tender = make_tender(_creator(creator_id), title=title, tenderer=f"{title[:4]}置业有限公司",
                             reference=f"ZB-{2020 + i % 6}-{i:05d}", status=TenderStatus.PUBLISHED)
        ids.append(tender.id)
    db.session.commit()
    return ids


def _creator(user_id: int):
    from tender.auth.models import User
    from tender.extensions import db

    return db.session.get(User, user_id)


def _history(engine, sizes: Sizes, bidder_companies: list[int], tenders: list[int], titles: list[str]) -> dict:
    """`sizes.history` earlier bids: `own_history` full-length ones per bidder company, the rest short
    ones from `history_companies` other companies; each for one known tender (never the last title,
    kept for the planted left-over)."""
    from tender.bidders.models import Company
    from tender.extensions import db

    names = company_names(sizes.history_companies)
    companies = [Company(name=name) for name in names]
    db.session.add_all(companies)
    db.session.commit()
    company_ids = [c.id for c in companies]
    next_id = (db.session.scalar(sa.select(sa.func.max(_doc().id))) or 0) + 1
    specs = []  # (company id, company name, chars, the bidder's own)
    bidder_names = {c.id: c.name for c in db.session.scalars(
        sa.select(Company).where(Company.id.in_(bidder_companies)))}
    for company_id in bidder_companies:
        specs += [(company_id, bidder_names[company_id], sizes.pages * texts.PAGE_CHARS, True)] * sizes.own_history
    for i in range(sizes.history - len(specs)):
        specs.append((company_ids[i % len(company_ids)], names[i % len(names)], sizes.history_chars, False))
    stored, rows, batch = [], 0, []
    for n, (company_id, name, chars, own) in enumerate(specs):
        doc_id, slot = next_id + n, n % (len(tenders) - 1)
        text = texts.history_text(n, chars, name, titles[slot], own)
        prepared = prepare(text)
        stored.append(Stored(doc_id, company_id, len(text), prepared.fp_hash, prepared.fp_pos))
        batch.append(_history_row(doc_id, company_id, tenders[slot], text, prepared))
        rows += int(prepared.fp_hash.shape[0])
        if len(batch) >= 100 or n == len(specs) - 1:
            with engine.begin() as conn:
                conn.execute(_doc().__table__.insert(), batch)
            batch = []
    load_fingerprints(engine, stored)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('sim_documents', 'id'), "
                                 "(SELECT MAX(id) FROM sim_documents))"))
    analyze(engine)
    return {"reuse_doc_id": next_id + texts.REUSE * sizes.own_history, "rows": rows}


def _history_row(doc_id: int, company_id: int, tender_id: int, text: str, prepared) -> dict:
    from tender.db import utcnow
    from tender.similarity.models import DocumentKind, DocumentState

    data = text.encode("utf-8")
    return {"id": doc_id, "title": f"历史投标文件{doc_id}", "kind": DocumentKind.BID, "state": DocumentState.READY,
            "company_id": company_id, "tender_id": tender_id, "text": text, "page_starts": texts.page_starts(text),
            "prepared": prepared.to_bytes(), "n_chars": len(text), "n_fingerprints": int(prepared.fp_hash.shape[0]),
            "candidates": None, "error": "", "storage_key": f"bench/history-{doc_id}.txt",
            "filename": f"history-{doc_id}.txt", "size": len(data), "content_type": "text/plain",
            "sha256": hashlib.sha256(data).hexdigest(), "created_at": utcnow()}


def _unseal(tender, officers) -> None:
    from tender.opening.operations import unseal_tender
    from tender.unit_of_work import perform
    from tests.factories import PASSPHRASE
    from tests.opening.sealed import after_deadline

    first, second = officers[:2]
    result = perform(unseal_tender, tender, first, {first: PASSPHRASE, second: PASSPHRASE}, after_deadline(tender))
    if not result.opened:
        raise RuntimeError(f"unseal refused: {result.problems}")


def _extracted(tender, bidders, pages: list[list[str]]) -> list[int]:
    """Each bid file's pages stored as the extraction job stores them (documents made PENDING by the opening)."""
    from scoring.extraction.document import ExtractedDocument, Metadata, Page
    from tender.bids.uploads import bid_for
    from tender.bidtext.models import BidDocument
    from tender.bidtext.operations import store_result
    from tender.extensions import db

    bid_ids = []
    for n, (user, bid_pages) in enumerate(zip(bidders, pages, strict=True)):
        bid = bid_for(tender, user.company_id)
        bid_ids.append(bid.id)
        documents = {d.bid_file.part.value: d for d in db.session.scalars(
            sa.select(BidDocument).where(BidDocument.bid_id == bid.id))}
        first = 0
        for part, count in part_pages(len(bid_pages)).items():
            chunk = bid_pages[first:first + count]
            first += count
            starts = [sum(map(len, chunk[:i])) for i in range(len(chunk))]
            extracted = ExtractedDocument("pdf", "".join(chunk), tuple(
                Page(i + 1, text, start) for i, (text, start) in enumerate(zip(chunk, starts, strict=True))),
                Metadata(author=f"编制人{n}", creator="WPS Office"), page_count=len(chunk))
            store_result(documents[part], extracted, {})
        db.session.commit()
    return bid_ids


def _start(tender) -> int:
    from tender.extensions import db
    from tender.findings.operations import run_of, start_findings

    job = start_findings(tender, None)
    if job is None:
        raise RuntimeError("start_findings started nothing: an extraction outcome is missing")
    db.session.commit()
    return run_of(tender).id
