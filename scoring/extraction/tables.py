"""Ruled tables from the PDF pages that may hold one: pdfplumber's table finder on PDFium's geometry first.

pdfplumber parses a page's every character (≈ 35 ms a page, most of a 300-page bid's
extraction time when a tenth of its pages hold tables). The rules of a table are already
known from PDFium's path objects (``pageobjects``), so its table finder (the pure
functions of ``pdfplumber.table``: merge edges, intersections, cells, tables) runs on
those edges, and each cell's text comes from PDFium's text page inside the cell. A page
where that finds nothing although it has rules (paths inside forms, one path drawing the
whole grid) goes to pdfplumber itself, which keeps every parsed page's objects until
``page.close()``: 298 pages took 495 MB without it and 46 MB with it (engineering notes
§3.3). Tables are a bonus to the text, which already holds their cells in reading order,
so a page pdfplumber cannot parse gives no tables rather than failing the file.
"""

from __future__ import annotations

from pathlib import Path

from scoring.extraction.cleanup import clean_text, join_wrapped_lines
from scoring.extraction.document import Table

TOLERANCE = 3  # points, pdfplumber's default snap/join/intersection tolerance


def _cell(value) -> str:
    return join_wrapped_lines(clean_text(value or "")).strip()


def _table(page: int, raw_rows) -> Table | None:
    rows = tuple(tuple(_cell(c) for c in row) for row in raw_rows)
    filled = sum(1 for row in rows for c in row if c)
    if len(rows) < 2 or max(len(r) for r in rows) < 2 or filled < 2:
        return None  # a frame or a lone box, not a table
    return Table(page, rows)


def tables_from_edges(number: int, edges: tuple[dict, ...], height: float, textpage) -> tuple[Table, ...]:
    """Tables whose rules are ``edges``; cell text from the open ``pypdfium2.PdfTextPage``."""
    from pdfplumber import table as finder

    merged = finder.merge_edges(list(edges), TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    merged = [e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= 3]
    cells = finder.intersections_to_cells(finder.edges_to_intersections(merged, TOLERANCE, TOLERANCE))
    found = []
    for group in finder.cells_to_tables(cells):
        rows = [[None if cell is None else textpage.get_text_bounded(cell[0], height - cell[3], cell[2],
                                                                      height - cell[1])
                 for cell in row.cells] for row in finder.Table(None, group).rows]
        found.append(_table(number, rows))
    return tuple(t for t in found if t)


def find_tables(path: Path, numbers: list[int]) -> dict[int, tuple[Table, ...]]:
    """Tables of the 1-based pages ``numbers`` of the PDF at ``path``, by page, with pdfplumber."""
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
