"""Staff pages: the legal and standard-text library, the compare page, the side-by-side reader."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.orm import selectinload

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.errors import DomainError
from tender.extensions import db
from tender.forms import choices
from tender.forms_util import attempt
from tender.jobs.queries import jobs_of
from tender.notices.models import Tender
from tender.similarity import operations as ops
from tender.similarity import reader
from tender.similarity.forms import CompareForm, LibraryForm
from tender.similarity.models import Comparison, DocumentKind, SimilarityDocument

bp = Blueprint("similarity", __name__, url_prefix="/similarity")


@bp.route("/library", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def library():
    form = LibraryForm()
    if form.validate_on_submit():
        upload = form.file.data
        if attempt(ops.add_document, current_user, form=form,
                   success="已加入法规标准库。今后的比对都会扣除其中的文本。", title=form.title.data,
                   filename=upload.filename, data=upload.read(), kind=DocumentKind.LIBRARY).ok:
            return redirect(url_for("similarity.library"))
    return render_template("similarity/library.html", form=form, documents=ops.library_documents())


@bp.route("/library/<int:doc_id>/remove", methods=["POST"])
@allow(*STAFF_ROLES)
def remove(doc_id: int):
    attempt(ops.remove_library_document, db.get_or_404(SimilarityDocument, doc_id), current_user,
            success="已从法规标准库移除。")
    return redirect(url_for("similarity.library"))


def _comparable() -> list[SimilarityDocument]:
    query = (sa.select(SimilarityDocument).options(selectinload(SimilarityDocument.company))
             .where(SimilarityDocument.kind != DocumentKind.LIBRARY, SimilarityDocument.removed_at.is_(None))
             .order_by(SimilarityDocument.created_at.desc()).limit(500))
    return list(db.session.scalars(query))


def _chosen(form: CompareForm, side: str) -> SimilarityDocument:
    upload = getattr(form, f"file_{side}").data
    if upload and upload.filename:
        return ops.add_document(current_user, title=upload.filename, filename=upload.filename, data=upload.read(),
                                kind=DocumentKind.UPLOAD)
    doc_id = getattr(form, f"doc_{side}").data
    doc = db.session.get(SimilarityDocument, doc_id) if doc_id else None
    if doc is None:
        raise DomainError(f"请选择或上传文件 {side.upper()}。", field=f"doc_{side}")
    return doc


def _start(form: CompareForm) -> Comparison:
    return ops.request_comparison(current_user, _chosen(form, "a"), _chosen(form, "b"), form.use_library.data,
                                  form.tender.data or None)


@bp.route("/compare", methods=["GET", "POST"])
@allow(*STAFF_ROLES)
def compare():
    form = CompareForm()
    options = [(0, "（不选择）")] + [(d.id, f"#{d.id} {d.label}") for d in _comparable()]
    form.doc_a.choices = form.doc_b.choices = choices(options)
    tenders = db.session.scalars(sa.select(Tender).order_by(Tender.created_at.desc()).limit(200)).all()
    form.tender.choices = choices([(0, "（不扣除）")] + [(t.id, f"{t.reference} {t.title}") for t in tenders])
    if form.validate_on_submit():
        done = attempt(_start, form, form=form)
        if done.ok:
            return redirect(url_for("jobs.show", job_id=done.value.job.id))
    recent = db.session.scalars(sa.select(Comparison).options(
        selectinload(Comparison.doc_a).selectinload(SimilarityDocument.company),
        selectinload(Comparison.doc_b).selectinload(SimilarityDocument.company),
        selectinload(Comparison.jobs)).order_by(Comparison.id.desc()).limit(20)).all()
    return render_template("similarity/compare.html", form=form, recent=recent)


def _reader_comparison(comparison_id: int) -> Comparison:
    """The reader page and its parts check the same things: the comparison exists and has a report."""
    item = db.get_or_404(Comparison, comparison_id)
    if item.report is None:
        abort(404)
    return item


@bp.route("/comparisons/<int:comparison_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def comparison(comparison_id: int):
    item = db.get_or_404(Comparison, comparison_id)
    if item.report is None:
        return redirect(url_for("jobs.show", job_id=item.job.id)) if item.job else abort(404)
    a, b = item.doc_a, item.doc_b
    parts_a, parts_b = reader.parts(a.text, a.page_starts), reader.parts(b.text, b.page_starts)
    first = {side: reader.part_segments(item.report, side, a.text, b.text, parts[0], doc.page_starts)
             for side, parts, doc in (("a", parts_a, a), ("b", parts_b, b))}
    labels = reader.reasons(item.report)
    return render_template("similarity/comparison.html", item=item, report=item.report, parts_a=parts_a,
                           parts_b=parts_b, first=first, reasons=labels,
                           reason_kinds=reader.kinds(labels),
                           index=reader.passage_parts(item.report, parts_a, parts_b))


@bp.route("/comparisons/<int:comparison_id>/parts/<any(a, b):side>/<int:part>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def reader_part(comparison_id: int, side: str, part: int):
    """One part of one side of the reader, as an HTML fragment the page's script inserts."""
    item = _reader_comparison(comparison_id)
    a, b = item.doc_a, item.doc_b
    doc = a if side == "a" else b
    parts = reader.parts(doc.text, doc.page_starts)
    if part >= len(parts):
        abort(404)
    segments = reader.part_segments(item.report, side, a.text, b.text, parts[part], doc.page_starts)
    return render_template("similarity/reader_part.html", segments=segments, reasons=reader.reasons(item.report))


@bp.route("/comparisons/<int:comparison_id>/pdf", methods=["POST"])
@allow(*STAFF_ROLES)
def export_pdf(comparison_id: int):
    item = db.get_or_404(Comparison, comparison_id)
    done = attempt(ops.request_report_pdf, item, current_user)
    if not done.ok:
        return redirect(url_for("similarity.comparison", comparison_id=item.id))
    return redirect(url_for("jobs.show", job_id=done.value.id))


@bp.route("/comparisons/<int:comparison_id>/report.pdf")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def report_pdf(comparison_id: int):
    item = db.get_or_404(Comparison, comparison_id)
    if item.pdf is None:
        abort(404)
    return item.pdf.send(current_user)


@bp.route("/documents/<int:doc_id>")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def document(doc_id: int):
    doc = db.get_or_404(SimilarityDocument, doc_id)
    ids = [c["doc_id"] for c in doc.candidates or []]
    found = {d.id: d for d in db.session.scalars(sa.select(SimilarityDocument).where(SimilarityDocument.id.in_(ids)))}
    candidates = [(found[c["doc_id"]], c["shared"]) for c in doc.candidates or [] if c["doc_id"] in found]
    return render_template("similarity/document.html", doc=doc, candidates=candidates, jobs=jobs_of(doc))


@bp.route("/documents/<int:doc_id>/download")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def download(doc_id: int):
    return db.get_or_404(SimilarityDocument, doc_id).send(current_user)
