"""管理指标承诺 tables, given as rows of cells or as lines of page text, turned into (name, promise) rows.

Such a table has a 指标名称 column, a 国家(国优)标准 or 公司内控 column and the 承诺指标 column
(contract-and-commitments.md §4). Only the 承诺 column is what the bidder promises, so columns are
told apart by their header words; the standard column's figures never become commitments.
Tables reach us two ways: from the intake's table reader (BidPage.tables, rows of cells) and as
page text, one row a line with cells split by "|", tabs or spaces, or one cell a line.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

COMMIT = re.compile(r"承诺|目标值|指标值|拟达到|计划达到|我方|我公司|本公司|投标人")
STANDARD = re.compile(r"国家|国优|标准|行业|内控|规定|要求|基准")
NAME = re.compile(r"指标名称|名称|项目|指标|内容|类别|类型")
SKIP = re.compile(r"测定|依据|计算|公式|措施|方法|备注|序号|说明")
SPLIT_STRONG = re.compile(r"\s*[|｜\t]\s*")
SPLIT_SPACE = re.compile(r"\s{2,}|\s")


@dataclass(frozen=True)
class Row:
    """One data row: the indicator's name, the promised value's cell, and the row as written."""

    name: str
    promise: str
    source: str


def header_columns(cells: Sequence[str]) -> tuple[int, int] | None:
    """(name column, commitment column) when the cells are a 管理指标承诺 header, else None."""
    cells = [c.strip() for c in cells]
    commit = [i for i, c in enumerate(cells) if c and COMMIT.search(c) and not SKIP.search(c)]
    if not commit or len(cells) < 2 or any(len(c) > 12 or re.search(r"[\d。，,；;%％率]", c) for c in cells):
        return None  # a header is short words: no figures, no sentences, no indicator names
    names = [i for i, c in enumerate(cells) if i != commit[0] and NAME.search(c) and not COMMIT.search(c)
             and not SKIP.search(c) and not STANDARD.search(c.replace("指标", ""))]
    fallback = 1 if cells[0] and SKIP.search(cells[0]) and commit[0] != 1 else 0
    return (names[0] if names else fallback), commit[0]


def rows_of_table(rows: Sequence[Sequence[str]]) -> list[Row]:
    """The commitment rows of a table of cells; [] when it has no 承诺 column header."""
    out, cols, name = [], None, ""
    for cells in rows:
        cells = ["" if c is None else str(c) for c in cells]
        found = header_columns(cells)
        if found:
            cols, name = found, ""
            continue
        if cols is None or len(cells) <= max(cols):
            continue
        name = cells[cols[0]].strip() or name  # a merged name cell repeats for the rows below
        promise = cells[cols[1]].strip()
        if promise:
            out.append(Row(name, promise, " | ".join(c.strip() for c in cells)))
    return out


def _cells(line: str) -> list[str]:
    if SPLIT_STRONG.search(line.strip()):
        return [c for c in SPLIT_STRONG.split(line.strip().strip("|｜"))]
    return [c for c in re.split(r"\s+", line.strip()) if c]


def _is_rule(line: str) -> bool:
    return bool(re.fullmatch(r"[\s|｜:：\-—=+]+", line)) and bool(re.search(r"[-—=]", line))


@dataclass(frozen=True)
class Layout:
    """A text table's columns, carried to the next page when the table runs to the page's end."""

    width: int
    cols: tuple[int, int]
    strong: bool


def text_tables(lines: Sequence[str], carry: Layout | None = None) -> tuple[list[Row], set[int], Layout | None]:
    """Rows of the tables written in page text, the indexes of the lines they took, the layout left open.

    `carry` is the layout of a table the previous page ended in: its rows may go on at the top of
    this page without the header (a 续表 line before them is skipped).
    """
    rows, used, i, open_layout = [], set(), 0, None
    if carry:
        first = next((j for j, line in enumerate(lines) if line.strip()), len(lines))
        if first < len(lines) and re.fullmatch(r"[（(]?续(上)?表[）)]?[:：]?", lines[first].strip()):
            used.add(first)
            first += 1
        if first < len(lines) and _row_cells(lines[first], carry):
            i = _read_rows(lines, first, carry, rows, used)
            open_layout = carry if _at_end(lines, i) else None
    while i < len(lines):
        cols = header_columns(_cells(lines[i])) if lines[i].strip() else None
        if cols:
            layout = Layout(len(_cells(lines[i])), cols, bool(SPLIT_STRONG.search(lines[i].strip())))
            used.add(i)
            i = _read_rows(lines, i + 1, layout, rows, used)
            open_layout = layout if _at_end(lines, i) else None
            continue
        width = _vertical_header(lines, i)
        if width:
            i = _read_vertical(lines, i, width, rows, used)
            continue
        i += 1
    return rows, used, open_layout


def _at_end(lines, i) -> bool:
    return all(not line.strip() for line in lines[i:])


def _row_cells(line: str, layout: Layout) -> list[str] | None:
    """The cells of a table row in this layout, or None when the line is not one."""
    text = line.strip()
    if not text or header_columns(_cells(text)):
        return None
    strong = bool(SPLIT_STRONG.search(text))
    if layout.strong and not strong:
        return None
    cells = _cells(text)
    if len(cells) != layout.width and not strong:
        spaced = [c for c in re.split(r"\s{2,}", text) if c]
        cells = spaced if len(spaced) == layout.width else cells
    return cells if len(cells) >= 2 and len(cells) > max(layout.cols) else None


def _read_rows(lines, i, layout: Layout, rows, used) -> int:
    name = ""
    while i < len(lines):
        if _is_rule(lines[i]):
            used.add(i)
            i += 1
            continue
        cells = _row_cells(lines[i], layout)
        if cells is None:
            break
        name = cells[layout.cols[0]].strip() or name
        rows.append(Row(name, cells[layout.cols[1]].strip(), lines[i].strip()))
        used.add(i)
        i += 1
    return i


def _vertical_header(lines, i) -> int:
    """How many one-cell lines from i make a header (short header words, one with 承诺), or 0."""
    words = []
    for line in lines[i:i + 8]:
        s = line.strip()
        if not s or len(s) > 10 or re.search(r"\d|\s", s) or not any(
                r.search(s) for r in (COMMIT, STANDARD, NAME, SKIP)):
            break
        words.append(s)
    for width in range(len(words), 1, -1):  # a first row's name cell can look like a header word
        cols = header_columns(words[:width])
        if cols and _valued_row(lines[i + width:i + 2 * width], cols):
            return width
    return 0


def _valued_row(cells, cols) -> bool:
    """A first data row: a name with no digit, a promise with one."""
    if len(cells) <= max(cols):
        return False
    named = not re.search(r"\d", cells[cols[0]])
    return named and bool(re.search(r"[\d\uff10-\uff19一二两三四五六七八九十]", cells[cols[1]]))


def _read_vertical(lines, i, width, rows, used) -> int:
    cols = header_columns([line.strip() for line in lines[i:i + width]])
    used.update(range(i, i + width))
    i += width
    while i + width <= len(lines) and all(lines[j].strip() for j in range(i, i + width)):
        cells = [lines[j].strip() for j in range(i, i + width)]
        if header_columns(cells) or not any(re.search(r"\d|[一二三四五六七八九十两]", c) for c in cells[1:]):
            break
        rows.append(Row(cells[cols[0]], cells[cols[1]], " | ".join(cells)))
        used.update(range(i, i + width))
        i += width
    return i
