"""Turn a stored report into display segments for the side-by-side reader.

Each character of a text gets a state (which passage it belongs to, whether it
differs from the other side inside that passage, which subtraction reason greys
it, whether it is structure); runs of equal state become one segment. Page
boundaries split segments so the reader can print page numbers.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import numpy as np

MAX_DIFF_CHARS = 4000  # difflib is quadratic; longer passages are shown without word marks


@dataclass(frozen=True)
class Segment:
    text: str
    passage: int  # -1 when not in a copied passage
    changed: bool
    reason: int  # index into the reasons list, -1 when not subtracted
    structure: bool
    page: int | None  # set on the first segment of each page


def reason_key(label: str) -> str:
    """A CSS-safe group for the toggles: tender text, legal library, common to N companies."""
    if label.startswith("招标文件原文"):
        return "tender"
    if label.startswith("法规标准"):
        return "legal"
    if label.endswith("家公司共有"):
        return "common"
    return "other"


def changed_ranges(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where two matched passages differ in the original text (punctuation, script, spun words)."""
    if len(a) > MAX_DIFF_CHARS or len(b) > MAX_DIFF_CHARS:
        return [], []
    ra, rb = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            if i2 > i1:
                ra.append((i1, i2))
            if j2 > j1:
                rb.append((j1, j2))
    return ra, rb


def segments(text: str, passages: list[tuple[int, int, int]], changed: list[tuple[int, int]],
             subtracted: list[tuple[int, int, int]], structure: list[tuple[int, int]],
             page_starts: list[int] | None = None) -> list[Segment]:
    """`passages` are (start, end, passage id); `subtracted` are (start, end, reason id)."""
    n = len(text)
    passage = np.full(n, -1, dtype=np.int32)
    reason = np.full(n, -1, dtype=np.int32)
    diff = np.zeros(n, dtype=bool)
    struct = np.zeros(n, dtype=bool)
    for start, end, rid in subtracted:
        reason[start:end] = rid
    for start, end in structure:
        struct[start:end] = True
    for start, end, pid in passages:
        passage[start:end] = pid
    for start, end in changed:
        diff[start:end] = True
    pages = sorted(set(page_starts or [0]) | {0})
    boundaries = np.zeros(n + 1, dtype=bool)
    boundaries[0] = boundaries[n] = True
    for arr in (passage, reason, diff, struct):
        if n > 1:
            boundaries[1:n] |= arr[1:] != arr[:-1]
    for p in pages:
        if 0 < p < n:
            boundaries[p] = True
    cuts = np.flatnonzero(boundaries).tolist()
    page_at = {start: i + 1 for i, start in enumerate(pages)}
    return [Segment(text[s:e], int(passage[s]), bool(diff[s]), int(reason[s]), bool(struct[s]), page_at.get(s))
            for s, e in zip(cuts[:-1], cuts[1:], strict=True)]


def side_by_side(report: dict, text_a: str, text_b: str, pages_a=None, pages_b=None):
    """Segments for both sides plus the list of subtraction reasons (label, key)."""
    labels = sorted({s["reason"] for s in report["subtracted"]})
    rid = {label: i for i, label in enumerate(labels)}
    changed_a, changed_b = [], []
    for p in report["passages"]:
        ra, rb = changed_ranges(text_a[p["a_start"]:p["a_end"]], text_b[p["b_start"]:p["b_end"]])
        changed_a += [(p["a_start"] + s, p["a_start"] + e) for s, e in ra]
        changed_b += [(p["b_start"] + s, p["b_start"] + e) for s, e in rb]

    def side(key: str, text: str, changed, pages):
        return segments(
            text,
            [(p[f"{key}_start"], p[f"{key}_end"], i) for i, p in enumerate(report["passages"])],
            changed,
            [(s["start"], s["end"], rid[s["reason"]]) for s in report["subtracted"] if s["side"] == key],
            [(p[f"{key}_start"], p[f"{key}_end"]) for p in report["structure"]],
            pages,
        )

    reasons = [(label, reason_key(label)) for label in labels]
    return side("a", text_a, changed_a, pages_a), side("b", text_b, changed_b, pages_b), reasons
