"""The fingerprint store: insert a document's fingerprints, count companies per hash, find candidates.

Plain SQLAlchemy Core on a Connection or Session, no Flask, so the benchmark can
drive it on SQLite and PostgreSQL exactly as the application does.
SQLite's planner scans the whole index for the candidate join unless the query
table drives it (design note §5), hence the temporary table and CROSS JOIN there.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa

from tender.similarity.models import fingerprints

CHUNK = 900  # stays under SQLite's bound-parameter limit
QUERY_BUDGET = 4096  # hashes looked up per candidate query; larger bids are subsampled down to this


@dataclass(frozen=True)
class Candidate:
    doc_id: int
    shared: int


def _chunks(values: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _dialect(conn) -> str:
    """Works for a Connection and for a Session alike."""
    return (conn.dialect if hasattr(conn, "dialect") else conn.get_bind().dialect).name


@dataclass(frozen=True)
class Fingerprints:
    """One document's fingerprints, as written to the store."""

    doc_id: int
    company_id: int | None
    fp_hash: np.ndarray
    fp_pos: np.ndarray


def save_fingerprints(conn, doc_id: int, company_id: int | None, fp_hash: np.ndarray, fp_pos: np.ndarray,
                      batch: int | None = None, after_batch: Callable[[], None] | None = None) -> None:
    """One document's rows: see `save_many`."""
    save_many(conn, [Fingerprints(doc_id, company_id, fp_hash, fp_pos)], batch, after_batch)


def save_many(conn, docs: Sequence[Fingerprints], batch: int | None = None,
              after_batch: Callable[[], None] | None = None) -> None:
    """Insert the documents' rows ``batch`` at a time in hash order, calling ``after_batch`` (a commit) after each.

    A 35 MB bid has millions of rows: written in one transaction they held SQLite's write
    lock for half a minute and a list of millions of dicts took gigabytes. Each company
    batch is self-contained (its company_hashes rows and their counts together), so a run
    stopped between batches leaves consistent counts and a rerun counts no hash twice.
    Rows go in sorted by hash, several documents together (a findings run's 20 bids): a batch
    then touches one narrow stretch of each hash index instead of a page everywhere, which in
    SQLite's WAL made every commit rewrite most of the index. Rows reach the driver as plain
    tuples (SQLite) or arrays (PostgreSQL), never one dict per row.
    """
    if not docs:
        return
    hashes = np.concatenate([d.fp_hash for d in docs]).astype(np.int64, copy=False)
    doc_ids = np.concatenate([np.full(d.fp_hash.shape[0], d.doc_id, np.int64) for d in docs])
    positions = np.concatenate([d.fp_pos for d in docs]).astype(np.int64, copy=False)
    order = np.argsort(hashes, kind="stable")
    size = batch or max(hashes.shape[0], 1)
    for i in range(0, hashes.shape[0], size):
        part = order[i:i + size]
        _insert(conn, "sim_fingerprints", (("hash", "BIGINT"), ("doc_id", "INTEGER"), ("pos", "INTEGER")),
                (hashes[part].tolist(), doc_ids[part].tolist(), positions[part].tolist()))
        if after_batch:
            after_batch()
    del hashes, doc_ids, positions, order
    pairs = [(np.unique(d.fp_hash).astype(np.int64), d.company_id) for d in docs if d.company_id is not None]
    if not any(h.size for h, _ in pairs):  # no company, or text too short to fingerprint (a failed scan, say)
        return
    pair_hash = np.concatenate([h for h, _ in pairs])
    pair_company = np.concatenate([np.full(h.shape[0], c, np.int64) for h, c in pairs])
    order = np.lexsort((pair_company, pair_hash))
    pair_hash, pair_company = pair_hash[order], pair_company[order]
    keep = np.concatenate(([True], (pair_hash[1:] != pair_hash[:-1]) | (pair_company[1:] != pair_company[:-1])))
    pair_hash, pair_company = pair_hash[keep], pair_company[keep]  # one company's documents count it once
    for i in range(0, pair_hash.shape[0], size):
        _count_companies(conn, pair_hash[i:i + size], pair_company[i:i + size])
        if after_batch:
            after_batch()


