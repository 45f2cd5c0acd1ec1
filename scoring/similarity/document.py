"""A document prepared once for many comparisons, and its byte serialisation.

A tender with 20 bids needs 190 pair comparisons and the history store compares each new
bid against thousands of old ones, so normalisation and fingerprinting run once per
document. The store keeps the result as bytes (normalised text, offset maps, structure
flags, fingerprints) and rebuilds a :class:`Document` without re-reading the file.
"""

import io
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scoring.similarity.fingerprint import fingerprints
from scoring.similarity.normalise import Normalised, normalise, to_codes
from scoring.similarity.params import DEFAULT_PARAMS, Params
from scoring.similarity.structure import structure_mask

_FORMAT = 1


@dataclass(frozen=True, eq=False)
class Document:
    """Normalised text with offset maps, structure flags and (hash, pos) fingerprints."""

    norm: Normalised
    structure: np.ndarray  # bool per normalised char: lies on a heading / TOC line
    fp_hash: np.ndarray  # int64
    fp_pos: np.ndarray  # int32, start of the k-gram in normalised text
    original_length: int
    k: int
    w: int
    fold_synonyms: bool

    @cached_property
    def fp_sorted(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(order, hashes in that order, first of its hash) with ``order`` sorting the
        fingerprints by hash in no particular order among equal hashes (numpy's stable sort
        of 64-bit keys is several times slower than its default one)."""
        h = self.fp_hash
        order = np.argsort(h)
        ordered = h[order]
        head = np.ones(order.shape[0], dtype=bool)
        if order.shape[0] > 1:
            np.not_equal(ordered[1:], ordered[:-1], out=head[1:])
        return order, ordered, head

    @cached_property
    def fp_order(self) -> np.ndarray:
        """Fingerprint indices sorted by hash (stable: equal hashes in position order)."""
        order, _, head = self.fp_sorted
        order = order.copy()
        n = order.shape[0]
        if n < 2 or head.all():
            return order
        tied = ~head
        tied[:-1] |= ~head[1:]  # every member of a run of equal hashes
        at = np.flatnonzero(tied)
        run = np.cumsum(head)[at]
        order[at] = np.sort(run * n + order[at]) % n  # index order inside each run
        return order

    @cached_property
    def fp_group(self) -> np.ndarray:
        """Per fingerprint: index of its hash among the distinct hashes (sorted order)."""
        order, _, head = self.fp_sorted
        group = np.zeros(self.fp_hash.shape[0], dtype=np.int64)
        if order.shape[0]:
            group[order] = np.cumsum(head) - 1
        return group

    @cached_property
    def fp_occurrences(self) -> np.ndarray:
        """How often each fingerprint's hash occurs among this document's fingerprints."""
        if self.fp_hash.shape[0] == 0:
            return np.zeros(0, dtype=np.int64)
        return np.bincount(self.fp_group)[self.fp_group]

    @cached_property
    def distinct_fingerprints(self) -> int:
        return int(np.count_nonzero(self.fp_sorted[2]))

    def to_bytes(self) -> bytes:
        """Serialise for storage (numpy .npz, no pickle)."""
        buf = io.BytesIO()
        meta = np.array(
            [_FORMAT, self.original_length, self.k, self.w, int(self.fold_synonyms)], dtype=np.int64
        )
        np.savez(
            buf,
            meta=meta,
            codes=self.norm.codes,
            starts=self.norm.starts,
            ends=self.norm.ends,
            structure=self.structure,
            fp_hash=self.fp_hash,
            fp_pos=self.fp_pos,
        )
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Document":
        with np.load(io.BytesIO(data), allow_pickle=False) as z:
            fmt, length, k, w, fold = (int(v) for v in z["meta"])
            if fmt != _FORMAT:
                raise ValueError(f"unknown document format {fmt}")
            norm = Normalised(z["codes"], z["starts"], z["ends"])
            return cls(norm, z["structure"], z["fp_hash"], z["fp_pos"], length, k, w, bool(fold))


def prepare(text: str, params: Params = DEFAULT_PARAMS) -> Document:
    """Normalise and fingerprint ``text`` (the extracted text the offsets refer to)."""
    norm = normalise(text, fold_synonyms=params.fold_synonyms)
    if len(norm):
        structure = structure_mask(text)[norm.starts]
    else:
        structure = np.zeros(0, dtype=bool)
    fp_hash, fp_pos = fingerprints(norm.codes, params.k, params.w)
    return Document(norm, structure, fp_hash, fp_pos, len(text), params.k, params.w, params.fold_synonyms)


def prepare_normalised(text: str, params: Params = DEFAULT_PARAMS) -> Document:
    """A document from text that is *already* normalised (e.g. kept by the store).

    Offsets then refer to the normalised text itself and no structure lines are known
    (line breaks are gone), so use :func:`prepare` whenever the original is available.
    """
    codes = to_codes(text)
    n = codes.shape[0]
    pos = np.arange(n, dtype=np.int32)
    norm = Normalised(codes, pos, pos + 1)
    fp_hash, fp_pos = fingerprints(codes, params.k, params.w)
    return Document(
        norm, np.zeros(n, dtype=bool), fp_hash, fp_pos, n, params.k, params.w, params.fold_synonyms
    )
