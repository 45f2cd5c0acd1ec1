"""Extract text from .txt, .pdf and .docx bids; the result defines the offsets we report.

- .txt: the UTF-8 file content, unchanged (no newline translation, BOM kept).
- .pdf: pypdfium2, page by page. NULs are stripped, CR LF becomes LF, a visual line
  break between two Han characters is joined without a space (the PDF wrapped a
  sentence) unless one of the lines is a heading, running headers/footers (the same
  first or last line on more than half of at least three pages) and "第 x 页 共 y 页"
  page-number lines are dropped, since they
  would split every passage crossing a page. Pages are separated by a form feed and the
  start offset of every page is kept, so the UI can show page numbers.
- .docx: python-docx, paragraphs and tables in document order (``iter_inner_content``);
  table cells are joined by tabs, rows and blocks by newlines.

Every failure raises :class:`ExtractionError` with a Chinese message for the user.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scoring.similarity.structure import is_structure_line

SUPPORTED = (".txt", ".pdf", ".docx")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
_PAGE_NO = re.compile(
    r"^\s*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—]?\s*\d{1,4}\s*[-—]?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


class ExtractionError(Exception):
    """A file could not be read as text; ``message`` is meant for the user (Chinese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Extracted:
    """Extracted text and the offset at which each page starts (one page for txt/docx)."""

    text: str
    page_starts: tuple[int, ...] = (0,)

    def page_of(self, offset: int) -> int:
        """1-based page number of a character offset."""
        return bisect.bisect_right(self.page_starts, offset)


def extract(path: str | Path) -> Extracted:
    """Read ``path`` by its extension; raise :class:`ExtractionError` when impossible."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ExtractionError(f"不支持的文件类型“{suffix or '无扩展名'}”：{path}（仅支持 .txt、.pdf、.docx）")
    if not path.exists():
        raise ExtractionError(f"文件不存在：{path}")
    if not path.is_file():
        raise ExtractionError(f"不是文件：{path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    if suffix == ".txt":
        try:
            return Extracted(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ExtractionError(f"文本文件不是 UTF-8 编码：{path}") from exc
    if suffix == ".pdf":
        return _pdf(data, path)
    return _docx(path)


def _pdf(data: bytes, path: Path) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"PDF 文件损坏、加密或无法解析：{path}") from exc
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            raw = textpage.get_text_range()
            textpage.close()
            page.close()
            pages.append(raw.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"))
    except pdfium.PdfiumError as exc:
        raise ExtractionError(f"PDF 文件损坏或无法解析：{path}") from exc
    finally:
        pdf.close()
    return join_pages([join_wrapped_lines(p) for p in _drop_running_lines(pages)])


def join_wrapped_lines(page: str) -> str:
    """Join a line break between two Han characters unless either line is a heading/TOC line."""
    out: list[str] = []
    for line in page.split("\n"):
        if out:
            prev = out[-1].rstrip(" \t")
            nxt = line.lstrip(" \t")
            if (
                prev
                and nxt
                and _HAN_RE.match(prev[-1])
                and _HAN_RE.match(nxt[0])
                and not is_structure_line(prev.rsplit("\n", 1)[-1])
                and not is_structure_line(nxt)
            ):
                out[-1] = prev + nxt
                continue
        out.append(line)
    return "\n".join(out)


def _drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers/footers and page-number lines (see module docstring)."""
    split = [p.split("\n") for p in pages]
    edges = Counter()
    for lines in split:
        content = [line.strip() for line in lines if line.strip()]
        edges.update({content[0], content[-1]} if content else set())
    running = {line for line, n in edges.items() if len(pages) >= 3 and n > len(pages) / 2}
    return [
        "\n".join(line for line in lines if line.strip() not in running and not _PAGE_NO.match(line))
        for lines in split
    ]


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


def _docx(path: Path) -> Extracted:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # zipfile, lxml and python-docx package errors alike
        raise ExtractionError(f"Word 文件损坏或无法解析：{path}") from exc
    blocks = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.append(_table_text(block))
        else:
            blocks.append(block.text)
    return Extracted("\n".join(blocks))


def _table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append("\t".join(cells))
    return "\n".join(rows)
