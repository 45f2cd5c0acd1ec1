"""The base form and the limits every field declares.

Every data field names where its value goes, with exactly one `Bounded` validator:
`Fits(Model.column)` (the column's length, precision or date range is the limit),
`Lines(...)` (a "one per line" list: each part checked against its column, a row
cap), `Choice()` (one of a list of ids the server built) or `Free(max_chars)`
(not stored as typed: searches, passwords, hidden tokens). `tests/test_form_limits.py`
walks every form and fails on a field without one, so a form can never accept
what its column would refuse. NUL characters are refused everywhere: PostgreSQL
text cannot hold them.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import PasswordField, SelectChoice, StringField, ValidationError
from wtforms.validators import Regexp

from tender.db import UTCDateTime
from tender.files import safe_filename

MAX_LINES = 200  # rows in one "one per line" field (shareholders, officers, key staff)
MIN_YEAR, MAX_YEAR = 1900, 2100  # dates outside are typing errors, and year 1 / 9999 overflow time zone maths
INT_MAX = 2**31 - 1  # sa.Integer is 32 bits on PostgreSQL
NUL_MESSAGE = "内容含有无法保存的控制字符（NUL），请删除后重新提交。"


def _text_or_empty(value):
    """A text field missing from the post is "", as if left blank, never None."""
    return "" if value is None else value


class Form(FlaskForm):
    class Meta:
        locales = ["zh_CN", "zh"]

        def bind_field(self, form, unbound_field, options):
            kind = unbound_field.field_class
            if issubclass(kind, StringField) and not issubclass(kind, PasswordField):
                options = dict(options, filters=[*unbound_field.kwargs.get("filters", ()), _text_or_empty])
            return unbound_field.bind(form=form, **options)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if any(isinstance(v, str) and "\x00" in v for v in (field.raw_data or ())):
                field.errors = [*field.errors, NUL_MESSAGE]
                valid = False
        return valid


def choices(pairs) -> list[SelectChoice]:
    """WTForms 3.3 deprecates (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]


class Bounded:
    """A validator that declares a field's limit; see the module docstring."""

    field_flags = {}


def _column(attribute) -> sa.Column:
    return attribute.property.columns[0] if hasattr(attribute, "property") else attribute


def numeric_bound(column_type: sa.Numeric) -> Decimal:
    """The largest magnitude a Numeric(p, s) column holds: 10^(p-s) - 10^-s."""
    return Decimal(10) ** (column_type.precision - column_type.scale) - Decimal(10) ** -column_type.scale


def to_scale(value: Decimal, column_type: sa.Numeric) -> Decimal:
    """Rounded to the column's scale, as the database would store it."""
    return value.quantize(Decimal(10) ** -column_type.scale, rounding=ROUND_HALF_UP)


class Fits(Bounded):
    """The value is stored in `column`: accept only what the column can hold.

    Text columns have no length of their own, so they need `max_chars`; a smaller
    `max_chars`, `min` or `max` narrows the column's limit further.
    """

    def __init__(self, attribute, *, max_chars: int | None = None, min=None, max=None, message: str | None = None):
        self.column = _column(attribute)
        self.type = self.column.type
        self.message = message
        self.max_chars = self.min = self.max = None
        if isinstance(self.type, sa.String) and not isinstance(self.type, sa.Enum):
            limit = self.type.length
            if limit is None and max_chars is None:
                raise TypeError(f"{self.column} is unbounded text: give max_chars")
            self.max_chars = min_of(limit, max_chars)
        elif isinstance(self.type, sa.Enum):
            self.max_chars = min_of(self.type.length, max_chars)
        elif isinstance(self.type, sa.Numeric) and not isinstance(self.type, sa.Float):
            bound = numeric_bound(self.type)
            self.min, self.max = max_of(-bound, min), min_of(bound, max)
        elif isinstance(self.type, sa.Integer):
            self.min, self.max = max_of(-INT_MAX, min), min_of(INT_MAX, max)
        elif isinstance(self.type, (sa.Date, sa.DateTime, UTCDateTime)):
            self.min, self.max = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
        elif not isinstance(self.type, sa.Boolean):
            raise TypeError(f"no limit rule for {self.column} ({self.type!r})")

    def __call__(self, form, field) -> None:
        data = field.data
        if data is None or data == "" or data == []:
            return
        values = data if isinstance(data, list) else [data]
        for value in values:
            self._check(field, getattr(value, "filename", value))  # an upload: its name is stored
        if isinstance(data, Decimal) and isinstance(self.type, sa.Numeric):
            field.data = to_scale(data, self.type)  # 1e-999999 would overflow PostgreSQL's numeric

    def _check(self, field, value) -> None:
        if isinstance(value, str):
            if self.max_chars is not None and len(value) > self.max_chars:
                raise ValidationError(self.message or f"{field.label.text}不能超过 {self.max_chars} 个字符"
                                      f"（现为 {len(value)} 个）。")
            return
        if isinstance(value, datetime):
            value = value.date()
        if isinstance(value, Decimal) and not value.is_finite():
            raise ValidationError(f"{field.label.text}须为有效数字。")
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            low, high = (_show(self.min), _show(self.max))
            raise ValidationError(self.message or f"{field.label.text}须在 {low} 至 {high} 之间。")


