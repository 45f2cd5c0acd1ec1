"""The evaluation report's PDF, made by a real worker (LibreOffice), read back with pdftotext."""
from __future__ import annotations

import subprocess

from tender.auth.roles import Role
from tender.jobs.models import JobStatus
from tests.factories import make_user
from tests.result.helpers import finished, scored
from tests.worker import wait_for_job


def pdftotext(data: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode()


def test_report_pdf_through_the_worker_shows_the_chinese_summary(client, login, tmp_path, start_worker):
    panel = scored()  # built with jobs run in place (the opening record), before the worker takes the queue
    result = finished(panel)
    worker = start_worker()
    tid = panel.tender.id
    login(panel.chair)
    assert client.get(f"/tenders/{tid}/result/report.pdf").status_code == 404  # not made yet
    response = client.post(f"/tenders/{tid}/result/report/pdf")
    job = wait_for_job(int(response.headers["Location"].rsplit("/", 1)[1]), worker)
    assert job.status is JobStatus.DONE, job.message
    login(panel.staff)
    download = client.get(f"/tenders/{tid}/result/report.pdf")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    summary = pdftotext(download.data, tmp_path).split("\f")[0]  # the first page
    first = result.candidates[0]["company"]
    for text in ("评标报告", "评标结论摘要", panel.tender.title, first, "建议按排序确定中标人"):
        assert text in summary.replace(" ", ""), text
    login(make_user(Role.BIDDER))
    assert client.get(f"/tenders/{tid}/result/report.pdf").status_code == 403
