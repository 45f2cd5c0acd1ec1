"""The streamed .docx reader gives python-docx's text, stops at the character cap, and stays small
on a 35 MB text-heavy bid (issue 8, defect 5)."""
from __future__ import annotations

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from benchmarks.preparation.bid import text_heavy_docx
from scoring.extraction.text import extract
from tests.scoring.extraction.child import run_child


def python_docx_text(path) -> str:
    """What extraction gave before it streamed: python-docx's whole-document walk."""
    blocks = []
    for block in Document(str(path)).iter_inner_content():
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                rows.append("\t".join(cells))
            blocks.append("\n".join(rows))
        else:
            blocks.append(block.text)
    return "\n".join(blocks)


def awkward_docx(path):
    document = Document()
    document.add_heading("第一章 物业服务方案", level=1)
    p = document.add_paragraph("保洁\t每日两次")
    p.add_run().add_break()
    p.add_run("绿化养护按季度")
    table = document.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"格{r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # horizontal
    table.cell(1, 2).merge(table.cell(2, 2))  # vertical
    inner = table.cell(2, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "嵌套"
    hyperlink = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "链接文字"
    run.append(t)
    hyperlink.append(run)
    document.add_paragraph("见")._p.append(hyperlink)
    document.add_paragraph("")
    document.add_paragraph("结尾 ①②③")
    hyperlink.set(qn("r:id"), "rId99")
    document.save(str(path))
    return path


def test_streamed_text_equals_python_docx(tmp_path):
    path = awkward_docx(tmp_path / "a.docx")
    assert extract(path).text == python_docx_text(path)
    assert "链接文字" in extract(path).text and "格22" not in extract(path).text.split("\n")[-1]


def test_the_cap_cuts_a_docx_at_exactly_max_chars(tmp_path):
    path = awkward_docx(tmp_path / "a.docx")
    full = extract(path)
    cut = extract(path, max_chars=20)
    assert not full.truncated and cut.truncated and cut.text == full.text[:20]


def test_a_35_mb_text_heavy_docx_is_extracted_and_prepared_under_1_gb(tmp_path):
    path = text_heavy_docx(tmp_path / "heavy.docx")
    size_mb = path.stat().st_size / 1024 / 1024
    assert 30 < size_mb < 45, size_mb
    result = run_child(f"""
        from scoring.similarity import prepare
        from scoring.extraction.text import extract
        extracted = extract({str(path)!r})
        document = prepare(extracted.text)
        done(chars=len(extracted.text), truncated=extracted.truncated, fingerprints=int(document.fp_hash.shape[0]))
    """)
    assert result.get("truncated") is True, result
    assert result["chars"] == 2_000_000 and result["fingerprints"] > 100_000
    assert result["peak_rss_mb"] < 1024, result
