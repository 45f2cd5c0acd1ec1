"""Ingest the corpus into the application's fingerprint store and time top-20 retrieval.

Uses ``tender.similarity.store`` on a bare SQLAlchemy engine, exactly as the document job
does: ``save_fingerprints`` per document (fingerprint rows plus the company-frequency
tables), then ``top_candidates`` for the query bid. Two query variants are timed:

* ``raw``: all of the query's fingerprints, as ``processing.prepare_document`` calls it today;
* ``filtered``: first drop hashes used by >= 5 companies (``company_counts``, design note §5:
  "q = new bid minus subtracted"), then ``top_candidates``; both steps are inside the clock.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from benchmarks.retrieval.corpus import Stored
from scoring.similarity.params import DEFAULT_PARAMS

COMPANY_THRESHOLD = DEFAULT_PARAMS.company_threshold


@dataclass
class QueryTiming:
    seconds: list[float] = field(default_factory=list)
    filter_seconds: list[float] = field(default_factory=list)  # company_counts part of ``seconds``
    recall_hits: int = 0
    planted: int = 0
    ranks: list[int | None] = field(default_factory=list)
    hashes: list[int] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)

    @property
    def recall(self) -> float:
        return self.recall_hits / self.planted if self.planted else 1.0


def create_tables(engine: sa.Engine) -> None:
    import tender.models  # noqa: F401  (registers every table on db.metadata)
    from tender.extensions import db

    db.metadata.create_all(engine)


def _document_rows(part: list[Stored]) -> list[dict]:
    from tender.similarity.models import DocumentKind, DocumentState

    return [{
        "id": d.doc_id, "title": f"历史投标文件{d.doc_id}", "kind": DocumentKind.BID,
        "state": DocumentState.READY, "company_id": d.company_id, "n_chars": d.chars,
        "n_fingerprints": int(d.fp_hash.shape[0]), "storage_key": f"bench/{d.doc_id}",
        "filename": f"{d.doc_id}.txt", "size": d.chars, "content_type": "text/plain",
        "sha256": f"{d.doc_id:064d}"} for d in part]


def bulk_load(engine: sa.Engine, names: list[str], docs: list[Stored]) -> dict:
    """Fill the store with ``docs`` fast (driver bulk insert / COPY, indexes built afterwards).

    Produces exactly the rows ``save_fingerprints`` would (fingerprints, one company_hashes row per
    company and distinct hash, n_companies per hash); only the per-document path is too slow in
    Python to load millions of rows within the benchmark's budget, so it is timed separately.
    """
    from tender.bidders.models import Company
    from tender.similarity.models import SimilarityDocument

    started = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(Company.__table__.insert(), [{"id": i + 1, "name": n} for i, n in enumerate(names)])
        if docs:
            conn.execute(SimilarityDocument.__table__.insert(), _document_rows(docs))
    company_hash_rows = load_fingerprints(engine, docs)
    return {"seconds": time.perf_counter() - started, "rows": int(sum(d.fp_hash.shape[0] for d in docs)),
            "company_hash_rows": company_hash_rows}


def load_fingerprints(engine: sa.Engine, docs: list[Stored]) -> int:
    """The fingerprint and company-frequency rows of documents already in sim_documents, into empty tables.

    Also used by benchmarks/findings for its history bids. Returns the number of company_hashes rows.
    """
    from tender.similarity.models import company_hashes, fingerprints, hash_companies

    per_company: dict[int, list[np.ndarray]] = {}
    for d in docs:
        per_company.setdefault(d.company_id, []).append(d.fp_hash)
    pairs = [(np.unique(np.concatenate(v)), c) for c, v in per_company.items()]
    ch_hash = np.concatenate([h for h, _ in pairs]) if pairs else np.zeros(0, np.int64)
    ch_company = np.concatenate([np.full(h.shape[0], c, np.int64) for h, c in pairs]) if pairs else ch_hash
    uniq, n_companies = np.unique(ch_hash, return_counts=True)
    fp_rows = ((h, d.doc_id, p) for d in docs for h, p in zip(d.fp_hash.tolist(), d.fp_pos.tolist(), strict=True))
    order = np.lexsort((ch_company, ch_hash))
    ch_rows = zip(ch_hash[order].tolist(), ch_company[order].tolist(), strict=True)
    hc_rows = zip(uniq.tolist(), n_companies.tolist(), strict=True)
    indexes = list(fingerprints.indexes)
    with engine.begin() as conn:
        for index in indexes:
            index.drop(conn)
        raw = conn.connection.driver_connection
        cur = raw.cursor()
        for table, rows in ((fingerprints, fp_rows), (company_hashes, ch_rows), (hash_companies, hc_rows)):
            cols = ", ".join(c.name for c in table.columns)
            if engine.dialect.name == "postgresql":
                _copy(cur, table.name, cols, rows)
            else:
                marks = ", ".join("?" for _ in table.columns)
                cur.executemany(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", rows)
        cur.close()
        for index in indexes:
            index.create(conn)
    return int(ch_hash.shape[0])


def _copy(cur, table: str, cols: str, rows, chunk: int = 500_000) -> None:
    import io
    from itertools import islice

    rows = iter(rows)
    while batch := list(islice(rows, chunk)):
        buf = io.StringIO("".join("\t".join(map(str, r)) + "\n" for r in batch))
        cur.copy_expert(f"COPY {table} ({cols}) FROM STDIN", buf)


def ingest(engine: sa.Engine, docs: list[Stored], batch: int = 100) -> dict:
    """The application's path: ``save_fingerprints`` per document, one transaction per ``batch``."""
    from tender.similarity.models import SimilarityDocument
    from tender.similarity.store import save_fingerprints

    started = time.perf_counter()
    for i in range(0, len(docs), batch):
        part = docs[i:i + batch]
        with engine.begin() as conn:
            conn.execute(SimilarityDocument.__table__.insert(), _document_rows(part))
            for d in part:
                save_fingerprints(conn, d.doc_id, d.company_id, d.fp_hash, d.fp_pos)
    seconds = time.perf_counter() - started
    rows = int(sum(d.fp_hash.shape[0] for d in docs))
    started = time.perf_counter()
    analyze(engine)
    return {"docs": len(docs), "seconds": seconds, "rows": rows, "rows_per_s": rows / seconds,
            "doc_seconds": seconds / len(docs), "analyze_seconds": time.perf_counter() - started}


