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

import numpy as np

from scoring.similarity.params import Params

_OFF = 1 << 30
_RANGE = 1 << 32


def _offsets(p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Candidate (gap in A, gap in B), nearest first."""
    pairs = [
        (ga, gb)
        for ga in range(p.bridge_gap + 1)
        for gb in range(p.bridge_gap + 1)
        if (ga or gb) and abs(ga - gb) <= p.bridge_skew
    ]
    pairs.sort(key=lambda g: (g[0] + g[1], abs(g[0] - g[1]), g[0]))
    arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _resume(xa, xb, ia0: np.ndarray, jb0: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Per row of candidate window starts (F x C): index of the first candidate whose ``m``
    characters are equal and unmasked on both sides (guarded codes, see align._guarded)."""
    span = np.arange(1, m + 1)
    ia, jb = ia0[..., None] + span, jb0[..., None] + span
    good = (np.take(xa, ia, mode="clip") == np.take(xb, jb, mode="clip")).all(axis=2)
    first = np.argmax(good, axis=1)
    found = good[np.arange(good.shape[0]), first]
    return first, found


def bridge(xa, xb, d, s, e, extend, p: Params):
    """All runs reachable by bridging from (d, s, e), and a group label per run."""
    ga, gb = _offsets(p)
    m = p.bridge_min_chars
    d, s, e = list(d.tolist()), list(s.tolist()), list(e.tolist())
    known = {(dd + _OFF) * _RANGE + ss: i for i, (dd, ss) in enumerate(zip(d, s, strict=True))}
    links: list[tuple[int, int]] = []
    right = left = np.arange(len(d))
    for _ in range(p.bridge_rounds):
        if not (right.shape[0] or left.shape[0]):
            break
        new_right, new_left = [], []
        d_arr, s_arr, e_arr = np.array(d), np.array(s), np.array(e)
        for frontier, step, out in ((right, 1, new_right), (left, -1, new_left)):
            if not frontier.shape[0]:
                continue
            dd = d_arr[frontier]
            if step > 0:
                ea = e_arr[frontier]
                ia0, jb0 = ea[:, None] + ga, ea[:, None] + dd[:, None] + gb
            else:
                sa = s_arr[frontier]
                ia0, jb0 = sa[:, None] - ga - m, sa[:, None] + dd[:, None] - gb - m
            which, found = _resume(xa, xb, ia0, jb0, m)
            rows = np.flatnonzero(found)
            if not rows.shape[0]:
                continue
            ia, jb = ia0[rows, which[rows]], jb0[rows, which[rows]]
            back = extend(xa, xb, ia - 1, jb - 1, -1)
            ahead = extend(xa, xb, ia + m, jb + m, +1)
            found_runs = (frontier[rows], jb - ia, ia - back, ia + m + ahead)
            for r, d2, s2, e2 in zip(*(x.tolist() for x in found_runs), strict=True):
                key = (d2 + _OFF) * _RANGE + s2
                idx = known.get(key)
                if idx is None:
                    idx = known[key] = len(d)
                    d.append(d2)
                    s.append(s2)
                    e.append(e2)
                    out.append(idx)
                links.append((r, idx))
        right, left = np.array(new_right, dtype=np.int64), np.array(new_left, dtype=np.int64)
    label = np.arange(len(d))
    if links:
        u, v = np.array(links, dtype=np.int64).T
        while True:
            low = np.minimum(label[u], label[v])
            before = label.copy()
            np.minimum.at(label, u, low)
            np.minimum.at(label, v, low)
            label = label[label]
            if np.array_equal(label, before):
                break
    return np.array(d, dtype=np.int64), np.array(s, dtype=np.int64), np.array(e, dtype=np.int64), label
