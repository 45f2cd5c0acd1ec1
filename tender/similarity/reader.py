"""Turn a stored report into display segments for the side-by-side reader, part by part.

Each character of a text gets a state (which passage it belongs to, whether it
differs from the other side inside that passage, which subtraction reason greys
it, whether it is structure); runs of equal state become one segment. Page
boundaries split segments so the reader can print page numbers.
"""
from __future__ import annotations

import bisect
import difflib
import os
from dataclasses import dataclass

import numpy as np

from scoring.similarity import SubtractionKind

MAX_DIFF_CHARS = 4000  # difflib is quadratic; longer passages are shown without word marks


@dataclass(frozen=True)
class Segment:
    text: str
    passage: int  # -1 when not in a copied passage
    changed: bool
    reason: int  # index into the reasons list, -1 when not subtracted
    structure: bool
    page: int | None  # set on the first segment of each page


def span_kind(span: dict) -> SubtractionKind:
    """The kind of a stored subtracted span: the engine stores it beside the label."""
    kind = span.get("kind")
    return SubtractionKind(kind) if kind else legacy_kind(span["reason"])


def legacy_kind(label: str) -> SubtractionKind:
    """Reports stored before the engine kept the kind hold only the label: the one place a label
    is read for its kind, by the prefixes (and the suffix of the company count) those reports used."""
    for kind in (SubtractionKind.TENDER, SubtractionKind.LEGAL):
        if label.startswith(kind.label + "："):
            return kind
    if label.endswith("家公司共有"):
        return SubtractionKind.COMMON
    return SubtractionKind.OTHER


def changed_ranges(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where two matched passages differ in the original text (punctuation, script, spun words)."""
    if a == b or len(a) > MAX_DIFF_CHARS or len(b) > MAX_DIFF_CHARS:
        return [], []
    # difflib is quadratic: compare only what lies between the common head and tail
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
    ra, rb = [], []
    matcher = difflib.SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            if i2 > i1:
                ra.append((head + i1, head + i2))
            if j2 > j1:
                rb.append((head + j1, head + j2))
    return ra, rb


def segments(text: str, passages: list[tuple[int, int, int]], changed: list[tuple[int, int]],
             subtracted: list[tuple[int, int, int]], structure: list[tuple[int, int]],
             page_starts: list[int] | None = None, first_page: int | None = None) -> list[Segment]:
    """`passages` are (start, end, passage id); `subtracted` are (start, end, reason id).

    Without `first_page` offset 0 always starts page 1; with it, `page_starts` are the only
    page starts in `text` (a part may begin mid-page) and the first is numbered `first_page`."""
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
    if first_page is None:
        pages, first_page = sorted(set(page_starts or [0]) | {0}), 1
    else:
        pages = sorted(set(page_starts or []))
    boundaries = np.zeros(n + 1, dtype=bool)
    boundaries[0] = boundaries[n] = True
    for arr in (passage, reason, diff, struct):
        if n > 1:
            boundaries[1:n] |= arr[1:] != arr[:-1]
    for p in pages:
        if 0 < p < n:
            boundaries[p] = True
    cuts = np.flatnonzero(boundaries).tolist()
    page_at = {start: first_page + i for i, start in enumerate(pages)}
    return [Segment(text[s:e], int(passage[s]), bool(diff[s]), int(reason[s]), bool(struct[s]), page_at.get(s))
            for s, e in zip(cuts[:-1], cuts[1:], strict=True)]


def side_by_side(report: dict, text_a: str, text_b: str, pages_a=None, pages_b=None):
    """Segments for both whole documents plus the subtraction reasons (label, kind).

    The reader page no longer renders this (see `part_segments`); it stays as the reference the
    parts are tested against and as the benchmark's whole-page peer."""
    labelled = reasons(report)
    rid = {label: i for i, (label, _) in enumerate(labelled)}
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

    return side("a", text_a, changed_a, pages_a), side("b", text_b, changed_b, pages_b), labelled


# --- Loading in parts -------------------------------------------------------------------
# Two 300-page bids rendered whole made a 52 MB page. The reader now renders each side
# as parts of about PART_CHARS characters, cut at page starts (or at line breaks when a
# page or a one-page .docx is longer); the page carries the first part of each side and
# an index saying in which part every passage starts, and the browser fetches the rest.

PART_CHARS = 8000  # about six printed pages: one part renders in ~0.1 s, the first view stays well under 2 s


@dataclass(frozen=True)
class Part:
    index: int
    start: int
    end: int
    first_page: int  # 1-based page holding `start`
    last_page: int


def part_bounds(text: str, page_starts: list[int] | None, size: int = PART_CHARS) -> list[int]:
    """Start offsets of the parts, then len(text): whole pages while a page is shorter than
    `size`, otherwise cuts after a line break near `size` characters."""
    n = len(text)
    pages = sorted(set(page_starts or [0]))
    cuts, pos = [0], 0
    while n - pos > size:
        i = bisect.bisect_left(pages, pos + size)
        nxt = pages[i] if i < len(pages) else n
        if nxt - pos <= 2 * size:
            if nxt >= n:
                break
            cut = nxt
        else:
            line = text.find("\n", pos + size, pos + 2 * size)
            cut = line + 1 if line >= 0 else pos + size
            if n - cut < size // 4:  # no tiny tail part
                break
        cuts.append(cut)
        pos = cut
    return cuts + [n]


def parts(text: str, page_starts: list[int] | None) -> list[Part]:
    pages = sorted(set(page_starts or [0]) | {0})
    bounds = part_bounds(text, page_starts)
    return [Part(i, s, e, bisect.bisect_right(pages, s), bisect.bisect_right(pages, max(s, e - 1)))
            for i, (s, e) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))]


