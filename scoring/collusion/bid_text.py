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


class BidText:
    """All pages of one bid as one flat string, with page starts and the places whitespace was removed."""

    def __init__(self, pages: Iterable[str]):
        raw_pages, self.starts, self.gaps, pos = [], [], set(), 0
        for page in pages:
            kept, at, length = [], 0, 0
            for m in _WS.finditer(page):
                kept.append(page[at : m.start()])
                length += m.start() - at
                at = m.end()
                self.gaps.add(pos + length)
            kept.append(page[at:])
            flat = "".join(kept)
            self.starts.append(pos)
            raw_pages.append(flat)
            pos += len(flat) + 1
        self.raw = PAGE_BREAK.join(raw_pages)  # for excerpts
        self.flat = fold(self.raw)  # for matching; same positions

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
        return pos == lo or pos in self.gaps or not is_han(self.raw[pos - 1])

    def boundary_after(self, end: int) -> bool:
        lo, hi = self.page_bounds(max(end - 1, 0))
        return end >= hi or end in self.gaps or not is_han(self.raw[end])

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


class TermIndex:
    """Many canonical names, found leftmost-longest and without overlaps in a :class:`BidText`.

    The overlap rule is what keeps a short name from firing inside a longer known name:
    where a bid's own name ``浙江甲乙物业服务有限公司`` and a rival's ``甲乙物业服务有限公司``
    both match, the longer, earlier one wins and the caller can drop it as the bid's own.
    A few hundred names go into one regular expression (longest first, so the longest name
    at a position wins); more (every known tender) are looked up through the set of the
    text's n-grams, which costs one pass over the text however many names there are.
    """

    REGEX_LIMIT = 300

    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
        self.gram = min(4, min((len(t) for t in self.terms), default=1))
        self.by_prefix: dict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            self.by_prefix[term[: self.gram]].append(term)
        self.regex = re.compile("|".join(map(re.escape, self.terms))) \
            if self.terms and len(self.terms) <= self.REGEX_LIMIT else None

    def _candidates(self, flat: str) -> list[str]:
        g = self.gram
        grams = {flat[i : i + g] for i in range(len(flat) - g + 1)}
        return [t for p in grams & self.by_prefix.keys() for t in self.by_prefix[p]]

    def search(self, text: BidText) -> list[Match]:
        flat = text.flat
        if self.regex is not None:
            return [Match(m.group(), m.start(), m.end()) for m in self.regex.finditer(flat)]
        if not self.terms:
            return []
        found = []
        for term in self._candidates(flat):
            at = flat.find(term)
            while at >= 0:
                found.append(Match(term, at, at + len(term)))
                at = flat.find(term, at + 1)
        found.sort(key=lambda m: (m.start, -(m.end - m.start), m.term))
        kept, reach = [], -1
        for m in found:
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
