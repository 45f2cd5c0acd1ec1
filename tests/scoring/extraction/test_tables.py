"""Tables from PDF rules: PDFium's strokes through pdfplumber's table finder, and pdfplumber itself where a
whole grid is one path; both give the same cells, and LibreOffice's tables agree with pdfplumber's own."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from scoring.extraction import extract_document
from scoring.extraction.pageobjects import measure
from scoring.extraction.tables import find_tables
from tests.scoring.similarity.makefiles import write_pdf

ROWS = (("岗位", "人数"), ("保洁员", "12"), ("秩序维护员", "8"))
LEFT, TOP, WIDTH, HEIGHT = 100, 600, 120, 24  # cell size in points; PDF y grows upwards


def _text(x: float, y: float, text: str) -> bytes:
    return b"BT /F1 10 Tf %.1f %.1f Td <%s> Tj ET" % (x, y, text.encode("utf-16-be").hex().encode())


def _grid(one_path: bool) -> bytes:
    xs = [LEFT + i * WIDTH for i in range(len(ROWS[0]) + 1)]
    ys = [TOP - i * HEIGHT for i in range(len(ROWS) + 1)]
    lines = [(xs[0], y, xs[-1], y) for y in ys] + [(x, ys[0], x, ys[-1]) for x in xs]
    segments = [b"%d %d m %d %d l" % line for line in lines]
    strokes = b" ".join(segments) + b" S" if one_path else b" ".join(s + b" S" for s in segments)
    cells = [_text(xs[c] + 6, ys[r] - 16, value) for r, row in enumerate(ROWS) for c, value in enumerate(row)]
    return b"0.5 w " + strokes + b"\n" + b"\n".join(cells)


@pytest.mark.parametrize("one_path", [False, True], ids=["strokes", "one_path"])
def test_ruled_table_cells(tmp_path, one_path):
    lines = ["人员配置表如下，所有人员均持证上岗并定期参加培训。"]
    path = write_pdf(tmp_path / "t.pdf", [lines, lines], drawing=_grid(one_path))
    pdf = pdfium.PdfDocument(str(path))
    shapes = measure(pdf[0])
    pdf.close()
    assert shapes.may_have_table and shapes.grids == int(one_path)  # one path: left to pdfplumber
    doc = extract_document(path)
    assert [[t.rows for t in p.tables] for p in doc.pages] == [[ROWS], [ROWS]]
    assert "秩序维护员" in doc.text


def test_no_tables_without_rules(tmp_path):
    lines = ["岗位 人数", "保洁员 12", "秩序维护员 8", "以上人员均持证上岗并定期参加培训。"]
    path = write_pdf(tmp_path / "t.pdf", [lines])
    assert extract_document(path).tables == ()


def test_the_fast_finder_agrees_with_pdfplumber_on_libreoffice_tables(plan_files):
    doc = extract_document(plan_files["pdf"])
    pages = [p.number for p in doc.pages if p.tables]
    assert pages and find_tables(plan_files["pdf"], pages) == {p.number: p.tables for p in doc.pages if p.tables}
