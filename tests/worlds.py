"""Worlds many tests start from, built once per session and then restored by copying rows and files back.

An opened tender ready for scoring takes seconds to build for real: sealed uploads,
two officers unsealing, an extraction job per file in its limited child, the findings
run. Copying its rows back takes a few milliseconds. The first test that asks for a
world builds it with the same operations as always and keeps a copy of every table
and of the stored files; later tests get that copy. What a test changes afterwards is
emptied by the `app` fixture like anything else.

A world is the whole database, so it is kept (and restored) only when the database is
empty when it is asked for; a test that made rows first gets a world built for it.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from tender.extensions import db
from tender.files import storage_root

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, list[dict]]
    files: Path
    ids: Any  # what `dump` made of the builder's value: plain ids, no ORM objects


_snapshots: dict[tuple, Snapshot] = {}


def cached(key: tuple, build: Callable[[], T], dump: Callable[[T], Any], load: Callable[[Any], T]) -> T:
    """`build()` the first time for `key`, else the same world restored and `load`ed from its ids."""
    if not _database_is_empty():
        return build()
    snapshot = _snapshots.get(key)
    if snapshot is not None:
        _restore(snapshot)
        return load(snapshot.ids)
    value = build()
    db.session.commit()
    _snapshots[key] = Snapshot(_rows(), _copy(storage_root(), Path(tempfile.mkdtemp(prefix="world-"))), dump(value))
    return value


def _database_is_empty() -> bool:
    db.session.flush()
    return not any(db.session.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first()
                   for t in db.metadata.sorted_tables)


def _rows() -> dict[str, list[dict]]:
    return {t.name: [dict(r) for r in db.session.execute(sa.select(t)).mappings()] for t in db.metadata.sorted_tables}


def _restore(snapshot: Snapshot) -> None:
    for table in db.metadata.sorted_tables:  # parents before children
        if rows := snapshot.rows[table.name]:
            db.session.execute(table.insert(), rows)
    if db.engine.dialect.name == "postgresql":
        _advance_sequences(snapshot)
    db.session.commit()
    db.session.expire_all()
    _copy(snapshot.files, storage_root())


def _advance_sequences(snapshot: Snapshot) -> None:
    """Rows came back with their ids, so each serial sequence must move past them (SQLite needs nothing)."""
    for table in db.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is not None and snapshot.rows[table.name]:
            db.session.execute(sa.text(f"SELECT setval(pg_get_serial_sequence(:t, :c), "
                                       f'(SELECT max("{column.name}") FROM "{table.name}"))'),
                               {"t": table.name, "c": column.name})


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, dirs_exist_ok=True)
    return target
