"""Identifiers of one bidder found in another bidder's text (第四十条(五) 相互混装; (二)).

A bid that contains a rival's company name, 统一社会信用代码, phone, e-mail or staff
names was very likely prepared from, or together with, the rival's file. Identifiers are
matched on the original text (digits matter here, unlike in fingerprinting) and allow
the separators people type inside numbers (spaces, hyphens).
"""

import re
from dataclasses import dataclass

ARTICLE_MIXED = "第四十条（五）"
ARTICLE_AGENT = "第四十条（二）"

_SEP = r"[\s\-－—]?"
PHONE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}[\s\-－—]?\d{7,8})(?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
CREDIT_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


@dataclass(frozen=True)
class Identity:
    """What identifies one bidder: name, credit code, phones, e-mails, staff names."""

    company: str
    credit_code: str = ""
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()


@dataclass(frozen=True)
class IdentifierHit:
    """One identifier of ``owner`` found at [start, end) of the examined text."""

    owner: str
    kind: str  # company, credit_code, phone, email, staff
    value: str
    start: int
    end: int
    article: str = ARTICLE_MIXED


def _digits_pattern(value: str) -> re.Pattern[str]:
    digits = re.sub(r"\D", "", value)
    return re.compile(r"(?<!\d)" + _SEP.join(digits) + r"(?!\d)")


def find_identifiers(text: str, other: Identity) -> tuple[IdentifierHit, ...]:
    """Where ``other``'s identifiers occur in ``text`` (the bid of a different company)."""
    patterns: list[tuple[str, str, re.Pattern[str]]] = []
    if other.company:
        patterns.append(("company", other.company, re.compile(re.escape(other.company))))
    if other.credit_code:
        patterns.append(("credit_code", other.credit_code, re.compile(re.escape(other.credit_code), re.I)))
    patterns += [("phone", p, _digits_pattern(p)) for p in other.phones if re.sub(r"\D", "", p)]
    patterns += [("email", e, re.compile(re.escape(e), re.I)) for e in other.emails if e]
    patterns += [("staff", s, re.compile(re.escape(s))) for s in other.staff if len(s) >= 2]
    hits = [
        IdentifierHit(other.company, kind, value, m.start(), m.end())
        for kind, value, pattern in patterns
        for m in pattern.finditer(text)
    ]
    return tuple(sorted(hits, key=lambda h: (h.start, h.kind)))


@dataclass(frozen=True)
class SharedIdentifier:
    """The same phone, e-mail, credit code or ID number written in two bids."""

    kind: str
    value: str
    a_start: int
    b_start: int
    article: str = ARTICLE_AGENT


def extract_identifiers(text: str) -> dict[tuple[str, str], int]:
    """Identifiers written in ``text``: (kind, canonical value) -> first offset."""
    found: dict[tuple[str, str], int] = {}
    for kind, pattern in (
        ("phone", PHONE),
        ("email", EMAIL),
        ("credit_code", CREDIT_CODE),
        ("id_number", ID_NUMBER),
    ):
        for m in pattern.finditer(text):
            value = m.group().lower() if kind == "email" else re.sub(r"[\s\-－—]", "", m.group()).upper()
            found.setdefault((kind, value), m.start())
    return found


def shared_identifiers(
    text_a: str, text_b: str, ignore: frozenset[str] = frozenset()
) -> tuple[SharedIdentifier, ...]:
    """Identifiers present in both texts, minus ``ignore`` (e.g. the tenderer's own phone)."""
    a, b = extract_identifiers(text_a), extract_identifiers(text_b)
    shared = [
        SharedIdentifier(kind, value, a[(kind, value)], b[(kind, value)])
        for kind, value in sorted(a.keys() & b.keys())
        if value not in ignore
    ]
    return tuple(shared)