def analyze(engine: sa.Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(sa.text("ANALYZE"))


def size_bytes(engine: sa.Engine, sqlite_path: Path | None) -> dict:
    """Whole database, and the fingerprint table with its indexes."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            total = conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar_one()
            fp = conn.execute(sa.text("SELECT pg_total_relation_size('sim_fingerprints')")).scalar_one()
        return {"db_bytes": int(total), "fp_bytes": int(fp)}
    total = sum(p.stat().st_size for p in sqlite_path.parent.glob(sqlite_path.name + "*"))
    with engine.connect() as conn:
        try:
            fp = conn.execute(sa.text(
                "SELECT SUM(pgsize) FROM dbstat WHERE name IN "
                "('sim_fingerprints', 'ix_sim_fingerprints_hash_doc', 'ix_sim_fingerprints_doc')")).scalar_one()
        except sa.exc.OperationalError:  # dbstat not compiled in
            fp = None
    return {"db_bytes": int(total), "fp_bytes": int(fp) if fp is not None else None}


def retrieve(conn, fp_hash: np.ndarray, filtered: bool, limit: int = 20) -> tuple[list[int], int, float]:
    """Top ``limit`` stored doc ids for a query's fingerprints, how many hashes were looked up,
    and the seconds spent in the company-frequency filter."""
    from tender.similarity.store import query_hashes, top_candidates

    started = time.perf_counter()
    hashes = np.unique(fp_hash).tolist()
    if filtered:  # exactly what the application does (processing.prepare_document)
        hashes = query_hashes(conn, hashes, threshold=COMPANY_THRESHOLD)
    filter_seconds = time.perf_counter() - started if filtered else 0.0
    return [c.doc_id for c in top_candidates(conn, hashes, limit=limit)], len(hashes), filter_seconds


def run_queries(engine: sa.Engine, queries: list, prepared: list[np.ndarray], filtered: bool,
                limit: int = 20) -> QueryTiming:
    """Warm: one untimed query first; then every query is timed on its own connection."""
    out = QueryTiming()
    with engine.connect() as conn:
        retrieve(conn, prepared[0], filtered, limit)
    for query, fp_hash in zip(queries, prepared, strict=True):
        with engine.connect() as conn:
            started = time.perf_counter()
            found, n, filter_seconds = retrieve(conn, fp_hash, filtered, limit)
            out.seconds.append(time.perf_counter() - started)
            out.filter_seconds.append(filter_seconds)
        out.hashes.append(n)
        for doc_id in query.planted:
            out.planted += 1
            rank = found.index(doc_id) + 1 if doc_id in found else None
            out.ranks.append(rank)
            out.recall_hits += rank is not None
    return out
