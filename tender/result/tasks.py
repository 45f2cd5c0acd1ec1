"""The evaluation report's PDF: the .docx rendered and converted by LibreOffice, in a job (seconds, not a request)."""
from __future__ import annotations

from tender.extensions import db
from tender.jobs import tracked_task
from tender.jobs.exports import PDF_EXPORT, finish_pdf_export
from tender.jobs.operations import report
from tender.links import path_for
from tender.result.models import EvaluationResult


# LibreOffice converts a document the system wrote (docx_to_pdf stops it after 120 s): the export's limits.
@tracked_task(PDF_EXPORT)
def report_pdf_task(job_id: int, result_id: int):
    from tender.result.report import report_pdf

    result = db.session.get(EvaluationResult, result_id)
    report(job_id, 20, "生成评标报告 PDF")

    def attach(saved):
        result.report_pdf_key, result.report_pdf_sha256 = saved.storage_key, saved.sha256

    finish_pdf_export(job_id, result, report_pdf(result), f"评标报告-{result.tender.reference}.pdf", attach,
                      action="result.report.pdf", summary=f"导出评标报告 PDF：{result.tender.title}",
                      result_url=path_for("result.report_pdf", tender_id=result.tender_id))
