"""Start a tracked job, report its progress from inside the worker, and end it.

Progress goes through its own short transactions on another connection (`report`),
so the page that polls it sees each step while the job's own transaction still
holds its unfinished work; that work commits only with "done" (`finish`) and is
dropped by `fail`.
"""
from __future__ import annotations

import contextlib
import enum
import logging
import secrets
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app
from huey.exceptions import TaskTimeout
from sqlalchemy.orm.attributes import set_committed_value

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.types import running_job_type
from tender.session_hooks import on_commit

log = logging.getLogger(__name__)
UNEXPECTED = "任务出错，请重试或联系管理员（编号 {ref}）"
TIMED_OUT = "任务超时（超过 {seconds:g} 秒）"
PROGRESS_WAIT_MS = 2000  # how long a progress report may wait for a lock before it is skipped


def start_job(actor, kind: str, title: str, task: Callable, *args, subject=None) -> JobRecord:
    """Create the record now; enqueue the task only after the commit, so the worker finds the row.

    `subject` is the record the job works on (flushed, so it has an id); its page lists its jobs.
    """
    from tender.jobs import task_key

    limit = JobRecord.title.type.length  # titles quote user-named documents: keep them inside the column
    title = title if len(title) <= limit else title[: limit - 1] + "…"
    job = JobRecord(kind=kind, title=title, created_by_id=getattr(actor, "id", None), task_name=task_key(task),
                    task_args=list(args), subject_type=subject.__tablename__ if subject is not None else "",
                    subject_id=subject.id if subject is not None else None)
    db.session.add(job)
    db.session.flush()
    job_id = job.id
    on_commit(lambda: enqueue(task, job_id, *args))
    return job


def enqueue(task, job_id: int, *args, delay: float | None = None) -> None:
    """Queue with the job type's time limit; Huey's worker enforces it (SIGALRM) and `tracked` retries on it."""
    from tender.jobs import huey, limits_for, task_key

    huey.enqueue(task.s(job_id, *args, timeout=limits_for(task_key(task)).time_limit, delay=delay))


class Reported(enum.Enum):
    """What became of one progress report; progress is advisory, so a skipped one costs nothing."""

    WRITTEN = "written"
    OWN_WRITE = "own_write"  # SQLite: this job's own transaction holds the write lock; skipped at once
    BUSY = "busy"  # another writer kept the lock (SQLite) or the job's row (PostgreSQL) past PROGRESS_WAIT_MS
    ENDED = "ended"  # the job is already done or failed: a late report changes nothing


def report(job_id: int, progress: int, message: str = "") -> Reported:
    """Show how far the job got, in a short transaction of its own, never the job's.

    The job's session holds its half-done work (a flushed, half-prepared document);
    committing it to show a percentage would make that half-done work permanent
    even if the job then fails. So the progress goes through another connection
    and commits alone, and the job's results commit only with "done" (`finish`).

    Waiting is bounded, since progress is advisory: a report that cannot write within
    PROGRESS_WAIT_MS is skipped, and the job goes on. SQLite has one writer: once the
    job's own transaction has written, no other connection can write until it ends,
    and this thread would wait on itself. Such a report is skipped at once (it could
    never succeed), so on SQLite tasks report before they write in a transaction, as
    every task in tender/*/tasks.py does (their long writes commit in batches of their
    own). PostgreSQL takes such reports at any time; only the job's own row lock
    (the job changing its own record, then reporting) would make it wait.
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


def finish(job_id: int, result_url: str = "", message: str = "完成") -> None:
    """Done, in the job's own transaction: its results and "done" commit together or not at all."""
    job = db.session.get(JobRecord, job_id)
    job.status, job.progress, job.message = JobStatus.DONE, 100, message
    job.result_url, job.finished_at = result_url, utcnow()
    db.session.commit()


def fail(job_id: int, message: str) -> None:
    """Drop everything the job did, then record why it failed."""
    db.session.rollback()
    job = db.session.get(JobRecord, job_id, populate_existing=True)
    job.status, job.message, job.finished_at = JobStatus.FAILED, message[:500], utcnow()
    db.session.commit()


def tracked(fn: Callable) -> Callable:
    """End every job visibly: done, failed with a Chinese reason, or queued again for a bounded retry.

    An unexpected exception shows the user a generic message with a reference
    that is also in the worker's log beside the traceback: class names and
    server paths are for administrators, not for the page.
    """
    def run(job_id: int, *args):
        from tender.errors import DomainError
        from tender.jobs import recovery

        if not recovery.claim(job_id):
            return None  # already finished, or another live worker has it: a stale duplicate
        try:
            return fn(job_id, *args)
        except DomainError as e:
            if _interrupted(e):
                recovery.requeue_interrupted(job_id)
                raise KeyboardInterrupt from e
            fail(job_id, e.message)
        except TaskTimeout:
            recovery.retry_or_fail(job_id, TIMED_OUT.format(seconds=running_job_type().time_limit))
        except KeyboardInterrupt:
            recovery.requeue_interrupted(job_id)
            raise
        except Exception as e:  # noqa: BLE001 - any crash must still end the job visibly
            if _interrupted(e):  # cleanup code turned the worker's stop signal into another error
                recovery.requeue_interrupted(job_id)
                raise KeyboardInterrupt from e
            ref = f"{job_id}-{secrets.token_hex(3).upper()}"
            log.exception("job %s failed (reference %s)", job_id, ref)
            fail(job_id, UNEXPECTED.format(ref=ref))
        return None

    run.tracked = True  # app_task leaves retries to recovery, which counts them on the record
    run.__name__ = fn.__name__
    run.__qualname__ = fn.__qualname__
    run.__module__ = fn.__module__
    return run


def _interrupted(error: BaseException) -> bool:
    """The error was raised while a stop signal's KeyboardInterrupt was being handled."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, KeyboardInterrupt):
            return True
        seen.add(id(error))
        error = error.__context__
    return False
