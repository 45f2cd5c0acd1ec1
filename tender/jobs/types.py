"""What each kind of job may use: its time limit, its retries, and the limits of the parsers it forks.

Every task declares one `JobType` where it is defined (`@app_task(JobType(...))`),
so the limits sit beside the work they bound and differ by job: a mail is retried
more than a PDF export, an upload's parser gets more memory than a comparison.
The worker enforces the declaration: `operations.enqueue` queues with its time
limit, `limits.limited` caps each parsing child with its memory and seconds, and
`recovery.retry_or_fail` stops after its retries.

Precedence: a declaration holds unless the operator (or a test) sets the matching
setting, which then replaces that value for every job type:
JOBS_TIME_LIMIT → time_limit, JOBS_MAX_RETRIES → retries,
JOBS_MEMORY_LIMIT_MB → memory_mb, JOBS_EXTRACT_TIME_LIMIT → parse_seconds.
The settings are unset by default (tender/config.py).
"""
from __future__ import annotations

import contextlib
import dataclasses
from contextvars import ContextVar
from dataclasses import dataclass

OVERRIDES = {"time_limit": "JOBS_TIME_LIMIT", "retries": "JOBS_MAX_RETRIES",
             "memory_mb": "JOBS_MEMORY_LIMIT_MB", "parse_seconds": "JOBS_EXTRACT_TIME_LIMIT"}


@dataclass(frozen=True, kw_only=True)
class JobType:
    """The limits of one kind of job; every field is stated, so each task's declaration reads in full.

    time_limit: seconds the whole job may run; the worker then stops it (and retries it).
    retries: how often a timed-out job, or one whose worker died, is queued again before it fails.
    memory_mb, parse_seconds: the head-room and time of each child that parses untrusted input
    (`limits.limited`); None for a job that parses none, which then may not start one.
    """

    time_limit: float
    retries: int
    memory_mb: int | None
    parse_seconds: float | None

    def __post_init__(self):
        if self.time_limit <= 0 or self.retries < 0:
            raise ValueError(f"a job needs a positive time limit and retries >= 0: {self}")
        if (self.memory_mb is None) != (self.parse_seconds is None):
            raise ValueError(f"a parsing job declares both memory_mb and parse_seconds: {self}")
        if self.parses and (self.memory_mb <= 0 or self.parse_seconds <= 0):
            raise ValueError(f"a parsing child needs positive limits: {self}")

    @property
    def parses(self) -> bool:
        return self.memory_mb is not None

    def overridden(self, config) -> JobType:
        """This declaration with the operator's settings applied (see the module docstring)."""
        changes = {}
        for field, setting in OVERRIDES.items():
            value = config.get(setting)
            if value is not None and (field not in ("memory_mb", "parse_seconds") or self.parses):
                changes[field] = value
        return dataclasses.replace(self, **changes) if changes else self


# Parsing outside any job (a script, a test calling the processing code directly) gets these.
OUTSIDE_JOBS = JobType(time_limit=1800, retries=0, memory_mb=1024, parse_seconds=600)

_running: ContextVar[JobType | None] = ContextVar("running_job_type", default=None)


def running_job_type() -> JobType | None:
    """The effective limits of the job running in this context, or None outside jobs."""
    return _running.get()


@contextlib.contextmanager
def running(job_type: JobType):
    token = _running.set(job_type)
    try:
        yield job_type
    finally:
        _running.reset(token)
