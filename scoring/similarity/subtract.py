"""Subtract legitimate shared text before anything counts as copying.

Honest bids of one tender all repeat the tender's own text (requirements, the scoring
table, forms such as 承诺函 and 授权委托书) and quote the same regulations; a phrase that
many unrelated companies use is common usage, not evidence. Such text is masked, never
deleted: the mask keeps a reason per position so the UI can grey it with its source
(招标文件原文 / 法规标准 / N家公司共有), and passage extension stops at masked positions.

Boilerplate documents contribute *all* their k-grams (w = 1), so any shared run of k
characters is caught. The "common" set is a mapping hash -> number of distinct companies
using it in other tenders, built by the caller's store; companies are counted rather
than documents, so a company reusing its own template does not hide its own reuse.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

import numpy as np

from scoring.similarity.document import Document, prepare
from scoring.similarity.fingerprint import kgram_hashes
from scoring.similarity.params import DEFAULT_PARAMS, Params


class SubtractionKind(StrEnum):
    """Why text was subtracted, as a value callers group and toggle by; the label is for people."""

    TENDER = "tender"  # this tender's own documents
    LEGAL = "legal"  # the library of laws and standards
    COMMON = "common"  # used by many companies in other tenders
    OTHER = "other"  # any other legitimate source a caller passes

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    SubtractionKind.TENDER: "招标文件原文",
    SubtractionKind.LEGAL: "法规标准",
    SubtractionKind.COMMON: "多家公司共有",
    SubtractionKind.OTHER: "共用文本",
}


@dataclass(frozen=True)
class Reason:
    """One reason text was subtracted: its kind and the label shown to the committee."""

    kind: SubtractionKind
    label: str


@dataclass(frozen=True, eq=False)
class BoilerplateSource:
    """One legitimate source: its display name, kind and sorted unique k-gram hashes."""

    name: str
    kind: SubtractionKind
    hashes: np.ndarray

    @property
    def reason(self) -> Reason:
        return Reason(self.kind, f"{self.kind.label}：{self.name}")

    @property
    def label(self) -> str:
        return self.reason.label

    @cached_property
    def _prefilter(self) -> np.ndarray:
        """Bitmap over the low hash bits: most k-grams of a bid are rejected by one lookup."""
        bits = int(np.clip(np.ceil(np.log2(max(self.hashes.shape[0], 1))) + 3, 12, 24))
        table = np.zeros(1 << bits, dtype=bool)
        table[self.hashes & ((1 << bits) - 1)] = True
        return table

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """hashes[i] is a k-gram of this source."""
        table = self._prefilter
        hit = table[hashes & (table.shape[0] - 1)]
        idx = np.flatnonzero(hit)
        if idx.shape[0]:
            hit[idx] = _member(hashes[idx], self.hashes)
        return hit


@dataclass(frozen=True, eq=False)
class Boilerplate:
    """The legitimate sources of one comparison (this tender's files, the legal library)."""

    sources: tuple[BoilerplateSource, ...] = ()

    @classmethod
    def from_documents(cls, items: Iterable[tuple[str, str, Document]]) -> "Boilerplate":
        """``kind`` is a :class:`SubtractionKind` or its value; an unknown kind is refused."""
        sources = []
        for name, kind, doc in items:
            hashes = np.unique(kgram_hashes(doc.norm.codes, doc.k))
            sources.append(BoilerplateSource(name, SubtractionKind(kind), hashes))
        return cls(tuple(sources))

    @classmethod
    def from_texts(
        cls, items: Iterable[tuple[str, str, str]], params: Params = DEFAULT_PARAMS
    ) -> "Boilerplate":
        """``items`` are (name, kind, text) with kind 'tender', 'legal' or 'other'."""
        return cls.from_documents((name, kind, prepare(text, params)) for name, kind, text in items)


@dataclass(frozen=True, eq=False)
class Subtraction:
    """Per normalised character: index into ``reasons``, or -1 when kept."""

    reason: np.ndarray  # int32
    reasons: tuple[Reason, ...]

    @cached_property
    def mask(self) -> np.ndarray:
        return self.reason >= 0

    def spans(self, doc: Document) -> tuple[tuple[int, int, int, int, str, SubtractionKind], ...]:
        """Runs of one reason: (original start, end, normalised start, end, label, kind); cached."""
        cached = self.__dict__.get("_spans")
        if cached is not None:
            return cached
        reason, out = self.reason, []
        if reason.shape[0] and (reason >= 0).any():
            change = np.flatnonzero(np.diff(reason)) + 1
            bounds = np.concatenate(([0], change, [reason.shape[0]]))
            for s, e in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
                if reason[s] >= 0:
                    o0, o1 = doc.norm.original_span(s, e)
                    why = self.reasons[reason[s]]
                    out.append((o0, o1, s, e, why.label, why.kind))
        self.__dict__["_spans"] = tuple(out)
        return self.__dict__["_spans"]


def nothing_subtracted(doc: Document) -> Subtraction:
    return Subtraction(np.full(len(doc.norm), -1, dtype=np.int32), ())


def _cover(n: int, kgram_starts: np.ndarray, k: int) -> np.ndarray:
    delta = np.bincount(kgram_starts, minlength=n + 1) - np.bincount(kgram_starts + k, minlength=n + 1)
    return np.cumsum(delta[:n]) > 0


def _member(hashes: np.ndarray, table: np.ndarray) -> np.ndarray:
    """hashes[i] in ``table`` (sorted, unique), by binary search."""
    if table.shape[0] == 0:
        return np.zeros(hashes.shape[0], dtype=bool)
    idx = np.minimum(np.searchsorted(table, hashes), table.shape[0] - 1)
    return table[idx] == hashes


def subtract(
    doc: Document,
    boilerplate: Boilerplate | None = None,
    common: Mapping[int, int] | None = None,
    threshold: int = DEFAULT_PARAMS.company_threshold,
) -> Subtraction:
    """Mask the parts of ``doc`` explained by boilerplate or used by >= ``threshold`` companies."""
    n = len(doc.norm)
    reason = np.full(n, -1, dtype=np.int32)
    reasons: list[Reason] = []
    if not (boilerplate and boilerplate.sources) and not common:
        return Subtraction(reason, ())
    hashes = kgram_hashes(doc.norm.codes, doc.k)
    if hashes.shape[0] == 0:
        return Subtraction(reason, ())

    def apply(hit: np.ndarray, why: Reason) -> None:
        starts = np.flatnonzero(hit)
        if starts.shape[0] == 0:
            return
        covered = _cover(n, starts, doc.k) & (reason < 0)
        reason[covered] = len(reasons)
        reasons.append(why)

    for source in boilerplate.sources if boilerplate else ():
        apply(source.contains(hashes), source.reason)
    if common:
        keys = np.fromiter(common.keys(), dtype=np.int64, count=len(common))
        counts = np.fromiter(common.values(), dtype=np.int64, count=len(common))
        keys, counts = keys[counts >= threshold], counts[counts >= threshold]
        order = np.argsort(keys)
        keys, counts = keys[order], counts[order]
        if keys.shape[0]:
            idx = np.clip(np.searchsorted(keys, hashes), 0, keys.shape[0] - 1)
            found = keys[idx] == hashes
            per_kgram = np.where(found, counts[idx], 0)
            _apply_common(reason, reasons, per_kgram, doc.k)
    return Subtraction(reason, tuple(reasons))


def _apply_common(reason: np.ndarray, reasons: list[Reason], per_kgram: np.ndarray, k: int) -> None:
    """One reason per run of common text, labelled with the most companies any of its k-grams has.

    Per k-gram the count changes every few characters; one reason per count cut a 300-page bid's
    common text into thousands of spans per comparison (the reader's toggles and the stored report
    with them). A run is the stretch of still-unexplained characters the common k-grams cover.
    """
    n = reason.shape[0]
    starts = np.flatnonzero(per_kgram)
    if starts.shape[0] == 0:
        return
    covered = _cover(n, starts, k) & (reason < 0)
    if not covered.any():
        return
    # most companies among the k-grams covering each character (k shifted maxima)
    at = np.zeros(n, dtype=np.int64)
    at[: per_kgram.shape[0]] = per_kgram
    most = at.copy()
    for shift in range(1, k):
        np.maximum(most[shift:], at[:-shift], out=most[shift:])
    edges = np.flatnonzero(np.diff(np.concatenate(([0], covered.view(np.int8), [0]))))
    run_starts, run_ends = edges[0::2], edges[1::2]
    run_most = np.maximum.reduceat(np.where(covered, most, 0), run_starts)
    labels = sorted(set(run_most.tolist()), reverse=True)
    index = {companies: len(reasons) + i for i, companies in enumerate(labels)}
    reasons.extend(Reason(SubtractionKind.COMMON, f"{companies}家公司共有") for companies in labels)
    ids = np.fromiter((index[c] for c in run_most.tolist()), dtype=np.int32, count=run_most.shape[0])
    reason[covered] = np.repeat(ids, run_ends - run_starts)
