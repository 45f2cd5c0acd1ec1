"""Short copied pieces next to confirmed passages (sentence-level edits).

A copy edited sentence by sentence (some sentences deleted, some rewritten, foreign ones
inserted) leaves copied sentences of 10-30 characters standing alone between two edits.
Such a run is shorter than ``min_chars`` and may hold no winnowed fingerprint at all, so
the seeded aligner drops it, although it sits right beside copied text: about one copied
character in six was lost on clause-length sentences with 30 % edits.

From each end of every kept passage this step looks ``near_gap`` characters further on in
*both* documents (leftwards from its start, rightwards from its end) for the nearest
exact run of at least ``near_min_chars`` equal, unsubtracted characters (nearest: fewest
characters skipped on both sides together, then the most balanced), extends it exactly,
and reports it as a passage if it overlaps no passage found so far. New pieces are
anchors in turn (``near_rounds`` rounds), so a chain of short sentences between edits is
followed. The anchor passage is the evidence; every piece is still an exact match.
Unrelated bids share no passage, so no search starts there.
"""

import numpy as np

from scoring.similarity.params import Params

_BASE = np.uint64(1099511628211)
_EMPTY = np.zeros(0, dtype=np.int64)
_ROWS = 128  # frontier rows per window comparison (memory: rows x near_gap^2 bytes)


def _gram_keys(x: np.ndarray, m: int) -> np.ndarray:
    """Polynomial key of the m characters starting at every index of a guarded code array.

    Guarded arrays (align._guarded) carry a different sentinel on each side, so a key that
    covers a subtracted or outside position never equals one from the other document
    (up to 64-bit collisions; every chosen run is verified exactly).
    """
    padded = np.concatenate((x.astype(np.int64) + 3, np.full(m, 0, dtype=np.int64))).astype(np.uint64)
    n = x.shape[0]
    key = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(m):
            key = key * _BASE + padded[r : r + n]
    return key


def _cached_keys(sub, x: np.ndarray, m: int, side: str) -> np.ndarray:
    name = f"_near_keys_{side}_{m}"
    cached = sub.__dict__.get(name)
    if cached is not None and cached[0] is x:
        return cached[1]
    keys = _gram_keys(x, m)
    sub.__dict__[name] = (x, keys)
    return keys


def _priority(g: int) -> np.ndarray:
    """Cells (t, u) of a g x g window as flat indices, nearest first."""
    t, u = np.divmod(np.arange(g * g), g)
    return np.lexsort((t, np.abs(t - u), t + u))


