"""A bid's pages made searchable for known names: whitespace-blind, case- and width-folded, page-aware.

Names in extracted text are broken by visual line breaks and typed with full-width letters
(``ＺＢ－２０２５``), so names are searched in one string of all pages without whitespace,
folded character by character (positions stay the same as in the unfolded string, which
excerpts are cut from). Thousands of names (every tender the system knows) are looked up
through a set of the text's n-grams, so a bid is read once whatever the number of names.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

_WS = re.compile(r"\s+")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_FOLD.update({c: ord(chr(c - 0xFEE0).lower()) for c in range(0xFF21, 0xFF3B)})  # full-width capitals
_FOLD[0x3000] = 0x20
PAGE_BREAK = "\x00"  # never part of a name, so no match runs across two pages


_FOLDABLE = re.compile("[" + "".join(map(chr, _FOLD)) + "]+")


def fold(text: str) -> str:
    """Full-width ASCII to ASCII, capitals to lower case, one for one (positions kept).

    Only the runs that need it are translated: ``str.translate`` with a mapping costs about
    0.2 µs a character, too slow for every character of 20 bids of 300 pages.
    """
    return _FOLDABLE.sub(lambda m: m.group().translate(_FOLD), text)


def canon(name: str) -> str:
    """The form a name is searched in: no whitespace, full-width ASCII folded, lower case."""
    return fold(_WS.sub("", name or ""))


def is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


SHORT_LINE = 16  # a line this short ends a cell or a paragraph; a longer one was wrapped by the layout


def _separates(page: str, run: re.Match) -> bool:
    """Whether removed whitespace separated words: spaces do; a line break only after a short line.

    Extracted text breaks lines where the page ran out of width (服务质\n量), so a break after a
    full line says nothing about words; one after a short line (a table cell, a name) does.
    """
    if "\n" not in run.group():
        return True
    return run.start() - (page.rfind("\n", 0, run.start()) + 1) < SHORT_LINE


class BidText:
    """All pages of one bid as one flat string, with page starts; where whitespace separated words on demand."""

    def __init__(self, pages: Iterable[str]):
        self.pages = tuple(pages)
        flats = [_WS.sub("", page) for page in self.pages]
        self.starts, pos = [], 0
        for flat in flats:
            self.starts.append(pos)
            pos += len(flat) + 1
        self.raw = PAGE_BREAK.join(flats)  # for excerpts
        self.flat = fold(self.raw)  # for matching; same positions
        self._gaps: dict[int, frozenset[int]] = {}

    def gaps(self, page: int) -> frozenset[int]:
        """Positions (in the flat text) of the 1-based ``page`` where separating whitespace was removed.

        Only name checks at word boundaries need them, for a few pages, so they are worked out then.
        """
        if page not in self._gaps:
            text, found, removed = self.pages[page - 1], set(), 0
            for m in _WS.finditer(text):
                if _separates(text, m):
                    found.add(self.starts[page - 1] + m.start() - removed)
                removed += m.end() - m.start()
            self._gaps[page] = frozenset(found)
        return self._gaps[page]

    def page_of(self, pos: int) -> int:
        """1-based page number of a position."""
        return bisect_right(self.starts, pos)

    def page_bounds(self, pos: int) -> tuple[int, int]:
        page = self.page_of(pos)
        end = self.starts[page] - 1 if page < len(self.starts) else len(self.raw)
        return self.starts[page - 1], end

    def boundary_before(self, pos: int) -> bool:
        """True where a word may start: page start, removed whitespace or a character that is not Han."""
        lo, _ = self.page_bounds(pos)
        return pos == lo or pos in self.gaps(self.page_of(pos)) or not is_han(self.raw[pos - 1])

    def boundary_after(self, end: int) -> bool:
        lo, hi = self.page_bounds(max(end - 1, 0))
        return end >= hi or end in self.gaps(self.page_of(max(end - 1, 0))) or not is_han(self.raw[end])

    def excerpt(self, start: int, end: int, width: int = 18) -> str:
        """The match with a little text either side, within its page, marked with ellipses where cut."""
        lo, hi = self.page_bounds(start)
        a, b = max(lo, start - width), min(hi, end + width)
        return ("…" if a > lo else "") + self.raw[a:b] + ("…" if b < hi else "")


@dataclass(frozen=True)
class Match:
    term: str
    start: int
    end: int


_PRIME = np.uint64(1099511628211)


def _gram_hashes(text: str, g: int) -> np.ndarray:
    """A 64-bit hash of every g characters of ``text`` (wrapping arithmetic; collisions only add candidates)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - g + 1
    hashes = np.zeros(max(n, 0), dtype=np.uint64)
    for k in range(g):
        hashes = hashes * _PRIME + codes[k : k + max(n, 0)]
    return hashes


