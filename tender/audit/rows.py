"""Compare business rows with what the audit trail last recorded for them.

The chain proves the trail itself is intact, but a direct SQL edit of a tender's
最高限价 or of a qualification result writes no audit row at all. Every
operation records the fields it changes in `after`, so replaying the trail gives,
for each audited row, the last audited value of each field; the row in the
database must still hold exactly those values. Only keys that are columns of the
table named by `object_type` are compared: `after` also carries context that is
not a column (an item's title, a file count).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.db import snapshot
from tender.extensions import db


@dataclass(frozen=True)
class RowDifference:
    table: str
    row_id: int
    field: str | None  # None: the whole row
    audited: object
    current: object
    seq: int

    def describe(self) -> str:
        if self.field is None:
            return "row deleted, but its last audit entry is not a delete" if self.current is None \
                else "row exists, but its last audit entry deletes it"
        return f"{self.field}: audited {_show(self.audited)}, current {_show(self.current)}"


@dataclass
class _Audited:
    fields: dict  # field -> (value, seq)
    deleted: bool
    seq: int


def _show(value) -> str:
    return "(empty)" if value in (None, "") else str(value)


def _mapped_tables() -> dict[str, tuple[type, set[str]]]:
    tables = {}
    for mapper in db.Model.registry.mappers:
        table = mapper.local_table
        if isinstance(table, sa.Table) and len(table.primary_key.columns) == 1:
            tables[table.name] = (mapper.class_, {attr.key for attr in mapper.column_attrs})
    return tables


def _replay(tables, batch: int) -> dict[tuple[str, int], _Audited]:
    state: dict[tuple[str, int], _Audited] = {}
    last_seq = 0
    while True:
        rows = db.session.execute(
            sa.select(AuditEntry.seq, AuditEntry.object_type, AuditEntry.object_id, AuditEntry.before,
                      AuditEntry.after)
            .where(AuditEntry.seq > last_seq, AuditEntry.object_type.in_(list(tables)))
            .order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return state
        for seq, object_type, object_id, before, after in rows:
            last_seq = seq
            if not object_id.isdigit():
                continue
            key = (object_type, int(object_id))
            audited = state.setdefault(key, _Audited({}, False, seq))
            columns = tables[object_type][1]
            if isinstance(after, dict):
                audited.deleted, audited.seq = False, seq
                audited.fields.update({k: (v, seq) for k, v in after.items() if k in columns})
            elif before is not None:  # before without after: the operation deleted the row
                audited.fields, audited.deleted, audited.seq = {}, True, seq


def row_differences(batch: int = 2000) -> list[RowDifference]:
    tables = _mapped_tables()
    state = _replay(tables, batch)
    differences = []
    by_table: dict[str, list[int]] = {}
    for table, row_id in state:
        by_table.setdefault(table, []).append(row_id)
    for table, ids in sorted(by_table.items()):
        model, _ = tables[table]
        pk = sa.inspect(model).primary_key[0]
        for start in range(0, len(ids), 500):
            chunk = sorted(ids)[start:start + 500]
            current = {getattr(obj, pk.key): obj for obj in db.session.scalars(
                sa.select(model).where(pk.in_(chunk)).execution_options(populate_existing=True))}
            for row_id in chunk:
                differences.extend(_compare(table, row_id, state[(table, row_id)], current.get(row_id)))
    return differences


def _compare(table: str, row_id: int, audited: _Audited, obj) -> list[RowDifference]:
    if obj is None:
        return [] if audited.deleted else [RowDifference(table, row_id, None, "存在", None, audited.seq)]
    if audited.deleted:
        return [RowDifference(table, row_id, None, "已删除", "存在", audited.seq)]
    now = snapshot(obj, list(audited.fields))
    return [RowDifference(table, row_id, name, value, now[name], seq)
            for name, (value, seq) in sorted(audited.fields.items()) if not same(value, now[name])]


def same(audited, current) -> bool:
    """Equal as audited: numbers by value (1280000 == 1280000.00), times as instants, enums by value."""
    if isinstance(current, enum.Enum):
        current = current.value
    if audited == current:
        return True
    if audited is None or current is None:
        return False
    numbers = _as_decimal(audited), _as_decimal(current)
    if None not in numbers:
        return numbers[0] == numbers[1]
    instants = _as_instant(audited), _as_instant(current)
    if None not in instants:
        return instants[0] == instants[1]
    return False


def _as_decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def _as_instant(value):
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) == 10:
        return date.fromisoformat(value)
    return parsed
