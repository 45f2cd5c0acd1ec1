"""Pair report: containment both ways, passages, subtracted spans and the flag decision.

Containment of A in B is the share of A's distinct fingerprints that lie inside copied
(non-structure) passages shared with B, after subtraction. The denominator is *all* of
A's distinct fingerprints, not only the unsubtracted ones: a bid that is mostly tender
text plus one copied paragraph is not "100 % copied", and adding boilerplate can then
only lower a score, never raise it. ``score`` is the larger of the two containments
(a short bid copied wholesale into a long one is still a copy).

Default flag rule (:class:`FlagRule`, design note §7): flag when containment >= 0.15
either way, or >= 3,000 shared normalised characters, or one passage >= 500 characters,
or (issue 11, short bids) one passage >= 120 with >= 300 characters in passages of >= 60.
Identical headings are a separate structure finding (``structure_chars``,
``structure_flagged``), never part of the score. This is the rule the application uses;
benchmarks/RESULTS.md has its figures on two independent generators.
Calibrated on the synthetic benchmark (benchmarks/RESULTS.md, 400 copy and 400 negative
pairs of 15k-character bids): edited, PDF-noised, spun and traditional-script copies
score >= 0.61, 10 % partial copies 0.10-0.13 (caught by the passage rule), every
negative class <= 0.022, so the thresholds sit in a wide gap and were kept. Caveat: on
300-page bids, stock phrases alone can exceed 3,000 shared characters; there the
"common to >= 5 companies" subtraction is required (it brought unrelated pairs to 0 and
kept the planted copy flagged). Shared identifiers are reported by
:mod:`scoring.collusion` and combined by the caller.
"""

from dataclasses import dataclass, fields

import numpy as np

from scoring.similarity.align import align_arrays
from scoring.similarity.document import Document, prepare
from scoring.similarity.neighbours import gram_keys
from scoring.similarity.params import DEFAULT_PARAMS, Params
from scoring.similarity.subtract import Boilerplate, Subtraction, SubtractionKind, nothing_subtracted, subtract


@dataclass(frozen=True)
class FlagRule:
    """Thresholds of the default flag rule; any one suffices.

    A few copied paragraphs inside a short bid make neither 15 % nor 3,000 characters and,
    edited, no 500-character passage: a passage of ``medium_passage_chars`` together with
    ``min_substantial_chars`` in passages of at least ``substantial_passage_chars`` each
    catches them (unrelated bids share runs of at most ~60 characters: stock phrases).
    ``min_structure_chars`` shared heading / table-of-contents characters make a
    structure finding (a sold template), flagged apart from copied prose.
    """

    min_containment: float = 0.15
    min_shared_chars: int = 3000
    min_passage_chars: int = 500
    medium_passage_chars: int = 120
    substantial_passage_chars: int = 60
    min_substantial_chars: int = 300
    min_structure_chars: int = 600

    def flags(self, score: float, shared_chars: int, longest: int, substantial: int = 0) -> bool:
        """``substantial``: characters in copy passages of >= ``substantial_passage_chars``."""
        return (
            score >= self.min_containment
            or shared_chars >= self.min_shared_chars
            or longest >= self.min_passage_chars
            or (longest >= self.medium_passage_chars and substantial >= self.min_substantial_chars)
        )

    def structure_flags(self, structure_chars: int) -> bool:
        return structure_chars >= self.min_structure_chars


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


_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))


@dataclass(frozen=True)
class SubtractedSpan:  # field order matches Subtraction.spans() after ``side``
    """A run of subtracted text on one side: the reason shown to the committee and its kind,
    which callers group by (never by parsing the label)."""

    side: str  # "a" or "b"
    start: int
    end: int
    norm_start: int
    norm_end: int
    reason: str
    kind: SubtractionKind


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
    structure_chars: int = 0  # shared heading / TOC characters (normalised), not in the score
    structure_flagged: bool = False  # many identical headings: a structure finding of its own


