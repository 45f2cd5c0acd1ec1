"""The retrieval peer: datasketch 2.0.0 MinHashLSH and MinHashLSHEnsemble on the same fingerprints.

Set elements are the stored documents' winnowed fingerprints (8 bytes each, datasketch's
default SHA-1 hash), as design note §9 recommends (7x faster than all shingles).

* ``lsh``: MinHashLSH(threshold=0.3, num_perm=128), queried with the whole query bid's MinHash
  (the configuration named in the acceptance point).
* ``ensemble``: MinHashLSHEnsemble (containment) queried window by window: the query's
  fingerprints, minus those used by >= 5 companies (the same filter the store applies), are cut
  into windows of about one stored document's size with half overlap, so a pasted run lies
  wholly in one window. LSH returns unranked sets; candidates are ranked by the best MinHash
  Jaccard estimate against any window that returned them and cut at 20.
"""

from __future__ import annotations

import time

import numpy as np
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

NUM_PERM = 128
LSH_THRESHOLD = 0.3


def _elements(hashes: np.ndarray) -> list[bytes]:
    raw = np.ascontiguousarray(hashes, dtype="<i8").tobytes()
    return [raw[i:i + 8] for i in range(0, len(raw), 8)]


def minhash(hashes: np.ndarray) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(_elements(np.unique(hashes)))
    return m


class Peer:
    def __init__(self, docs, ensemble_threshold: float, num_part: int = 16):
        started = time.perf_counter()
        self.minhashes = {d.doc_id: minhash(d.fp_hash) for d in docs}
        self.sizes = {d.doc_id: int(np.unique(d.fp_hash).shape[0]) for d in docs}
        self.minhash_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        with self.lsh.insertion_session() as session:
            for doc_id, m in self.minhashes.items():
                session.insert(doc_id, m)
        self.lsh_seconds = time.perf_counter() - started
        started = time.perf_counter()
        self.ensemble = MinHashLSHEnsemble(threshold=ensemble_threshold, num_perm=NUM_PERM, num_part=num_part)
        self.ensemble.index((doc_id, m, self.sizes[doc_id]) for doc_id, m in self.minhashes.items())
        self.ensemble_seconds = time.perf_counter() - started
        self.window = int(np.median(list(self.sizes.values())))

    def query_lsh(self, fp_hash: np.ndarray, limit: int = 20) -> list[int]:
        m = minhash(fp_hash)
        found = self.lsh.query(m)
        return sorted(found, key=lambda d: -m.jaccard(self.minhashes[d]))[:limit]

    def query_ensemble(self, fp_hash: np.ndarray, common: set[int], limit: int = 20) -> tuple[list[int], int]:
        """Top ``limit`` doc ids and how many distinct candidates the windows returned."""
        keep = np.array([h not in common for h in fp_hash.tolist()], dtype=bool)
        seq = fp_hash[keep]
        best: dict[int, float] = {}
        step = max(1, self.window // 2)
        for start in range(0, max(1, len(seq) - step), step):
            window = np.unique(seq[start:start + self.window])
            if window.shape[0] == 0:
                continue
            m = minhash(window)
            for doc_id in self.ensemble.query(m, int(window.shape[0])):
                j = m.jaccard(self.minhashes[doc_id])
                if j > best.get(doc_id, -1.0):
                    best[doc_id] = j
        ranked = sorted(best, key=lambda d: (-best[d], d))
        return ranked[:limit], len(best)
