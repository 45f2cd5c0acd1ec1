"""Text of a .docx read as a stream: bounded memory, a character cap, and the bomb guard first.

python-docx parses the whole ``document.xml`` into one tree (a 35 MB bid took 3 GB).
Here lxml parses it incrementally with python-docx's own element classes, so each
top-level paragraph or table is turned into text exactly as ``Document.iter_inner_content``
would, then dropped from the tree. Reading stops once ``max_chars`` characters are in.
"""
from __future__ import annotations

import posixpath
import zipfile
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
            with CappedReader(archive, _main_part(archive), limits.max_member_bytes) as stream:
                return _blocks(stream, max_chars)
    except ExtractionError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx errors alike
        raise ExtractionError("Word 文件损坏或无法解析。", path) from exc


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document named by the package relationships (nearly always word/document.xml)."""
    root = ElementTree.fromstring(read_capped(archive, "_rels/.rels", _SMALL_PART))
    for rel in root.iter(f"{_RELS}Relationship"):
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    raise ExtractionError("Word 文件缺少正文部分，无法解析。")


def _blocks(stream, max_chars: int) -> tuple[list[str], bool]:
    from docx.oxml.parser import element_class_lookup
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    events = etree.iterparse(stream, events=("end",), tag=(f"{_W}p", f"{_W}tbl"), remove_blank_text=True,
                             resolve_entities=False, no_network=True, load_dtd=False)
    events.set_element_class_lookup(element_class_lookup)
    blocks, size = [], 0
    for _, element in events:
        parent = element.getparent()
        if parent is None or parent.tag != f"{_W}body":
            continue  # a paragraph inside a table or text box: its table or paragraph gives its text
        text = _table_text(Table(element, None)) if element.tag == f"{_W}tbl" else Paragraph(element, None).text
        blocks.append(text)
        size += len(text) + 1
        parent.remove(element)
        if size > max_chars:
            return blocks, True
    return blocks, False


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
