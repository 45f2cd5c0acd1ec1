"""Issue 14, acceptance 1: from an awarded tender to the downloaded contract, in the browser.

Staff confirm the commitments extracted from the winner's bid, each beside its source page (one
edited first), generate the contract, download the Word file and request the PDF, which a real
worker converts with LibreOffice. The DOCX is reopened with python-docx (parties, fees, every
confirmed commitment in 附件五); the PDF is turned into text with pdftotext.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.extensions import db
from tender.jobs.models import JobRecord
from tests.contracts.awarded import PAGES, awarded
from tests.contracts.docx_read import annex_rows, paragraphs
from tests.e2e.helpers import log_in
from tests.worker import wait_for_job, wait_until

pytestmark = pytest.mark.e2e
EXPECTED = [["业主综合满意率", "两年内≥ 96%"], ["急修到场时间", "≤ 15分钟"], ["零修、急修及时率", "= 100%"],
            ["消防演练频次", "≥ 2次/年"]]


def downloaded(page, selector: str) -> bytes:
    with page.expect_download() as download:
        page.click(selector)
    return Path(download.value.path()).read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are needed (make test installs them)")
def test_award_to_downloaded_contract(site, browser, worker, tmp_path):
    a = awarded(pages=True)
    page = browser.new_context(accept_downloads=True).new_page()
    log_in(page, site, a.staff.email)
    page.goto(f"{site}/tenders/{a.tender.id}/contract/commitments")

    assert page.locator(".proposal").count() == 4
    first = page.locator("#proposal-1")
    assert first.locator(".source-page mark").inner_text() == "业主综合满意率两年内达到95%以上"
    assert "第 12 页" in first.locator(".source-page").inner_text() and PAGES[12].split("\n")[0] in first.inner_text()
    first.locator("#p1-value").fill("96")  # staff correct the value read
    for left in (4, 3, 2, 1):
        with page.expect_navigation():
            page.click("#p1-submit")
        assert page.locator(".proposal").count() == left - 1
    assert "两年内≥ 96%" in page.inner_text("#confirmed")

    page.click("#to-contract")
    page.select_option("#fee_regime", "lump_sum")
    page.fill("#term_start", "2027-07-01")
    page.fill("#term_months", "36")
    with page.expect_navigation():
        page.click("#draft-form [type=submit]")
    page.wait_for_selector("text=合同已生成。")

    data = downloaded(page, "#download-docx")
    text = "\n".join(paragraphs(data))
    assert "甲方（建设单位）：翠湖置业有限公司" in text and f"乙方（物业服务企业）：{a.company.name}" in text
    assert annex_rows(data, "第七条") == [["住宅", "2.50", "30,000.00"], ["商业", "6.00", "2,550.00"]]
    assert [row[1:3] for row in annex_rows(data)] == EXPECTED

    with page.expect_navigation():
        page.click("#request-pdf")
    job = wait_until(_pdf_job, worker, what="the PDF job")
    wait_for_job(job.id, worker, timeout=300)
    page.goto(f"{site}/tenders/{a.tender.id}/contract")
    pdf = tmp_path / "contract.pdf"
    pdf.write_bytes(downloaded(page, "#download-pdf"))
    pdf_text = re.sub(r"\s", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                text=True, check=True, timeout=60).stdout)
    assert "附件五前期物业管理服务质量标准" in pdf_text
    for indicator, target in EXPECTED:
        assert indicator in pdf_text and target.replace(" ", "") in pdf_text


def _pdf_job():
    return db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "contract.pdf"))
