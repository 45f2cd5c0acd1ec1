"""What :func:`scoring.extraction.extract_document` returns: the text, its pages, their tables, the file's metadata.

Frozen dataclasses of plain values, so a job can store them (``dataclasses.asdict``) and a
test can compare them. Offsets are into :attr:`ExtractedDocument.text`, where pages are
separated by one form feed (``\\f``), as in :class:`scoring.extraction.text.Extracted`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime

from scoring.extraction.text import Extracted


@dataclass(frozen=True)
class Table:
    """A table's cells row by row, as text; merged cells appear once (DOCX) or as "" (PDF)."""

    page: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Page:
    """One page: 1-based ``number``, its text and where that text starts in the document's text.

    ``scanned``: the page is mostly image (images cover at least half of it) and had
    little or no text of its own. ``ocr``: its text came from tesseract. ``image_ratio``:
    share of the page covered by images (PDF only).
    """

    number: int
    text: str
    start: int
    scanned: bool = False
    ocr: bool = False
    image_ratio: float = 0.0
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Metadata:
    """Document properties; "" or None when the file does not say.

    PDF: the information dictionary (Author, Creator = the authoring application,
    Producer = what wrote the PDF, CreationDate, ModDate); PDF has no last-modified-by.
    DOCX: core properties (creator, lastModifiedBy, created, modified) and app.xml
    (Application as ``creator``, Company, Template); DOCX has no producer. DOC: what
    LibreOffice carries into the converted DOCX (author, last modified by, title and both
    times are kept; ``creator`` names LibreOffice itself).
    Times are timezone-aware when the file gives a zone, naive otherwise.
    """

    author: str = ""
    last_modified_by: str = ""
    creator: str = ""
    producer: str = ""
    title: str = ""
    company: str = ""
    template: str = ""
    created: datetime | None = None
    modified: datetime | None = None


@dataclass(frozen=True)
class ExtractedDocument:
    """The whole file as text: ``kind`` is "pdf", "docx" or "doc" (the source format, after sniffing)."""

    kind: str
    text: str
    pages: tuple[Page, ...]
    metadata: Metadata = field(default_factory=Metadata)
    page_count: int = 1  # pages in the file; more than len(pages) when truncated
    truncated: bool = False  # the text was cut at max_chars

    @property
    def page_starts(self) -> tuple[int, ...]:
        return tuple(p.start for p in self.pages) or (0,)

    @property
    def scanned_pages(self) -> int:
        return sum(p.scanned for p in self.pages)

    @property
    def ocr_pages(self) -> int:
        return sum(p.ocr for p in self.pages)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(t for p in self.pages for t in p.tables)

    def page_of(self, offset: int) -> int:
        """1-based page number of a character offset into ``text``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def as_extracted(self) -> Extracted:
        """The plain text view the similarity engine takes."""
        return Extracted(self.text, self.page_starts, self.truncated)


def assemble(kind: str, pages: list[dict], metadata: Metadata, page_count: int, max_chars: int,
             cut: bool = False) -> ExtractedDocument:
    """Join page texts with form feeds, record each start, and cut at ``max_chars``.

    ``pages`` are dicts of :class:`Page` fields without ``number`` and ``start``.
    """
    out, pos, truncated = [], 0, cut
    for number, fields in enumerate(pages, 1):
        start = pos + (1 if number > 1 else 0)
        text = fields.pop("text")
        if start >= max_chars and out:
            truncated = True
            break
        if start + len(text) > max_chars:
            text, truncated = text[: max_chars - start], True
        out.append(Page(number=number, text=text, start=start, **fields))
        pos = start + len(text)
    return ExtractedDocument(kind, "\f".join(p.text for p in out), tuple(out), metadata, page_count, truncated)
