"""Background jobs of copy detection, with visible progress."""
from __future__ import annotations

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs import JobType, tracked_task
from tender.jobs.exports import PDF_EXPORT, finish_pdf_export
from tender.jobs.operations import finish, report
from tender.links import path_for
from tender.similarity.models import Comparison, ComparisonReport, DocumentState, SimilarityDocument
from tender.similarity.processing import prepare_document, render_report_pdf, run_comparison

# Parsing an upload: minutes for a long scan once OCR comes; each parser child gets 1 GB and 10 minutes.
PREPARE = JobType(time_limit=1800, retries=2, memory_mb=1024, parse_seconds=600)
# May parse both sides first (the same children), then compares in the worker itself.
COMPARE = JobType(time_limit=1800, retries=2, memory_mb=1024, parse_seconds=600)


@tracked_task(PREPARE)
def prepare_task(job_id: int, doc_id: int):
    doc = db.session.get(SimilarityDocument, doc_id)
    if doc.state is DocumentState.PENDING:
        report(job_id, 20, f"提取文本并计算指纹：{doc.title}")
        prepare_document(doc)
    if doc.state is DocumentState.FAILED:
        raise DomainError(f"文件“{doc.title}”无法解析：{doc.error}")
    finish(job_id, result_url=path_for("similarity.document", doc_id=doc.id), message=f"已解析 {doc.n_chars} 字")


@tracked_task(COMPARE)
def compare_task(job_id: int, comparison_id: int):
    comparison = db.session.get(Comparison, comparison_id)
    for step, doc in enumerate((comparison.doc_a, comparison.doc_b)):
        if doc.state is DocumentState.PENDING:
            report(job_id, 10 + 30 * step, f"提取文本并计算指纹：{doc.title}")
            prepare_document(doc)
        if doc.state is DocumentState.FAILED:
            raise DomainError(f"文件“{doc.title}”无法解析：{doc.error}")
    report(job_id, 75, "逐段比对中")
    result = run_comparison(comparison)
    finish(job_id, result_url=path_for("similarity.comparison", comparison_id=comparison.id),
           message=f"相似度 {result['score']:.1%}，{len(result['passages'])} 处相同段落")


@tracked_task(PDF_EXPORT)
def pdf_task(job_id: int, comparison_id: int):
    comparison = db.session.get(Comparison, comparison_id)
    report(job_id, 30, "生成 PDF 报告")

    def attach(saved):
        comparison.pdf = ComparisonReport(**saved.columns())  # a new export replaces the old one

    finish_pdf_export(job_id, comparison, render_report_pdf(comparison), f"比对报告-{comparison.id}.pdf", attach,
                      action="similarity.report.export", summary=f"导出比对报告 #{comparison.id}",
                      result_url=path_for("similarity.report_pdf", comparison_id=comparison.id))
