"""The comparison report as a real PDF, opened again and read."""
from __future__ import annotations

import pytest

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.similarity import operations as ops
from tender.similarity.models import Comparison, DocumentKind
from tender.unit_of_work import perform
from tests.factories import pdf_text
from tests.similarity.texts import BID_A, BID_B, REGULATION


def test_report_exports_to_a_pdf_with_the_passages(client, login, staff):
    items = [("示例标准", REGULATION, DocumentKind.LIBRARY), ("锦程", BID_A, DocumentKind.UPLOAD),
             ("恒安", BID_B, DocumentKind.UPLOAD)]
    docs = [perform(ops.add_document, staff, title=title, filename=f"{title}.txt", data=text.encode(), kind=kind)
            for title, text, kind in items]
    a, b = docs[1], docs[2]
    comparison = perform(ops.request_comparison, staff, a, b)
    login(staff)
    response = client.post(f"/similarity/comparisons/{comparison.id}/pdf")
    job = db.session.get(JobRecord, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert job.status is JobStatus.DONE, job.message
    download = client.get(job.result_url)
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    text = pdf_text(download.data)
    assert "文本比对报告" in text and "锦程" in text and "恒安" in text
    assert "业主信息台账" in text
    assert "法规标准" in text


def test_an_unfinished_comparison_cannot_be_exported(app, staff):
    comparison = Comparison(doc_a_id=1, doc_b_id=2)
    with pytest.raises(DomainError, match="尚未完成"):
        ops.request_report_pdf(comparison, staff)
