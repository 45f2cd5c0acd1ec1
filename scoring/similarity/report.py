"""Pair report: containment both ways, passages, subtracted spans and the flag decision.

Containment of A in B is the share of A's distinct fingerprints that lie inside copied
(non-structure) passages shared with B, after subtraction. The denominator is *all* of
A's distinct fingerprints, not only the unsubtracted ones: a bid that is mostly tender
text plus one copied paragraph is not "100 % copied", and adding boilerplate can then
only lower a score, never raise it. ``score`` is the larger of the two containments
(a short bid copied wholesale into a long one is still a copy).

Default flag rule (:class:`FlagRule`, design note §7): flag when containment >= 0.15
either way, or >= 3,000 shared normalised characters, or one passage >= 500 characters.
Calibrated on the synthetic benchmark (benchmarks/RESULTS.md, 400 copy and 400 negative
pairs of 15k-character bids): edited, PDF-noised, spun and traditional-script copies
score >= 0.61, 10 % partial copies 0.10-0.13 (caught by the passage rule), every
negative class <= 0.022, so the thresholds sit in a wide gap and were kept. Caveat: on
300-page bids, stock phrases alone can exceed 3,000 shared characters; there the
"common to >= 5 companies" subtraction is required (it brought unrelated pairs to 0 and
kept the planted copy flagged). Shared identifiers are reported by
:mod:`scoring.collusion` and combined by the caller.
"""

from dataclasses import dataclass

import numpy as np

from scoring.similarity.align import Run, align
from scoring.similarity.document import Document, prepare
from scoring.similarity.params import DEFAULT_PARAMS, Params
from scoring.similarity.subtract import Boilerplate, Subtraction, nothing_subtracted, subtract


@dataclass(frozen=True)
class FlagRule:
    """Thresholds of the default flag rule; any one suffices."""

    min_containment: float = 0.15
    min_shared_chars: int = 3000
    min_passage_chars: int = 500

    def flags(self, score: float, shared_chars: int, longest: int) -> bool:
        return (
            score >= self.min_containment
            or shared_chars >= self.min_shared_chars
            or longest >= self.min_passage_chars
        )


DEFAULT_RULE = FlagRule()


@dataclass(frozen=True)
class Passage:
    """One shared passage: original offsets (end exclusive) and normalised offsets in A and B."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    norm_a_start: int
    norm_a_end: int
    norm_b_start: int
    norm_b_end: int
    fingerprints: int
    kind: str  # "copy" or "structure" (only headings / table-of-contents lines)

    @property
    def length(self) -> int:
        """Length in normalised characters."""
        return self.norm_a_end - self.norm_a_start


@dataclass(frozen=True)
class SubtractedSpan:  # field order matches Subtraction.spans() after ``side``
    """A run of subtracted text on one side, with the reason shown to the committee."""

    side: str  # "a" or "b"
    start: int
    end: int
    norm_start: int
    norm_end: int
    reason: str


@dataclass(frozen=True)
class PairReport:
    containment_a: float
    containment_b: float
    score: float
    shared_chars: int
    longest_passage: int
    passages: tuple[Passage, ...]
    structure: tuple[Passage, ...]
    subtracted: tuple[SubtractedSpan, ...]
    flagged: bool


def _to_passage(run: Run, a: Document, b: Document, kind: str) -> Passage:
    a0, a1 = a.norm.original_span(run.a_start, run.a_end)
    b0, b1 = b.norm.original_span(run.b_start, run.b_end)
    return Passage(a0, a1, b0, b1, run.a_start, run.a_end, run.b_start, run.b_end, run.fingerprints, kind)


def _coverage(n: int, spans: list[tuple[int, int]]) -> np.ndarray:
    delta = np.zeros(n + 1, dtype=np.int64)
    for s, e in spans:
        delta[s] += 1
        delta[e] -= 1
    return np.cumsum(delta[:n]) > 0


def _containment(doc: Document, covered: np.ndarray) -> float:
    total = doc.distinct_fingerprints
    if total == 0:
        return 0.0
    inside_prefix = np.concatenate(([0], np.cumsum(~covered)))
    pos = doc.fp_pos.astype(np.int64)
    inside = (inside_prefix[pos + doc.k] - inside_prefix[pos]) == 0
    if not inside.any():
        return 0.0
    return np.unique(doc.fp_hash[inside]).shape[0] / total


def _spans(side: str, doc: Document, sub: Subtraction) -> list[SubtractedSpan]:
    return [SubtractedSpan(side, *span) for span in sub.spans(doc)]


def compare(
    a: Document,
    b: Document,
    sub_a: Subtraction | None = None,
    sub_b: Subtraction | None = None,
    params: Params = DEFAULT_PARAMS,
    rule: FlagRule = DEFAULT_RULE,
) -> PairReport:
    """Compare two prepared documents (no re-normalisation); subtractions default to none."""
    if (a.k, a.w, a.fold_synonyms) != (b.k, b.w, b.fold_synonyms):
        raise ValueError("documents were prepared with different parameters")
    sub_a = sub_a or nothing_subtracted(a)
    sub_b = sub_b or nothing_subtracted(b)
    runs = align(a, b, ~sub_a.mask, ~sub_b.mask, params)
    copies, structure = [], []
    for run in runs:
        is_structure = bool(a.structure[run.a_start : run.a_end].all()) or bool(
            b.structure[run.b_start : run.b_end].all()
        )
        (structure if is_structure else copies).append(
            _to_passage(run, a, b, "structure" if is_structure else "copy")
        )
    cov_a = _coverage(len(a.norm), [(p.norm_a_start, p.norm_a_end) for p in copies])
    cov_b = _coverage(len(b.norm), [(p.norm_b_start, p.norm_b_end) for p in copies])
    c_a, c_b = _containment(a, cov_a), _containment(b, cov_b)
    score = max(c_a, c_b)
    shared = int(min(cov_a.sum(), cov_b.sum()))
    longest = max((p.length for p in copies), default=0)
    copies.sort(key=lambda p: (p.a_start, p.b_start))
    return PairReport(
        containment_a=c_a,
        containment_b=c_b,
        score=score,
        shared_chars=shared,
        longest_passage=longest,
        passages=tuple(copies),
        structure=tuple(structure),
        subtracted=tuple(_spans("a", a, sub_a) + _spans("b", b, sub_b)),
        flagged=rule.flags(score, shared, longest),
    )


def compare_texts(
    text_a: str,
    text_b: str,
    boilerplate: list[tuple[str, str, str]] | None = None,
    params: Params = DEFAULT_PARAMS,
    rule: FlagRule = DEFAULT_RULE,
) -> PairReport:
    """One-off comparison of two texts; ``boilerplate`` items are (name, kind, text)."""
    a, b = prepare(text_a, params), prepare(text_b, params)
    bp = Boilerplate.from_texts(boilerplate or [], params)
    return compare(a, b, subtract(a, bp), subtract(b, bp), params, rule)
