"""Extraction of .txt, .pdf and .docx text and its failure modes."""

import pytest

from scoring.extraction.text import ExtractionError, extract, join_wrapped_lines
from tests.scoring.similarity.makefiles import write_docx, write_pdf


def test_txt_is_unchanged(tmp_path):
    raw = "\ufeff第一行\r\n第二行\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode("utf-8"))
    assert extract(path).text == raw


def test_pdf_pages_wraps_and_running_lines(tmp_path):
    pages = [
        [
            "某某物业公司投标文件",
            "第一章 服务方案",
            "本公司严格执行服务标",
            "准，确保品质。",
            f"第 {i} 页 共 3 页",
        ]
        for i in (1, 2, 3)
    ]
    out = extract(write_pdf(tmp_path / "a.pdf", pages))
    assert out.text.count("\f") == 2
    assert "某某物业公司投标文件" not in out.text and "页" not in out.text
    assert "第一章 服务方案\n本公司严格执行服务标准，确保品质。" in out.text
    assert out.page_of(0) == 1 and out.page_of(len(out.text) - 1) == 3


def test_pdf_strips_nul(tmp_path):
    out = extract(write_pdf(tmp_path / "a.pdf", [["保洁\x00服务"]]))
    assert "\x00" not in out.text and "保洁服务" in out.text


def test_join_wrapped_lines():
    assert join_wrapped_lines("秩序维\n护人员\nABC\n说明") == "秩序维护人员\nABC\n说明"
    assert join_wrapped_lines("一、客服\n服务内容") == "一、客服\n服务内容"


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    path = write_docx(tmp_path / "a.docx", ["开头", [["岗位", "人数"], ["保洁员", "8"]], "结尾"])
    assert extract(path).text == "开头\n岗位\t人数\n保洁员\t8\n结尾"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.doc", b"x", "不支持的文件类型"),
        ("a.txt", "物业".encode("gbk"), "UTF-8"),
        ("a.pdf", b"garbage", "PDF"),
        ("a.docx", b"garbage", "Word"),
    ],
)
def test_errors_carry_chinese_message(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as info:
        extract(path)
    assert message in info.value.message


def test_missing_file(tmp_path):
    with pytest.raises(ExtractionError, match="文件不存在"):
        extract(tmp_path / "none.pdf")
