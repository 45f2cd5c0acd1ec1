"""The page every generated Word document shares: A4, Chinese fonts, page numbers.

python-docx starts from US Letter and sets only the Latin font (``font.name``); the Chinese
font is ``w:eastAsia`` on the style's ``rFonts``, and a theme font attribute would win over
it. A page number is a PAGE field, which must be a child of the paragraph (a ``fldSimple``
inside a run renders nothing). Engineering notes §3.8. Contracts, the opening record, the
evaluation report and the demo's tender documents all start here.
"""
from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT, HEADING_FONT, LATIN_FONT = "宋体", "黑体", "Times New Roman"
HEADINGS = {"Title": 18, "Heading 1": 14, "Heading 2": 14}  # style: points


def a4_document(*, body_pt: float = 12, margins_mm: tuple[int, int, int, int] = (25, 25, 28, 26),
                numbered: bool = True, body_font: str = BODY_FONT, heading_font: str = HEADING_FONT):
    """A new document set up as `set_up_page` says."""
    document = Document()
    set_up_page(document, body_pt=body_pt, margins_mm=margins_mm, numbered=numbered, body_font=body_font,
                heading_font=heading_font)
    return document


def set_up_page(document, *, body_pt: float = 12, margins_mm: tuple[int, int, int, int] = (25, 25, 28, 26),
                numbered: bool = True, body_font: str = BODY_FONT, heading_font: str = HEADING_FONT) -> None:
    """A4 portrait with margins (top, bottom, left, right), the body in `body_font`, headings bold in
    `heading_font` and black, and "第 n 页，共 m 页" in the footer when `numbered`."""
    top, bottom, left, right = margins_mm
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        if numbered:
            page_numbers(section)
    chinese_font(document.styles["Normal"], body_font, Pt(body_pt))
    for name, points in HEADINGS.items():
        style = document.styles[name]
        chinese_font(style, heading_font, Pt(points))
        style.font.color.rgb = None
        style.font.bold = True


def chinese_font(style, east_asia: str, size=None) -> None:
    style.font.name = LATIN_FONT
    if size is not None:
        style.font.size = size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the named one


def page_numbers(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("第 ")
    _field(p, "PAGE")
    p.add_run(" 页，共 ")
    _field(p, "NUMPAGES")
    p.add_run(" 页")


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
