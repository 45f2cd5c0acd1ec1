"""Start a tracked job and report its progress from inside the worker.

Progress is written in the worker's own short transactions, so the page that
polls it sees each step at once, whatever the job's main work is doing.
"""
from __future__ import annotations

from collections.abc import Callable

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.session_hooks import on_commit


def start_job(actor, kind: str, title: str, task: Callable, *args) -> JobRecord:
    """Create the record now; enqueue the task only after the commit, so the worker finds the row."""
    limit = JobRecord.title.type.length  # titles quote user-named documents: keep them inside the column
    title = title if len(title) <= limit else title[: limit - 1] + "…"
    job = JobRecord(kind=kind, title=title, created_by_id=getattr(actor, "id", None))
    db.session.add(job)
    db.session.flush()
    job_id = job.id
    on_commit(lambda: task(job_id, *args))
    return job


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
    """Mark a job failed with a readable message instead of leaving it 'running' forever."""
    def run(job_id: int, *args):
        from tender.errors import DomainError

        try:
            return fn(job_id, *args)
        except DomainError as e:
            fail(job_id, e.message)
        except Exception as e:  # noqa: BLE001 - any crash must still end the job visibly
            fail(job_id, f"任务出错：{type(e).__name__}")
            raise

    run.__name__ = fn.__name__
    run.__qualname__ = fn.__qualname__
    run.__module__ = fn.__module__
    return run
