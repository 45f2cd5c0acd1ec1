"""Do the storage folder and the database agree? Every file has a row, every row its file.

The tables are found from the metadata (any column named `storage_key` or ending in
`_storage_key`), so a new kind of stored file is checked without changing this helper.
Half-written uploads (`.upload-*` temporary files) count as orphans too.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa


@dataclass(frozen=True)
class StorageReport:
    orphans: list[str]  # files on disk that no row names
    missing: list[str]  # keys in rows whose file is not on disk

    @property
    def consistent(self) -> bool:
        return not self.orphans and not self.missing


def key_columns(metadata: sa.MetaData) -> list[sa.Column]:
    return [column for table in metadata.sorted_tables for column in table.columns
            if column.name == "storage_key" or column.name.endswith("_storage_key")]


def stored_keys(session, metadata: sa.MetaData) -> set[str]:
    keys: set[str] = set()
    for column in key_columns(metadata):
        keys.update(k for k in session.scalars(sa.select(column).where(column.is_not(None))) if k)
    return keys


def files_on_disk(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def check_storage(session, metadata: sa.MetaData, root: Path, ignore_keys: set[str] = frozenset()) -> StorageReport:
    """`ignore_keys`: rows made by test factories with no file behind them on purpose."""
    keys, files = stored_keys(session, metadata) - set(ignore_keys), files_on_disk(root)
    return StorageReport(orphans=sorted(files - keys), missing=sorted(keys - files))
