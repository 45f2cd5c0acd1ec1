"""What one hostile upload did: accepted, refused with a Chinese message, or broke something."""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

import sqlalchemy as sa

from tender.extensions import db

HAN = re.compile(r"[\u3400-\u9fff]")
MESSAGE = re.compile(r'<div class="(?:alert alert-danger|invalid-feedback[^"]*)"[^>]*>(.*?)</div>', re.S)
# An exception class name or a traceback is not a message for a person.
TECHNICAL = re.compile(r"\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b|Traceback|File \"")


@dataclass(frozen=True)
class Outcome:
    file: str
    route: str
    verdict: str  # "accepted", "refused" or a failure description
    message: str = ""

    def __str__(self) -> str:
        return f"{self.route}: {self.file}: {self.verdict}" + (f" ({self.message})" if self.message else "")

    @property
    def failed(self) -> bool:
        return self.verdict not in ("accepted", "refused")


def refusals(page: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in MESSAGE.findall(page)]


def judge(route, name: str, data: bytes, response, rows_before: int) -> Outcome:
    label = repr(name[:60])
    if response.status_code >= 500:
        return Outcome(label, route.name, f"HTTP {response.status_code}")
    page = response.get_data(as_text=True)
    messages = refusals(page)
    row = db.session.scalar(sa.select(route.model).where(route.model.sha256 == hashlib.sha256(data).hexdigest())
                            .order_by(route.model.id.desc()).limit(1))
    rows_after = db.session.scalar(sa.select(sa.func.count()).select_from(route.model))
    if messages:
        text = " / ".join(messages)
        if rows_after != rows_before:
            return Outcome(label, route.name, "refused but a row was saved", text)
        if not HAN.search(text) or TECHNICAL.search(text):
            return Outcome(label, route.name, "refusal is not a clear Chinese message", text)
        return Outcome(label, route.name, "refused", text)
    if row is None or rows_after <= rows_before:
        return Outcome(label, route.name, f"HTTP {response.status_code} with neither a message nor a saved file")
    route.after_accept(row)
    return Outcome(label, route.name, "accepted")
