"""Each job type declares its time limit, retries and parsing limits, and the worker enforces what it declared.

The declarations of tender's own tasks are checked as data and as what reaches
the queue; the enforcement runs through a real worker with probe job types
(tests/jobs/probe_tasks.py) whose declarations differ only in the value tested.
"""
from __future__ import annotations

import re
import subprocess

import pytest

from tender.extensions import db
from tender.jobs import JOB_TYPES, PERIODIC, TASKS, huey, is_tracked, limits_for, load_tasks, task_key
from tender.jobs.limits import MEMORY_MESSAGE
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.operations import start_job
from tender.jobs.recovery import WORKER_DIED, worker_id
from tender.jobs.types import JobType
from tender.unit_of_work import perform
from tests.jobs import probe_tasks as probes
from tests.worker import flush_queue, use_queue, wait_for_job

TENDER_TASKS = {"tender.similarity.tasks.prepare_task", "tender.similarity.tasks.compare_task",
                "tender.similarity.tasks.pdf_task", "tender.notifications.tasks.send_outbox",
                "tender.audit.tasks.mail_audit_head", "tender.notices.tasks.close_due_tenders",
                "tender.opening.tasks.lapse_short_tenders",
                "tender.bidtext.tasks.extract_task", "tender.findings.tasks.findings_task"}


def tender_tasks() -> dict[str, object]:
    load_tasks()
    return {key: task for key, task in {**TASKS, **PERIODIC}.items() if key.startswith("tender.")}


def test_every_task_declares_its_limits():
    tasks = tender_tasks()
    assert TENDER_TASKS <= set(tasks)
    for key in tasks:
        declared = JOB_TYPES[key]
        assert isinstance(declared, JobType), key
        assert not declared.parses or declared.parse_seconds <= declared.time_limit, key  # a child fits its job
    assert {key for key in tasks if JOB_TYPES[key].parses} == {
        "tender.similarity.tasks.prepare_task", "tender.similarity.tasks.compare_task",
        "tender.bidtext.tasks.extract_task", "tender.findings.tasks.findings_task"}  # fingerprints bids in a child


def test_huey_runs_untracked_and_periodic_tasks_with_their_declared_limits(app):
    """The scheduler and plain calls queue with Huey's defaults: they are the declaration, retries included."""
    for key, task in tender_tasks().items():
        declared = JOB_TYPES[key]
        assert task.task_class.default_timeout == declared.time_limit, key
        assert task.task_class.default_retries == (0 if is_tracked(task) else declared.retries), key


@pytest.fixture
def stopped_queue(app):
    """The real queue (the JOBS_DB file, or the PostgreSQL tables) with no worker reading it."""
    use_queue(app, immediate=False)
    yield {task_key(task): task for task in TASKS.values()}
    flush_queue()
    use_queue(app, immediate=True)


def queued() -> dict[str, object]:
    return {f"{type(t).__module__}.{type(t).__name__}": t for t in huey.pending()}


def test_each_tracked_job_is_queued_with_its_own_time_limit(stopped_queue, staff):
    from tender.notifications.tasks import send_outbox

    tracked = [key for key in tender_tasks() if key in TASKS and is_tracked(TASKS[key])]
    assert {"tender.similarity.tasks.pdf_task", "tender.opening.tasks.build_record_task",
            "tender.opening.tasks.record_pdf_task",
            "tender.bidtext.tasks.extract_task"} <= set(tracked)
    for key in tracked:
        perform(start_job, staff, "probe", key, TASKS[key], 0)
    send_outbox()
    pending = queued()
    assert {key: pending[key].timeout for key in tracked} == {key: JOB_TYPES[key].time_limit for key in tracked}
    mail = pending["tender.notifications.tasks.send_outbox"]
    assert (mail.timeout, mail.retries) == (JOB_TYPES["tender.notifications.tasks.send_outbox"].time_limit, 2)


