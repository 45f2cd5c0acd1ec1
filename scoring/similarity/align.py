"""Align shared passages between two prepared documents.

Seeds are fingerprints the two documents share (hashes occurring more than
``max_occurrences`` times in either document are skipped: repeated lines say nothing
about copying and would multiply the pairs). Each seed is verified and extended exactly,
character by character, to the left and right on its diagonal, stopping at the first
difference or at a subtracted (masked) position, so every passage is an exact match of
normalised text. A run is kept when it is at least ``min_chars`` long and backed by at
least ``min_fingerprints`` seeds on its diagonal within ``chain_gap`` characters (a chain
of evidence rather than one lucky fingerprint). Ends are snapped inwards to boundaries of
original characters (a folded synonym or digit run is one unit), so both original slices
normalise to the same text.
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
        uniq, inverse, counts = np.unique(h, return_inverse=True, return_counts=True)
        bad = np.concatenate(([0], np.cumsum(~ok)))
        clean = (bad[pos + doc.k] - bad[pos]) == 0
        keep = clean & (counts[inverse] <= p.max_occurrences)
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


def _run_length(ca, cb, ok_a, ok_b, i: int, j: int, step: int) -> int:
    """Number of equal, unmasked characters from (i, j) moving by ``step`` (+1 or -1)."""
    length, chunk = 0, 32
    na, nb = ca.shape[0], cb.shape[0]
    while True:
        if step > 0:
            m = min(chunk, na - i - length, nb - j - length)
            if m <= 0:
                return length
            sa, sb = slice(i + length, i + length + m), slice(j + length, j + length + m)
        else:
            m = min(chunk, i - length + 1, j - length + 1)
            if m <= 0:
                return length
            sa = slice(i - length - m + 1, i - length + 1)
            sb = slice(j - length - m + 1, j - length + 1)
        good = (ca[sa] == cb[sb]) & ok_a[sa] & ok_b[sb]
        if step < 0:
            good = good[::-1]
        if not good.all():
            return length + int(np.argmin(good))
        length += m
        chunk *= 4


def _unit_starts(doc: Document) -> np.ndarray:
    """boundary[i]: a passage may start (or end) at normalised index i; length n + 1."""
    starts = doc.norm.starts
    n = starts.shape[0]
    boundary = np.ones(n + 1, dtype=bool)
    if n > 1:
        boundary[1:n] = starts[1:] != starts[:-1]
    return boundary


def align(a: Document, b: Document, ok_a: np.ndarray, ok_b: np.ndarray, p: Params) -> list[Run]:
    """Exact shared runs between ``a`` and ``b``; ``ok_*`` is False at subtracted positions."""
    seeds_a, seeds_b = _shared_seeds(a, b, ok_a, ok_b, p)
    if seeds_a.shape[0] == 0:
        return []
    diag = seeds_b - seeds_a
    key = (diag + _DIAG_OFFSET) * _POS_RANGE + seeds_a
    order = np.argsort(key, kind="stable")
    key, seeds_a, seeds_b, diag = key[order], seeds_a[order], seeds_b[order], diag[order]
    ca, cb, k = a.norm.codes, b.norm.codes, a.k
    bound_a, bound_b = _unit_starts(a), _unit_starts(b)
    runs: list[Run] = []
    cur_d, cur_end = None, -1
    for i, j, d in zip(seeds_a.tolist(), seeds_b.tolist(), diag.tolist(), strict=True):
        if d == cur_d and i + k <= cur_end:
            continue
        if not np.array_equal(ca[i : i + k], cb[j : j + k]):
            continue  # 64-bit hash collision
        left = _run_length(ca, cb, ok_a, ok_b, i - 1, j - 1, -1) if i and j else 0
        right = _run_length(ca, cb, ok_a, ok_b, i + k, j + k, +1)
        s, e = i - left, i + k + right
        cur_d, cur_end = d, e
        while s < e and not (bound_a[s] and bound_b[s + d]):
            s += 1
        while e > s and not (bound_a[e] and bound_b[e + d]):
            e -= 1
        if e - s < p.min_chars:
            continue
        base = (d + _DIAG_OFFSET) * _POS_RANGE
        lo = np.searchsorted(key, base + max(s - p.chain_gap, 0), "left")
        hi = np.searchsorted(key, base + e + p.chain_gap - k, "right")
        if hi - lo < p.min_fingerprints:
            continue
        inside = int(np.searchsorted(key, base + e - k, "right") - np.searchsorted(key, base + s, "left"))
        runs.append(Run(s, e, s + d, e + d, inside))
    return runs
