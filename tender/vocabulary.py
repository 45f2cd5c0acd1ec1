"""Enums whose members carry their Chinese label: forms, views, templates and audit summaries take both from here.

Also `holds`, the one shape of a named predicate over such a column (`submission.is_draft`, `user.is_staff`),
so views and templates ask a name and never compare values themselves.
"""
from __future__ import annotations

import enum


class Labelled(enum.Enum):
    """Declare members as `NAME = "value", "中文标签"`."""

    def __new__(cls, value: str, label: str):
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def choices(cls) -> list:
        """For a WTForms SelectField."""
        from wtforms.fields.choices import SelectChoice

        return [SelectChoice(member.value, member.label) for member in cls]

    @classmethod
    def label_of(cls, value: str | None, default: str = "") -> str:
        """The label of a stored value; `default` for none or one no longer known."""
        try:
            return cls(value).label
        except ValueError:
            return default


def holds(column: str, *members: enum.Enum) -> property:
    """A read-only predicate: the row's `column` holds one of `members`, e.g. `is_draft = holds("status", S.DRAFT)`."""
    wanted = frozenset(members)
    return property(lambda row: getattr(row, column) in wanted,
                    doc=f"{column} is one of {sorted(m.value for m in wanted)}")