class Choice(Bounded):
    """Picked from a list the server built (ids, for instance); the field itself refuses anything else."""

    def __call__(self, form, field) -> None:
        return None


class Free(Bounded):
    """Not stored as typed (a search term, a password, a hidden token): only a length cap."""

    def __init__(self, max_chars: int, reason: str):
        self.max_chars, self.reason = max_chars, reason

    def __call__(self, form, field) -> None:
        values = field.data if isinstance(field.data, list) else [field.data]
        for value in values:
            if isinstance(value, str) and len(value) > self.max_chars:
                raise ValidationError(f"{field.label.text}不能超过 {self.max_chars} 个字符（现为 {len(value)} 个）。")


class Lines(Bounded):
    """A "one per line" list (`名称 | 证件号 | …`): at most `max_lines` rows, each part checked against its column.

    The parsed rows (numbers as Decimal) are left on `field.rows` for the view.
    """

    SEPARATORS = re.compile(r"\s*[|｜\t,，]\s*")

    def __init__(self, label: str, model, parts: dict[str, str], max_lines: int = MAX_LINES):
        self.label, self.model, self.parts, self.max_lines = label, model, parts, max_lines
        self.columns = {name: _column(getattr(model, name)) for name in parts}
        for column in self.columns.values():
            if isinstance(column.type, sa.String) and column.type.length is None:
                raise TypeError(f"{column} is unbounded text")
        # The whole field: every row at its longest, plus separators.
        self.max_chars = max_lines * (sum(self._width(c) for c in self.columns.values()) + 3 * len(parts))

    @staticmethod
    def _width(column) -> int:
        if isinstance(column.type, sa.String):
            return column.type.length
        return column.type.precision + 3  # sign, point and a trailing %

    def __call__(self, form, field) -> None:
        field.rows = []
        text = field.data or ""
        if len(text) > self.max_chars:
            raise ValidationError(f"{self.label}内容过长（{len(text)} 个字符，上限 {self.max_chars} 个）。")
        lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) > self.max_lines:
            raise ValidationError(f"{self.label}最多填写 {self.max_lines} 行（现为 {len(lines)} 行）。")
        field.rows = [self._row(number, line) for number, line in lines]

    def _row(self, number: int, line: str) -> dict:
        parts = self.SEPARATORS.split(line)
        names = list(self.parts)
        if len(parts) != len(names) or not all(parts):
            raise ValidationError(f"{self.label}第 {number} 行应有 {len(names)} 项，用“|”分隔。")
        row = {}
        for name, value in zip(names, parts, strict=True):
            column, part = self.columns[name], self.parts[name]
            if isinstance(column.type, sa.Numeric):
                try:
                    value = Decimal(value.rstrip("%％"))
                except InvalidOperation:
                    raise ValidationError(f"{self.label}第 {number} 行的{part}不是数字。") from None
                bound = numeric_bound(column.type)
                if not value.is_finite() or abs(value) > bound:
                    raise ValidationError(f"{self.label}第 {number} 行的{part}超出范围。")
                value = to_scale(value, column.type)
            elif len(value) > column.type.length:
                raise ValidationError(f"{self.label}第 {number} 行的{part}不能超过 {column.type.length} 个字符"
                                      f"（现为 {len(value)} 个）。")
            row[name] = value
        return row


class UploadField(FileField):
    """A file upload whose client-given name is made safe to store and to send back.

    Control characters (NUL included) and path parts are dropped, and a long name is
    shortened to `MAX_NAME` characters keeping its extension, since names also become titles.
    """

    MAX_NAME = 200

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and hasattr(self.data, "filename"):
            self.data.filename = safe_filename(self.data.filename, self.MAX_NAME)


def min_of(*values):
    present = [v for v in values if v is not None]
    return min(present) if present else None


def max_of(*values):
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _show(value) -> str:
    if isinstance(value, Decimal):
        return f"{value:,f}"
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    return f"{value:,}"


# The hidden optimistic-lock field of an edit form: the row version when the page was loaded.
VERSION_TOKEN = [Regexp(r"^[0-9]{0,9}$", message="页面已过期，请刷新后重试。"), Free(9, "只用于检查他人是否已修改")]
