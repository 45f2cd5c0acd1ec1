"""Job types only the tests start, each with the limits it declares, run by a real worker.

The worker imports this module because the tests start it with
JOBS_EXTRA_TASK_MODULES=tests.jobs.probe_tasks (tender.jobs.load_tasks); the test
process imports it to start the jobs, so both know the tasks by the same name.
The probes pause on gate files in a folder the test owns: the test looks at the
database from its own connection while a probe is in the middle of its work.
"""
from __future__ import annotations

import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs import JobType, tracked_task
from tender.jobs.limits import limited
from tender.jobs.operations import finish, report

MODULE = __name__
MB = 1024 * 1024


class Base(DeclarativeBase):
    pass


class ProbeResult(Base):
    """What a probe job writes as its result: a table of the tests' own, created and dropped around each test."""

    __tablename__ = "job_probe_results"
    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(sa.Integer, index=True)
    note: Mapped[str] = mapped_column(sa.String(100))


def wait_for_gate(path: Path) -> None:
    """Until the test opens the gate; the job's own time limit ends a wait the test forgot."""
    while not path.exists():
        time.sleep(0.02)


def mark(path: Path, text: str = "") -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text)
    tmp.replace(path)  # the test never reads a half-written signal


# --- progress beside unfinished work -----------------------------------------------------------------

HALF_DONE = JobType(time_limit=120, retries=0, memory_mb=None, parse_seconds=None)


@tracked_task(HALF_DONE)
def write_then_wait(job_id: int, gate: str, outcome: str):
    """Report, pause; write half a result and report again, pause; then fail or finish as told."""
    gate = Path(gate)
    mark(gate / "started", report(job_id, 20, "准备写入").value)
    wait_for_gate(gate / "write")
    db.session.add(ProbeResult(job_id=job_id, note="部分结果"))
    db.session.flush()
    mark(gate / "reported", report(job_id, 60, "已写入一半").value)
    wait_for_gate(gate / "end")
    if outcome == "fail":
        raise DomainError("探针任务失败")
    finish(job_id, message="探针任务完成")


# --- time limits and retries -----------------------------------------------------------------------

NO_RETRY = JobType(time_limit=0.5, retries=0, memory_mb=None, parse_seconds=None)
TWO_RETRIES = JobType(time_limit=0.5, retries=2, memory_mb=None, parse_seconds=None)


def _outlast(job_id: int):
    report(job_id, 10, "等待超时")
    time.sleep(60)  # the worker's alarm stops this after the declared time limit
    finish(job_id)


@tracked_task(NO_RETRY)
def outlast_no_retry(job_id: int):
    _outlast(job_id)


@tracked_task(TWO_RETRIES)
def outlast_two_retries(job_id: int):
    _outlast(job_id)


# --- the limits of parsing children ------------------------------------------------------------------

SMALL_PARSER = JobType(time_limit=60, retries=0, memory_mb=16, parse_seconds=30)
LARGE_PARSER = JobType(time_limit=60, retries=0, memory_mb=512, parse_seconds=30)
QUICK_PARSER = JobType(time_limit=60, retries=0, memory_mb=512, parse_seconds=0.5)
NO_PARSER = JobType(time_limit=60, retries=0, memory_mb=None, parse_seconds=None)


def grow(mb: int, seconds: float) -> int:
    """What a parser does with a bomb: takes memory, or time."""
    block = bytearray(mb * MB)
    time.sleep(seconds)
    return len(block)


def _parse(job_id: int, mb: int, seconds: float):
    size = limited(grow, mb, seconds)
    finish(job_id, message=f"解析用了 {size // MB} MB")


@tracked_task(SMALL_PARSER)
def parse_small(job_id: int, mb: int, seconds: float):
    _parse(job_id, mb, seconds)


@tracked_task(LARGE_PARSER)
def parse_large(job_id: int, mb: int, seconds: float):
    _parse(job_id, mb, seconds)


@tracked_task(QUICK_PARSER)
def parse_quick(job_id: int, mb: int, seconds: float):
    _parse(job_id, mb, seconds)


@tracked_task(NO_PARSER)
def parse_undeclared(job_id: int, mb: int, seconds: float):
    _parse(job_id, mb, seconds)
