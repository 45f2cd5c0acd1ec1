"""A big preparation neither locks SQLite nor writes one giant transaction (issue 8, defect 5)."""
from __future__ import annotations

import io
import threading
import time

import pytest
import sqlalchemy as sa

from tender.extensions import db
from tender.files import store_bytes
from tender.similarity.models import DocumentKind, DocumentState, SimilarityDocument
from tender.similarity.processing import prepare_document
from tests import factories
from tests.conftest import BACKEND

sqlite_only = pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's locking")


def generated_text(chars: int, seed: int = 3) -> str:
    """Varied Chinese sentences (no two k-grams alike for long), so nearly every window gives a fingerprint."""
    import random

    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    return "".join(rng.choice(han) if i % 40 else "。\n" for i in range(chars))


def pending_document(text: str, company=None) -> SimilarityDocument:
    """Stored and committed but not prepared yet, as a job finds it."""
    saved = store_bytes("大文件.txt", text.encode(), ("txt",))
    doc = SimilarityDocument(title="大文件", kind=DocumentKind.BID, company_id=company.id if company else None,
                             **saved.columns())
    db.session.add(doc)
    db.session.commit()
    return doc


@sqlite_only
def test_every_connection_uses_wal_and_a_busy_timeout(app):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == app.config["SQLITE_BUSY_TIMEOUT_MS"]


def test_fingerprints_are_written_in_bounded_transactions(app):
    company = factories.make_company()
    db.session.commit()
    doc = pending_document(generated_text(60_000), company)
    per_transaction, current = [], [0]

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO SIM_FINGERPRINTS"):
            # one dict of three values per row (multi-row VALUES), a list of rows (executemany) or one row
            if isinstance(parameters, dict) and isinstance(parameters.get("c0"), list):  # PostgreSQL: arrays
                rows = len(parameters["c0"])
            else:
                rows = len(parameters) // 3 if isinstance(parameters, dict) else len(parameters) if executemany else 1
            current[0] += rows

    def committed(conn):
        per_transaction.append(current[0])
        current[0] = 0

    app.config["FINGERPRINT_BATCH"] = 1000
    sa.event.listen(db.engine, "before_cursor_execute", count)
    sa.event.listen(db.engine, "commit", committed)
    try:
        prepare_document(doc)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
        sa.event.remove(db.engine, "commit", committed)
        app.config["FINGERPRINT_BATCH"] = 20_000
    assert doc.state is DocumentState.READY and doc.n_fingerprints > 5000
    assert sum(per_transaction) == doc.n_fingerprints
    assert max(per_transaction) <= 1000
    stored = db.session.scalar(sa.text("SELECT COUNT(*) FROM sim_fingerprints WHERE doc_id = :d"), {"d": doc.id})
    assert stored == doc.n_fingerprints


def test_a_rerun_after_a_stop_half_way_leaves_no_duplicate_rows(app):
    doc = pending_document(generated_text(30_000))
    db.session.execute(sa.text("INSERT INTO sim_fingerprints (hash, doc_id, pos) VALUES (1, :d, 0), (2, :d, 5)"),
                       {"d": doc.id})
    db.session.commit()
    prepare_document(doc)
    stored = db.session.scalar(sa.text("SELECT COUNT(*) FROM sim_fingerprints WHERE doc_id = :d"), {"d": doc.id})
    assert stored == doc.n_fingerprints


@sqlite_only
def test_requests_during_a_big_preparation_do_not_find_the_database_locked(app, staff, login):
    """A worker thread prepares ~1.5 M characters while the web side reads and writes through real requests."""
    company = factories.make_company()
    db.session.commit()
    app.config["EXTRACT_MAX_CHARS"] = 5_000_000
    doc = pending_document(generated_text(1_500_000), company)
    client = login(staff)
    finished, failures = threading.Event(), []

    def worker():
        try:
            with app.app_context():
                prepare_document(db.session.get(SimilarityDocument, doc.id))
                db.session.remove()
        except Exception as exc:  # the test reports it below
            failures.append(repr(exc))
        finally:
            finished.set()

    thread = threading.Thread(target=worker)
    statuses = []
    try:
        thread.start()
        while not finished.is_set():
            statuses.append(client.get("/similarity/library").status_code)
            upload = {"title": f"规范{len(statuses)}", "file": (io.BytesIO("物业服务规范。".encode()), "规范.txt")}
            statuses.append(client.post("/similarity/library", data=upload).status_code)
            time.sleep(0.2)
        thread.join()
    finally:
        app.config["EXTRACT_MAX_CHARS"] = 2_000_000
    db.session.expire_all()
    assert failures == []
    assert db.session.get(SimilarityDocument, doc.id).state is DocumentState.READY
    assert len(statuses) >= 10 and set(statuses) <= {200, 302}, statuses
