"""Pair-level peer: datasketch 2.0.0 MinHash over the same winnowed fingerprints.

Each side's set is its distinct fingerprints outside the subtracted text (the same
boilerplate subtraction ours gets). MinHash (128 permutations) estimates the Jaccard
similarity J; with the set sizes that gives the containment of the smaller set,
J (|A| + |B|) / ((1 + J) min(|A|, |B|)), which is what MinHashLSHEnsemble thresholds.
A pair is flagged when that estimate exceeds a threshold chosen on the tuning seed's
pairs (just above its highest negative), then applied unchanged to the reported pairs.
MinHash has no positions, so the peer gives no passages.
"""

import numpy as np
from datasketch import MinHash

NUM_PERM = 128


def _low32(x: int) -> int:
    return x & 0xFFFFFFFF  # fingerprints are already splitmix64 hashes: no SHA-1 needed


def usable_hashes(doc, sub) -> np.ndarray:
    """Distinct fingerprint hashes whose k-gram holds no subtracted character."""
    pos = doc.fp_pos.astype(np.int64)
    if sub.mask.any() and pos.shape[0]:
        bad = np.concatenate(([0], np.cumsum(sub.mask)))
        keep = (bad[pos + doc.k] - bad[pos]) == 0
        return np.unique(doc.fp_hash[keep])
    return np.unique(doc.fp_hash)


def containment_estimate(hashes_a: np.ndarray, hashes_b: np.ndarray) -> float:
    if hashes_a.shape[0] == 0 or hashes_b.shape[0] == 0:
        return 0.0
    ma, mb = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_low32), MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_low32)
    ma.update_batch(hashes_a.tolist())
    mb.update_batch(hashes_b.tolist())
    j = ma.jaccard(mb)
    size_a, size_b = hashes_a.shape[0], hashes_b.shape[0]
    return min(1.0, j * (size_a + size_b) / ((1 + j) * min(size_a, size_b)))


def threshold_above_negatives(scores: list[float], is_copy: list[bool]) -> float:
    """The tuned threshold: the highest negative score (flag strictly above it)."""
    return max((s for s, c in zip(scores, is_copy, strict=True) if not c), default=0.0)