def _insert(conn, table: str, columns: Sequence[tuple[str, str]], values: Sequence[list], conflict: str = "") -> None:
    """One statement for many rows: SQLite gets tuples (executemany), PostgreSQL one array per column."""
    names = ", ".join(name for name, _ in columns)
    if _dialect(conn) == "postgresql":
        arrays = ", ".join(f"CAST(:c{i} AS {kind}[])" for i, (_, kind) in enumerate(columns))
        conn.execute(sa.text(f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) {conflict}"),
                     {f"c{i}": column for i, column in enumerate(values)})
        return
    marks = ", ".join("?" for _ in columns)
    _driver(conn).exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({marks}) {conflict}",
                                  list(zip(*values, strict=True)))


def _driver(conn) -> sa.Connection:
    """The Connection of a Session's transaction (or the Connection itself)."""
    return conn if isinstance(conn, sa.Connection) else conn.connection()


def delete_fingerprints(conn, doc_id: int, batch: int, after_batch: Callable[[], None] | None = None) -> None:
    """Rows left by a run that stopped half-way, removed a batch at a time (same reason as above)."""
    some = sa.select(fingerprints.c.hash).where(fingerprints.c.doc_id == doc_id).limit(batch)
    while conn.execute(fingerprints.delete().where(fingerprints.c.doc_id == doc_id,
                                                   fingerprints.c.hash.in_(some))).rowcount:
        if after_batch:
            after_batch()


def _hash_list(dialect: str) -> str:
    """A row source of the bound ``:hashes`` list: one parameter, however many hashes.

    SQLite reads it as a JSON array (``json_each``, 64-bit integers kept exact), PostgreSQL as
    an array. Nothing is written, so a lookup opens no SQLite write transaction (a temporary
    table did, pinning a WAL snapshot until the next commit).
    """
    if dialect == "postgresql":
        return "(SELECT unnest(CAST(:hashes AS BIGINT[])) AS value) q"
    return "json_each(:hashes) q"


def _join(dialect: str) -> str:
    """SQLite: CROSS JOIN keeps the hash list as the outer loop (design note §5); PostgreSQL plans it itself."""
    return "JOIN" if dialect == "postgresql" else "CROSS JOIN"


def _hash_param(dialect: str, hashes: list[int]):
    return hashes if dialect == "postgresql" else json.dumps(hashes)


def _count_companies(conn, hashes: np.ndarray, companies: np.ndarray) -> None:
    """(hash, company) pairs sorted by hash: each hash counts a company once, however many of its
    documents use it. Pairs already stored are skipped; the rest go in and add to their hash's count."""
    dialect = _dialect(conn)
    unique = np.unique(hashes).tolist()
    wanted = sorted(set(companies.tolist()))
    seen = {(h, c) for h, c in conn.execute(sa.text(
        f"SELECT c.hash, c.company_id FROM {_hash_list(dialect)} {_join(dialect)} sim_company_hashes c "
        "ON c.hash = q.value WHERE c.company_id IN :companies").bindparams(sa.bindparam("companies", expanding=True)),
        {"hashes": _hash_param(dialect, unique), "companies": wanted})}
    new = [(h, c) for h, c in zip(hashes.tolist(), companies.tolist(), strict=True) if (h, c) not in seen]
    if not new:
        return
    _insert(conn, "sim_company_hashes", (("hash", "BIGINT"), ("company_id", "INTEGER")),
            ([h for h, _ in new], [c for _, c in new]))
    counted, added = np.unique(np.array([h for h, _ in new], dtype=np.int64), return_counts=True)
    _insert(conn, "sim_hash_companies", (("hash", "BIGINT"), ("n_companies", "INTEGER")),
            (counted.tolist(), added.tolist()),
            "ON CONFLICT (hash) DO UPDATE SET n_companies = sim_hash_companies.n_companies + excluded.n_companies")


