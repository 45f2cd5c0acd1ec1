"""Clean-up every source goes through, and the page breaks a DOCX can declare, on small files made here."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK

from scoring.extraction import extract_document
from scoring.extraction.cleanup import clean_text, remove_han_spaces
from scoring.extraction.metadata import parse_pdf_date
from tests.scoring.similarity.makefiles import write_pdf


def test_kangxi_radicals_nul_and_line_ends():
    assert clean_text("⾏政\x00管理\r\n⼈员\r") == "行政管理\n人员\n"
    assert clean_text("，（：１") == "，（：１"  # only the Kangxi block is mapped, not full NFKC


def test_spaces_between_han_go_others_stay():
    assert remove_han_spaces("物 业 服 务 ， 第 3 页 ABC 公司") == "物业服务，第 3 页 ABC 公司"


def test_pdf_text_is_cleaned(tmp_path):
    pages = [["某某物业投标文件", f"⾏政\x00管理⼈员共{n}名，负责日常巡查工作。", f"第 {n} 页"] for n in (1, 2, 3)]
    meta = {"Author": "赵敏", "Producer": "测试生成器", "CreationDate": "D:20261120093000+08'00'"}
    doc = extract_document(write_pdf(tmp_path / "a.pdf", pages, metadata=meta))
    assert [p.text for p in doc.pages] == [f"行政管理人员共{n}名，负责日常巡查工作。" for n in (1, 2, 3)]
    assert doc.metadata.author == "赵敏" and doc.metadata.producer == "测试生成器"
    assert doc.metadata.created == datetime(2026, 11, 20, 1, 30, tzinfo=UTC)


def test_pdf_dates():
    assert parse_pdf_date("D:20261202101500+08'00'") == datetime(2026, 12, 2, 10, 15,
                                                                 tzinfo=timezone(timedelta(hours=8)))
    assert parse_pdf_date("D:20261202033643Z'") == datetime(2026, 12, 2, 3, 36, 43, tzinfo=UTC)
    assert parse_pdf_date("D:2026") == datetime(2026, 1, 1)
    assert parse_pdf_date("yesterday") is None and parse_pdf_date("D:20261399") is None


def test_docx_page_breaks_of_every_kind(tmp_path):
    document = Document()
    p = document.add_paragraph("第一页正文")
    p.add_run().add_break(WD_BREAK.PAGE)
    p.add_run("第二页开头")
    document.add_paragraph("第三页正文").paragraph_format.page_break_before = True
    document.add_section(WD_SECTION.NEW_PAGE)  # ends the section at the paragraph before it
    document.add_paragraph("第四页正文")
    document.add_section(WD_SECTION.CONTINUOUS)
    document.add_paragraph("仍在第四页")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    doc = extract_document(path)
    # python-docx ends a section with an empty paragraph holding its properties: it shows as an empty line
    assert [p.text.strip().replace("\n\n", "\n") for p in doc.pages] == [
        "第一页正文", "第二页开头", "第三页正文", "第四页正文\n仍在第四页"]
    assert doc.page_of(doc.text.index("仍在")) == 4


def test_docx_cap_truncates(tmp_path):
    document = Document()
    for n in range(50):
        document.add_paragraph(f"第{n}段：保洁员每日清扫楼道两次。")
    path = tmp_path / "long.docx"
    document.save(str(path))
    doc = extract_document(path, max_chars=100)
    assert doc.truncated and len(doc.text) == 100 and doc.text == extract_document(path).text[:100]
