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
_ROWS = 4096  # frontier rows per key lookup


def gram_keys(x: np.ndarray, m: int) -> np.ndarray:
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
    keys = gram_keys(x, m)
    sub.__dict__[name] = (x, keys)
    return keys


def _pairs(ka_rows: np.ndarray, kb_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All (row, t, u) with ka_rows[row, t] == kb_rows[row, u], by one sort of B's keys."""
    rows, g = ka_rows.shape
    salt = (np.arange(rows, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))[:, None]
    with np.errstate(over="ignore"):
        ca = (ka_rows ^ salt).ravel()
        cb = (kb_rows ^ salt).ravel()
    order_a, order_b = np.argsort(ca), np.argsort(cb)  # sorted queries: far fewer cache misses
    sa, sb = ca[order_a], cb[order_b]
    lo = np.minimum(np.searchsorted(sb, sa, "left"), sb.shape[0] - 1)
    hit = np.flatnonzero(sb[lo] == sa)
    if hit.shape[0] == 0:
        return _EMPTY, _EMPTY, _EMPTY
    lo = lo[hit]
    counts = np.searchsorted(sb, sa[hit], "right") - lo
    owner = np.repeat(order_a[hit], counts)
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    other = order_b[np.repeat(lo, counts) + within]
    row, t = np.divmod(owner, g)
    row_b, u = np.divmod(other, g)
    same = row == row_b  # salted keys of different rows could collide
    return row[same], t[same], u[same]


def _room(cover: tuple[np.ndarray, np.ndarray], x0: np.ndarray, sign: np.ndarray, g: int) -> np.ndarray:
    """Per row: characters from x0 in direction ``sign`` before the next covered one (at most g)."""
    starts, ends = cover
    n = starts.shape[0]
    i = np.searchsorted(ends, x0, "right")  # first interval ending after x0
    nxt = np.minimum(i, n - 1)
    inside = (i < n) & (starts[nxt] <= x0)
    right = np.where(i < n, starts[nxt] - x0, g)
    prv = np.maximum(i - 1, 0)
    left = np.where(i > 0, x0 - ends[prv] + 1, x0 + 1)
    room = np.where(sign > 0, right, left)
    return np.where(inside, 0, np.minimum(room, g))


def _nearest(xa, xb, ka, kb, a0, b0, sign, room_a, room_b, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: (t, u) of the nearest maximal start of >= m equal characters and whether any.

    Rightwards rows (sign +1) read A at a0 + t and B at b0 + u; leftwards rows (sign -1) read
    a0 - t and b0 - u, the run *ending* there. Only its first m characters before the next
    covered character on each side count (``room_a``/``room_b``). Nearest: least t + u, then
    least |t - u|, then least t. Guarded indices are normalised index + 1.
    """
    g, m = p.near_gap, p.near_min_chars
    rows = a0.shape[0]
    offs = np.arange(g)
    pos_a = a0[:, None] + sign[:, None] * offs
    pos_b = b0[:, None] + sign[:, None] * offs
    # key index of the m-gram: starting at pos (rightwards) or ending at pos (leftwards)
    start_a = np.where(sign[:, None] > 0, pos_a, pos_a - m + 1) + 1
    start_b = np.where(sign[:, None] > 0, pos_b, pos_b - m + 1) + 1
    r, t, u = _pairs(np.take(ka, start_a, mode="clip"), np.take(kb, start_b, mode="clip"))
    fits = (t + m <= room_a[r]) & (u + m <= room_b[r])
    r, t, u = r[fits], t[fits], u[fits]
    t_out = np.zeros(rows, dtype=np.int64)
    u_out = np.zeros(rows, dtype=np.int64)
    found = np.zeros(rows, dtype=bool)
    if r.shape[0] == 0:
        return t_out, u_out, found
    # maximal in its direction: the previous cell on the diagonal does not match
    step = sign[r]
    inner = (t > 0) & (u > 0)
    prev_a = np.take(xa, pos_a[r, t] - step + 1, mode="clip")
    prev_b = np.take(xb, pos_b[r, u] - step + 1, mode="clip")
    ok = ~(inner & (prev_a == prev_b))
    r, t, u = r[ok], t[ok], u[ok]
    if r.shape[0] == 0:
        return t_out, u_out, found
    rank = ((t + u) * (g + 1) + np.abs(t - u)) * (g + 1) + t
    order = np.lexsort((rank, r))
    r, t, u = r[order], t[order], u[order]
    head = np.concatenate(([True], r[1:] != r[:-1]))
    r, t, u = r[head], t[head], u[head]
    t_out[r], u_out[r], found[r] = t, u, True
    return t_out, u_out, found


def _union(intervals: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted disjoint cover of the intervals: (starts, ends)."""
    arr = np.array(sorted(intervals), dtype=np.int64).reshape(-1, 2)
    if arr.shape[0] == 0:
        return _EMPTY, _EMPTY
    reach = np.maximum.accumulate(arr[:, 1])
    heads = np.flatnonzero(np.concatenate(([True], arr[1:, 0] >= reach[:-1])))
    return arr[heads, 0], reach[np.append(heads[1:] - 1, arr.shape[0] - 1)]


def _overlaps(cover: tuple[np.ndarray, np.ndarray], s: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Per interval [s, e): whether it meets the cover from :func:`_union`."""
    starts, ends = cover
    i = np.searchsorted(ends, s, "right")
    inside = i < starts.shape[0]
    out = np.zeros(s.shape[0], dtype=bool)
    out[inside] = starts[i[inside]] < e[inside]
    return out


def _snap(x: np.ndarray, y: np.ndarray, dd: np.ndarray, bound_a, bound_b) -> tuple[np.ndarray, np.ndarray]:
    """Move both ends inwards to boundaries of original characters on both sides."""
    for _ in range(64):
        move_x = (x < y) & ~(bound_a[x] & bound_b[x + dd])
        move_y = (y > x) & ~(bound_a[y] & bound_b[y + dd])
        if not (move_x.any() or move_y.any()):
            break
        x, y = x + move_x, y - move_y
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
        cover_a, cover_b = _union(taken_a), _union(taken_b)
        room_a, room_b = _room(cover_a, fa, fs, p.near_gap), _room(cover_b, fb, fs, p.near_gap)
        keep = (room_a >= p.near_min_chars) & (room_b >= p.near_min_chars)
        fa, fb, fs, room_a, room_b = fa[keep], fb[keep], fs[keep], room_a[keep], room_b[keep]
        rows_t, rows_u, rows_f = [], [], []
        for c in range(0, fa.shape[0], _ROWS):
            part = slice(c, c + _ROWS)
            t, u, f = _nearest(xa, xb, ka, kb, fa[part], fb[part], fs[part], room_a[part], room_b[part], p)
            rows_t.append(t)
            rows_u.append(u)
            rows_f.append(f)
        if not rows_t:
            break
        t, u, f = np.concatenate(rows_t), np.concatenate(rows_u), np.concatenate(rows_f)
        hit = np.flatnonzero(f)
        if hit.shape[0] == 0:
            break
        ia = fa[hit] + fs[hit] * t[hit]
        jb = fb[hit] + fs[hit] * u[hit]
        length = extend(xa, xb, ia, jb, fs[hit])
        dd = jb - ia
        x = np.where(fs[hit] > 0, ia, ia - length + 1)
        x, y = _snap(x, x + length, dd, bound_a, bound_b)
        ok = (y - x >= p.near_min_chars) & ~_overlaps(cover_a, x, y) & ~_overlaps(cover_b, x + dd, y + dd)
        new: list[tuple[int, int, int]] = []
        for x1, y1, d1 in zip(x[ok].tolist(), y[ok].tolist(), dd[ok].tolist(), strict=True):
            if not any(x1 < y2 and x2 < y1 or x1 + d1 < y2 + d2 and x2 + d2 < y1 + d1 for x2, y2, d2 in new):
                new.append((x1, y1, d1))
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
