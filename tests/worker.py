"""A real job worker for tests: `flask --app tender jobs worker`, the command scripts/run.sh starts.

The worker is its own process tree (consumer plus forked workers) reading the
test database and the test queue: the SQLite JOBS_DB file, or Huey's SqlStorage
tables in the PostgreSQL test database. While it runs, the test app enqueues
for real (JOBS_IMMEDIATE off), so every job crosses the queue as in production.
Tests wait on the JobRecord, never on time.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus

ROOT = Path(__file__).resolve().parent.parent
WAIT = 120  # seconds before a test gives up on a job; generous for loaded machines


class Worker:
    """One consumer process group; `stop` asks it to finish, `kill` is the power cut."""

    def __init__(self, app, env: dict[str, str], log: Path):
        self.app, self.env, self.log = app, env, log
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "tender", "jobs", "worker"], cwd=ROOT,
            env={**os.environ, **self.env}, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        out.close()
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 60) -> None:
        """SIGINT: Huey's graceful stop lets the running task finish."""
        if not self.running:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL to the whole group: the consumer, its workers and anything they started."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(30)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def worker_env(app, **overrides) -> dict[str, str]:
    """The settings the worker must share with the test app, passed the way production passes them."""
    from tender.audit.checkpoints import checkpoint_path
    from tender.audit.keys import audit_key

    cfg = app.config
    env = {
        "DATABASE_URL": cfg["SQLALCHEMY_DATABASE_URI"], "JOBS_DB": cfg["JOBS_DB"],
        "STORAGE_PATH": cfg["STORAGE_PATH"], "SECRET_KEY": cfg["SECRET_KEY"],
        "AUDIT_KEY": audit_key().decode(), "AUDIT_CHECKPOINT_FILE": str(checkpoint_path()),
        "MAIL_SERVER": cfg["MAIL_SERVER"], "MAIL_PORT": str(cfg["MAIL_PORT"]),
        "JOBS_IMMEDIATE": "0", "PYTHONUNBUFFERED": "1",
        # The instance sealing key: opened tender keys are kept under it, and workers decrypt opened bids.
        "SEALING_KEY": cfg.get("SEALING_KEY") or os.environ.get("SEALING_KEY") or _instance_secret("sealing_key"),
        # The bid key: receipt hashes are kept as HMACs under it, and the opening compares them.
        "BID_KEY": cfg.get("BID_KEY") or os.environ.get("BID_KEY") or _instance_secret("bid_key"),
    }
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def _instance_secret(name: str) -> str:
    from tender.instance_secrets import instance_secret

    return instance_secret(name)


def use_queue(app, immediate: bool) -> None:
    """Switch the test app between running jobs in place and enqueueing them for the worker."""
    from tender import jobs

    app.config["JOBS_IMMEDIATE"] = immediate
    jobs.configure(app)


def flush_queue() -> None:
    from tender.jobs import huey

    huey.flush()


def wait_for_job(job_id: int, worker: Worker | None = None, timeout: float = WAIT,
                 states=(JobStatus.DONE, JobStatus.FAILED)) -> JobRecord:
    """Poll the JobRecord until it reaches one of `states`; fail with the worker's log if it never does."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()  # see the worker's commits
        job = db.session.get(JobRecord, job_id, populate_existing=True)
        if job is not None and job.status in states:
            return job
        if worker is not None and not worker.running:
            pytest.fail(f"worker exited while job {job_id} was {job and job.status}:\n{worker.output()[-3000:]}")
        if time.monotonic() > deadline:
            log = worker.output()[-3000:] if worker else ""
            state = f"{job.status.value} ({job.message})" if job else "missing"
            pytest.fail(f"job {job_id} still {state} after {timeout}s\n{log}")
        time.sleep(0.05)


def wait_until(check, worker: Worker | None = None, timeout: float = WAIT, what: str = "condition"):
    """Poll `check()` (after a rollback, to see the worker's commits) until it returns something true."""
    deadline = time.monotonic() + timeout
    while True:
        db.session.rollback()
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not reached after {timeout}s\n{worker.output()[-3000:] if worker else ''}")
        time.sleep(0.05)


@pytest.fixture
def start_worker(app, tmp_path):
    """Start real workers with optional config overrides (applied to the test app too); stopped after the test.

    The test app enqueues instead of running jobs in place until the test ends.
    """
    started: list[Worker] = []
    saved = dict(app.config)

    def start(**overrides) -> Worker:
        app.config.update({k: v for k, v in overrides.items() if k in app.config or k.startswith("JOBS_")})
        use_queue(app, immediate=False)
        worker = Worker(app, worker_env(app, **overrides), tmp_path / f"worker-{len(started) + 1}.log").start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
    if started:
        flush_queue()
    app.config.clear()
    app.config.update(saved)
    use_queue(app, immediate=True)


@pytest.fixture
def worker(start_worker) -> Worker:
    return start_worker()
