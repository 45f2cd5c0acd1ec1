"""The contract benchmark runs both builds on one full-size context and reports their ratio (no figure asserted)."""
from benchmarks.contracts.__main__ import bench_context, main, report, with_docxtpl, with_python_docx
from tests.contracts.docx_read import annex_rows


def test_both_builds_make_the_same_full_size_annex():
    context = bench_context()
    rows = annex_rows(with_docxtpl(context))
    assert len(rows) == 30 and rows == annex_rows(with_python_docx(context))


def test_a_quick_run_reports_medians_and_the_ratio(capsys):
    ours, peer = main(["--runs", "1", "--no-write"])
    assert len(ours) == len(peer) == 1
    assert "Ratio docxtpl / python-docx" in capsys.readouterr().out
    assert "NOT met" in report([0.6], [0.3], 1) and "**2.00**" in report([0.6], [0.3], 1)
