"""Defect 4, job side: limits on parsing, bounded retries, and jobs taken back from a dead worker.

All through a real worker process; the document that breaks the memory limit
is ordinary text, made heavy only by a tiny limit, so the zip checks in the
extraction code cannot stop it first.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess

import sqlalchemy as sa

from tender.extensions import db
from tender.jobs.limits import MEMORY_MESSAGE
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.recovery import STOPPED, WORKER_DIED, worker_id, worker_pid
from tender.similarity import operations as ops
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument
from tender.unit_of_work import perform
from tests.jobs.test_worker_e2e import _job_from, upload_library
from tests.similarity.texts import BID_A, BID_B, REGULATION
from tests.worker import wait_for_job

TIGHT_MB = 16  # enough for a short bid, far too little for a million characters


def _heavy_text(n: int = 1_000_000) -> str:
    rng = random.Random(8)
    return "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(n))


def _pdf_export_running(start_worker, client, login, staff):
    """A worker, and a PDF export (the slowest job: Chromium) caught while it runs it.

    The comparison is finished in place first, before the worker takes over the queue.
    """
    comparison = _finished_comparison(staff)
    worker = start_worker()
    login(staff)
    job_id = _job_from(client.post(f"/similarity/comparisons/{comparison.id}/pdf"))
    running = wait_for_job(job_id, worker, states=(JobStatus.RUNNING, JobStatus.DONE, JobStatus.FAILED))
    assert running.status is JobStatus.RUNNING, "the job ended before the worker could be stopped"
    return worker, running


def test_a_document_over_the_memory_limit_fails_and_the_worker_runs_the_next(start_worker, client, login, staff):
    worker = start_worker(JOBS_MEMORY_LIMIT_MB=TIGHT_MB)
    login(staff)
    heavy = wait_for_job(upload_library(client, "超大文件", _heavy_text()), worker)
    assert heavy.status is JobStatus.FAILED
    assert heavy.message == f"文件“超大文件”无法解析：{MEMORY_MESSAGE}" and heavy.attempts == 0
    doc = db.session.scalars(sa.select(SimilarityDocument).where(SimilarityDocument.title == "超大文件")).one()
    assert doc.state is DocumentState.FAILED and doc.error == MEMORY_MESSAGE
    pid = worker.process.pid
    light = wait_for_job(upload_library(client, "示例标准", REGULATION), worker)
    assert light.status is JobStatus.DONE, light.message
    assert worker.running and worker.process.pid == pid
    assert heavy.worker == light.worker  # the same worker process ran both


def _finished_comparison(staff) -> Comparison:
    """Set up in place (JOBS_IMMEDIATE), before any worker starts: only the job under test crosses the queue."""
    docs = [perform(ops.add_document, staff, title=t, filename=f"{t}.txt", data=x.encode(), kind=DocumentKind.UPLOAD)
            for t, x in (("锦程", BID_A), ("恒安", BID_B))]
    comparison = perform(ops.request_comparison, staff, *docs)
    db.session.refresh(comparison)
    assert comparison.report is not None
    return comparison


def test_a_job_over_its_time_limit_is_retried_then_failed_with_the_reason(start_worker, client, login, staff):
    comparison = _finished_comparison(staff)
    worker = start_worker(JOBS_TIME_LIMIT=0.3, JOBS_MAX_RETRIES=1)  # starting Chromium alone takes longer
    login(staff)
    job = wait_for_job(_job_from(client.post(f"/similarity/comparisons/{comparison.id}/pdf")), worker)
    assert job.status is JobStatus.FAILED
    assert job.message == "任务超时（超过 0.3 秒）；已重试 1 次" and job.attempts == 1
    assert worker.running


def test_a_job_whose_worker_was_killed_is_run_again_at_the_next_start(start_worker, client, login, staff):
    first, running = _pdf_export_running(start_worker, client, login, staff)
    job_id = running.id
    first.kill()  # power cut, OOM killer: no handler runs
    assert wait_for_job(job_id, states=(JobStatus.RUNNING,)).status is JobStatus.RUNNING
    second = start_worker()
    job = wait_for_job(job_id, second)
    assert job.status is JobStatus.DONE, job.message
    assert job.attempts == 1 and job.result_url.endswith("/report.pdf")


def test_a_worker_process_killed_mid_job_is_replaced_and_the_job_run_again(start_worker, client, login, staff):
    """What the OOM killer does: only the worker process dies; the consumer replaces it."""
    worker, running = _pdf_export_running(start_worker, client, login, staff)
    job_id = running.id
    dead = running.worker
    os.kill(worker_pid(dead), signal.SIGKILL)
    job = wait_for_job(job_id, worker)
    assert job.status is JobStatus.DONE, job.message
    assert job.attempts == 1 and job.worker != dead and worker.running


def test_a_job_interrupted_by_a_shutdown_is_queued_again_without_spending_a_retry(start_worker, client, login,
                                                                                 staff):
    first, running = _pdf_export_running(start_worker, client, login, staff)
    job_id = running.id
    os.kill(first.process.pid, signal.SIGTERM)  # Huey's immediate shutdown: the consumer interrupts the task
    first.process.wait(60)
    queued = wait_for_job(job_id, states=(JobStatus.QUEUED,))
    assert queued.message == STOPPED and queued.attempts == 0
    job = wait_for_job(job_id, start_worker())
    assert job.status is JobStatus.DONE and job.attempts == 0, job.message


def test_a_job_left_running_without_retries_left_is_failed_at_worker_start(start_worker, app, staff):
    dead = subprocess.Popen(["true"])
    dead.wait()
    job = JobRecord(kind="similarity.pdf", title="导出比对报告 #1", status=JobStatus.RUNNING, progress=30,
                    created_by_id=staff.id, task_name="tender.similarity.tasks.pdf_task", task_args=[1],
                    attempts=2, worker=worker_id(dead.pid))
    alive = JobRecord(kind="similarity.pdf", title="另一台服务器上的任务", status=JobStatus.RUNNING,
                      task_name="tender.similarity.tasks.pdf_task", task_args=[2], worker="elsewhere:1")
    db.session.add_all([job, alive])
    db.session.commit()
    worker = start_worker(JOBS_MAX_RETRIES=2)
    failed = wait_for_job(job.id, worker)
    assert failed.status is JobStatus.FAILED and failed.message == f"{WORKER_DIED}；已重试 2 次"
    assert db.session.get(JobRecord, alive.id).status is JobStatus.RUNNING  # not this host's to judge
