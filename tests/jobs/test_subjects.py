"""Jobs name their subject generically; a record's page lists its jobs with their progress."""
from __future__ import annotations

from tender.jobs.queries import jobs_of
from tender.similarity import operations as ops
from tender.similarity.models import ComparisonReport, DocumentKind
from tender.unit_of_work import perform
from tests.similarity.texts import BID_A, BID_B


def compared(staff):
    a, b = (perform(ops.add_document, staff, title=title, filename=f"{title}.txt", data=text.encode(),
                    kind=DocumentKind.UPLOAD) for title, text in (("锦程", BID_A), ("恒安", BID_B)))
    return a, perform(ops.request_comparison, staff, a, b)


def test_jobs_point_at_what_they_work_on(app, staff):
    doc, comparison = compared(staff)
    export = perform(ops.request_report_pdf, comparison, staff)
    assert [j.kind for j in jobs_of(doc)] == ["similarity.prepare"]
    assert [j.kind for j in jobs_of(comparison)] == ["similarity.compare", "similarity.pdf"]
    assert comparison.job.kind == "similarity.compare" and export.subject_id == comparison.id
    assert {(j.subject_type, j.subject_id) for j in jobs_of(comparison)} == {("sim_comparisons", comparison.id)}


def test_pages_list_their_jobs_with_progress(client, login, staff):
    doc, comparison = compared(staff)
    perform(ops.request_report_pdf, comparison, staff)
    login(staff)
    page = client.get(f"/similarity/comparisons/{comparison.id}").get_data(as_text=True)
    assert page.count('class="subject-job"') == 2 and "导出比对报告" in page and "100%" in page
    page = client.get(f"/similarity/documents/{doc.id}").get_data(as_text=True)
    assert page.count('class="subject-job"') == 1 and "解析文件" in page


def test_the_exported_pdf_is_a_stored_file_read_like_any_other(client, login, staff):
    from tender.auth.roles import Role
    from tests.factories import make_user

    _, comparison = compared(staff)
    perform(ops.request_report_pdf, comparison, staff)
    report = comparison.pdf
    assert isinstance(report, ComparisonReport) and report.size > 0 and len(report.sha256) == 64
    login(make_user(Role.SUPERVISOR))
    assert client.get(f"/similarity/comparisons/{comparison.id}/report.pdf").data.startswith(b"%PDF-")
    assert not report.can_read(make_user(Role.BIDDER))
