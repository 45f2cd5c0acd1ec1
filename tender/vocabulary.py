"""Enums whose members carry their Chinese label: forms, views, templates and audit summaries take both from here."""
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
