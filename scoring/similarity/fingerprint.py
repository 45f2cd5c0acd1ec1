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
    """Hash of every k-gram of ``codes`` (int64 view of the uint64 value); empty if shorter than k."""
    n = codes.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    c = codes.astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        h = h * BASE + c[j : j + n]
    return splitmix64(h).view(np.int64)


def winnow(hashes: np.ndarray, w: int) -> np.ndarray:
    """Positions selected by winnowing (int32, increasing)."""
    n = hashes.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int32)
    u = hashes.view(np.uint64)
    if n <= w:
        rev = u[::-1]
        return np.array([n - 1 - int(np.argmin(rev))], dtype=np.int32)
    windows = sliding_window_view(u, w)
    picked = np.arange(n - w + 1) + (w - 1 - np.argmin(windows[:, ::-1], axis=1))
    keep = np.ones(picked.shape[0], dtype=bool)
    keep[1:] = picked[1:] != picked[:-1]
    return picked[keep].astype(np.int32)


def fingerprints(codes: np.ndarray, k: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """(hash int64, pos int32) fingerprints of a normalised code array."""
    hashes = kgram_hashes(codes, k)
    pos = winnow(hashes, w)
    return hashes[pos], pos
