"""Generated property-management-plan text and the files built from it: DOCX, LibreOffice PDF and .doc, a scan.

The sentences are assembled here from short phrase lists with a seeded generator, so the
tests share no text with real bids. Files are built the way bidders' files come about:
python-docx writes the DOCX (宋体, A4, a running header and a page-number footer, tables,
explicit page breaks, document properties); LibreOffice turns it into PDF and .doc; the
scan is the PDF's pages rendered to images and saved as an image-only PDF.
"""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROLES = ["项目经理", "客服主管", "秩序维护队长", "保洁领班", "绿化技工", "水电维修工", "消防中控员", "品质专员"]
DUTIES = ["巡查地下车库照明", "核对门岗来访登记", "清洗楼道扶手", "修剪小区绿篱", "检测二次供水水质",
          "保养电梯曳引机", "整理业主报修记录", "检查消防栓水压", "清运生活垃圾", "疏通雨水管道"]
RHYTHMS = ["每天早晚各一次", "每周一上午", "每月上旬", "每季度末", "遇雨雪天气时", "节假日前一天"]
OUTCOMES = ["并将结果录入物业服务台账", "发现隐患立即上报并限期整改", "保证业主居住环境整洁有序",
            "确保设施设备处于良好状态", "接受业主委员会的监督检查", "做到服务过程有据可查"]
HEADER = "青松物业服务有限公司前期物业服务投标文件"
FONTS_CONF = Path(__file__).resolve().parents[3] / "scoring" / "extraction" / "fonts.conf"


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(ROLES)}负责{rng.choice(DUTIES)}，{rng.choice(RHYTHMS)}开展一次，"
            f"{rng.choice(OUTCOMES)}，响应时间不超过{rng.randint(10, 59)}分钟。")


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return "".join(sentence(rng) for _ in range(sentences))


@dataclass(frozen=True)
class Plan:
    """What the DOCX holds, page by page: paragraphs, then the page's table (rows of cells) if any."""

    pages: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]
    author: str = "王建国"
    last_modified_by: str = "李秀英"
    title: str = "前期物业服务投标文件（技术标）"
    created: datetime = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    modified: datetime = datetime(2026, 11, 28, 16, 5, tzinfo=UTC)


def make_plan(seed: int = 10, n_pages: int = 3) -> Plan:
    rng = random.Random(seed)
    pages = []
    for number in range(1, n_pages + 1):
        paragraphs = (f"第{'一二三四五六七八九'[number - 1]}章 物业服务方案之{number}",
                      *(paragraph(rng) for _ in range(2)))
        table: tuple[tuple[str, ...], ...] = ()
        if number != 2:
            table = (("岗位", "人数", "月工资（元）"),
                     *((role, str(rng.randint(1, 9)), str(rng.randint(30, 80) * 100)) for role in rng.sample(ROLES, 3)))
        pages.append((paragraphs, table))
    return Plan(tuple(pages))


def _east_asian(document, font: str = "宋体") -> None:
    from docx.oxml.ns import qn

    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _footer_page_number(section) -> None:
    """``第 N 页`` with a PAGE field as a child of the paragraph (inside a run it renders nothing)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.add_run("第 ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)
    p.add_run(" 页")


def new_docx(header: str):
    """A python-docx document laid out as bidders' files are: A4, 宋体, a running header."""
    from docx import Document
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    _east_asian(document)
    section.header.paragraphs[0].text = header
    return document


def add_grid(document, rows) -> None:
    """A ruled table ("Table Grid"), one cell per value."""
    grid = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value


def write_docx(path: Path, plan: Plan) -> Path:
    from docx.enum.text import WD_BREAK

    document = new_docx(HEADER)
    _footer_page_number(document.sections[0])
    for number, (paragraphs, table) in enumerate(plan.pages, 1):
        for text in paragraphs:
            last = document.add_paragraph(text)
        if table:
            add_grid(document, table)
            last = document.add_paragraph("以上人员均持证上岗。")
        if number < len(plan.pages):
            last.add_run().add_break(WD_BREAK.PAGE)
    props = document.core_properties
    props.author, props.last_modified_by, props.title = plan.author, plan.last_modified_by, plan.title
    props.created, props.modified = plan.created.replace(tzinfo=None), plan.modified.replace(tzinfo=None)
    document.save(str(path))
    return path


def soffice_convert(source: Path, target: str, outdir: Path, timeout: float = 180) -> Path:
    """LibreOffice conversion with a profile of its own (two sharing one lose outputs) and extraction's font aliases."""
    with tempfile.TemporaryDirectory(prefix="test-lo-") as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), str(source)], check=True,
                       capture_output=True, timeout=timeout, env={**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)})
    ext = target.split(":", 1)[0]
    return outdir / f"{source.stem}.{ext}"


def scan_pdf(pdf_path: Path, out: Path, dpi: int = 200, pages: int | None = None) -> Path:
    """Every page (or the first `pages`) rendered to a greyscale image; the images saved as a PDF with no text layer."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        count = len(pdf) if pages is None else pages
        images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(count)]
    finally:
        pdf.close()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out


def have(*tools: str) -> bool:
    return all(shutil.which(t) for t in tools)
