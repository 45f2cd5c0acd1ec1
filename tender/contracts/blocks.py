"""The contract as a list of blocks, and the two writers that turn blocks into a Word document.

`TemplateWriter` writes the project's docxtpl template (Jinja tags in the text, `{%p %}` and
`{%tr %}` for conditions and table rows); `PlainWriter` builds the same document straight with
python-docx from a context, the way one would without a template engine (the benchmark's peer).
Both share the page set-up of `tender.docx_page`: A4, 宋体 as the East Asian font, page numbers.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from tender.docx_page import a4_document


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True
    align: str = "left"  # left, center, right


@dataclass(frozen=True)
class If:
    condition: str  # a Jinja expression over the context
    blocks: tuple


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    loop: str  # "c in commitments": item name, then the list
    cells: tuple[str, ...]  # one Jinja expression per column, over the item
    widths: tuple[int, ...]  # mm


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Image:
    name: str  # a key of the images the document is rendered with
    width: float  # mm


def new_document():
    return a4_document()


ALIGN = {"left": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


class _Writer:
    """Walks the blocks; subclasses say how text, conditions and table rows are produced."""

    def __init__(self):
        self.doc = new_document()
        # Styles looked up once: python-docx finds a style by name with a scan of all styles, every call.
        self.styles = {name: self.doc.styles[name] for name in ("Title", "Heading 1", "Table Grid")}

    def write(self, blocks: Sequence) -> None:
        for block in blocks:
            getattr(self, f"_{type(block).__name__.lower()}")(block)

    def text(self, source: str) -> str:
        raise NotImplementedError

    def _title(self, block: Title) -> None:
        p = self.doc.add_paragraph(self.text(block.text), style=self.styles["Title"])
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _heading(self, block: Heading) -> None:
        p = self.doc.add_paragraph(self.text(block.text), style=self.styles["Heading 1"])
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _para(self, block: Para) -> None:
        p = self.doc.add_paragraph(self.text(block.text))
        p.alignment = ALIGN[block.align]
        if block.indent:
            p.paragraph_format.first_line_indent = Pt(24)

    def _image(self, block: Image) -> None:
        raise NotImplementedError

    def _pagebreak(self, block: PageBreak) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _new_table(self, block: Table):
        table = self.doc.add_table(rows=1, cols=len(block.headers))
        table.style = self.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for column, cell, header, width in zip(table.columns, table.rows[0].cells, block.headers, block.widths,
                                               strict=True):
            column.width = cell.width = Mm(width)  # LibreOffice lays out by the grid, Word by the cells
            cell.paragraphs[0].add_run(header).bold = True
        return table

    @staticmethod
    def _row(table, values: Sequence[str], widths: Sequence[int]) -> None:
        for cell, value, width in zip(table.add_row().cells, values, widths, strict=True):
            cell.width = Mm(width)
            cell.text = value


class TemplateWriter(_Writer):
    """The docxtpl template: each tag whole in one run, so docxtpl never has to stitch runs."""

    def text(self, source: str) -> str:
        return source

    def _if(self, block: If) -> None:
        self.doc.add_paragraph(f"{{%p if {block.condition} %}}")
        self.write(block.blocks)
        self.doc.add_paragraph("{%p endif %}")

    def _table(self, block: Table) -> None:
        table = self._new_table(block)
        blank = [""] * (len(block.headers) - 1)
        self._row(table, [f"{{%tr for {block.loop} %}}", *blank], block.widths)
        self._row(table, [f"{{{{ {cell} }}}}" for cell in block.cells], block.widths)
        self._row(table, ["{%tr endfor %}", *blank], block.widths)
        self.doc.add_paragraph()

    def _image(self, block: Image) -> None:
        p = self.doc.add_paragraph(f"{{{{ images.{block.name} }}}}")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


class PlainWriter(_Writer):
    """The same document built directly: the context's values written in, loops run in Python."""

    _compiled: dict[str, jinja2.Template] = {}
    _compiled_lists: dict[str, object] = {}
    _env = jinja2.Environment(undefined=jinja2.StrictUndefined)  # python-docx escapes XML itself

    def __init__(self, context: dict, images: dict[str, bytes] | None = None):
        super().__init__()
        self.context, self.images = context, images or {}

    def _eval(self, source: str, scope: dict):
        if source not in self._compiled:  # compiled once per process, as a hand-written builder's f-strings are
            self._compiled[source] = self._env.from_string(source)
        return self._compiled[source].render(scope)

    def text(self, source: str) -> str:
        return self._eval(source, self.context)

    def _if(self, block: If) -> None:
        if self._eval(f"{{{{ ({block.condition}) | string }}}}", self.context) == "True":
            self.write(block.blocks)

    def _table(self, block: Table) -> None:
        table = self._new_table(block)
        name, _, items = (part.strip() for part in block.loop.partition(" in "))
        if items not in self._compiled_lists:  # a name or a dotted path ("committee.members")
            self._compiled_lists[items] = self._env.compile_expression(items)
        for item in self._compiled_lists[items](**self.context):
            scope = {**self.context, name: item}
            self._row(table, [self._eval(f"{{{{ {cell} }}}}", scope) for cell in block.cells], block.widths)
        self.doc.add_paragraph()

    def _image(self, block: Image) -> None:
        self.doc.add_picture(io.BytesIO(self.images[block.name]), width=Mm(block.width))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
