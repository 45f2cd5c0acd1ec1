"""Column types and helpers shared by every model.

Timestamps are stored as naive UTC (SQLite has no time zone type) and come back
as aware UTC datetimes, so comparisons never mix local and UTC by accident.
"""
from __future__ import annotations

import enum
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=UTC)


def enum_column(enum_cls: type[enum.Enum], **kw) -> sa.Column:
    """Store enum values (not names) as plain strings: readable in SQL, no native ENUM to migrate."""
    return sa.Column(
        sa.Enum(enum_cls, native_enum=False, length=32, values_callable=lambda e: [m.value for m in e],
                validate_strings=True, create_constraint=False),
        **kw,
    )


def to_local(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(CHINA)


def from_local(value: datetime | None) -> datetime | None:
    """A form gives naive China-time datetimes; attach the zone before storing."""
    if value is None:
        return None
    return value.replace(tzinfo=CHINA) if value.tzinfo is None else value


def snapshot(obj, fields: list[str] | tuple[str, ...]) -> dict:
    """A JSON-safe picture of some attributes, for the audit trail's before/after."""
    out = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, enum.Enum):
            value = value.value
        elif isinstance(value, datetime):
            value = value.astimezone(UTC).isoformat()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif value is not None and not isinstance(value, (str, int, float, bool, list, dict)):
            value = str(value)
        out[name] = value
    return out
