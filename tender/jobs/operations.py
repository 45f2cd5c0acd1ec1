"""Start a tracked job and end it: done with its results, or failed without them.

Progress goes through its own short transactions on another connection
(tender/jobs/progress.py), so the page that polls it sees each step while the
job's own transaction still holds its unfinished work; that work commits only
with "done" (`finish`) and is dropped by `fail`.
"""
from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from huey.exceptions import TaskTimeout

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.progress import Reported, report  # noqa: F401  (tasks import all of a job's steps from here)
from tender.jobs.types import running_job_type
from tender.session_hooks import on_commit

log = logging.getLogger(__name__)
UNEXPECTED = "任务出错，请重试或联系管理员（编号 {ref}）"
TIMED_OUT = "任务超时（超过 {seconds:g} 秒）"


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
