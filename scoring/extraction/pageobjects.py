"""What a PDF page is drawn with, measured from PDFium's page objects in well under a millisecond.

Two cheap questions decide the slow steps: is the page a scan (images cover most of it,
so OCR may be needed) and could it hold a ruled table (enough thin horizontal and vertical
strokes or cell rectangles, so pdfplumber is worth its ~35 ms)? Only image, path and form
objects are measured; text objects are only counted by type.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2.raw as raw

_THIN = 2.5  # points: a stroke drawn as a path is at most this thick
_MIN_RULE = 8.0  # points: shorter strokes are glyph-like decoration, not table rules
_MAX_DEPTH = 4  # nested form XObjects


@dataclass(frozen=True)
class PageShapes:
    image_ratio: float  # share of the page area covered by images (capped at 1)
    h_rules: int
    v_rules: int
    boxes: int  # rectangles big enough to be cells

    @property
    def may_have_table(self) -> bool:
        return (self.h_rules >= 2 and self.v_rules >= 2) or self.boxes >= 4


def _bounds(obj) -> tuple[float, float, float, float]:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return 0.0, 0.0, 0.0, 0.0
    return left.value, bottom.value, right.value, top.value


def _objects(handle, count, get):
    for i in range(count(handle)):
        yield get(handle, i)


def measure(page) -> PageShapes:
    """Measure a ``pypdfium2.PdfPage``: image coverage and candidate table rules."""
    width, height = page.get_size()
    area = max(width * height, 1.0)
    totals = {"image": 0.0, "h": 0, "v": 0, "box": 0}
    _walk(_objects(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject), (width, height), totals, 0)
    return PageShapes(min(totals["image"] / area, 1.0), totals["h"], totals["v"], totals["box"])


def _walk(objects, size, totals, depth) -> None:
    width, height = size
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = _bounds(obj)
            w = max(0.0, min(right, width) - max(left, 0.0))
            h = max(0.0, min(top, height) - max(bottom, 0.0))
            totals["image"] += w * h
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = _bounds(obj)
            w, h = right - left, top - bottom
            if h <= _THIN and w >= _MIN_RULE:
                totals["h"] += 1
            elif w <= _THIN and h >= _MIN_RULE:
                totals["v"] += 1
            elif w >= _MIN_RULE and h >= _MIN_RULE:
                totals["box"] += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
            inner = _objects(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject)
            _walk(inner, size, totals, depth + 1)
