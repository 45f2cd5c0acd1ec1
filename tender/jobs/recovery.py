"""Jobs whose worker died or ran out of time: failed with their reason, or queued again a bounded number of times.

A job record names the worker process running it ("host:pid"). When a worker
starts (Huey's startup hook, also after the consumer replaced a dead worker),
every job still "running" under a process that no longer exists is retried,
up to JOBS_MAX_RETRIES times, then failed with the reason. A bomb that kills
its worker therefore runs at most 1 + JOBS_MAX_RETRIES times, never for good.
"""
from __future__ import annotations

import logging
import os
import socket

import sqlalchemy as sa
from flask import current_app

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus

log = logging.getLogger(__name__)
WORKER_DIED = "任务中断：后台进程意外退出（可能被终止或内存不足）"
STOPPED = "后台进程停止，任务已重新排队"


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_alive(worker: str) -> bool:
    """Only processes on this host can be checked; another host's worker is assumed alive."""
    host, _, pid = worker.rpartition(":")
    if not pid.isdigit():
        return False
    if host != socket.gethostname():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim(job_id: int) -> bool:
    """Mark the job as ours; False if it is finished or a live worker already runs it."""
    job = db.session.get(JobRecord, job_id, with_for_update=True, populate_existing=True)
    if job is None or job.status in (JobStatus.DONE, JobStatus.FAILED) or (
            job.status is JobStatus.RUNNING and job.worker != worker_id() and worker_alive(job.worker)):
        db.session.rollback()
        return False
    job.status, job.worker = JobStatus.RUNNING, worker_id()
    job.started_at = job.started_at or utcnow()
    db.session.commit()
    return True


def retry_or_fail(job_id: int, reason: str) -> JobStatus:
    """Queue the job again if it has retries left, else fail it; either way the reason is shown."""
    from tender.jobs import TASKS
    from tender.jobs.operations import enqueue

    db.session.rollback()
    job = db.session.get(JobRecord, job_id, with_for_update=True, populate_existing=True)
    task = TASKS.get(job.task_name)
    if task is None or job.attempts >= current_app.config["JOBS_MAX_RETRIES"]:
        tried = f"；已重试 {job.attempts} 次" if job.attempts else ""
        job.status, job.message, job.finished_at = JobStatus.FAILED, f"{reason}{tried}"[:500], utcnow()
        job.worker = ""
        db.session.commit()
        return JobStatus.FAILED
    job.attempts += 1
    job.status, job.progress, job.worker = JobStatus.QUEUED, 0, ""
    job.message = f"{reason}；第 {job.attempts} 次重试，排队中"[:500]
    args = list(job.task_args or [])
    db.session.commit()
    enqueue(task, job_id, *args)
    return JobStatus.QUEUED


def requeue_interrupted(job_id: int) -> None:
    """The worker is shutting down mid-job: put the job back without spending a retry."""
    from tender.jobs import TASKS
    from tender.jobs.operations import enqueue

    db.session.rollback()
    job = db.session.get(JobRecord, job_id)
    task = TASKS.get(job.task_name)
    if task is None:
        return
    job.status, job.worker, job.message = JobStatus.QUEUED, "", STOPPED
    args = list(job.task_args or [])
    db.session.commit()
    enqueue(task, job_id, *args)


def recover_orphans() -> list[int]:
    """Jobs left "running" by a dead worker: claim each with a conditional update, then retry or fail it."""
    recovered = []
    running = db.session.execute(sa.select(JobRecord.id, JobRecord.worker).where(
        JobRecord.status == JobStatus.RUNNING)).all()
    db.session.rollback()
    for job_id, worker in running:
        if worker_alive(worker):
            continue
        taken = db.session.execute(sa.update(JobRecord).where(
            JobRecord.id == job_id, JobRecord.status == JobStatus.RUNNING, JobRecord.worker == worker)
            .values(worker=worker_id()))
        db.session.commit()
        if taken.rowcount == 1:  # two workers starting together: only one recovers each job
            log.warning("job %s was left running by dead worker %r", job_id, worker)
            retry_or_fail(job_id, WORKER_DIED)
            recovered.append(job_id)
    return recovered
