"""Background jobs on Huey: slow work (mail, extraction, OCR, copy detection) never runs in a request.

The queue lives in SQLite next to the app database by default and in the same
PostgreSQL database when DATABASE_URL points there, so no Redis is needed.
Until `configure` runs the queue is in-memory and immediate: importing touches no file.
"""
from __future__ import annotations

import contextlib
import functools
import logging
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from huey import Huey
from huey.contrib.sql_huey import SqlStorage
from huey.storage import SqliteStorage

from tender.jobs.types import JobType, running

log = logging.getLogger(__name__)
huey = Huey("tender", immediate=True, storage_class=SqliteStorage)
_app: Flask | None = None
jobs_cli = AppGroup("jobs", help="后台任务 (background jobs)")
# Every app task by `task_key`, so a job record can name its task and be enqueued again.
TASKS: dict[str, object] = {}
# Every periodic task by `task_key`: the worker schedules them once their modules are imported.
PERIODIC: dict[str, object] = {}
# The declared limits of every task above, by the same key (see tender/jobs/types.py).
JOB_TYPES: dict[str, JobType] = {}


def configure(app: Flask) -> None:
    global _app
    _app = app
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("postgresql"):
        huey.storage_class, huey.storage_kwargs = SqlStorage, {"database": url.replace("+psycopg2", "")}
    else:
        huey.storage_class, huey.storage_kwargs = SqliteStorage, {"filename": app.config["JOBS_DB"]}
    immediate = bool(app.config["JOBS_IMMEDIATE"])
    if immediate != huey.immediate or not immediate:
        huey._immediate = immediate
        huey.storage = _create_storage()
    for key in JOB_TYPES:
        _apply_limits(key)
    app.cli.add_command(jobs_cli)


def _create_storage(attempts: int = 3):
    """Huey's storage, whose tables it creates with IF NOT EXISTS at start-up.

    On PostgreSQL two processes starting at once (gunicorn's workers) can both pass the
    IF NOT EXISTS and one then fails on the catalogue's unique index; by the next try the
    tables exist, so a failed creation is simply tried again.
    """
    import peewee

    for attempt in range(attempts):
        try:
            return huey.create_storage()
        except peewee.DatabaseError:
            if attempt == attempts - 1 or huey.storage_class is not SqlStorage:
                raise
            log.info("job queue tables created by another process meanwhile; connecting again")


def limits_for(key: str) -> JobType | None:
    """The limits the worker enforces for task `key`: its declaration with the operator's settings applied."""
    from flask import current_app, has_app_context

    declared = JOB_TYPES.get(key)
    if declared is None or not (has_app_context() or _app):
        return declared
    return declared.overridden(current_app.config if has_app_context() else _app.config)


def in_app(fn, job_type: JobType | None = None):
    """Run `fn` inside an application context (the caller's, or the worker's own) under its job type's limits."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        from flask import current_app, has_app_context

        with contextlib.ExitStack() as stack:
            if not has_app_context():
                stack.enter_context(_app.app_context())
            if job_type is not None:
                stack.enter_context(running(job_type.overridden(current_app.config)))
            return fn(*args, **kwargs)

    return run


def app_task(job_type: JobType, **task_options):
    """A Huey task that runs inside an application context (its own in the worker), within `job_type`'s limits."""
    def decorate(fn):
        task = huey.task(**task_options)(in_app(fn, job_type))
        _register(TASKS, task, job_type)
        return task

    return decorate


def tracked_task(job_type: JobType, **task_options):
    """An `app_task` that keeps a JobRecord (`operations.tracked`): takes the job id first and ends the job visibly."""
    def decorate(fn):
        from tender.jobs.operations import tracked

        return app_task(job_type, **task_options)(tracked(fn))

    return decorate


def app_periodic_task(schedule, job_type: JobType, **task_options):
    """A periodic Huey task (the consumer schedules it) that runs inside the worker's application context."""
    def decorate(fn):
        task = huey.periodic_task(schedule, **task_options)(in_app(fn, job_type))
        _register(PERIODIC, task, job_type)
        return task

    return decorate


def _register(registry: dict, task, job_type: JobType) -> None:
    if not isinstance(job_type, JobType):
        raise TypeError(f"{task_key(task)}: declare its limits as a JobType, got {job_type!r}")
    key = task_key(task)
    registry[key], JOB_TYPES[key] = task, job_type
    _apply_limits(key)


def _apply_limits(key: str) -> None:
    """Huey's own defaults, used when a task is queued without `operations.enqueue` (periodic runs, mail).

    A tracked job's retries are counted on its record (tender/jobs/recovery.py), so Huey never retries it.
    """
    task, limits = TASKS.get(key) or PERIODIC.get(key), limits_for(key)
    task.task_class.default_timeout = limits.time_limit
    task.task_class.default_retries = 0 if is_tracked(task) else limits.retries


def is_tracked(task) -> bool:
    """The task keeps a JobRecord (`operations.tracked`): it takes a job id first and reports on it."""
    return bool(getattr(task.func, "tracked", False))


def task_modules() -> list[str]:
    """The `tasks` module of every tender package: a new job type is found without editing a list."""
    import tender

    root = Path(tender.__file__).parent
    return sorted(f"tender.{path.parent.name}.tasks" for path in root.glob("*/tasks.py"))


def load_tasks() -> list[str]:
    """Import every task module, so the worker (and recovery) knows every task by name.

    JOBS_EXTRA_TASK_MODULES (comma-separated) names more modules outside tender/: the tests'
    probe tasks, which a real worker must know to run them.
    """
    import importlib

    extra = (_app.config.get("JOBS_EXTRA_TASK_MODULES") or "") if _app else ""
    modules = task_modules() + [name.strip() for name in extra.split(",") if name.strip()]
    for module in modules:
        importlib.import_module(module)
    return modules


def task_key(task) -> str:
    return f"{task.func.__module__}.{task.func.__qualname__}"


@huey.on_startup()
def _recover_at_start():
    """Each worker process, at start or when the consumer replaces a dead one, takes back orphaned jobs."""
    if _app is None:
        return
    from tender.extensions import db
    from tender.jobs.recovery import recover_orphans

    with _app.app_context():
        db.engine.dispose(close=False)  # connections inherited across the fork belong to the parent
        recover_orphans()


@jobs_cli.command("worker")
@click.option("--workers", default=1, show_default=True, help="worker processes")
def worker_command(workers: int):
    """Run the job consumer (processes, since PDFium and OCR are not thread-safe)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
    load_tasks()
    # A worker killed mid-job (OOM killer) is replaced within seconds; its startup hook takes the job back.
    huey.create_consumer(workers=workers, worker_type="process", health_check_interval=2).run()