def _nearest(xa, xb, ka, kb, a0, b0, sign, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: (t, u) of the nearest maximal start of >= m equal characters and whether any.

    Rightwards rows (sign +1) read A at a0 + t and B at b0 + u; leftwards rows (sign -1) read
    a0 - t and b0 - u, the run *ending* there. Guarded indices are normalised index + 1.
    """
    g, m = p.near_gap, p.near_min_chars
    order = _priority(g)
    offs = np.arange(g)
    pos_a = a0[:, None] + sign[:, None] * offs
    pos_b = b0[:, None] + sign[:, None] * offs
    # key index of the m-gram: starting at pos (rightwards) or ending at pos (leftwards)
    start_a = np.where(sign[:, None] > 0, pos_a, pos_a - m + 1) + 1
    start_b = np.where(sign[:, None] > 0, pos_b, pos_b - m + 1) + 1
    wa = np.take(ka, start_a, mode="clip")
    wb = np.take(kb, start_b, mode="clip")
    good = wa[:, :, None] == wb[:, None, :]
    # maximal in its direction: the previous cell on the diagonal does not match
    prev_a = np.take(xa, pos_a - sign[:, None] + 1, mode="clip")
    prev_b = np.take(xb, pos_b - sign[:, None] + 1, mode="clip")
    cont = prev_a[:, :, None] == prev_b[:, None, :]
    cont[:, 0, :] = False
    cont[:, :, 0] = False
    good &= ~cont
    flat = good.reshape(good.shape[0], -1)[:, order]
    first = np.argmax(flat, axis=1)
    found = flat[np.arange(flat.shape[0]), first]
    t, u = np.divmod(order[first], g)
    return t, u, found


def _union(intervals: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted disjoint cover of the intervals: (starts, ends)."""
    arr = np.array(sorted(intervals), dtype=np.int64).reshape(-1, 2)
    if arr.shape[0] == 0:
        return _EMPTY, _EMPTY
    reach = np.maximum.accumulate(arr[:, 1])
    heads = np.flatnonzero(np.concatenate(([True], arr[1:, 0] >= reach[:-1])))
    return arr[heads, 0], reach[np.append(heads[1:] - 1, arr.shape[0] - 1)]


def _overlaps(cover: tuple[np.ndarray, np.ndarray], s: int, e: int) -> bool:
    """Whether [s, e) meets the cover from :func:`_union`."""
    starts, ends = cover
    i = int(np.searchsorted(ends, s, "right"))
    return i < starts.shape[0] and starts[i] < e


def _snap(x: int, y: int, dd: int, bound_a, bound_b) -> tuple[int, int]:
    while x < y and not (bound_a[x] and bound_b[x + dd]):
        x += 1
    while y > x and not (bound_a[y] and bound_b[y + dd]):
        y -= 1
    return x, y


def near_pieces(xa, xb, sub_a, sub_b, s, e, bs, be, bound_a, bound_b, extend, p: Params):
    """Pieces (a_start, a_end, diagonal) found next to the kept passages (see module doc)."""
    if not p.near_gap or s.shape[0] == 0:
        return _EMPTY, _EMPTY, _EMPTY
    ka = _cached_keys(sub_a, xa, p.near_min_chars, "a")
    kb = _cached_keys(sub_b, xb, p.near_min_chars, "b")
    taken_a = list(zip(s.tolist(), e.tolist(), strict=True))
    taken_b = list(zip(bs.tolist(), be.tolist(), strict=True))
    found: list[tuple[int, int, int]] = []
    # frontier: (a0, b0, sign): rightwards from the end, leftwards from the start
    fa = np.concatenate((e, s - 1))
    fb = np.concatenate((be, bs - 1))
    fs = np.concatenate((np.ones(e.shape[0], dtype=np.int64), -np.ones(s.shape[0], dtype=np.int64)))
    for _ in range(p.near_rounds):
        if fa.shape[0] == 0:
            break
        rows_t, rows_u, rows_f = [], [], []
        for c in range(0, fa.shape[0], _ROWS):
            t, u, f = _nearest(xa, xb, ka, kb, fa[c : c + _ROWS], fb[c : c + _ROWS], fs[c : c + _ROWS], p)
            rows_t.append(t)
            rows_u.append(u)
            rows_f.append(f)
        t, u, f = np.concatenate(rows_t), np.concatenate(rows_u), np.concatenate(rows_f)
        hit = np.flatnonzero(f)
        if hit.shape[0] == 0:
            break
        ia = fa[hit] + fs[hit] * t[hit]
        jb = fb[hit] + fs[hit] * u[hit]
        length = extend(xa, xb, ia, jb, fs[hit])
        cover_a, cover_b = _union(taken_a), _union(taken_b)
        new: list[tuple[int, int, int]] = []
        for i, j, n, sign in zip(ia.tolist(), jb.tolist(), length.tolist(), fs[hit].tolist(), strict=True):
            dd = j - i
            x, y = _snap(i if sign > 0 else i - n + 1, i + 1 if sign < 0 else i + n, dd, bound_a, bound_b)
            if y - x < p.near_min_chars:
                continue
            if _overlaps(cover_a, x, y) or _overlaps(cover_b, x + dd, y + dd):
                continue
            if any(x < y2 and x2 < y or x + dd < y2 + d2 and x2 + d2 < y + dd for x2, y2, d2 in new):
                continue
            new.append((x, y, dd))
        if not new:
            break
        found += new
        taken_a += [(x, y) for x, y, _ in new]
        taken_b += [(x + dd, y + dd) for x, y, dd in new]
        xs, ys, ds = (np.array(col, dtype=np.int64) for col in zip(*new, strict=True))
        fa = np.concatenate((ys, xs - 1))
        fb = np.concatenate((ys + ds, xs + ds - 1))
        fs = np.concatenate((np.ones(xs.shape[0], dtype=np.int64), -np.ones(xs.shape[0], dtype=np.int64)))
    if not found:
        return _EMPTY, _EMPTY, _EMPTY
    out = np.array(found, dtype=np.int64)
    return out[:, 0], out[:, 1], out[:, 2]
