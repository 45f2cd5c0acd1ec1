"""`flask --app tender contracts draft|render`: the CLI staff and scripts use."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tender.contracts import operations as ops
from tender.unit_of_work import perform
from tests.contracts.awarded import PROMISES, awarded
from tests.contracts.docx_read import annex_rows, paragraphs

ROOT = Path(__file__).resolve().parents[2]


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["contracts", *args])


def test_draft_then_render_docx_through_the_real_flask_command(app, tmp_path):
    a = awarded()
    for promise in PROMISES:
        perform(ops.confirm_commitment, a.bid, a.staff, promise)
    result = cli(app, "draft", str(a.tender.id), "--by", a.staff.email,
                 "--start", "2027-07-01", "--months", "36")
    assert result.exit_code == 0, result.output
    assert "第 1 版（4 项承诺）" in result.output
    out = tmp_path / "合同.docx"
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "STORAGE_PATH": app.config["STORAGE_PATH"], "SECRET_KEY": "cli-test"}
    run = subprocess.run([sys.executable, "-m", "flask", "--app", "tender", "contracts", "render", str(a.tender.id),
                          "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert f"乙方（物业服务企业）：{a.company.name}" in paragraphs(out.read_bytes())
    assert [row[1] for row in annex_rows(out.read_bytes())] == [p.indicator.label for p in PROMISES]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (libreoffice-writer-nogui) not installed")
def test_render_pdf(app, tmp_path):
    a = awarded()
    perform(ops.confirm_commitment, a.bid, a.staff, PROMISES[0])
    perform(ops.draft_contract, a.tender, a.staff, fee_regime=ops.FeeRegime.LUMP_SUM,
            term_start=date(2027, 7, 1), term_months=24)
    out = tmp_path / "contract.pdf"
    result = cli(app, "render", str(a.tender.id), "-o", str(out))
    assert result.exit_code == 0, result.output
    pdf = pdfium.PdfDocument(out.read_bytes())
    text = "".join("".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    assert "附件五前期物业管理服务质量标准" in text and "业主综合满意率" in text and "两年内≥95%" in text


def test_refusals_are_clear(app, tmp_path):
    a = awarded()
    result = cli(app, "render", str(a.tender.id), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1 and f"项目 {a.tender.id} 还没有合同" in result.output
    result = cli(app, "render", str(a.tender.id), "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 1 and "须以 .docx 或 .pdf 结尾" in result.output
    result = cli(app, "draft", str(a.tender.id), "--by", a.staff.email, "--start",
                 "2027-07-01", "--months", "0")
    assert result.exit_code == 1 and "合同期限须为正整数个月" in result.output
