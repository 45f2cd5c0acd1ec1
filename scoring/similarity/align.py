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

from scoring.similarity.bridge import bridge
from scoring.similarity.document import Document
from scoring.similarity.neighbours import near_pieces
from scoring.similarity.params import Params
from scoring.similarity.subtract import Subtraction

_DIAG_OFFSET = 1 << 30  # diagonals lie in (-2**30, 2**30)
_POS_RANGE = 1 << 32  # key = (diagonal + offset) * range + position, fits in int64
_EMPTY = np.zeros(0, dtype=np.int64)


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


def _seed_table(doc: Document, sub: Subtraction, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash, pos, entries with that hash) of the fingerprints usable as seeds, sorted by
    hash; cached on ``sub``.

    Usable: not repeated more than ``max_occurrences`` times in the document and with no
    subtracted character inside the k-gram. A tender compares each bid with every other
    one under the same subtraction, so this is computed once per bid, not once per pair.
    """
    name = f"_seeds_{p.max_occurrences}"
    cached = sub.__dict__.get(name)
    if cached is not None and cached[0] is doc:
        return cached[1:]
    order, ordered, head = doc.fp_sorted
    n = order.shape[0]
    starts = np.flatnonzero(head)
    runs = np.diff(np.append(starts, n))
    keep = np.repeat(runs <= p.max_occurrences, runs)  # sorted order; equal hashes are neighbours
    pos = doc.fp_pos[order].astype(np.int64)
    if n and sub.mask.any():
        bad = np.concatenate(([0], np.cumsum(sub.mask)))
        keep &= (bad[pos + doc.k] - bad[pos]) == 0
    # order among equal hashes is arbitrary: the seeds are sorted by (diagonal, position) later
    hashes, positions = ordered[keep], pos[keep]
    # per entry: how many entries share its hash (one sorted lookup then finds all of them)
    heads = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1]))) if hashes.shape[0] else _EMPTY
    runs = np.diff(np.append(heads, hashes.shape[0]))
    table = (hashes, positions, np.repeat(runs, runs))
    sub.__dict__[name] = (doc, *table)
    return table


def _shared_seeds(a: Document, b: Document, sub_a: Subtraction, sub_b: Subtraction, p: Params):
    """Pairs (pos in A, pos in B) of shared, unmasked, not over-repeated fingerprints."""
    ha, pa, _ = _seed_table(a, sub_a, p)
    hb, pb, count_b = _seed_table(b, sub_b, p)
    if ha.shape[0] == 0 or hb.shape[0] == 0:
        return _EMPTY, _EMPTY
    lo = np.minimum(np.searchsorted(hb, ha, "left"), hb.shape[0] - 1)
    hit = np.flatnonzero(hb[lo] == ha)
    if hit.shape[0] == 0:  # the common case in a tender: unrelated bids share no fingerprint
        return _EMPTY, _EMPTY
    lo = lo[hit]
    n = count_b[lo]
    total = int(n.sum())
    if total == hit.shape[0]:  # each shared hash once on B's side
        return pa[hit], pb[lo]
    seeds_a = np.repeat(pa[hit], n)
    within = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
    return seeds_a, pb[np.repeat(lo, n) + within]


def _guarded(doc: Document, sub: Subtraction, sentinel: int) -> np.ndarray:
    """Codes with subtracted positions and one position past either end set to ``sentinel``.

    With different sentinels on the two sides, a single equality test covers "same
    character", "not subtracted" and "inside the text" (indices are shifted by one and
    clipped, so anything beyond an end reads the sentinel). Cached on ``sub``.
    """
    name = f"_guarded_{sentinel}"
    cached = sub.__dict__.get(name)
    if cached is not None and cached[0] is doc:
        return cached[1]
    out = np.full(len(doc.norm) + 2, sentinel, dtype=np.int32)
    out[1:-1] = np.where(sub.mask, sentinel, doc.norm.codes)
    sub.__dict__[name] = (doc, out)
    return out


def _extend(xa, xb, i: np.ndarray, j: np.ndarray, step: int) -> np.ndarray:
    """For every start (i, j): how many equal, unmasked characters follow in direction ``step``.

    ``xa``/``xb`` come from :func:`_guarded`. ``step`` is +1, -1 or an array of those (one
    per start). Vectorised over all starts, in chunks of growing width; only unfinished
    starts go on.
    """
    length = np.zeros(i.shape[0], dtype=np.int64)
    active = np.arange(i.shape[0])
    i, j = i + 1, j + 1
    per_row = np.ndim(step) > 0
    width = 16
    while active.shape[0]:
        st = step[active, None] if per_row else step
        offs = np.arange(width) * st
        walked = length[active, None] * st + offs
        ia = i[active, None] + walked
        jb = j[active, None] + walked
        good = np.take(xa, ia, mode="clip") == np.take(xb, jb, mode="clip")
        done = ~good.all(axis=1)
        first_bad = np.argmin(good, axis=1)
        length[active[done]] += first_bad[done]
        length[active[~done]] += width
        active = active[~done]
        width = min(width * 4, 1 << 16)
    return length


def _unit_starts(doc: Document) -> np.ndarray:
    """boundary[i]: a passage may start (or end) at normalised index i; length n + 1; cached."""
    cached = doc.__dict__.get("_unit_starts")
    if cached is not None:
        return cached
    starts = doc.norm.starts
    n = starts.shape[0]
    boundary = np.ones(n + 1, dtype=bool)
    if n > 1:
        boundary[1:n] = starts[1:] != starts[:-1]
    doc.__dict__["_unit_starts"] = boundary
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


def align_arrays(a: Document, b: Document, sub_a: Subtraction, sub_b: Subtraction, p: Params):
    """Shared runs as arrays (a_start, a_end, b_start, b_end, fingerprints inside).

    Exact runs are sorted by diagonal, then start (bridged groups by their first run);
    gap-fill pieces (``fill_min_chars``) come last.
    """
    seeds_a, seeds_b = _shared_seeds(a, b, sub_a, sub_b, p)
    if seeds_a.shape[0] == 0:
        return _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY
    ca, cb, k = a.norm.codes, b.norm.codes, a.k
    ok_a, ok_b = ~sub_a.mask, ~sub_b.mask
    # verify every seed k-gram (64-bit hash collisions are possible in principle)
    span = np.arange(k)
    equal = (ca[seeds_a[:, None] + span] == cb[seeds_b[:, None] + span]).all(axis=1)
    if not equal.all():
        seeds_a, seeds_b = seeds_a[equal], seeds_b[equal]
        if seeds_a.shape[0] == 0:
            return _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY
    diag = seeds_b - seeds_a
    key = (diag + _DIAG_OFFSET) * _POS_RANGE + seeds_a
    order = np.argsort(key)  # keys are distinct
    key, sa, sb, diag = key[order], seeds_a[order], seeds_b[order], diag[order]
    link = _linked(ca, cb, ok_a, ok_b, sa, sb, diag[1:] == diag[:-1], k, 4 * k)
    first = np.flatnonzero(np.concatenate(([True], ~link)))
    last = np.concatenate((first[1:] - 1, [sa.shape[0] - 1]))
    xa, xb = _guarded(a, sub_a, -1), _guarded(b, sub_b, -2)
    left = _extend(xa, xb, sa[first] - 1, sb[first] - 1, -1)
    right = _extend(xa, xb, sa[last] + k, sb[last] + k, +1)
    d = diag[first]
    s = sa[first] - left
    e = sa[last] + k + right
    # chains far apart on one diagonal may extend to the same maximal run; runs come out
    # sorted by (diagonal, start), so duplicates are neighbours
    if d.shape[0] > 1:
        new = np.concatenate(([True], (d[1:] != d[:-1]) | (s[1:] != s[:-1])))
        if not new.all():
            d, s, e = d[new], s[new], e[new]
    label = None
    if p.bridge_gap:
        d, s, e, label = bridge(xa, xb, d, s, e, _extend, p)
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
    if label is None:
        bs, be = s + d, e + d
    else:  # one passage per group of bridged runs, from its first to its last character
        order = np.argsort(label, kind="stable")
        heads = np.flatnonzero(np.concatenate(([True], label[order][1:] != label[order][:-1])))
        inside_sum = np.add.reduceat(inside[order], heads)
        evidence = np.maximum(np.maximum.reduceat(evidence[order], heads), inside_sum)
        s_o, e_o, d_o = s[order], e[order], d[order]
        s, e = np.minimum.reduceat(s_o, heads), np.maximum.reduceat(e_o, heads)
        bs, be = np.minimum.reduceat(s_o + d_o, heads), np.maximum.reduceat(e_o + d_o, heads)
        inside = inside_sum
    keep = (e - s >= p.min_chars) & (evidence >= p.min_fingerprints)
    s, e, bs, be, inside = s[keep], e[keep], bs[keep], be[keep], inside[keep]
    if p.fill_min_chars and s.shape[0] > 1:
        fs, fe, fd = _fill_gaps(s, e, bs, be, ca, cb, ok_a, ok_b, bound_a, bound_b, p)
        if fs.shape[0]:
            s, e = np.concatenate((s, fs)), np.concatenate((e, fe))
            bs, be = np.concatenate((bs, fs + fd)), np.concatenate((be, fe + fd))
            inside = np.concatenate((inside, np.zeros(fs.shape[0], dtype=np.int64)))
    if p.near_gap and s.shape[0]:
        ns, ne, nd = near_pieces(xa, xb, sub_a, sub_b, s, e, bs, be, bound_a, bound_b, _extend, p)
        if ns.shape[0]:
            s, e = np.concatenate((s, ns)), np.concatenate((e, ne))
            bs, be = np.concatenate((bs, ns + nd)), np.concatenate((be, ne + nd))
            inside = np.concatenate((inside, np.zeros(ns.shape[0], dtype=np.int64)))
    return s, e, bs, be, inside


def align(a: Document, b: Document, sub_a: Subtraction, sub_b: Subtraction, p: Params) -> list[Run]:
    """Shared runs between ``a`` and ``b`` outside the subtracted text."""
    s, e, bs, be, n = align_arrays(a, b, sub_a, sub_b, p)
    columns = (c.tolist() for c in (s, e, bs, be, n))
    return [Run(*row) for row in zip(*columns, strict=True)]


def _fill_gaps(s, e, bs, be, ca, cb, ok_a, ok_b, bound_a, bound_b, p: Params):
    """Short exact runs between two kept passages on (nearly) the same diagonal.

    A spun copy swaps a word every few words; swaps the synonym table does not fold cut
    the copy into pieces, some shorter than ``min_chars``. Between two confirmed passages
    at most ``chain_gap`` characters apart whose diagonals differ by a few characters,
    exact pieces of at least ``fill_min_chars`` are reported too: the neighbours are the
    evidence. Every piece is still an exact match of normalised text.
    """
    order = np.lexsort((bs, s))
    s, e, bs, be = s[order], e[order], bs[order], be[order]
    d_end, d_start = be - e, bs - s  # diagonals at either end (they differ in a bridged passage)
    gap_start, gap_end = e[:-1], s[1:]
    near = (gap_end - gap_start > 0) & (gap_end - gap_start <= p.chain_gap)
    near &= np.abs(d_end[:-1] - d_start[1:]) <= 3
    found: list[tuple[int, int, int]] = []
    nb = cb.shape[0]
    for t in np.flatnonzero(near).tolist():
        g0, g1 = int(gap_start[t]), int(gap_end[t])
        for dd in sorted({int(d_end[t]), int(d_start[t + 1])}):
            lo, hi = max(g0, -dd, 0), min(g1, nb - dd)
            if hi - lo < p.fill_min_chars:
                continue
            ia = np.arange(lo, hi)
            good = (ca[ia] == cb[ia + dd]) & ok_a[ia] & ok_b[ia + dd]
            padded = np.concatenate(([False], good, [False])).astype(np.int8)
            edges = np.flatnonzero(np.diff(padded))
            for x, y in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
                x, y = lo + x, lo + y
                while x < y and not (bound_a[x] and bound_b[x + dd]):
                    x += 1
                while y > x and not (bound_a[y] and bound_b[y + dd]):
                    y -= 1
                if y - x >= p.fill_min_chars:
                    found.append((x, y, dd))
    if not found:
        return _EMPTY, _EMPTY, _EMPTY
    out = np.array(found, dtype=np.int64)
    return out[:, 0], out[:, 1], out[:, 2]
