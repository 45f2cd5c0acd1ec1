"""Background jobs on Huey: slow work (mail, extraction, OCR, copy detection) never runs in a request.

The queue lives in SQLite next to the app database by default and in the same
PostgreSQL database when DATABASE_URL points there, so no Redis is needed.
Until `configure` runs the queue is in-memory and immediate: importing touches no file.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup
from huey import Huey
from huey.contrib.sql_huey import SqlStorage
from huey.storage import SqliteStorage

huey = Huey("tender", immediate=True, storage_class=SqliteStorage)
_app: Flask | None = None
jobs_cli = AppGroup("jobs", help="后台任务 (background jobs)")
# Every app task by `task_key`, so a job record can name its task and be enqueued again.
TASKS: dict[str, object] = {}
# Every periodic task by `task_key`: the worker schedules them once their modules are imported.
PERIODIC: dict[str, object] = {}


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
        huey.storage = huey.create_storage()
    app.cli.add_command(jobs_cli)


def in_app(fn):
    """Run `fn` inside an application context: the caller's, or the worker's own."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        from flask import has_app_context

        if has_app_context():
            return fn(*args, **kwargs)
        with _app.app_context():
            return fn(*args, **kwargs)

    return run


def app_task(**task_options):
    """A Huey task that runs inside an application context (its own in the worker)."""
    def decorate(fn):
        task = huey.task(**task_options)(in_app(fn))
        TASKS[task_key(task)] = task
        return task

    return decorate


def app_periodic_task(schedule, **task_options):
    """A periodic Huey task (the consumer schedules it) that runs inside the worker's application context."""
    def decorate(fn):
        task = huey.periodic_task(schedule, **task_options)(in_app(fn))
        PERIODIC[task_key(task)] = task
        return task

    return decorate


def task_modules() -> list[str]:
    """The `tasks` module of every tender package: a new job type is found without editing a list."""
    import tender

    root = Path(tender.__file__).parent
    return sorted(f"tender.{path.parent.name}.tasks" for path in root.glob("*/tasks.py"))


def load_tasks() -> list[str]:
    """Import every task module, so the worker (and recovery) knows every task by name."""
    import importlib

    modules = task_modules()
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
