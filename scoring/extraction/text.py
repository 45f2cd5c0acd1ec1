"""Extract text from .txt, .pdf and .docx bids; the result defines the offsets we report.

- .txt: the UTF-8 file content, unchanged (no newline translation, BOM kept).
- .pdf: pypdfium2, page by page. NULs are stripped, CR LF becomes LF, a visual line
  break between two Han characters is joined without a space (the PDF wrapped a
  sentence) unless one of the lines is a heading, running headers/footers (the same
  first or last line on more than half of at least three pages) and "第 x 页 共 y 页"
  page-number lines are dropped, since they
  would split every passage crossing a page. Pages are separated by a form feed and the
  start offset of every page is kept, so the UI can show page numbers.
- .docx: paragraphs and tables in document order, as python-docx's ``iter_inner_content``
  gives them, read as a stream after the decompression-bomb check (``word.py``);
  table cells are joined by tabs, rows and blocks by newlines.

Text beyond ``max_chars`` is not read: the result keeps the first ``max_chars``
characters and says it was truncated (a 35 MB bid once took 3 GB and locked the database).
Every failure raises :class:`ExtractionError` with a Chinese message for the user; the
message never contains the file's path (the exception's ``path`` attribute does).
"""

import bisect
from dataclasses import dataclass
from pathlib import Path

from scoring.extraction.archive import DEFAULT_LIMITS, ArchiveLimits
from scoring.extraction.cleanup import drop_running_lines, join_wrapped_lines
from scoring.extraction.errors import ExtractionError
from scoring.extraction.word import docx_blocks

SUPPORTED = (".txt", ".pdf", ".docx")

MAX_CHARS = 2_000_000  # about 1,600 pages of 1,250 characters; a 300-page bid has ~400,000

__all__ = ["SUPPORTED", "ExtractionError", "Extracted", "extract", "join_pages", "join_wrapped_lines"]


@dataclass(frozen=True)
class Extracted:
    """Extracted text and the offset at which each page starts (one page for txt/docx)."""

    text: str
    page_starts: tuple[int, ...] = (0,)
    truncated: bool = False  # the file had more than max_chars characters; only the first ones are here

    def page_of(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return bisect.bisect_right(self.page_starts, offset)


def extract(path: str | Path, max_chars: int = MAX_CHARS, limits: ArchiveLimits = DEFAULT_LIMITS) -> Extracted:
    """Read ``path`` by its extension; raise :class:`ExtractionError` when impossible."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ExtractionError(f"不支持的文件类型“{suffix or '无扩展名'}”（仅支持 .txt、.pdf、.docx）。", path)
    if not path.exists():
        raise ExtractionError("文件不存在。", path)
    if not path.is_file():
        raise ExtractionError("不是文件。", path)
    if suffix == ".docx":
        blocks, cut = docx_blocks(path, max_chars, limits)
        return _capped(Extracted("\n".join(blocks)), max_chars, cut)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"无法读取文件（{exc.strerror}）。", path) from exc
    if suffix == ".txt":
        try:
            return _capped(Extracted(data.decode("utf-8")), max_chars)
        except UnicodeDecodeError as exc:
            raise ExtractionError("文本文件不是 UTF-8 编码。", path) from exc
    return _pdf(data, path, max_chars)


def _capped(extracted: Extracted, max_chars: int, cut: bool = False) -> Extracted:
    """The first ``max_chars`` characters, and the pages that start within them."""
    if len(extracted.text) <= max_chars and not cut:
        return extracted
    starts = tuple(s for s in extracted.page_starts if s < max_chars) or (0,)
    return Extracted(extracted.text[:max_chars], starts, truncated=True)


def _pdf(data: bytes, path: Path, max_chars: int) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractionError("PDF 文件损坏、加密或无法解析。", path) from exc
    try:
        pages, size = [], 0
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append(raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"))
            size += len(pages[-1]) + 1
            if size > max_chars:
                break
    except pdfium.PdfiumError as exc:
        raise ExtractionError("PDF 文件损坏或无法解析。", path) from exc
    finally:
        pdf.close()
    cut = size > max_chars  # pages after this one were not read
    return _capped(join_pages([join_wrapped_lines(p) for p in drop_running_lines(pages)]), max_chars, cut)


def join_pages(pages: list[str]) -> Extracted:
    """Join page texts with form feeds, recording where each page starts."""
    starts, parts, pos = [], [], 0
    for i, page in enumerate(pages):
        if i:
            parts.append("\f")
            pos += 1
        starts.append(pos)
        parts.append(page)
        pos += len(page)
    return Extracted("".join(parts), tuple(starts) or (0,))
