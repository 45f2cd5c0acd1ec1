"""Gunicorn's workers start together and each creates Huey's tables: one losing that race must still start."""
from __future__ import annotations

import peewee
import pytest
from huey.contrib.sql_huey import SqlStorage
from huey.storage import SqliteStorage

from tender import jobs


def _racing(monkeypatch, storage_class, failures: int):
    calls = []

    def create_storage():
        calls.append(1)
        if len(calls) <= failures:
            raise peewee.IntegrityError('duplicate key value violates unique constraint "pg_type_typname_nsp_index"')
        return "storage"

    monkeypatch.setattr(jobs.huey, "storage_class", storage_class)
    monkeypatch.setattr(jobs.huey, "create_storage", create_storage)
    return calls


def test_a_worker_that_lost_the_table_race_on_postgresql_connects_again(monkeypatch):
    calls = _racing(monkeypatch, SqlStorage, failures=1)
    assert jobs._create_storage() == "storage" and len(calls) == 2


def test_a_database_that_keeps_failing_still_fails_and_sqlite_is_not_retried(monkeypatch):
    _racing(monkeypatch, SqlStorage, failures=3)
    with pytest.raises(peewee.IntegrityError):
        jobs._create_storage()
    calls = _racing(monkeypatch, SqliteStorage, failures=1)
    with pytest.raises(peewee.IntegrityError):
        jobs._create_storage()
    assert len(calls) == 1
