"""Tracked jobs: progress is visible, failures end visibly, only the right people see them."""
from __future__ import annotations

import pytest

from tender.auth.roles import Role
from tender.errors import DomainError
from tender.extensions import db
from tender.jobs import JobType, tracked_task
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.operations import finish, report, start_job
from tender.unit_of_work import perform
from tests.factories import make_user

seen: list[tuple[int, str]] = []


@tracked_task(JobType(time_limit=60, retries=0, memory_mb=None, parse_seconds=None))
def count_to_three(job_id: int, fail: bool = False):
    for i in range(1, 4):
        report(job_id, i * 30, f"第 {i} 步")
        seen.append((db.session.get(JobRecord, job_id).progress, db.session.get(JobRecord, job_id).status.value))
    if fail:
        raise DomainError("材料无法解析")
    finish(job_id, result_url="/done")


def test_a_job_reports_progress_and_finishes(app, staff):
    seen.clear()
    job = perform(start_job, staff, "test", "数到三", count_to_three)
    db.session.refresh(job)
    assert seen == [(30, "running"), (60, "running"), (90, "running")]
    assert job.status is JobStatus.DONE and job.progress == 100 and job.result_url == "/done"


def test_a_failing_job_ends_failed_with_its_message(app, staff):
    job = perform(start_job, staff, "test", "会失败", count_to_three, True)
    db.session.refresh(job)
    assert job.status is JobStatus.FAILED and job.message == "材料无法解析"


def test_the_job_is_not_queued_when_its_transaction_rolls_back(app, staff):
    seen.clear()

    def start_then_fail():
        start_job(staff, "test", "不会运行", count_to_three)
        raise DomainError("中止")

    with pytest.raises(DomainError):
        perform(start_then_fail)
    assert seen == [] and db.session.query(JobRecord).count() == 0


def test_progress_json_is_for_the_owner_and_staff_only(client, login, staff):
    job = JobRecord(kind="test", title="任务", created_by_id=staff.id, progress=40)
    db.session.add(job)
    db.session.commit()
    login(staff)
    assert client.get(f"/jobs/{job.id}.json").get_json()["progress"] == 40
    login(make_user(Role.BIDDER))
    assert client.get(f"/jobs/{job.id}.json").status_code == 404
