"""Column types, column groups and helpers shared by every model.

Timestamps are stored as naive UTC (SQLite has no time zone type) and come back
as aware UTC datetimes, so comparisons never mix local and UTC by accident.

Column groups that recur across areas are declared once here: a row belonging to a
tender, who made a row and when, who did something to it and when, a staff decision.
Their columns keep the names, types and constraint names the migrations created.
"""
from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from tender.errors import DomainError
from tender.extensions import db

if TYPE_CHECKING:
    from tender.vocabulary import Labelled

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


def reference(table: str, nullable: bool = False, **kw) -> sa.Column:
    """An integer foreign key to `table`.id, NOT NULL unless asked (cookiecutter-flask's `reference_col`).

    `kw` takes the column's `index` or `unique`; the constraint is named by the metadata's convention.
    """
    return sa.Column(sa.Integer, sa.ForeignKey(f"{table}.id"), nullable=nullable, **kw)


def _by_user(nullable: bool = True) -> sa.Column:
    return reference("users", nullable=nullable)


def who_and_when(required: bool = False) -> tuple[sa.Column, sa.Column]:
    """Who did something to a row, and when: ``reviewed_by_id, reviewed_at = who_and_when()``.

    `required`: the act makes the row (a question asked, a notice published), so both are
    known at insert; otherwise both stay NULL until it happens.
    """
    return _by_user(nullable=not required), sa.Column(UTCDateTime, nullable=not required,
                                                         default=utcnow if required else None)


class PkModel(db.Model):
    """The base of every model with an integer surrogate key `id` (cookiecutter-flask's `PkModel`).

    `sort_order` keeps `id` the first column, where each table declared it before.
    """

    __abstract__ = True

    id = mapped_column(sa.Integer, primary_key=True, sort_order=-1)


class TenderPartMixin:
    """A row that belongs to one tender; views load it under the tender in the URL (`child_or_404`)."""

    @declared_attr
    def tender_id(cls):  # noqa: N805 - SQLAlchemy passes the mapped class
        return reference("tenders", index=True)


class CreatedAtMixin:
    """When the row was made."""

    created_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)


class CreatedMixin(CreatedAtMixin):
    """When the row was made, and by whom: NULL when the system made it (a job, a periodic task, the demo)."""

    @declared_attr
    def created_by_id(cls):  # noqa: N805 - SQLAlchemy passes the mapped class
        return _by_user()


class DecisionMixin:
    """A row staff decide on: `decision` holds a value of `decisions` (a Labelled enum), NULL while open.

    The column stays a plain string in each table (their lengths differ); the model names
    the enum and what an open row is called.
    """

    decisions: type[Labelled]
    undecided_label = ""

    @property
    def decision_label(self) -> str:
        return self.decisions.label_of(self.decision, self.undecided_label)

    def decided_as(self, member: Labelled) -> bool:
        return self.decision == member.value

    choose_message = "请选择处理结论。"
    reason_message = "请填写处理理由（将记入审计日志）。"

    def take_decision(self, actor, decision: str, note: str) -> dict:
        """A decision with its reasons, for rows that keep them (`decision_note`, `decided_by_id`, `decided_at`).

        Checks the value and the reason, sets all four, and returns what it replaced for the audit entry.
        """
        if decision not in {d.value for d in self.decisions}:
            raise DomainError(self.choose_message, field="decision")
        note = (note or "").strip()
        if not note:
            raise DomainError(self.reason_message, field="note")
        before = {"decision": self.decision, "note": self.decision_note}
        self.decision, self.decision_note = decision, note
        self.decided_by_id, self.decided_at = actor.id, utcnow()
        return before


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
