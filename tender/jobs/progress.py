"""A job's progress, written in a short transaction of its own on another connection, never the job's.

The job's session holds its half-done work; committing that session to show a
percentage would make the half-done work permanent even if the job then fails.
"""
from __future__ import annotations

import contextlib
import enum
import logging

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.attributes import set_committed_value

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus

log = logging.getLogger(__name__)
PROGRESS_WAIT_MS = 2000  # how long a progress report may wait for a lock before it is skipped


class Reported(enum.Enum):
    """What became of one progress report; progress is advisory, so a skipped one costs nothing."""

    WRITTEN = "written"
    OWN_WRITE = "own_write"  # SQLite: this job's own transaction holds the write lock; skipped at once
    BUSY = "busy"  # another writer kept the lock (SQLite) or the job's row (PostgreSQL) past PROGRESS_WAIT_MS
    ENDED = "ended"  # the job is already done or failed: a late report changes nothing


def report(job_id: int, progress: int, message: str = "") -> Reported:
    """Show how far the job got: the page that polls the job sees it at once, whatever the job holds.

    Waiting is bounded, since progress is advisory: a report that cannot write within
    PROGRESS_WAIT_MS is skipped, the job goes on, and the page shows the previous step
    until the next report. A job must never stall on its own progress bar.

    SQLite has one writer. Once the job's own transaction has written, no other
    connection can write until it ends, and this thread would wait on itself, so such
    a report is skipped at once: it could never succeed. Hence, on SQLite, a task
    reports before it writes in a transaction, as every task in tender/*/tasks.py
    does (their long writes commit in batches of their own, and `finish` ends the
    last). Keeping progress in a second store that SQLite's lock does not cover
    would show those reports too, but the job record would stop being the one
    place a job's state is read from. PostgreSQL takes reports at any time; only the
    job's own lock on its row (it changed its record, then reported) makes one wait.
    """
    if _holds_sqlite_write_lock():
        log.info("progress of job %s skipped: its own transaction holds SQLite's write lock", job_id)
        return Reported.OWN_WRITE
    progress, message = max(0, min(100, progress)), message[:500]
    started = utcnow()
    try:
        with db.engine.connect() as conn, conn.begin(), _brief_waits(conn):
            changed = conn.execute(sa.update(JobRecord).where(
                JobRecord.id == job_id, JobRecord.status.in_((JobStatus.QUEUED, JobStatus.RUNNING)))
                .values(progress=progress, message=message)).rowcount
            conn.execute(sa.update(JobRecord).where(JobRecord.id == job_id, JobRecord.status == JobStatus.QUEUED)
                         .values(status=JobStatus.RUNNING, started_at=started))
    except sa.exc.OperationalError as e:
        if not _lock_wait_ended(e):
            raise
        log.warning("progress of job %s skipped: the database stayed busy for %s ms", job_id, PROGRESS_WAIT_MS)
        return Reported.BUSY
    if not changed:
        return Reported.ENDED
    _mirror(job_id, progress, message, started)
    return Reported.WRITTEN


def _holds_sqlite_write_lock() -> bool:
    """pysqlite opens a transaction only before a write, so an open one means the lock is (about to be) held."""
    session = db.session()
    if db.engine.dialect.name != "sqlite" or not session.in_transaction():
        return False
    return bool(session.connection().connection.dbapi_connection.in_transaction)


@contextlib.contextmanager
def _brief_waits(conn):
    """Wait at most PROGRESS_WAIT_MS for a lock, instead of SQLite's busy timeout or PostgreSQL's forever."""
    if conn.dialect.name != "sqlite":
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {PROGRESS_WAIT_MS}")  # ends with the transaction
        yield
        return
    raw = conn.connection.dbapi_connection
    raw.execute(f"PRAGMA busy_timeout = {PROGRESS_WAIT_MS}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(current_app.config['SQLITE_BUSY_TIMEOUT_MS'])}")


def _lock_wait_ended(error: sa.exc.OperationalError) -> bool:
    """SQLite's "database is locked" or PostgreSQL's lock_timeout (SQLSTATE 55P03)."""
    return getattr(error.orig, "pgcode", None) == "55P03" or "database is locked" in str(error.orig)


def _mirror(job_id: int, progress: int, message: str, started) -> None:
    """Let the job's own session see what was just written, without loading or flushing anything."""
    key = db.session.identity_key(JobRecord, job_id)
    job = db.session.identity_map.get(key)
    if job is None or job in db.session.dirty:
        return
    state = sa.inspect(job)
    if "status" not in state.unloaded and job.status is JobStatus.QUEUED:
        set_committed_value(job, "status", JobStatus.RUNNING)
        set_committed_value(job, "started_at", job.started_at or started)
    set_committed_value(job, "progress", progress)
    set_committed_value(job, "message", message)
