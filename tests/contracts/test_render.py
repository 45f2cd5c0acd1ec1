"""The project's contract template rendered from plain data and read back: parties, fees, 附件五, escaping, PDF."""
from __future__ import annotations

import io
import shutil
import zipfile

import pypdfium2 as pdfium
import pytest

from tender.contracts.authoring import TEMPLATE_PATH, build_plain, build_template
from tender.contracts.render import docx_to_pdf, render_contract
from tests.contracts.docx_read import annex_rows, paragraphs, reopen
from tests.contracts.sample import HOSTILE_NAME, sample_context


def test_parties_fees_term_and_every_commitment_in_annex_five():
    context = sample_context(commitments=15)
    data = render_contract(context)
    text = "\n".join(paragraphs(data))
    assert "甲方（建设单位）：测试置业有限公司" in text and "乙方（物业服务企业）：云栖物业服务有限公司" in text
    assert "统一社会信用代码：91330100MA27YYYY1B" in text
    assert "年度物业服务费总额为人民币 1,083,600.00 元" in text
    assert "本合同期限为 36 个月，自 2027年07月01日 起至 2030年06月30日 止" in text
    assert "见附件五《前期物业管理服务质量标准》" in text  # 第四条 points at the annex
    assert annex_rows(data, "第七条") == [["住宅", "2.50", "30000.00"], ["商业", "6.00", "2550.00"]]
    rows = annex_rows(data, "附件五")
    assert rows == [[str(c.number), c.indicator, c.target, c.method, c.page, c.clause] for c in context.commitments]
    assert annex_rows(data, "附件六") == [["项目经理", "1", "12000.00"], ["保安", "8", "4200.00"]]
    assert "{{" not in text and "{%" not in text


def test_a_company_name_with_ampersand_angle_brackets_and_quotes_renders_exactly():
    data = render_contract(sample_context(winner=HOSTILE_NAME))
    assert f"乙方（物业服务企业）：{HOSTILE_NAME}" in paragraphs(data)
    assert f"乙方（盖章）：{HOSTILE_NAME}" in paragraphs(data)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "&amp; 合伙人 &lt;联合体&gt;" in xml  # escaped once, not twice, not dropped


def test_fee_regime_chooses_its_paragraph():
    lump = "\n".join(paragraphs(render_contract(sample_context(regime="包干制"))))
    cost = "\n".join(paragraphs(render_contract(sample_context(regime="酬金制"))))
    assert "包干制下" in lump and "酬金制下" not in lump
    assert "酬金制下" in cost and "固定酬金每年 12 万元" in cost and "包干制下" not in cost


def test_page_set_up_fonts_and_page_numbers():
    doc = reopen(render_contract(sample_context()))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, in twips
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"
    footer = section.footer.paragraphs[0]._p.xml
    assert "w:fldSimple" in footer and "PAGE" in footer and "NUMPAGES" in footer


def test_the_checked_in_template_is_what_the_authoring_script_builds(tmp_path):
    fresh = build_template(tmp_path / "contract.docx")
    read = lambda path: zipfile.ZipFile(path).read("word/document.xml")  # noqa: E731
    assert read(fresh) == read(TEMPLATE_PATH)


def test_the_plain_python_docx_peer_builds_the_same_text():
    context = sample_context(winner=HOSTILE_NAME)
    out = io.BytesIO()
    build_plain(context.as_dict()).save(out)
    rendered = [p for p in paragraphs(render_contract(context)) if p]
    assert [p for p in paragraphs(out.getvalue()) if p] == rendered
    assert annex_rows(out.getvalue()) == annex_rows(render_contract(context))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_the_pdf_shows_the_chinese_annex_text():
    context = sample_context()
    pdf = pdfium.PdfDocument(docx_to_pdf(render_contract(context)))
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    compact = "".join(text.split())
    assert "附件五前期物业管理服务质量标准" in compact
    first = context.commitments[0]
    assert first.indicator in compact and first.method in compact
    assert "乙方（物业服务企业）：云栖物业服务有限公司" in compact