class TermIndex:
    """Many canonical names, found leftmost-longest and without overlaps in a :class:`BidText`.

    The overlap rule is what keeps a short name from firing inside a longer known name:
    where a bid's own name ``浙江甲乙物业服务有限公司`` and a rival's ``甲乙物业服务有限公司``
    both match, the longer, earlier one wins and the caller can drop it as the bid's own.
    A few hundred names go into one regular expression (longest first, so the longest name
    at a position wins). More (every known tender) are found through their first n characters:
    the hashes of every n characters of the text are matched against the names' (numpy), and
    only those positions are looked at, so the work per bid does not grow with the names.
    """

    REGEX_LIMIT = 300

    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
        self.gram = min(4, min((len(t) for t in self.terms), default=1))
        self.regex = re.compile("|".join(map(re.escape, self.terms))) \
            if self.terms and len(self.terms) <= self.REGEX_LIMIT else None
        self.term_set = frozenset(self.terms)
        self.by_hash: dict[int, list[str]] = defaultdict(list)
        if self.regex is None and self.terms:
            hashes = _gram_hashes("\x00".join(t[: self.gram] for t in self.terms), self.gram)
            for i, term in enumerate(self.terms):
                self.by_hash[int(hashes[i * (self.gram + 1)])].append(term)
        self.lengths = {h: sorted({len(t) for t in ts}, reverse=True) for h, ts in self.by_hash.items()}
        self.prefix_hashes = np.array(sorted(self.by_hash), dtype=np.uint64)

    def _positions(self, flat: str) -> tuple[np.ndarray, np.ndarray]:
        hashes = _gram_hashes(flat, self.gram)
        slot = np.minimum(np.searchsorted(self.prefix_hashes, hashes), len(self.prefix_hashes) - 1)
        at = np.flatnonzero(self.prefix_hashes[slot] == hashes)  # binary search: no sort of the text's hashes
        return at, hashes[at]

    def candidates(self, flat: str) -> list[str]:
        """The names worth looking for in ``flat``: those whose first n characters occur in it."""
        if self.regex is not None:
            return list(self.terms)
        _, hashes = self._positions(flat)
        return sorted({t for h in np.unique(hashes).tolist() for t in self.by_hash[h]})

    def search(self, text: BidText) -> list[Match]:
        flat = text.flat
        if self.regex is not None:
            return [Match(m.group(), m.start(), m.end()) for m in self.regex.finditer(flat)]
        if not self.terms:
            return []
        found = []
        at, hashes = self._positions(flat)
        for p, h in zip(at.tolist(), hashes.tolist(), strict=True):
            for length in self.lengths[h]:  # longest first
                if flat[p : p + length] in self.term_set:
                    found.append(Match(flat[p : p + length], p, p + length))
                    break
        kept, reach = [], -1
        for m in found:  # positions ascend; keep the leftmost, then the next one after it
            if m.start >= reach:
                kept.append(m)
                reach = m.end
        return kept


def page_list(pages: Iterable[int], limit: int = 6) -> str:
    """第 3、5、9 页 style list for summaries, shortened with 等 past ``limit`` pages."""
    pages = sorted(set(pages))
    shown = "、".join(map(str, pages[:limit]))
    return f"第{shown}页" + ("等" if len(pages) > limit else "")


def excerpt_of(page: str, start: int, end: int, width: int = 18) -> str:
    """An excerpt of an original page (numbers are matched there), whitespace collapsed."""
    a, b = max(0, start - width), min(len(page), end + width)
    text = " ".join(page[a:b].split())
    return ("…" if a > 0 else "") + text + ("…" if b < len(page) else "")
