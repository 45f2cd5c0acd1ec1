"""The entry point: a PDF, DOCX or DOC file (recognised by its content) to an :class:`ExtractedDocument`."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from scoring.extraction.archive import DEFAULT_LIMITS, ArchiveLimits, CappedReader, check_archive
from scoring.extraction.cleanup import clean_text
from scoring.extraction.document import ExtractedDocument, Table, assemble
from scoring.extraction.errors import ExtractionError
from scoring.extraction.metadata import docx_metadata
from scoring.extraction.ocr import DPI
from scoring.extraction.office import TIMEOUT, converted
from scoring.extraction.pdf import read_pdf
from scoring.extraction.text import MAX_CHARS
from scoring.extraction.word import PAGE_BREAK, SectionEnd, iter_body, main_part

Progress = Callable[[int, int], None]
KINDS = ("pdf", "docx", "doc")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NAMES = {"pdf": "PDF", "docx": "Word（.docx）", "doc": "旧版 Word（.doc）"}


def sniff(path: Path) -> str | None:
    """"pdf", "docx" or "doc" from the first bytes (and a zip's directory); None for anything else."""
    with open(path, "rb") as f:
        head = f.read(1024)
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(_OLE) or head.lstrip().startswith(b"{\\rtf"):
        return "doc"  # Word 97-2003, WPS and RTF saved as .doc: LibreOffice reads them all
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return "docx"  # a damaged zip: the .docx reader says so
        return "docx" if "[Content_Types].xml" in names or "word/document.xml" in names else None
    return None


def extract_document(path: str | Path, *, kind: str | None = None, ocr: bool = True, tables: bool = True,
                     dpi: int = DPI, max_chars: int = MAX_CHARS, limits: ArchiveLimits = DEFAULT_LIMITS,
                     progress: Progress | None = None, convert_timeout: float = TIMEOUT) -> ExtractedDocument:
    """Extract a bid file; see the package docstring. Raises :class:`ExtractionError` (Chinese message)."""
    path = Path(path)
    if not path.is_file():
        raise ExtractionError("文件不存在。", path, reason="missing")
    try:
        kind = kind or sniff(path)
    except OSError as exc:
        raise ExtractionError(f"无法读取文件（{exc.strerror}）。", path, reason="missing") from exc
    if kind not in KINDS:
        raise ExtractionError("文件内容不是 PDF、Word（.docx）或旧版 Word（.doc）文档，无法提取文字。", path,
                              reason="unsupported")
    if kind == "pdf":
        return read_pdf(path, ocr=ocr, tables=tables, dpi=dpi, max_chars=max_chars, progress=progress)
    if kind == "docx":
        return read_docx(path, max_chars=max_chars, limits=limits, progress=progress)
    with converted(path, "docx", convert_timeout) as docx:
        try:
            document = read_docx(docx, max_chars=max_chars, limits=limits, progress=progress)
        except ExtractionError as exc:
            raise ExtractionError("旧版 Word（.doc）文件转换后仍无法解析，文件可能已损坏。", path,
                                  reason=exc.reason) from exc
    return ExtractedDocument("doc", document.text, document.pages, document.metadata, document.page_count,
                             document.truncated)


def read_docx(path: Path, *, max_chars: int, limits: ArchiveLimits, progress: Progress | None) -> ExtractedDocument:
    """Body paragraphs and tables in order, split into pages only at explicit page breaks."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, limits)
            metadata = docx_metadata(archive)
            with CappedReader(archive, main_part(archive), limits.max_member_bytes) as stream:
                pages, cut = _docx_pages(stream, max_chars)
    except ExtractionError as exc:
        exc.path = path
        raise
    except Exception as exc:  # zipfile, lxml and python-docx errors alike
        raise ExtractionError("Word 文件损坏或无法解析。", path) from exc
    if progress:
        progress(len(pages), len(pages))
    return assemble("docx", pages, metadata, len(pages), max_chars, cut)


def _docx_pages(stream, max_chars: int) -> tuple[list[dict], bool]:
    """Pages as lists of (text, table rows); a section boundary waits for the next section's type."""
    pages: list[list[tuple[str, tuple]]] = [[]]
    pending, size, cut = None, 0, False
    for item in iter_body(stream, page_breaks=True):
        if isinstance(item, SectionEnd):
            if pending is not None and item.new_page:
                page, at = pending
                pages[page:page + 1] = [pages[page][:at], pages[page][at:]]
            pending = (len(pages) - 1, len(pages[-1]))
        elif item is PAGE_BREAK:
            pages.append([])
            size += 1
        else:
            rows = tuple(tuple(clean_text(c) for c in row) for row in item.rows)
            pages[-1].append((clean_text(item.text), rows))
            size += len(item.text) + 1
            if size > max_chars:
                cut = True
                break
    if len(pages) > 1 and not pages[-1] and not cut:
        pages.pop()  # a break that ends the document starts no page of text
    return [_page(n, p) for n, p in enumerate(pages, 1)], cut


def _page(number: int, blocks: list[tuple[str, tuple]]) -> dict:
    return {"text": "\n".join(text for text, _ in blocks),
            "tables": tuple(Table(number, rows) for _, rows in blocks if rows)}
