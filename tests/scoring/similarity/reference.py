"""The aligner and pair report as first written (slow, obviously loop-shaped): the oracle
against which the vectorised fast paths of :mod:`scoring.similarity.align` and
:func:`scoring.similarity.compare` are property-tested. Not used by the library.
"""

from dataclasses import dataclass

import numpy as np

from scoring.similarity.document import Document
from scoring.similarity.params import Params

_DIAG_OFFSET = 1 << 30  # diagonals lie in (-2**30, 2**30)
_POS_RANGE = 1 << 32  # key = (diagonal + offset) * range + position, fits in int64


@dataclass(frozen=True)
class Run:
    """An exact shared run in normalised coordinates, [start, end) on both sides."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    fingerprints: int

    @property
    def length(self) -> int:
        return self.a_end - self.a_start


def _shared_seeds(a: Document, b: Document, ok_a: np.ndarray, ok_b: np.ndarray, p: Params):
    """Pairs (pos in A, pos in B) of shared, unmasked, not over-repeated fingerprints."""

    def usable(doc: Document, ok: np.ndarray):
        h, pos = doc.fp_hash, doc.fp_pos.astype(np.int64)
        if h.shape[0] == 0:
            return h, pos
        bad = np.concatenate(([0], np.cumsum(~ok)))
        clean = (bad[pos + doc.k] - bad[pos]) == 0
        keep = clean & (doc.fp_occurrences <= p.max_occurrences)
        return h[keep], pos[keep]

    ha, pa = usable(a, ok_a)
    hb, pb = usable(b, ok_b)
    if ha.shape[0] == 0 or hb.shape[0] == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.argsort(hb, kind="stable")
    hb, pb = hb[order], pb[order]
    lo = np.searchsorted(hb, ha, "left")
    hi = np.searchsorted(hb, ha, "right")
    n = hi - lo
    seeds_a = np.repeat(pa, n)
    first = np.repeat(lo, n)
    within = np.arange(seeds_a.shape[0]) - np.repeat(np.cumsum(n) - n, n)
    seeds_b = pb[first + within]
    return seeds_a, seeds_b


def _extend(ca, cb, ok_a, ok_b, i: np.ndarray, j: np.ndarray, step: int) -> np.ndarray:
    """For every start (i, j): how many equal, unmasked characters follow in direction ``step``.

    Vectorised over all starts, in chunks of growing width; only unfinished starts go on.
    """
    length = np.zeros(i.shape[0], dtype=np.int64)
    active = np.arange(i.shape[0])
    na, nb, width = ca.shape[0], cb.shape[0], 16
    while active.shape[0]:
        offs = np.arange(width) * step
        ia = i[active, None] + length[active, None] * step + offs
        jb = j[active, None] + length[active, None] * step + offs
        inside = (ia >= 0) & (ia < na) & (jb >= 0) & (jb < nb)
        ia_c, jb_c = np.clip(ia, 0, na - 1), np.clip(jb, 0, nb - 1)
        good = inside & (ca[ia_c] == cb[jb_c]) & ok_a[ia_c] & ok_b[jb_c]
        done = ~good.all(axis=1)
        first_bad = np.argmin(good, axis=1)
        length[active[done]] += first_bad[done]
        length[active[~done]] += width
        active = active[~done]
        width = min(width * 4, 1 << 16)
    return length


def _unit_starts(doc: Document) -> np.ndarray:
    """boundary[i]: a passage may start (or end) at normalised index i; length n + 1."""
    starts = doc.norm.starts
    n = starts.shape[0]
    boundary = np.ones(n + 1, dtype=bool)
    if n > 1:
        boundary[1:n] = starts[1:] != starts[:-1]
    return boundary


def _linked(ca, cb, ok_a, ok_b, sa, sb, same_diag, k: int, max_gap: int) -> np.ndarray:
    """link[t]: seeds t and t + 1 lie on one diagonal and everything between them matches."""
    gap = sa[1:] - sa[:-1]
    cand = same_diag & (gap <= max_gap)
    idx = np.flatnonzero(cand)
    link = np.zeros(sa.shape[0] - 1, dtype=bool)
    if idx.shape[0] == 0:
        return link
    # characters strictly between the end of seed t's k-gram and the start of seed t + 1
    between = np.maximum(gap[idx] - k, 0)
    total = int(between.sum())
    owner = np.repeat(np.arange(idx.shape[0]), between)
    within = np.arange(total) - np.repeat(np.cumsum(between) - between, between)
    ia = sa[idx][owner] + k + within
    jb = sb[idx][owner] + k + within
    bad = ~((ca[ia] == cb[jb]) & ok_a[ia] & ok_b[jb])
    bad_count = np.bincount(owner, weights=bad, minlength=idx.shape[0])
    link[idx] = bad_count == 0
    return link


def align(a: Document, b: Document, ok_a: np.ndarray, ok_b: np.ndarray, p: Params) -> list[Run]:
    """Exact shared runs between ``a`` and ``b``; ``ok_*`` is False at subtracted positions."""
    seeds_a, seeds_b = _shared_seeds(a, b, ok_a, ok_b, p)
    if seeds_a.shape[0] == 0:
        return []
    ca, cb, k = a.norm.codes, b.norm.codes, a.k
    # verify every seed k-gram (64-bit hash collisions are possible in principle)
    span = np.arange(k)
    equal = (ca[seeds_a[:, None] + span] == cb[seeds_b[:, None] + span]).all(axis=1)
    seeds_a, seeds_b = seeds_a[equal], seeds_b[equal]
    if seeds_a.shape[0] == 0:
        return []
    diag = seeds_b - seeds_a
    key = (diag + _DIAG_OFFSET) * _POS_RANGE + seeds_a
    order = np.argsort(key, kind="stable")
    key, sa, sb, diag = key[order], seeds_a[order], seeds_b[order], diag[order]
    link = _linked(ca, cb, ok_a, ok_b, sa, sb, diag[1:] == diag[:-1], k, 4 * k)
    first = np.flatnonzero(np.concatenate(([True], ~link)))
    last = np.concatenate((first[1:] - 1, [sa.shape[0] - 1]))
    left = _extend(ca, cb, ok_a, ok_b, sa[first] - 1, sb[first] - 1, -1)
    right = _extend(ca, cb, ok_a, ok_b, sa[last] + k, sb[last] + k, +1)
    d = diag[first]
    s = sa[first] - left
    e = sa[last] + k + right
    runs = np.unique(np.stack([d, s, e], axis=1), axis=0)  # seeds far apart may find one run twice
    d, s, e = runs[:, 0], runs[:, 1], runs[:, 2]
    bound_a, bound_b = _unit_starts(a), _unit_starts(b)
    for _ in range(64):  # snap inwards to original-character boundaries on both sides
        move_s = (s < e) & ~(bound_a[s] & bound_b[s + d])
        move_e = (e > s) & ~(bound_a[e] & bound_b[e + d])
        if not (move_s.any() or move_e.any()):
            break
        s, e = s + move_s, e - move_e
    base = (d + _DIAG_OFFSET) * _POS_RANGE
    evidence = np.searchsorted(key, base + e + p.chain_gap - k, "right") - np.searchsorted(
        key, base + np.maximum(s - p.chain_gap, 0), "left"
    )
    inside = np.searchsorted(key, base + e - k, "right") - np.searchsorted(key, base + s, "left")
    keep = (e - s >= p.min_chars) & (evidence >= p.min_fingerprints)
    runs = [
        Run(int(x), int(y), int(x + dd), int(y + dd), int(n))
        for x, y, dd, n in zip(s[keep], e[keep], d[keep], inside[keep], strict=True)
    ]
    if p.fill_min_chars:
        runs += _fill_gaps(runs, ca, cb, ok_a, ok_b, bound_a, bound_b, p)
    return runs


def _fill_gaps(runs, ca, cb, ok_a, ok_b, bound_a, bound_b, p: Params) -> list[Run]:
    """Short exact runs between two kept passages on (nearly) the same diagonal.

    A spun copy swaps a word every few words; swaps the synonym table does not fold cut
    the copy into pieces, some shorter than ``min_chars``. Between two confirmed passages
    at most ``chain_gap`` characters apart whose diagonals differ by a few characters,
    exact pieces of at least ``fill_min_chars`` are reported too: the neighbours are the
    evidence. Every piece is still an exact match of normalised text.
    """
    ordered = sorted(runs, key=lambda r: (r.a_start, r.b_start))
    found: list[Run] = []
    for left, right in zip(ordered, ordered[1:], strict=False):
        gap_start, gap_end = left.a_end, right.a_start
        d_left, d_right = left.b_start - left.a_start, right.b_start - right.a_start
        if not (0 < gap_end - gap_start <= p.chain_gap and abs(d_left - d_right) <= 3):
            continue
        for d in sorted({d_left, d_right}):
            lo, hi = max(gap_start, -d, 0), min(gap_end, cb.shape[0] - d)
            if hi - lo < p.fill_min_chars:
                continue
            ia = np.arange(lo, hi)
            good = (ca[ia] == cb[ia + d]) & ok_a[ia] & ok_b[ia + d]
            padded = np.concatenate(([False], good, [False])).astype(np.int8)
            edges = np.flatnonzero(np.diff(padded))
            for x, y in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
                x, y = lo + x, lo + y
                while x < y and not (bound_a[x] and bound_b[x + d]):
                    x += 1
                while y > x and not (bound_a[y] and bound_b[y + d]):
                    y -= 1
                if y - x >= p.fill_min_chars:
                    found.append(Run(x, y, x + d, y + d, 0))
    return found


def _coverage(n: int, spans: list[tuple[int, int]]) -> np.ndarray:
    delta = np.zeros(n + 1, dtype=np.int64)
    for s, e in spans:
        delta[s] += 1
        delta[e] -= 1
    return np.cumsum(delta[:n]) > 0


def _containment(doc: Document, covered: np.ndarray) -> float:
    total = int(np.unique(doc.fp_hash).shape[0])
    if total == 0:
        return 0.0
    inside_prefix = np.concatenate(([0], np.cumsum(~covered)))
    pos = doc.fp_pos.astype(np.int64)
    inside = (inside_prefix[pos + doc.k] - inside_prefix[pos]) == 0
    if not inside.any():
        return 0.0
    return np.unique(doc.fp_hash[inside]).shape[0] / total


def reference_compare(a, b, sub_a=None, sub_b=None, params=None, rule=None):
    from scoring.similarity.params import DEFAULT_PARAMS
    from scoring.similarity.report import DEFAULT_RULE, PairReport, Passage, SubtractedSpan
    from scoring.similarity.subtract import nothing_subtracted

    params, rule = params or DEFAULT_PARAMS, rule or DEFAULT_RULE
    sub_a = sub_a or nothing_subtracted(a)
    sub_b = sub_b or nothing_subtracted(b)
    runs = align(a, b, ~sub_a.mask, ~sub_b.mask, params)
    copies, structure = [], []
    for run in runs:
        is_structure = bool(a.structure[run.a_start : run.a_end].all()) or bool(
            b.structure[run.b_start : run.b_end].all()
        )
        kind = "structure" if is_structure else "copy"
        a0, a1 = a.norm.original_span(run.a_start, run.a_end)
        b0, b1 = b.norm.original_span(run.b_start, run.b_end)
        passage = Passage(a0, a1, b0, b1, run.a_start, run.a_end, run.b_start, run.b_end, run.fingerprints, kind)
        (structure if is_structure else copies).append(passage)
    cov_a = _coverage(len(a.norm), [(p.norm_a_start, p.norm_a_end) for p in copies])
    cov_b = _coverage(len(b.norm), [(p.norm_b_start, p.norm_b_end) for p in copies])
    c_a, c_b = _containment(a, cov_a), _containment(b, cov_b)
    score = max(c_a, c_b)
    shared = int(min(cov_a.sum(), cov_b.sum()))
    longest = max((p.length for p in copies), default=0)
    copies.sort(key=lambda p: (p.a_start, p.b_start))
    spans = [SubtractedSpan("a", *s) for s in sub_a.spans(a)] + [SubtractedSpan("b", *s) for s in sub_b.spans(b)]
    return PairReport(
        c_a,
        c_b,
        score,
        shared,
        longest,
        tuple(copies),
        tuple(structure),
        tuple(spans),
        rule.flags(score, shared, longest),
    )


def reference_bridge(xa, xb, d, s, e, p: Params):
    """Bridging as first written: per round and direction, a Python loop over the runs found
    and a dict of known (diagonal, start) keys. ``xa``/``xb`` are guarded codes (align._guarded)."""

    def extend(i: int, j: int, step: int) -> int:
        n = 0
        while True:
            ia, jb = i + 1 + n * step, j + 1 + n * step
            ia = min(max(ia, 0), xa.shape[0] - 1)
            jb = min(max(jb, 0), xb.shape[0] - 1)
            if xa[ia] != xb[jb]:
                return n
            n += 1

    def equal_window(i0: int, j0: int, m: int) -> bool:
        for t in range(1, m + 1):
            ia, jb = min(max(i0 + t, 0), xa.shape[0] - 1), min(max(j0 + t, 0), xb.shape[0] - 1)
            if xa[ia] != xb[jb]:
                return False
        return True

    pairs = [
        (ga, gb)
        for ga in range(p.bridge_gap + 1)
        for gb in range(p.bridge_gap + 1)
        if (ga or gb) and abs(ga - gb) <= p.bridge_skew
    ]
    pairs.sort(key=lambda g: (g[0] + g[1], abs(g[0] - g[1]), g[0]))
    m = p.bridge_min_chars
    d, s, e = list(d), list(s), list(e)
    known = {(dd, ss): i for i, (dd, ss) in enumerate(zip(d, s, strict=True))}
    links: list[tuple[int, int]] = []
    right = left = list(range(len(d)))
    for _ in range(p.bridge_rounds):
        new_right: list[int] = []
        new_left: list[int] = []
        for frontier, step, out in ((right, 1, new_right), (left, -1, new_left)):
            for r in frontier:
                for ga, gb in pairs:
                    if step > 0:
                        ia, jb = e[r] + ga, e[r] + d[r] + gb
                    else:
                        ia, jb = s[r] - ga - m, s[r] + d[r] - gb - m
                    if equal_window(ia, jb, m):
                        break
                else:
                    continue
                key = (jb - ia, ia - extend(ia - 1, jb - 1, -1))
                idx = known.get(key)
                if idx is None:
                    idx = known[key] = len(d)
                    d.append(key[0])
                    s.append(key[1])
                    e.append(ia + m + extend(ia + m, jb + m, 1))
                    out.append(idx)
                links.append((r, idx))
        right, left = new_right, new_left
    parent = list(range(len(d)))

    def root(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for u, v in links:
        ru, rv = root(u), root(v)
        parent[max(ru, rv)] = min(ru, rv)
    return d, s, e, [root(x) for x in range(len(d))]
