"""Stable 64-bit k-gram hashes and winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003).

The hash must be identical in every process and on every machine because fingerprints
are stored and compared across tenders: a polynomial over code points with base
1099511628211 (the 64-bit FNV prime) modulo 2**64, then the splitmix64 finaliser to
spread the bits. Python's ``hash()`` is salted per process and must never be used here.

Winnowing keeps, in every window of ``w`` consecutive k-gram hashes, the minimum
(rightmost on ties), each position once; any shared run of k + w - 1 characters is then
guaranteed to share a fingerprint. Everything is vectorised with numpy (uint64 arithmetic
wraps modulo 2**64 silently for arrays).
"""

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

BASE = np.uint64(1099511628211)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def splitmix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser on a uint64 array."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """Hash of every k-gram of ``codes`` (int64 view of the uint64 value); empty if shorter than k.

    Built by doubling instead of k multiply-adds: with H_m[i] the polynomial of
    codes[i : i + m], H_(a+b)[i] = H_a[i] * BASE**b + H_b[i + a] (exact modulo 2**64), so a
    13-gram takes 5 steps (1 + 4 + 8) rather than 13.
    """
    n = codes.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    block, size = codes.astype(np.uint64), 1  # hashes of blocks of 1, 2, 4, ... chars
    acc, acc_len, rest = None, 0, k
    while True:
        if rest & 1:
            if acc is None:
                acc, acc_len = block, size
            else:
                m = block.shape[0] - acc_len
                acc = acc[:m] * (BASE ** np.uint64(size)) + block[acc_len:]
                acc_len += size
        rest >>= 1
        if not rest:
            break
        block = block[:-size] * (BASE ** np.uint64(size)) + block[size:]
        size *= 2
    return splitmix64(acc[:n]).view(np.int64)


def _sliding(op, x: np.ndarray, w: int) -> np.ndarray:
    """op (np.minimum / np.maximum) over every window of ``w`` values, by doubling spans."""
    m = x.shape[0] - w + 1
    out, span = x, 1
    while span * 2 <= w:
        out = op(out[:-span], out[span:])
        span *= 2
    if span < w:
        out = op(out[:m], out[w - span : w - span + m])
    return out[:m]


def _winnow_argmin(u: np.ndarray, w: int) -> np.ndarray:
    """Reference winnowing: argmin per window, rightmost on ties, each position once."""
    windows = sliding_window_view(u, w)
    picked = np.arange(u.shape[0] - w + 1) + (w - 1 - np.argmin(windows[:, ::-1], axis=1))
    keep = np.ones(picked.shape[0], dtype=bool)
    keep[1:] = picked[1:] != picked[:-1]
    return picked[keep].astype(np.int32)


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions selected by winnowing (int32, increasing).

    Fast path: with mn[s] the minimum of window s, position i is some window's minimum
    exactly when its hash equals the largest mn over the windows that hold it. Without
    equal hashes inside one window (only repeated k-grams cause them) those positions are
    the selection; with ties the rightmost rule needs the per-window argmin.
    """
    n = hashes.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    u = hashes.view(np.uint64)
    if n <= w:
        rev = u[::-1]
        return np.array([n - 1 - int(np.argmin(rev))], dtype=np.int32)
    mins = _sliding(np.minimum, u, w)
    pad = np.zeros(w - 1, dtype=np.uint64)
    most = _sliding(np.maximum, np.concatenate((pad, mins, pad)), w)
    cand = np.flatnonzero(u == most)
    close = np.flatnonzero(np.diff(cand) < w)
    if close.shape[0] and (u[cand[close]] == u[cand[close + 1]]).any():
        return _winnow_argmin(u, w)
    return cand.astype(np.int32)


def fingerprints(codes: np.ndarray, k: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """(hash int64, pos int32) fingerprints of a normalised code array."""
    hashes = kgram_hashes(codes, k)
    pos = winnow(hashes, w)
    return hashes[pos], pos
