"""Bridge short substitutions between exact runs (spun copies).

A spinning tool (伪原创) swaps a word every few words: 我司 -> 我们公司, 落实 -> 贯彻. The
synonym table folds the swaps it knows; the others cut a copied sentence into exact
pieces of 5-20 characters, too short to be passages on their own and each on a diagonal
shifted by the length difference of the swapped words. From the end of every exact run
this step looks for the next stretch of ``bridge_min_chars`` equal characters at most
``bridge_gap`` characters further on in *both* documents, with gap lengths differing by at
most ``bridge_skew`` (a spun word keeps roughly its length), continues exactly from there
and repeats; the same is done leftwards. Runs linked this way form one passage whose
inside differs only in the short bridged stretches; the passage still needs
``min_chars`` characters and ``min_fingerprints`` fingerprints of evidence.
"""

from functools import lru_cache

import numpy as np

from scoring.similarity.params import Params

_OFF = 1 << 30
_RANGE = 1 << 32


@lru_cache(maxsize=8)
def _offsets(p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate (gap in A, gap in B), nearest first, and each one's cell in a
    ``(bridge_gap + 1) x (bridge_gap + 1)`` table."""
    pairs = [
        (ga, gb)
        for ga in range(p.bridge_gap + 1)
        for gb in range(p.bridge_gap + 1)
        if (ga or gb) and abs(ga - gb) <= p.bridge_skew
    ]
    pairs.sort(key=lambda g: (g[0] + g[1], abs(g[0] - g[1]), g[0]))
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    cell = arr[:, 0] * (p.bridge_gap + 1) + arr[:, 1]
    for x in (arr, cell):
        x.setflags(write=False)  # cached
    return arr[:, 0], arr[:, 1], cell


def _resume(xa, xb, a0: np.ndarray, b0: np.ndarray, sign: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Per frontier row: index of the first candidate (see :func:`_offsets`) whose
    ``bridge_min_chars`` characters are equal and unmasked on both sides, and whether any is.

    Row r reads A at normalised positions ``a0[r] + sign[r] * i`` and B at ``b0[r] + sign[r] * j``
    for i, j < bridge_gap + bridge_min_chars (leftwards rows read backwards), compares every
    A character with every B character of the row once, and a candidate (ga, gb) is good when
    the ``m`` cells (ga + t, gb + t) are all equal. Guarded codes (align._guarded): indices are
    shifted by one and clipped, so masked or outside positions never match.
    """
    ga, gb, cell = _offsets(p)
    g, m = p.bridge_gap + 1, p.bridge_min_chars
    span = np.arange(g + m - 1)
    walk = sign[:, None] * span
    wa = np.take(xa, (a0 + 1)[:, None] + walk, mode="clip")
    wb = np.take(xb, (b0 + 1)[:, None] + walk, mode="clip")
    eq = wa[:, :, None] == wb[:, None, :]
    good = eq[:, :g, :g].copy()
    for t in range(1, m):
        good &= eq[:, t : t + g, t : t + g]
    good = good.reshape(good.shape[0], -1)[:, cell]
    first = np.argmax(good, axis=1)
    found = good[np.arange(good.shape[0]), first]
    return first, found


def _register(known_keys, known_idx, keys: np.ndarray, total: int):
    """Index of every key (existing or new, new ones numbered from ``total`` in order of first
    appearance), the rows that create the new runs, and the updated sorted key table."""
    pos = np.searchsorted(known_keys, keys)
    hit = pos < known_keys.shape[0]
    hit[hit] = known_keys[pos[hit]] == keys[hit]
    idx = np.empty(keys.shape[0], dtype=np.int64)
    idx[hit] = known_idx[pos[hit]]
    miss = np.flatnonzero(~hit)
    if not miss.shape[0]:
        return idx, miss, known_keys, known_idx
    uniq, first, inverse = np.unique(keys[miss], return_index=True, return_inverse=True)
    rank = np.empty(first.shape[0], dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.shape[0])
    idx[miss] = total + rank[inverse.reshape(-1)]
    creators = miss[np.sort(first)]
    merged = np.concatenate((known_keys, uniq))
    order = np.argsort(merged, kind="stable")
    return idx, creators, merged[order], np.concatenate((known_idx, total + rank))[order]


def bridge(xa, xb, d, s, e, extend, p: Params):
    """All runs reachable by bridging from (d, s, e), and a group label per run.

    Both directions and all runs of a round are processed at once: one candidate test, one
    exact extension (leftwards and rightwards rows together) and one sorted-key lookup per
    round. New runs are numbered in the order a per-run loop (rightwards frontier first, then
    leftwards) would create them.
    """
    ga, gb, _ = _offsets(p)
    m = p.bridge_min_chars
    d, s, e = d.astype(np.int64), s.astype(np.int64), e.astype(np.int64)
    total = d.shape[0]
    known_keys = (d + _OFF) * _RANGE + s
    known_idx = np.argsort(known_keys, kind="stable")
    known_keys = known_keys[known_idx]
    chunks_d, chunks_s, chunks_e = [d], [s], [e]
    links_u: list[np.ndarray] = []
    links_v: list[np.ndarray] = []
    right = left = np.arange(total)
    for _ in range(p.bridge_rounds):
        n_right = right.shape[0]
        if not (n_right or left.shape[0]):
            break
        if len(chunks_d) > 1:
            d, s, e = np.concatenate(chunks_d), np.concatenate(chunks_s), np.concatenate(chunks_e)
            chunks_d, chunks_s, chunks_e = [d], [s], [e]
        frontier = np.concatenate((right, left))
        dd = d[frontier]
        forward = np.arange(frontier.shape[0]) < n_right
        a0 = np.where(forward, e[frontier], s[frontier] - 1)
        sign = np.where(forward, 1, -1)
        which, found = _resume(xa, xb, a0, a0 + dd, sign, p)
        rows = np.flatnonzero(found)
        if not rows.shape[0]:
            break
        c, fw = which[rows], forward[rows]
        # window start: e + ga rightwards, s - ga - m leftwards (a0 = s - 1 there)
        ia = np.where(fw, a0[rows] + ga[c], a0[rows] + 1 - ga[c] - m)
        jb = np.where(fw, a0[rows] + dd[rows] + gb[c], a0[rows] + dd[rows] + 1 - gb[c] - m)
        nf = rows.shape[0]
        steps = np.concatenate((np.full(nf, -1, dtype=np.int64), np.ones(nf, dtype=np.int64)))
        walked = extend(xa, xb, np.concatenate((ia - 1, ia + m)), np.concatenate((jb - 1, jb + m)), steps)
        back, ahead = walked[:nf], walked[nf:]
        d2, s2, e2 = jb - ia, ia - back, ia + m + ahead
        idx, creators, known_keys, known_idx = _register(known_keys, known_idx, (d2 + _OFF) * _RANGE + s2, total)
        links_u.append(frontier[rows])
        links_v.append(idx)
        if creators.shape[0]:
            chunks_d.append(d2[creators])
            chunks_s.append(s2[creators])
            chunks_e.append(e2[creators])
            new = total + np.arange(creators.shape[0])
            from_right = forward[rows[creators]]
            right, left = new[from_right], new[~from_right]
            total += creators.shape[0]
        else:
            right = left = np.zeros(0, dtype=np.int64)
    if len(chunks_d) > 1:
        d, s, e = np.concatenate(chunks_d), np.concatenate(chunks_s), np.concatenate(chunks_e)
    label = np.arange(total)
    if links_u:
        u, v = np.concatenate(links_u), np.concatenate(links_v)
        while True:
            low = np.minimum(label[u], label[v])
            before = label.copy()
            np.minimum.at(label, u, low)
            np.minimum.at(label, v, low)
            label = label[label]
            if np.array_equal(label, before):
                break
    return d, s, e, label