def _union(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted, disjoint, non-touching [start, end) intervals covering the same characters."""
    keep = ends > starts
    s, e = starts[keep], ends[keep]
    if s.shape[0] == 0:
        return s, e
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    reach = np.maximum.accumulate(e)
    heads = np.flatnonzero(np.concatenate(([True], s[1:] > reach[:-1])))
    return s[heads], reach[np.append(heads[1:] - 1, s.shape[0] - 1)]


def _containment(doc: Document, starts: np.ndarray, ends: np.ndarray) -> float:
    """Share of the document's distinct fingerprints whose k-gram lies inside the union
    (``starts``/``ends`` from :func:`_union`: a k-gram is covered iff one interval holds it)."""
    total = doc.distinct_fingerprints
    if total == 0 or starts.shape[0] == 0:
        return 0.0
    pos = doc.fp_pos
    j = np.maximum(np.searchsorted(starts, pos, "right") - 1, 0)
    inside = (starts[j] <= pos) & (pos + doc.k <= ends[j])
    if not inside.any():
        return 0.0
    order, _, head = doc.fp_sorted
    seen = np.logical_or.reduceat(inside[order], np.flatnonzero(head))
    return int(np.count_nonzero(seen)) / total


def _only_structure(doc: Document, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Per span: every character lies on a heading / TOC line (cached prefix counts)."""
    prefix = doc.__dict__.get("_prose_prefix")
    if prefix is None:
        # no heading lines at all (e.g. a document prepared from normalised text): no prefix needed
        prefix = doc.__dict__["_prose_prefix"] = (
            np.concatenate(([0], np.cumsum(~doc.structure))) if doc.structure.any() else False
        )
    if prefix is False:
        return ends == starts
    return prefix[ends] - prefix[starts] == 0


def _unsubtracted(doc: Document) -> Subtraction:
    """The empty subtraction of ``doc``, cached so its seed table is built once."""
    sub = doc.__dict__.get("_unsubtracted")
    if sub is None:
        sub = doc.__dict__["_unsubtracted"] = nothing_subtracted(doc)
    return sub


def _spans(side: str, doc: Document, sub: Subtraction) -> list[SubtractedSpan]:
    return [SubtractedSpan(side, *span) for span in sub.spans(doc)]


def _passages(a: Document, b: Document, s, e, bs, be, n, kind: str) -> list[Passage]:
    columns = (
        a.norm.starts[s],
        a.norm.ends[e - 1],
        b.norm.starts[bs],
        b.norm.ends[be - 1],
        s,
        e,
        bs,
        be,
        n,
    )
    # frozen-dataclass __init__ sets each field through object.__setattr__; filling the
    # instance dict directly builds the same objects (equality, hash, repr) in half the time
    make, names, out = object.__new__, _PASSAGE_FIELDS, []
    for row in zip(*(c.tolist() for c in columns), strict=True):
        passage = make(Passage)
        passage.__dict__.update(zip(names, (*row, kind), strict=True))
        out.append(passage)
    return out


def compare(
    a: Document,
    b: Document,
    sub_a: Subtraction | None = None,
    sub_b: Subtraction | None = None,
    params: Params = DEFAULT_PARAMS,
    rule: FlagRule = DEFAULT_RULE,
) -> PairReport:
    """Compare two prepared documents (no re-normalisation); subtractions default to none.

    Pass the same :class:`Subtraction` objects for every pair of a tender: the seed table
    of each bid is then built once. Two bids sharing no usable fingerprint (most pairs of
    a tender) return after one sorted-array lookup.
    """
    if (a.k, a.w, a.fold_synonyms) != (b.k, b.w, b.fold_synonyms):
        raise ValueError("documents were prepared with different parameters")
    sub_a = sub_a or _unsubtracted(a)
    sub_b = sub_b or _unsubtracted(b)
    subtracted = tuple(_spans("a", a, sub_a) + _spans("b", b, sub_b))
    s, e, bs, be, n = align_arrays(a, b, sub_a, sub_b, params)
    if s.shape[0] == 0:
        chars = shared_structure(a, b, sub_a, sub_b, params.structure_gram)
        return PairReport(
            0.0, 0.0, 0.0, 0, 0, (), (), subtracted, rule.flags(0.0, 0, 0), chars, rule.structure_flags(chars)
        )
    s, e, bs, be, n, structure = split_structure(a, b, s, e, bs, be, n, params.piece_min_chars)
    copy = ~structure
    order = _in_reading_order(a, b, s, e, bs, be, np.flatnonzero(copy))
    copies = _passages(a, b, s[order], e[order], bs[order], be[order], n[order], "copy")
    st = _in_reading_order(a, b, s, e, bs, be, np.flatnonzero(structure))
    structure_passages = _passages(a, b, s[st], e[st], bs[st], be[st], n[st], "structure")
    cs, ce, cbs, cbe = s[copy], e[copy], bs[copy], be[copy]
    cov_a, cov_b = _union(cs, ce), _union(cbs, cbe)
    c_a, c_b = _containment(a, *cov_a), _containment(b, *cov_b)
    score = max(c_a, c_b)
    shared = int(min((cov_a[1] - cov_a[0]).sum(), (cov_b[1] - cov_b[0]).sum()))
    longest = int((ce - cs).max()) if cs.shape[0] else 0
    lengths = ce - cs
    substantial = int(lengths[lengths >= rule.substantial_passage_chars].sum())
    structure_chars = shared_structure(a, b, sub_a, sub_b, params.structure_gram)
    return PairReport(
        containment_a=c_a,
        containment_b=c_b,
        score=score,
        shared_chars=shared,
        longest_passage=longest,
        passages=tuple(copies),
        structure=tuple(structure_passages),
        subtracted=subtracted,
        flagged=rule.flags(score, shared, longest, substantial),
        structure_chars=structure_chars,
        structure_flagged=rule.structure_flags(structure_chars),
    )


def _structure_grams(doc: Document, sub: Subtraction, m: int) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct keys, start positions) of m-grams lying wholly on unsubtracted
    heading / TOC characters; cached on ``sub``."""
    name = f"_structure_grams_{m}"
    cached = sub.__dict__.get(name)
    if cached is not None and cached[0] is doc:
        return cached[1:]
    ok = doc.structure & ~sub.mask
    n = ok.shape[0] - m + 1
    if n <= 0 or not ok.any():
        out = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
    else:
        run = np.concatenate(([0], np.cumsum(ok)))
        pos = np.flatnonzero(run[m:] - run[:n] == m)
        keys = gram_keys(doc.norm.codes, m)[pos]
        out = (keys, pos)
    sub.__dict__[name] = (doc, *out)
    return out


def _covered(pos: np.ndarray, m: int) -> int:
    """Characters inside at least one of the m-grams starting at ``pos`` (sorted)."""
    if pos.shape[0] == 0:
        return 0
    ends = np.maximum.accumulate(pos + m)
    gaps = np.minimum(pos[1:] - ends[:-1], 0)  # overlap with the reach so far (<= 0)
    return int(m * pos.shape[0] + gaps.sum())


def shared_structure(a: Document, b: Document, sub_a: Subtraction, sub_b: Subtraction, m: int) -> int:
    """Heading / TOC characters the two documents share, counted apart from the prose.

    Headings of a sold template sit between different prose, one short line each, so they
    seldom make passages; here every run of ``m`` unsubtracted characters lying on heading
    or TOC lines in both documents counts, and the figure is the smaller of the two sides'
    covered characters. Generic headings ("第一章 服务方案") are short and few; a template's
    long list of specific headings adds up (:attr:`FlagRule.min_structure_chars`).
    """
    if not m:
        return 0
    ka, pa = _structure_grams(a, sub_a, m)
    kb, pb = _structure_grams(b, sub_b, m)
    if ka.shape[0] == 0 or kb.shape[0] == 0:
        return 0
    in_b, in_a = np.isin(ka, kb), np.isin(kb, ka)
    return min(_covered(pa[in_b], m), _covered(pb[in_a], m))


def _in_reading_order(a: Document, b: Document, s, e, bs, be, idx: np.ndarray) -> np.ndarray:
    """``idx`` sorted by original start in A, then in B, then by the normalised ends."""
    return idx[np.lexsort((be[idx], e[idx], b.norm.starts[bs[idx]], a.norm.starts[s[idx]]))]


def split_structure(a: Document, b: Document, s, e, bs, be, n, min_piece: int):
    """Cut exact runs where heading / TOC lines begin or end; flag each piece as structure.

    A character is structure when it lies on a heading or TOC line in A or in B. A run that
    mixes both (a copied heading and the paragraph under it; a table of contents and the
    end of the title line before it) becomes a structure piece and copy pieces, so neither
    the prose nor the headings are lost to the other; copy pieces shorter than
    ``min_piece`` characters are dropped (the tail of a line before a TOC). Bridged runs
    (different lengths on the two sides) are kept whole: structure if either side is only
    structure or at least half of A's side is. Pieces keep the fingerprint count of their run.
    """
    whole = _only_structure(a, s, e) | _only_structure(b, bs, be)
    exact = (e - s) == (be - bs)
    if not exact.all():
        pa = np.concatenate(([0], np.cumsum(a.structure)))
        whole |= ~exact & (2 * (pa[e] - pa[s]) >= e - s) & (e > s)
    mixed = exact & ~whole & _any_structure(a, b, s, e, bs)
    if not mixed.any():
        return s, e, bs, be, n, whole
    idx = np.flatnonzero(mixed)
    lengths = (e - s)[idx]
    owner = np.repeat(idx, lengths)
    offs = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    ia, jb = s[owner] + offs, bs[owner] + offs
    flag = a.structure[ia] | b.structure[jb]
    heads = np.flatnonzero(np.concatenate(([True], (owner[1:] != owner[:-1]) | (flag[1:] != flag[:-1]))))
    tails = np.append(heads[1:], owner.shape[0]) - 1
    ps, pe, pbs, pbe = ia[heads], ia[tails] + 1, jb[heads], jb[tails] + 1
    pst, pn = flag[heads], n[owner[heads]]
    keep = pst | (pe - ps >= min_piece)
    rest = np.flatnonzero(~mixed)
    return (
        np.concatenate((s[rest], ps[keep])),
        np.concatenate((e[rest], pe[keep])),
        np.concatenate((bs[rest], pbs[keep])),
        np.concatenate((be[rest], pbe[keep])),
        np.concatenate((n[rest], pn[keep])),
        np.concatenate((whole[rest], pst[keep])),
    )


def _any_structure(a: Document, b: Document, s, e, bs) -> np.ndarray:
    """Per exact run: some character lies on a heading / TOC line in A or B."""
    if not (a.structure.any() or b.structure.any()):
        return np.zeros(s.shape[0], dtype=bool)
    pa = np.concatenate(([0], np.cumsum(a.structure)))
    pb = np.concatenate(([0], np.cumsum(b.structure)))
    be = np.minimum(bs + (e - s), b.structure.shape[0])
    return (pa[e] - pa[s] > 0) | (pb[be] - pb[bs] > 0)


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
