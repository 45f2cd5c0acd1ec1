"""Commitments read from a bid's pages: its 管理指标承诺 tables and its 服务承诺 sentences (issue 14, scope 1).

Tables come as the intake stores them or written in the page text (`tables.py`); the rest of the
page is prose, read sentence by sentence (`clauses.py`). Values no catalogue indicator claims are
dropped: the extractor proposes, staff confirm, so a missed promise costs a line typed by hand
and a wrong one a line deleted.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from scoring.commitments.clauses import passage
from scoring.commitments.schema import Commitment
from scoring.commitments.tables import Row, rows_of_table, text_tables

SENTENCE = re.compile(r"[^。；;！!？?\n]+")


def extract_commitments(pages: Sequence[str], tables: Sequence | None = None) -> list[Commitment]:
    """Commitments of a bid, page by page (1-based), in reading order.

    `tables[i]` holds page i+1's tables as the intake stores them (BidPage.tables: a list of
    tables, each a list of rows of cell strings) or None; a single table (rows of cells) is
    accepted too. Page text lines that repeat a given table's cells are not read again as prose.
    A promise repeated on one page is kept once; repeated on another page it is kept again, with
    that page, since staff confirm each next to its source (a summary table and a chapter's text).
    """
    out, seen, carry = [], set(), None
    for number, text in enumerate(pages, 1):
        page_tables = _page_tables(tables[number - 1] if tables and number <= len(tables) else None)
        found, carry = _page(text or "", page_tables, number, carry)
        for c in found:
            if (c.key(), c.deadline, c.page) not in seen:
                seen.add((c.key(), c.deadline, c.page))
                out.append(c)
    return out


def _page_tables(given) -> list:
    if not given:
        return []
    if given[0] and isinstance(given[0][0], str):
        return [given]  # one table, rows of cells
    return [t for t in given if t]


def _page(text: str, tables: list, page: int, carry) -> tuple[list[Commitment], object]:
    rows = [r for t in tables for r in rows_of_table(t)]
    cells = {re.sub(r"\s", "", str(c)) for t in tables for row in t for c in row if c}
    lines = text.split("\n")
    text_rows, used, carry = text_tables(lines, carry)
    out = [c for r in rows + text_rows for c in _row(r, page)]
    prose = [line for i, line in enumerate(lines) if i not in used and not (cells and _repeats_cells(line, cells))]
    for line in _unwrap(prose):
        for m in SENTENCE.finditer(line):
            out.extend(passage(m.group(), page, m.group().strip()))
    return out, carry


WRAPPED = re.compile(r"[^。；;！!？?:：\s]$")
ITEM = re.compile(r"^\s*(?:[●•·■◆▪\-*]|\d+[.、)）]|[（(]\d+[)）]|[一二三四五六七八九十]+、)")


def _unwrap(lines: list[str]) -> list[str]:
    """Join a paragraph's lines that PDF text wraps mid-sentence ("业主满意率达到" / "95%以上")."""
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) >= 25 and WRAPPED.search(out[-1]) and line.strip() and not ITEM.match(line):
            out[-1] += line.strip()
        else:
            out.append(line)
    return out


def _repeats_cells(line: str, cells: set[str]) -> bool:
    tokens = [t for t in re.split(r"\s+|\|", line) if t]
    return bool(tokens) and all(any(t in c for c in cells) for t in tokens)


def _row(row: Row, page: int) -> list[Commitment]:
    return passage(f"{row.name}：{row.promise}", page, row.source)
