"""Ruled tables from the PDF pages that may hold one, with pdfplumber (≈ 35 ms a page, so only those pages).

pdfplumber keeps every parsed page's objects until ``page.close()``: 298 pages took
495 MB without it and 46 MB with it (engineering notes §3.3). Tables are a bonus to the
text, which already holds their cells in reading order, so a page pdfplumber cannot parse
gives no tables rather than failing the file.
"""

from __future__ import annotations

from pathlib import Path

from scoring.extraction.cleanup import clean_text, join_wrapped_lines
from scoring.extraction.document import Table


def _cell(value) -> str:
    return join_wrapped_lines(clean_text(value or "")).strip()


def _table(page: int, raw_rows) -> Table | None:
    rows = tuple(tuple(_cell(c) for c in row) for row in raw_rows)
    filled = sum(1 for row in rows for c in row if c)
    if len(rows) < 2 or max(len(r) for r in rows) < 2 or filled < 2:
        return None  # a frame or a lone box, not a table
    return Table(page, rows)


def find_tables(path: Path, numbers: list[int]) -> dict[int, tuple[Table, ...]]:
    """Tables of the 1-based pages ``numbers`` of the PDF at ``path``, by page."""
    if not numbers:
        return {}
    import pdfplumber

    found: dict[int, tuple[Table, ...]] = {}
    try:
        with pdfplumber.open(path, pages=numbers) as pdf:
            for page in pdf.pages:
                try:
                    tables = [_table(page.page_number, t) for t in page.extract_tables()]
                except Exception:  # noqa: BLE001 - one odd page loses its tables, not the file
                    tables = []
                finally:
                    page.close()
                found[page.page_number] = tuple(t for t in tables if t)
    except Exception:  # noqa: BLE001 - pdfminer could not parse what PDFium read: text stays, tables go
        return found
    return found