def company_counts(conn, hashes: Iterable[int], minimum: int = 2) -> dict[int, int]:
    """How many distinct companies use each of these hashes (only those used by >= minimum).

    One statement on both databases (the hash list drives the primary-key lookups).
    """
    unique = sorted(set(int(h) for h in hashes))
    if not unique:
        return {}
    dialect = _dialect(conn)
    rows = conn.execute(sa.text(
        f"SELECT h.hash, h.n_companies FROM {_hash_list(dialect)} {_join(dialect)} sim_hash_companies h "
        "ON h.hash = q.value WHERE h.n_companies >= :minimum"),
        {"hashes": _hash_param(dialect, unique), "minimum": minimum}).all()  # one fetch, not one per row
    return dict(rows)


def query_hashes(conn, hashes: Iterable[int], threshold: int = 5, budget: int = QUERY_BUDGET,
                 common: dict[int, int] | None = None) -> list[int]:
    """The hashes worth looking up for a new document.

    Hashes used by >= `threshold` companies are common usage, not evidence (design note §5:
    "new bid minus subtracted"); they also have the longest posting lists. A 300-page bid
    still has tens of thousands left, so keep a deterministic 1-in-2^n subsample of them:
    the hashes are splitmix-mixed, every document keeps the same subset, and a shared
    passage keeps the same share of its fingerprints, so the ranking survives.
    ``common``: these hashes' company counts when the caller has them already (any minimum up to
    ``threshold``).
    """
    unique = sorted(set(int(h) for h in hashes))
    if common is None:
        common = company_counts(conn, unique, minimum=threshold)
    kept = [h for h in unique if common.get(h, 0) < threshold]
    step = 1
    while len(kept) > budget * step:
        step *= 2
    return kept if step == 1 else [h for h in kept if (h >> 11) % step == 0]


def top_candidates(conn, hashes: Iterable[int], limit: int = 20, exclude: Iterable[int] = (),
                   kinds: Iterable[str] = ("bid", "upload")) -> list[Candidate]:
    """Stored documents sharing the most distinct fingerprints with these hashes: one indexed query.

    Only READY documents: one still being prepared has some of its batches in already.
    """
    unique = sorted(set(int(h) for h in hashes))
    if not unique:
        return []
    excluded = sorted(set(exclude)) or [-1]
    kind_list = sorted(kinds)
    if _dialect(conn) == "postgresql":
        sql = sa.text(
            "SELECT f.doc_id, COUNT(DISTINCT f.hash) AS shared FROM sim_fingerprints f "
            "JOIN sim_documents d ON d.id = f.doc_id "
            "WHERE f.hash = ANY(CAST(:hashes AS BIGINT[])) AND d.removed_at IS NULL AND d.state = 'ready' "
            "AND d.kind IN :kinds AND d.id NOT IN :excluded "
            "GROUP BY f.doc_id ORDER BY shared DESC, f.doc_id LIMIT :limit"
        ).bindparams(sa.bindparam("kinds", expanding=True), sa.bindparam("excluded", expanding=True))
        rows = conn.execute(sql, {"hashes": unique, "kinds": kind_list, "excluded": excluded, "limit": limit})
        return [Candidate(d, s) for d, s in rows]
    conn.execute(sa.text("CREATE TEMP TABLE IF NOT EXISTS sim_query (hash INTEGER PRIMARY KEY)"))
    conn.execute(sa.text("DELETE FROM sim_query"))
    for chunk in _chunks(unique, 5000):
        conn.execute(sa.text("INSERT INTO sim_query (hash) VALUES (:h)"), [{"h": h} for h in chunk])
    sql = sa.text(
        "SELECT f.doc_id, COUNT(DISTINCT f.hash) AS shared FROM sim_query q "
        "CROSS JOIN sim_fingerprints f ON f.hash = q.hash "
        "JOIN sim_documents d ON d.id = f.doc_id "
        "WHERE d.removed_at IS NULL AND d.state = 'ready' AND d.kind IN :kinds AND d.id NOT IN :excluded "
        "GROUP BY f.doc_id ORDER BY shared DESC, f.doc_id LIMIT :limit"
    ).bindparams(sa.bindparam("kinds", expanding=True), sa.bindparam("excluded", expanding=True))
    rows = conn.execute(sql, {"kinds": kind_list, "excluded": excluded, "limit": limit}).all()
    conn.execute(sa.text("DELETE FROM sim_query"))
    return [Candidate(d, s) for d, s in rows]
