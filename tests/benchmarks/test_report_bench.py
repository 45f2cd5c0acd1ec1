"""The report benchmark: both builds make the same document for 20 bids and 7 experts; a quick run prints ratios."""
import io

import docx
import pandas as pd

from benchmarks.report.__main__ import bench_context, bench_results, main, report
from tender.contracts.blocks import Image
from tender.result.report import REPORT, render_report_docx, render_report_plain
from tender.result.sheets import score_tables, workbook


def texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]


def test_both_builds_make_the_same_full_size_report_and_the_sheets_read_back():
    results = bench_results()
    context, _ = bench_context(results)
    images = {b.name: _tiny_png() for b in REPORT if isinstance(b, Image)}  # the text is what must agree
    ours, peer = texts(render_report_docx(context, images)), texts(render_report_plain(context, images))
    assert ours == peer
    assert sum("评委07" == t for t in ours) == 20 + 2  # a row per bid, the committee list, the confirmations
    book = pd.read_excel(io.BytesIO(workbook(score_tables(results), "t", "r")), sheet_name=None, header=2)
    assert len(book) == 8 and all(len(frame) == 20 for frame in book.values())


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
                            "AAAABJRU5ErkJggg==")


def test_a_quick_run_reports_time_memory_and_the_ratios(capsys):
    times, memory = main(["--runs", "1", "--no-write"])
    assert set(times) == set(memory) == {"docxtpl", "python-docx", "excel", "charts"}
    assert all(len(v) == 1 for v in times.values()) and all(m > 0 for m in memory.values())
    out = capsys.readouterr().out
    assert "Ratio docxtpl / python-docx: time **" in out and "peak memory **" in out
    text = report({"docxtpl": [0.5], "python-docx": [0.25], "excel": [0.1], "charts": [1.0]},
                  {"docxtpl": 3.0, "python-docx": 1.5, "excel": 1.0, "charts": 2.0}, 1)
    assert "time **2.00**, peak memory **2.00**" in text
