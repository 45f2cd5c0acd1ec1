"""Progress is written on its own connection: visible while the job runs, never committing the job's half-done work.

Through a real worker (tests/jobs/probe_tasks.py pauses on gate files), and in
this process for the cases a worker cannot stage: another connection holding
the lock, the job holding its own row. SQLite has one writer, so a report made
after the job wrote in its transaction is skipped there, at once (see `report`).
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.jobs.operations import start_job
from tender.jobs.progress import Reported, report
from tender.unit_of_work import perform
from tests.jobs.probe_tasks import MODULE, ProbeResult, write_then_wait
from tests.worker import wait_for_job, wait_until


def sqlite() -> bool:
    return db.engine.dialect.name == "sqlite"


@pytest.fixture
def probe_table(app):
    """The probe's result table, in the test database for one test (listed before the worker: dropped after it)."""
    ProbeResult.__table__.create(db.engine, checkfirst=True)
    yield ProbeResult
    db.session.rollback()
    ProbeResult.__table__.drop(db.engine)


@pytest.fixture
def probe_worker(probe_table, start_worker):
    return start_worker(JOBS_EXTRA_TASK_MODULES=MODULE)


def results(job_id: int) -> int:
    """How many result rows of the job another connection sees (this test's session, after a rollback)."""
    db.session.rollback()
    return db.session.scalar(sa.select(sa.func.count()).select_from(ProbeResult).where(ProbeResult.job_id == job_id))


def seen(job_id: int) -> JobRecord:
    db.session.rollback()
    return db.session.get(JobRecord, job_id, populate_existing=True)


def half_written(probe_worker, client, login, staff, tmp_path, outcome: str):
    """A probe job paused after writing half its result; checks what the page and the database show meanwhile."""
    gate = tmp_path / "gate"
    gate.mkdir()
    job_id = perform(start_job, staff, "probe", "探针任务", write_then_wait, str(gate), outcome).id
    started = wait_until(lambda: (gate / "started").exists() and (gate / "started").read_text(), probe_worker,
                         what="the probe's first report")
    assert started == Reported.WRITTEN.value
    login(staff)
    polled = client.get(f"/jobs/{job_id}.json").get_json()  # what the job page polls
    assert (polled["status"], polled["progress"], polled["message"]) == ("running", 20, "准备写入")
    assert "20%" in client.get(f"/jobs/{job_id}").get_data(as_text=True)
    db.session.rollback()  # the requests above used this session: it must hold no snapshot or lock now
    (gate / "write").touch()
    reported = wait_until(lambda: (gate / "reported").exists() and (gate / "reported").read_text(), probe_worker,
                          what="the probe's second report")
    job = seen(job_id)
    assert job.status is JobStatus.RUNNING and results(job_id) == 0  # the half result is the job's alone
    if sqlite():  # the job's transaction holds the only write lock: the report was skipped, not waited for
        assert reported == Reported.OWN_WRITE.value and (job.progress, job.message) == (20, "准备写入")
    else:
        assert reported == Reported.WRITTEN.value and (job.progress, job.message) == (60, "已写入一半")
    return job_id, gate


def test_a_failing_job_leaves_its_progress_and_no_half_result(probe_worker, client, login, staff, tmp_path):
    job_id, gate = half_written(probe_worker, client, login, staff, tmp_path, "fail")
    (gate / "end").touch()
    job = wait_for_job(job_id, probe_worker)
    assert job.status is JobStatus.FAILED and job.message == "探针任务失败"
    assert results(job_id) == 0
    assert job.progress == (20 if sqlite() else 60)


def test_a_finishing_job_commits_its_result_with_done(probe_worker, client, login, staff, tmp_path):
    job_id, gate = half_written(probe_worker, client, login, staff, tmp_path, "finish")
    both = sa.select(JobRecord.status, sa.select(sa.func.count()).select_from(ProbeResult)
                     .where(ProbeResult.job_id == job_id).scalar_subquery()).where(JobRecord.id == job_id)
    observed = set()

    def look() -> bool:  # one statement per look, so each sees status and result from the same moment
        db.session.rollback()
        status, count = db.session.execute(both).one()
        observed.add((status, count))
        return status is not JobStatus.RUNNING

    (gate / "end").touch()
    wait_until(look, probe_worker, what="the probe's end")
    assert observed <= {(JobStatus.RUNNING, 0), (JobStatus.DONE, 1)} and (JobStatus.DONE, 1) in observed, observed
    job = wait_for_job(job_id, probe_worker)
    assert (job.status, job.progress, job.message) == (JobStatus.DONE, 100, "探针任务完成")


def _running_job(staff) -> JobRecord:
    job = JobRecord(kind="probe", title="进行中的任务", status=JobStatus.RUNNING, created_by_id=staff.id)
    db.session.add(job)
    db.session.commit()
    return job


def test_a_report_waits_only_briefly_for_another_writer_and_the_job_goes_on(app, staff):
    job = _running_job(staff)
    with db.engine.connect() as other:
        if sqlite():
            other.exec_driver_sql("BEGIN IMMEDIATE")  # what a long write elsewhere holds
        else:
            other.execute(sa.select(JobRecord.id).where(JobRecord.id == job.id).with_for_update())
        assert report(job.id, 40, "第一步") is Reported.BUSY
        other.rollback()
    assert (seen(job.id).progress, seen(job.id).message) == (0, "")
    assert report(job.id, 50, "第二步") is Reported.WRITTEN
    assert (seen(job.id).progress, seen(job.id).message) == (50, "第二步")


def test_a_report_beside_the_jobs_own_unfinished_write_never_deadlocks(app, staff):
    """The job's session changed the job's own row: SQLite skips at once; PostgreSQL waits briefly for the row."""
    job = _running_job(staff)
    db.session.get(JobRecord, job.id).title = "改名"
    db.session.flush()
    expected = Reported.OWN_WRITE if sqlite() else Reported.BUSY
    assert report(job.id, 40, "第一步") is expected
    db.session.rollback()
    assert report(job.id, 45, "第二步") is Reported.WRITTEN
    assert (seen(job.id).progress, seen(job.id).title) == (45, "进行中的任务")


def test_a_report_after_the_job_ended_changes_nothing(app, staff):
    job = _running_job(staff)
    job.status = JobStatus.DONE
    db.session.commit()
    assert report(job.id, 10, "迟到的进度") is Reported.ENDED
    assert (seen(job.id).progress, seen(job.id).status) == (0, JobStatus.DONE)
