"""Start a tracked job and report its progress from inside the worker.

Progress is written in the worker's own short transactions, so the page that
polls it sees each step at once, whatever the job's main work is doing.
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from flask import current_app
from huey.exceptions import TaskTimeout

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.session_hooks import on_commit

log = logging.getLogger(__name__)
UNEXPECTED = "任务出错，请重试或联系管理员（编号 {ref}）"


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
    """Queue with the configured time limit; Huey's worker enforces it (SIGALRM) and we retry on it."""
    from tender.jobs import huey

    limit = current_app.config.get("JOBS_TIME_LIMIT") or None
    huey.enqueue(task.s(job_id, *args, timeout=limit, delay=delay))


def report(job_id: int, progress: int, message: str = "") -> None:
    job = db.session.get(JobRecord, job_id)
    if job.status is JobStatus.QUEUED:
        job.status, job.started_at = JobStatus.RUNNING, utcnow()
    job.progress, job.message = max(0, min(100, progress)), message[:500]
    db.session.commit()


def finish(job_id: int, result_url: str = "", message: str = "完成") -> None:
    job = db.session.get(JobRecord, job_id)
    job.status, job.progress, job.message = JobStatus.DONE, 100, message
    job.result_url, job.finished_at = result_url, utcnow()
    db.session.commit()


def fail(job_id: int, message: str) -> None:
    db.session.rollback()
    job = db.session.get(JobRecord, job_id)
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
            limit = current_app.config.get("JOBS_TIME_LIMIT")
            recovery.retry_or_fail(job_id, f"任务超时（超过 {limit:g} 秒）")
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
