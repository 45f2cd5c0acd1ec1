"""Text of a .docx read as a stream: bounded memory, a character cap, and the bomb guard first.

python-docx parses the whole ``document.xml`` into one tree (a 35 MB bid took 3 GB).
Here lxml parses it incrementally with python-docx's own element classes, so each
top-level paragraph or table is turned into text exactly as ``Document.iter_inner_content``
would, then dropped from the tree. Reading stops once ``max_chars`` characters are in.
:func:`iter_body` also gives the cells of each table and, when asked, the explicit page breaks.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from scoring.extraction.archive import DEFAULT_LIMITS, ArchiveLimits, CappedReader, check_archive, read_capped
from scoring.extraction.errors import ExtractionError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_SMALL_PART = 4 * 1024 * 1024


def docx_blocks(path: Path, max_chars: int, limits: ArchiveLimits = DEFAULT_LIMITS) -> tuple[list[str], bool]:
    """Block texts (paragraphs, tables) in document order and whether ``max_chars`` cut reading short."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, limits)
            with CappedReader(archive, main_part(archive), limits.max_member_bytes) as stream:
                return _blocks(stream, max_chars)
    except ExtractionError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx errors alike
        raise ExtractionError("Word 文件损坏或无法解析。", path) from exc


def main_part(archive: zipfile.ZipFile) -> str:
    """The main document named by the package relationships (nearly always word/document.xml)."""
    root = ElementTree.fromstring(read_capped(archive, "_rels/.rels", _SMALL_PART))
    for rel in root.iter(f"{_RELS}Relationship"):
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise ExtractionError("Word 文件缺少正文部分，无法解析。")


def _blocks(stream, max_chars: int) -> tuple[list[str], bool]:
    blocks, size = [], 0
    for block in iter_body(stream):
        blocks.append(block.text)
        size += len(block.text) + 1
        if size > max_chars:
            return blocks, True
    return blocks, False


@dataclass(frozen=True)
class Block:
    """A top-level paragraph (``rows`` empty) or table (``rows`` of cell texts); ``text`` as the plain view."""

    text: str
    rows: tuple[tuple[str, ...], ...] = ()


PAGE_BREAK = Block("\f")  # an explicit page break between blocks (only when iter_body is asked for them)


@dataclass(frozen=True)
class SectionEnd:
    """A section ends here; ``new_page``: it had begun on a new page (its ``w:type``, nextPage by default).

    A section's break type sits at its *end*, so whether a break starts a new page is
    known only at the next section's end: the reader keeps the boundary pending until then.
    """

    new_page: bool
_MARK = "\U0010fffd"  # stands for a page break inside a paragraph's text; a noncharacter no file contains


def iter_body(stream, page_breaks: bool = False):
    """Yield the body's paragraphs and tables in document order, each dropped from the tree once read.

    With ``page_breaks``, also yield :data:`PAGE_BREAK` where the document forces a new page
    (a page break in a run splits the paragraph there; ``pageBreakBefore``) and a
    :class:`SectionEnd` after each section (paragraph-level and final ``w:sectPr``).
    """
    from docx.oxml.parser import element_class_lookup
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    tags = (f"{_W}p", f"{_W}tbl", f"{_W}sectPr") if page_breaks else (f"{_W}p", f"{_W}tbl")
    events = etree.iterparse(stream, events=("end",), tag=tags, remove_blank_text=True,
                             resolve_entities=False, no_network=True, load_dtd=False)
    events.set_element_class_lookup(element_class_lookup)
    for _, element in events:
        parent = element.getparent()
        if parent is None or parent.tag != f"{_W}body":
            continue  # a paragraph inside a table or text box: its table or paragraph gives its text
        if element.tag == f"{_W}sectPr":
            yield SectionEnd(_starts_page(element))
        elif element.tag == f"{_W}tbl":
            rows = _table_rows(Table(element, None))
            yield Block("\n".join("\t".join(r) for r in rows), rows)
        elif page_breaks:
            yield from _paragraph_pages(element, Paragraph)
        else:
            yield Block(Paragraph(element, None).text)
        parent.remove(element)


def _paragraph_pages(element, paragraph_class):
    from docx.oxml.parser import OxmlElement

    ppr = element.find(f"{_W}pPr")
    flag = ppr.find(f"{_W}pageBreakBefore") if ppr is not None else None
    before = flag is not None and flag.get(f"{_W}val", "true") not in ("false", "0", "off")
    sect = ppr.find(f"{_W}sectPr") if ppr is not None else None
    for br in list(element.iter(f"{_W}br")):
        if br.get(f"{_W}type") == "page":
            mark = OxmlElement("w:t")
            mark.text = _MARK
            br.getparent().replace(br, mark)
    if before:
        yield PAGE_BREAK
    parts = paragraph_class(element, None).text.split(_MARK)
    for i, part in enumerate(parts):
        if i:
            yield PAGE_BREAK
        if part or len(parts) == 1:
            yield Block(part)
    if sect is not None:
        yield SectionEnd(_starts_page(sect))


def _starts_page(sect) -> bool:
    kind = sect.find(f"{_W}type")
    return kind is None or kind.get(f"{_W}val", "nextPage") in ("nextPage", "evenPage", "oddPage")


def _table_rows(table) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat the same element
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(tuple(cells))
    return tuple(rows)
