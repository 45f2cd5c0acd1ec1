"""Normalise text for matching while keeping an exact map back to the original offsets.

Bids arrive as PDF or Word files whose extracted text differs from the source only in
layout: full-width forms, Kangxi radical glyphs (⼀⽅), traditional script mirrors, line
breaks and spaces inside sentences, punctuation and different numbers. Matching runs on
a folded form; every normalised character keeps the half-open span [start, end) of the
original characters it came from, so passages can be shown in the original text.

Steps per original character (vectorised over the distinct code points of the text):
NFKC, traditional -> simplified where OpenCC maps one character to one character,
lower-case, drop Unicode categories P*, S*, Z*, C*; then digit runs collapse to one '0'
(prices, dates and phone numbers differ between honest bids) and, optionally, common
spun synonyms fold to one canonical word (see :mod:`scoring.similarity.synonyms`).
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import opencc

_DROP_CATEGORIES = ("P", "S", "Z", "C")
_ZERO = ord("0")


@dataclass(frozen=True, eq=False)
class Normalised:
    """Folded text; ``starts[i]:ends[i]`` is the original span of normalised character i."""

    codes: np.ndarray  # int32 code points of the normalised text
    starts: np.ndarray  # int32
    ends: np.ndarray  # int32, exclusive

    @property
    def text(self) -> str:
        return self.codes.astype("<u4").tobytes().decode("utf-32-le")

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised characters [start, end)."""
        if end <= start:
            raise ValueError("empty span")
        return int(self.starts[start]), int(self.ends[end - 1])


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The normalised form of one character: '' when dropped, several chars rarely (NFKC)."""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        simplified = _t2s().convert(c)
        if len(simplified) == 1:
            c = simplified
        for low in c.lower():
            category = unicodedata.category(low)
            if category[0] in _DROP_CATEGORIES:
                continue
            out.append("0" if category == "Nd" else low)
    return "".join(out)


def to_codes(text: str) -> np.ndarray:
    """Code points of ``text`` as int32, one per Python character."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4").astype(np.int32)


def _fold_table(unique: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per distinct code point: output length, offset into a flat output array, the flat array."""
    lengths = np.zeros(unique.shape[0], dtype=np.int64)
    flat: list[int] = []
    offsets = np.zeros(unique.shape[0], dtype=np.int64)
    for i, cp in enumerate(unique.tolist()):
        folded = fold_char(chr(cp))
        offsets[i] = len(flat)
        lengths[i] = len(folded)
        flat.extend(ord(c) for c in folded)
    return lengths, offsets, np.asarray(flat, dtype=np.int32)


def normalise(text: str, fold_synonyms: bool = True) -> Normalised:
    """Fold ``text`` for matching; see the module docstring for the steps and why."""
    original = to_codes(text)
    n = original.shape[0]
    if n == 0:
        empty = np.zeros(0, dtype=np.int32)
        return Normalised(empty, empty, empty)
    unique, inverse = np.unique(original, return_inverse=True)
    lengths, offsets, flat = _fold_table(unique)
    per_char = lengths[inverse]
    total = int(per_char.sum())
    starts = np.repeat(np.arange(n, dtype=np.int32), per_char)
    first = np.cumsum(per_char) - per_char
    within = np.arange(total, dtype=np.int64) - np.repeat(first, per_char)
    codes = flat[np.repeat(offsets[inverse], per_char) + within] if total else np.zeros(0, np.int32)
    ends = starts + 1
    codes, starts, ends = _collapse_digits(codes, starts, ends)
    if fold_synonyms:
        from scoring.similarity.synonyms import fold_words

        codes, starts, ends = fold_words(codes, starts, ends)
    return Normalised(codes.astype(np.int32), starts.astype(np.int32), ends.astype(np.int32))


def _collapse_digits(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Replace each run of digits by one '0' whose span covers the whole run."""
    if codes.shape[0] == 0:
        return codes, starts, ends
    digit = codes == _ZERO
    keep = np.ones(codes.shape[0], dtype=bool)
    keep[1:] = ~(digit[1:] & digit[:-1])
    kept = np.flatnonzero(keep)
    return codes[kept], starts[kept], np.maximum.reduceat(ends, kept)
