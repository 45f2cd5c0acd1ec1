"""Fold common "spun" synonyms to one canonical word before fingerprinting.

Copy-spinning tools (伪原创) swap a word every few words (要求 -> 规定, 公司 -> 企业,
认真 -> 仔细), which breaks every exact 13-character run while the copy stays obvious
to a reader. Folding both words of such pairs to one canonical form restores the runs.
The table (``synonyms.txt``) is project-written and deliberately small: only pairs that are interchangeable
in bid prose. Both documents are folded the same way, so honest texts gain at most a few
extra shared characters.

The offset map stays exact: every character of a folded word gets the span of the whole
original word, so a passage can only start or end at word boundaries (the aligner snaps
passages to such boundaries, see :mod:`scoring.similarity.align`).
"""

import re
from functools import lru_cache
from pathlib import Path

import numpy as np

TABLE = Path(__file__).with_name("synonyms.txt")


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, tuple[str, ...]]:
    """canonical: variants, read from :data:`TABLE` (a word list, kept out of the code)."""
    groups: dict[str, tuple[str, ...]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if words[0] in groups:
            raise ValueError(f"{words[0]} heads two synonym groups")
        groups[words[0]] = tuple(words[1:])
    return groups


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], dict[str, str]]:
    canonical_of: dict[str, str] = {}
    for canonical, variants in synonym_groups().items():
        for word in (canonical, *variants):
            if word in canonical_of and canonical_of[word] != canonical:
                raise ValueError(f"{word} is in two synonym groups")
            canonical_of[word] = canonical
    words = sorted(canonical_of, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), canonical_of


def fold_words(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Replace each table word by its canonical form; each of its chars spans the whole word."""
    if codes.shape[0] == 0:
        return codes, starts, ends
    pattern, canonical_of = _compiled()
    text = codes.astype("<u4").tobytes().decode("utf-32-le")
    found = [(m.start(), m.end(), canonical_of[m.group()]) for m in pattern.finditer(text)]
    if not found:
        return codes, starts, ends
    n = codes.shape[0]
    first = np.fromiter((f[0] for f in found), dtype=np.int64, count=len(found))
    last = np.fromiter((f[1] for f in found), dtype=np.int64, count=len(found)) - 1
    canon = [f[2] for f in found]
    canon_len = np.fromiter(map(len, canon), dtype=np.int64, count=len(found))
    flat = np.fromiter(map(ord, "".join(canon)), dtype=np.int32, count=int(canon_len.sum()))
    # inside[i] > 0 for every char of a matched word; the word's first char emits the canonical
    delta = np.zeros(n + 1, dtype=np.int64)
    np.add.at(delta, first, 1)
    np.add.at(delta, last + 1, -1)
    inside = np.cumsum(delta[:n]) > 0
    per = np.where(inside, 0, 1)
    per[first] = canon_len
    is_first = np.zeros(n, dtype=bool)
    is_first[first] = True
    canon_off = np.zeros(n, dtype=np.int64)
    canon_off[first] = np.cumsum(canon_len) - canon_len
    word_end = ends.astype(np.int64).copy()
    word_end[first] = ends[last]
    idx = np.repeat(np.arange(n), per)
    within = np.arange(idx.shape[0]) - np.repeat(np.cumsum(per) - per, per)
    from_table = is_first[idx]
    out_codes = np.where(from_table, flat[np.where(from_table, canon_off[idx] + within, 0)], codes[idx])
    return out_codes, starts[idx], word_end[idx]
