"""Two generated ~300-page bids as PDFs: a source bid and a spun, partly edited copy of it.

The text comes from :mod:`benchmarks.similarity.textgen` (project-written templates), so
the pair has thousands of copied passages, changed words inside them, and page numbers,
which is what made the single-page reader too heavy. Chromium prints the pages; the PDFs
then go through the application's own extraction, fingerprinting and comparison.
"""
from __future__ import annotations

import functools
import html

from benchmarks.similarity.cases import copy_case
from tender.pdf import html_to_pdf

PAGES = 300
CHARS_PER_PAGE = 1250


def texts(pages: int = PAGES, seed: int = 8) -> tuple[str, str]:
    case = copy_case("spun", seed, pages * CHARS_PER_PAGE)
    return case.a, case.b


def paged_pdf(text: str, pages: int = PAGES) -> bytes:
    """One printed page per slice of text, so the PDF has exactly ``pages`` pages."""
    size = -(-len(text) // pages)
    body = "".join(f'<div class="p">{html.escape(text[i:i + size])}</div>' for i in range(0, len(text), size))
    style = ("@page { size: A4; margin: 12mm; } body { font: 9pt 'Noto Serif CJK SC'; }"
             " .p { white-space: pre-wrap; page-break-after: always; }")
    return html_to_pdf(f"<!doctype html><meta charset=utf-8><style>{style}</style>{body}")


@functools.cache
def pdf_pair(pages: int = PAGES) -> tuple[bytes, bytes]:
    a, b = texts(pages)
    return paged_pdf(a, pages), paged_pdf(b, pages)


def add_comparison(actor, pages: int = PAGES):
    """Both bids uploaded, prepared and compared through the application's operations and jobs."""
    from tender.extensions import db
    from tender.similarity import operations as ops
    from tender.similarity.models import DocumentKind
    from tender.unit_of_work import perform

    docs = [perform(ops.add_document, actor, title=title, filename=f"{title}.pdf", data=data,
                    kind=DocumentKind.UPLOAD)
            for title, data in zip(("源投标文件", "改写投标文件"), pdf_pair(pages), strict=True)]
    comparison = perform(ops.request_comparison, actor, *docs, False)
    db.session.refresh(comparison)
    return comparison