def test_an_operators_setting_replaces_the_declared_value(stopped_queue, app, staff):
    key = "tender.similarity.tasks.pdf_task"
    app.config.update(JOBS_TIME_LIMIT=7.0, JOBS_MAX_RETRIES=5, JOBS_MEMORY_LIMIT_MB=64)
    try:
        assert (limits_for(key).time_limit, limits_for(key).retries, limits_for(key).memory_mb) == (7.0, 5, None)
        assert limits_for("tender.similarity.tasks.prepare_task").memory_mb == 64
        perform(start_job, staff, "probe", "导出", TASKS[key], 0)
        assert queued()[key].timeout == 7.0
    finally:
        app.config.update(JOBS_TIME_LIMIT=None, JOBS_MAX_RETRIES=None, JOBS_MEMORY_LIMIT_MB=None)
    assert limits_for(key) == JOB_TYPES[key]


@pytest.fixture
def probe_worker(start_worker):
    return start_worker(JOBS_EXTRA_TASK_MODULES=probes.MODULE)


def start(staff, task, *args) -> int:
    return perform(start_job, staff, "probe", task_key(task), task, *args).id


def test_a_job_type_without_retries_fails_at_its_first_timeout_and_one_with_two_is_retried(probe_worker, staff):
    once, thrice = start(staff, probes.outlast_no_retry), start(staff, probes.outlast_two_retries)
    failed = wait_for_job(once, probe_worker)
    assert (failed.status, failed.message, failed.attempts) == (JobStatus.FAILED, "任务超时（超过 0.5 秒）", 0)
    retried = wait_for_job(thrice, probe_worker)
    assert (retried.status, retried.message, retried.attempts) == (
        JobStatus.FAILED, "任务超时（超过 0.5 秒）；已重试 2 次", 2)


def test_each_parsing_child_gets_its_job_types_memory_and_time(probe_worker, staff):
    small = start(staff, probes.parse_small, 64, 0)
    large = start(staff, probes.parse_large, 64, 0)
    quick = start(staff, probes.parse_quick, 0, 30)
    undeclared = start(staff, probes.parse_undeclared, 1, 0)
    assert (wait_for_job(small, probe_worker).status, wait_for_job(small).message) == (JobStatus.FAILED, MEMORY_MESSAGE)
    done = wait_for_job(large, probe_worker)
    assert (done.status, done.message) == (JobStatus.DONE, "解析用了 64 MB")
    late = wait_for_job(quick, probe_worker)
    assert (late.status, late.message) == (JobStatus.FAILED, "解析超时（超过 0.5 秒）")
    refused = wait_for_job(undeclared, probe_worker)  # no declared limits: it may not parse at all
    assert refused.status is JobStatus.FAILED
    assert re.fullmatch(r"任务出错，请重试或联系管理员（编号 \S+）", refused.message)
    assert "declares no parsing limits" in probe_worker.output()


def test_a_job_left_by_a_dead_worker_is_retried_as_often_as_its_type_declares(start_worker, staff):
    dead = subprocess.Popen(["true"])
    dead.wait()
    jobs = {name: JobRecord(kind="probe", title=name, status=JobStatus.RUNNING, created_by_id=staff.id,
                            task_name=f"{probes.MODULE}.{name}", task_args=[], worker=worker_id(dead.pid))
            for name in ("outlast_no_retry", "outlast_two_retries")}
    db.session.add_all(jobs.values())
    db.session.commit()
    worker = start_worker(JOBS_EXTRA_TASK_MODULES=probes.MODULE)
    orphan = wait_for_job(jobs["outlast_no_retry"].id, worker)
    assert (orphan.status, orphan.message, orphan.attempts) == (JobStatus.FAILED, WORKER_DIED, 0)
    again = wait_for_job(jobs["outlast_two_retries"].id, worker)
    assert again.attempts == 2 and again.message == "任务超时（超过 0.5 秒）；已重试 2 次"