def reasons(report: dict) -> list[tuple[str, SubtractionKind]]:
    """Subtraction reasons (label, kind), numbered the same on every part."""
    return sorted({s["reason"]: span_kind(s) for s in report["subtracted"]}.items())


def kinds(labelled: list[tuple[str, SubtractionKind]]) -> list[SubtractionKind]:
    """The kinds present, one toggle each, in the order of the enum."""
    present = {kind for _, kind in labelled}
    return [kind for kind in SubtractionKind if kind in present]


def passage_parts(report: dict, parts_a: list[Part], parts_b: list[Part]) -> list[tuple[int, int]]:
    """For every passage id, the part on each side that holds its first span (what a jump must
    fetch). Later passages are painted over earlier ones, as in `segments`, so a passage whose
    start is covered by another one begins where it first shows."""
    found = []
    for key, side_parts in (("a", parts_a), ("b", parts_b)):
        owner = np.full(side_parts[-1].end if side_parts else 0, -1, dtype=np.int32)
        for i, p in enumerate(report["passages"]):
            owner[p[f"{key}_start"]:p[f"{key}_end"]] = i
        ids, first = np.unique(owner, return_index=True)
        shown = dict(zip(ids.tolist(), first.tolist(), strict=True))
        starts = [part.start for part in side_parts]
        found.append([bisect.bisect_right(starts, shown.get(i, p[f"{key}_start"])) - 1
                      for i, p in enumerate(report["passages"])])
    return list(zip(*found, strict=True))


def _clip(ranges, start: int, end: int):
    """Ranges (start, end, *rest) that overlap the window, clipped and shifted to it."""
    for s, e, *rest in ranges:
        if s < end and e > start:
            yield (max(s, start) - start, min(e, end) - start, *rest)


def part_segments(report: dict, side: str, text_a: str, text_b: str, part: Part,
                  page_starts: list[int] | None) -> list[Segment]:
    """Segments of one part of one side, with the passage ids, reason ids and page numbers of
    the whole document; changed words are computed only for passages that reach the part."""
    start, end = part.start, part.end
    labels = {label: i for i, (label, _) in enumerate(reasons(report))}
    passages, changed = [], []
    for i, p in enumerate(report["passages"]):
        s, e = p[f"{side}_start"], p[f"{side}_end"]
        if s >= end or e <= start:
            continue
        passages.append((s, e, i))
        ra, rb = changed_ranges(text_a[p["a_start"]:p["a_end"]], text_b[p["b_start"]:p["b_end"]])
        changed += [(s + cs, s + ce) for cs, ce in (ra if side == "a" else rb)]
    subtracted = [(s["start"], s["end"], labels[s["reason"]]) for s in report["subtracted"] if s["side"] == side]
    structure = [(p[f"{side}_start"], p[f"{side}_end"]) for p in report["structure"]]
    pages = sorted(set(page_starts or [0]) | {0})
    first = bisect.bisect_left(pages, start)
    local_pages = [p - start for p in pages[first:] if p < end]
    text = text_a if side == "a" else text_b
    return segments(text[start:end], list(_clip(passages, start, end)), list(_clip(changed, start, end)),
                    list(_clip(subtracted, start, end)), list(_clip(structure, start, end)),
                    local_pages, first_page=first + 1)
