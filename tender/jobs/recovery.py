"""Jobs whose worker died or ran out of time: failed with their reason, or queued again a bounded number of times.

A job record names the worker process running it ("host:pid"). When a worker
starts (Huey's startup hook, also after the consumer replaced a dead worker),
every job still "running" under a process that no longer exists is retried,
up to its job type's `retries` (tender/jobs/types.py), then failed with the reason.
A bomb that kills its worker therefore runs at most 1 + retries times, never for good.
"""
from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading

import sqlalchemy as sa

from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus

log = logging.getLogger(__name__)
WORKER_DIED = "任务中断：后台进程意外退出（可能被终止或内存不足）"
STOPPED = "后台进程停止，任务已重新排队"
REQUEUE_DELAY = 5  # seconds


def worker_id(pid: int | None = None) -> str:
    """host:pid:start, the start time telling a reused pid from the worker that had it."""
    pid = pid or os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid) or 0}"


def worker_pid(worker: str) -> int | None:
    parts = worker.split(":")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def worker_alive(worker: str) -> bool:
    """Only processes on this host can be checked; another host's worker is assumed alive."""
    parts = worker.split(":")
    pid = worker_pid(worker)
    if pid is None:
        return False
    if parts[0] != socket.gethostname():
        return True
    started = _started(pid)  # None: gone, or a zombie nobody has reaped yet
    return started is not None and (len(parts) < 3 or parts[2] in ("0", str(started)))


def _started(pid: int) -> int | None:
    """The process's start time in clock ticks (/proc/<pid>/stat), or None if it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else int(fields[19])


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
    from tender.jobs import TASKS, limits_for
    from tender.jobs.operations import enqueue

    db.session.rollback()
    job = db.session.get(JobRecord, job_id, with_for_update=True, populate_existing=True)
    task = TASKS.get(job.task_name)
    if task is None or job.attempts >= limits_for(job.task_name).retries:
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
    """The worker is stopping mid-job: put the job back without spending a retry.

    Stop signals wait until the short write is done (the consumer repeats
    SIGTERM to its workers), and the task comes back only after REQUEUE_DELAY,
    so the stopping worker does not pick it up again. If the write is cut
    anyway, the next worker start finds the job orphaned and retries it.
    """
    from tender.jobs import TASKS, huey
    from tender.jobs.operations import enqueue

    if huey.immediate:  # in place, "again" would mean at once, inside the interrupted request
        return
    with _stop_signals_held():
        db.session.rollback()
        job = db.session.get(JobRecord, job_id)
        task = TASKS.get(job.task_name)
        if task is None:
            return
        job.status, job.worker, job.message = JobStatus.QUEUED, "", STOPPED
        args = list(job.task_args or [])
        db.session.commit()
        enqueue(task, job_id, *args, delay=REQUEUE_DELAY)


@contextlib.contextmanager
def _stop_signals_held():
    """Delay SIGTERM and SIGINT (delivered when the block ends); only the main thread receives them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


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
