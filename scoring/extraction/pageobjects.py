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
_BOX_SEGMENTS = 6  # a rectangle is 4-5 segments (move, 3-4 lines, close)


@dataclass(frozen=True)
class PageShapes:
    image_ratio: float  # share of the page area covered by images (capped at 1)
    h_rules: int
    v_rules: int
    boxes: int  # rectangles big enough to be cells
    grids: int = 0  # box-shaped paths of many segments: a whole grid drawn as one path
    edges: tuple[dict, ...] = ()  # rules and box sides as pdfplumber edges (top-based coordinates)

    @property
    def may_have_table(self) -> bool:
        return (self.h_rules >= 2 and self.v_rules >= 2) or self.boxes >= 4 or self.grids > 0


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
    totals = {"image": 0.0, "h": 0, "v": 0, "box": 0, "grid": 0, "edges": []}
    _walk(_objects(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject), (width, height), totals, 0)
    return PageShapes(min(totals["image"] / area, 1.0), totals["h"], totals["v"], totals["box"], totals["grid"],
                      tuple(totals["edges"]))


def _edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    return {"orientation": orientation, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top}


def _path_edges(bounds, height: float, kind: str) -> list[dict]:
    """A rule's centre line, or a box's four sides, as edges; PDF y grows upwards, pdfplumber's top down."""
    left, bottom, right, top = bounds
    y_top, y_bottom = height - top, height - bottom
    if kind == "h":
        y = (y_top + y_bottom) / 2
        return [_edge("h", left, right, y, y)]
    if kind == "v":
        x = (left + right) / 2
        return [_edge("v", x, x, y_top, y_bottom)]
    return [_edge("h", left, right, y_top, y_top), _edge("h", left, right, y_bottom, y_bottom),
            _edge("v", left, left, y_top, y_bottom), _edge("v", right, right, y_top, y_bottom)]


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
            bounds = _bounds(obj)
            w, h = bounds[2] - bounds[0], bounds[3] - bounds[1]
            shape = ("h" if h <= _THIN and w >= _MIN_RULE else "v" if w <= _THIN and h >= _MIN_RULE
                     else "box" if w >= _MIN_RULE and h >= _MIN_RULE else None)
            if shape == "box" and raw.FPDFPath_CountSegments(obj) > _BOX_SEGMENTS:
                shape = "grid"  # its bounds say nothing of its inner lines: pdfplumber reads them
                totals["grid"] += 1
            elif shape:
                totals[shape] += 1
                if depth == 0:  # nested forms have coordinates of their own: pdfplumber handles those pages
                    totals["edges"] += _path_edges(bounds, height, shape)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_DEPTH:
            inner = _objects(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject)
            _walk(inner, size, totals, depth + 1)
