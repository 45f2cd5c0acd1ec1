"""The evaluation report and score sheets: the page with the tables and charts, and the downloads.

Staff and the sitting members only (the supervisor reads the result page, bidders see the public
result); `_result_tender` answers 404 to an expert who does not sit on the committee. Nothing
exists before the committee finishes.
"""
from __future__ import annotations

import io

from flask import Response, abort, redirect, render_template, send_file, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.evaluation.results import panel_results
from tender.files import storage_root
from tender.forms_util import attempt
from tender.result import charts as chart_drawing
from tender.result import operations as ops
from tender.result.models import EvaluationResult
from tender.result.sheets import rejected_companies, score_tables, workbook
from tender.result.views import REPORT_READERS as READERS
from tender.result.views import _result_tender, bp

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _finished(tender_id: int) -> EvaluationResult:
    result = ops.result_of(_result_tender(tender_id))
    if result is None:
        abort(404)
    return result


def _tables(result: EvaluationResult):
    return score_tables(panel_results(result.tender), rejected_companies(result))


@bp.route("/tenders/<int:tender_id>/result/scores")
@allow(*READERS)
def scores(tender_id: int):
    result = _finished(tender_id)
    return render_template("result/scores.html", tender=result.tender, result=result,
                           tables=_tables(result), charts=chart_drawing.TITLES)


@bp.route("/tenders/<int:tender_id>/result/charts/<name>.svg")
@allow(*READERS)
def chart(tender_id: int, name: str):
    result = _finished(tender_id)
    if name not in chart_drawing.NAMES:
        abort(404)
    charts = chart_drawing.chart_set(panel_results(result.tender), result.snapshot)
    return Response(chart_drawing.draw(name, charts, "svg"), mimetype="image/svg+xml")


@bp.route("/tenders/<int:tender_id>/result/scores.xlsx")
@allow(*READERS)
def scores_xlsx(tender_id: int):
    result = _finished(tender_id)
    tender = result.tender
    data = workbook(_tables(result), tender.title, tender.reference)
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"评分表-{tender.reference}.xlsx")


@bp.route("/tenders/<int:tender_id>/result/report.docx")
@allow(*READERS)
def report_docx(tender_id: int):
    from tender.result.report import render_report

    result = _finished(tender_id)
    return send_file(io.BytesIO(render_report(result)), mimetype=DOCX, as_attachment=True,
                     download_name=f"评标报告-{result.tender.reference}.docx")


@bp.route("/tenders/<int:tender_id>/result/report/pdf", methods=["POST"])
@allow(*READERS)
def report_export_pdf(tender_id: int):
    done = attempt(ops.request_report_pdf, _finished(tender_id), current_user)
    if not done.ok:
        return redirect(url_for("result.scores", tender_id=tender_id))
    return redirect(url_for("jobs.show", job_id=done.value.id))


@bp.route("/tenders/<int:tender_id>/result/report.pdf")
@allow(*READERS)
def report_pdf(tender_id: int):
    result = _finished(tender_id)
    if not result.report_pdf_key:
        abort(404)
    return send_file(storage_root() / result.report_pdf_key, mimetype="application/pdf", as_attachment=True,
                     download_name=f"评标报告-{result.tender.reference}.pdf")

