"""The evaluation report (DOCX), the score sheets (Excel) and the charts, from one finished tender built once.

The module's tender: four bids, five members, one bid rejected on a copy finding, one member's
written dissent. Everything below reads what the routes return, as staff and members download it.
"""
from __future__ import annotations

import io
import re

import docx
import pandas as pd
import pytest

from tender.evaluation.results import panel_results
from tender.extensions import db
from tender.result.report import SECTIONS
from tender.result.sheets import SUMMARY, rejected_companies, score_tables
from tests.conftest import _empty_tables, session_user_id
from tests.result.helpers import finished, reject_on_finding, scored

DISSENT = "第二名的服务方案更切合本项目"  # tests/result/helpers.finished


@pytest.fixture(scope="module")
def made(_app):
    with _app.app_context():
        panel = scored()
        reject_on_finding(panel, panel.bidders[3].bid_id)
        result = finished(panel, dissent_by=2)
        client = _app.test_client()
        base = f"/tenders/{panel.tender.id}/result"

        def get(user, path):
            with client.session_transaction() as session:
                session["_user_id"] = session_user_id(user)
            return client.get(base + path)

        made = {
            "members": [m.name for m in panel.members], "rejected": result.rejected,
            "candidates": result.candidates,
            "tables": score_tables(panel_results(panel.tender), rejected_companies(result)),
            "docx": get(panel.members[1], "/report.docx"), "xlsx": get(panel.staff, "/scores.xlsx"),
            "page": get(panel.staff, "/scores"), "svg": get(panel.members[3], "/charts/prices.svg"),
        }
        yield made
        _empty_tables(db)
        db.session.remove()


def text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_report_docx_has_every_section_expert_rejection_and_dissent(made):
    assert made["docx"].status_code == 200
    document = docx.Document(io.BytesIO(made["docx"].data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["评标结论摘要", *SECTIONS]
    text = text_of(document)
    for name in made["members"]:
        assert name in text
    assert made["rejected"]
    for r in made["rejected"]:
        assert r["company"] in text and r["reason"] in text and r["basis"] in text
    assert DISSENT in text and "不同意" in text
    assert made["candidates"][0]["company"] in text
    assert "{{" not in text and "{%" not in text
    assert len(document.inline_shapes) == 3  # the three charts
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_report_lists_each_experts_marks_from_the_score_tables(made):
    document = docx.Document(io.BytesIO(made["docx"].data))
    rows = {(r.cells[0].text, r.cells[1].text): r.cells[3].text for t in document.tables for r in t.rows
            if len(r.cells) == 4}
    for expert, frame in made["tables"].experts.items():
        for record in frame.to_dict("records"):
            assert rows[(expert, record["投标人"])] == f"{record['合计']:.2f}"


def test_excel_read_back_equals_the_tables_on_screen(made):
    assert made["xlsx"].status_code == 200
    book = pd.read_excel(io.BytesIO(made["xlsx"].data), sheet_name=None, header=2)
    sheets = made["tables"].sheets()
    assert list(book) == list(sheets) and len(sheets) == 1 + len(made["members"])
    on_screen = pd.read_html(io.StringIO(made["page"].get_data(as_text=True)), attrs={"data-kind": "score-sheet"},
                             flavor="lxml")
    assert len(on_screen) == len(sheets)
    for frame, read, shown in zip(sheets.values(), book.values(), on_screen, strict=True):
        pd.testing.assert_frame_equal(read, frame, check_dtype=False)
        pd.testing.assert_frame_equal(shown, frame, check_dtype=False)
    summary = sheets[SUMMARY]
    assert list(summary["得分排序"]) == list(range(1, len(summary) + 1))
    marked = dict(zip(summary["投标人"], summary["评审结论"], strict=True))
    rejected = {name for name, verdict in marked.items() if verdict == "否决投标"}
    assert rejected == {r["company"] for r in made["rejected"]}


def test_excel_is_laid_out_like_the_paper_sheets(made):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(made["xlsx"].data))
    for ws in book.worksheets:
        assert "A1" in {str(r).split(":")[0] for r in ws.merged_cells.ranges}
        assert ws.freeze_panes == "B4"
        assert ws.print_area and ws.page_setup.orientation == "landscape"
        assert ws["A3"].font.bold
        numbers = [c for row in ws.iter_rows(min_row=4, min_col=2) for c in row if isinstance(c.value, int | float)]
        assert numbers and all(c.number_format == "0.00" for c in numbers)


def test_scores_page_shows_the_charts_served_as_local_svg(made):
    page = made["page"].get_data(as_text=True)
    assert len(re.findall(r'<img[^>]+src="/tenders/\d+/result/charts/\w+\.svg"', page)) == 3
    assert made["svg"].status_code == 200 and made["svg"].mimetype == "image/svg+xml"
    assert made["svg"].data.lstrip().startswith(b"<?xml") and b"<svg" in made["svg"].data
