"""A PDF page by page: PDFium's text, the page's shapes, OCR where it is a scan, tables where it has rules.

PDFium reads a 300-page text PDF in ~0.3 s (pdfplumber: 10 s); the shapes decide the slow
steps (``pageobjects``). A page is scanned when images cover at least half of it and it
has fewer than ``MIN_TEXT_CHARS`` characters of its own: it is OCR'd. A page that is mostly
image but does have text carries an earlier OCR's text layer: it counts as scanned, keeps
that text, and loses the spaces that layer puts between Han characters.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from scoring.extraction.cleanup import clean_text, drop_running_lines, join_wrapped_lines, remove_han_spaces
from scoring.extraction.document import ExtractedDocument, assemble
from scoring.extraction.errors import ExtractionError
from scoring.extraction.metadata import pdf_metadata
from scoring.extraction.ocr import DPI, OcrRunner, render_page, require_ocr
from scoring.extraction.pageobjects import measure
from scoring.extraction.tables import find_tables, tables_from_edges

MIN_TEXT_CHARS = 20
SCANNED_IMAGE_RATIO = 0.5


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError("PDF 文件已加密（设有打开密码），无法提取文字。请投标人提供未加密的文件。", path,
                                  reason="encrypted") from exc
        raise ExtractionError("PDF 文件损坏或不是有效的 PDF，无法解析。", path) from exc


def read_pdf(path: Path, *, ocr: bool, tables: bool, dpi: int = DPI, max_chars: int,
             progress=None) -> ExtractedDocument:
    import pypdfium2 as pdfium

    pdf = _open(path)
    runner = OcrRunner(dpi=dpi)
    try:
        with tempfile.TemporaryDirectory(prefix="extract-ocr-") as tmp:
            metadata = pdf_metadata(pdf)
            total = len(pdf)
            if total == 0:
                raise ExtractionError("PDF 文件没有任何页面。", path)
            pages, cut = _read_pages(pdf, Path(tmp), runner, (ocr, tables), max_chars, total, progress)
            runner.wait()
    except pdfium.PdfiumError as exc:
        raise ExtractionError("PDF 文件损坏，部分页面无法解析。", path) from exc
    finally:
        runner.close()
        pdf.close()
    for number, text in runner.results.items():
        pages[number - 1]["text"] = text
    found = find_tables(path, [n for n, p in enumerate(pages, 1) if p.pop("table_candidate")])
    texts = drop_running_lines([p["text"] for p in pages])
    for number, (page, text) in enumerate(zip(pages, texts, strict=True), 1):
        page["text"] = text if page["ocr"] else join_wrapped_lines(text)
        page["tables"] = page["tables"] or found.get(number, ())
    if progress:
        progress(total, total)
    return assemble("pdf", pages, metadata, total, max_chars, cut)


def _read_pages(pdf, tmp: Path, runner: OcrRunner, steps: tuple[bool, bool], max_chars: int, total: int,
                progress):
    pages, size = [], 0
    for i in range(total):
        page = pdf[i]
        try:
            pages.append(_read_page(page, i + 1, tmp, runner, steps))
        finally:
            page.close()
        size += len(pages[-1]["text"]) + 1
        if progress:
            progress(i + 1 - runner.busy, total)  # the page being OCR'd is not done yet
        if size > max_chars:
            return pages, i + 1 < total
    return pages, False


def _fast_tables(number: int, shapes, height: float, textpage) -> tuple:
    try:
        return tables_from_edges(number, shapes.edges, height, textpage)
    except Exception:  # noqa: BLE001 - odd geometry: pdfplumber gets the page instead
        return ()


def _read_page(page, number: int, tmp: Path, runner: OcrRunner, steps: tuple[bool, bool]) -> dict:
    """The page's text and flags; its tables when its rules make them (else it is left to pdfplumber)."""
    ocr, tables = steps
    textpage = page.get_textpage()
    try:
        text = clean_text(textpage.get_text_range())
        shapes = measure(page)
        chars = len("".join(text.split()))
        scanned = shapes.image_ratio >= SCANNED_IMAGE_RATIO
        entry = {"text": text, "scanned": scanned, "ocr": False, "image_ratio": round(shapes.image_ratio, 3),
                 "tables": (), "table_candidate": False}
        if tables and shapes.may_have_table and chars >= MIN_TEXT_CHARS:
            if not shapes.grids:
                entry["tables"] = _fast_tables(number, shapes, page.get_height(), textpage)
            entry["table_candidate"] = not entry["tables"]  # pdfplumber, which reads every path's segments
    finally:
        textpage.close()
    if scanned and chars >= MIN_TEXT_CHARS:
        entry["text"] = remove_han_spaces(text)
    elif scanned and ocr:
        require_ocr()
        runner.submit(number, render_page(page, tmp / f"page-{number}.pgm", runner.dpi))
        entry["ocr"] = True
    return entry
