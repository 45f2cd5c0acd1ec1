"""Adding documents to the store and asking for comparisons; the slow parts run as jobs (tasks.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from tender.audit.operations import record
from tender.db import snapshot, utcnow
from tender.errors import DomainError
from tender.extensions import db
from tender.files import SavedFile, StoredFileMixin, store_bytes
from tender.jobs.operations import start_job
from tender.similarity.models import Comparison, DocumentKind, DocumentState, SimilarityDocument

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.jobs.models import JobRecord
    from tender.notices.models import Tender

ALLOWED = ("pdf", "docx", "txt")
DOC_FIELDS = ("title", "kind", "company_id", "filename", "size", "sha256")


def add_document(actor: User | None, *, title: str, filename: str, data: bytes, kind: DocumentKind,
                 company_id: int | None = None, tender_id: int | None = None) -> SimilarityDocument:
    """Store the file now; extraction and fingerprinting follow in a job."""
    return _add_saved(actor, store_bytes(filename, data, ALLOWED), title=title, kind=kind, company_id=company_id,
                      tender_id=tender_id)


def _add_saved(actor, saved: SavedFile, *, title: str, kind: DocumentKind, company_id: int | None = None,
               tender_id: int | None = None) -> SimilarityDocument:
    from tender.similarity.tasks import prepare_task

    doc = SimilarityDocument(title=(title or saved.filename).strip()[:200], kind=kind, company_id=company_id,
                             tender_id=tender_id, created_by_id=getattr(actor, "id", None), **saved.columns())
    db.session.add(doc)
    db.session.flush()
    record(actor, "similarity.document.add", doc, after=snapshot(doc, DOC_FIELDS),
           summary=f"加入比对文件库：{doc.title}（{kind.label}）")
    start_job(actor, "similarity.prepare", f"解析文件：{doc.title}", prepare_task, doc.id, subject=doc)
    return doc


def remove_library_document(doc: SimilarityDocument, actor: User) -> None:
    """Removed texts stop being subtracted from new comparisons; the record stays for the audit trail."""
    if doc.kind is not DocumentKind.LIBRARY:
        raise DomainError("只能从法规标准库中移除文件。")
    if doc.removed_at is not None:
        raise DomainError("该文件已经移除。")
    doc.removed_at = utcnow()
    db.session.flush()
    record(actor, "similarity.library.remove", doc, before={"removed_at": None},
           after={"removed_at": doc.removed_at.isoformat()}, summary=f"从法规标准库移除：{doc.title}")


def request_comparison(actor: User, doc_a: SimilarityDocument, doc_b: SimilarityDocument,
                       use_library: bool = True, tender_id: int | None = None) -> Comparison:
    """`tender_id` names a tender whose own documents are subtracted as 招标文件原文."""
    from tender.similarity.tasks import compare_task

    if doc_a.id == doc_b.id:
        raise DomainError("请选择两份不同的文件进行比对。")
    for doc in (doc_a, doc_b):
        if doc.state is DocumentState.FAILED:
            raise DomainError(f"文件“{doc.title}”无法解析：{doc.error}")
    comparison = Comparison(doc_a_id=doc_a.id, doc_b_id=doc_b.id, use_library=use_library, tender_id=tender_id,
                            created_by_id=getattr(actor, "id", None))
    db.session.add(comparison)
    db.session.flush()
    start_job(actor, "similarity.compare", f"比对：{doc_a.title} ↔ {doc_b.title}", compare_task, comparison.id,
              subject=comparison)
    record(actor, "similarity.compare", comparison, after={"doc_a": doc_a.id, "doc_b": doc_b.id,
                                                           "use_library": use_library},
           summary=f"发起比对：{doc_a.title} ↔ {doc_b.title}")
    return comparison


def request_report_pdf(comparison: Comparison, actor: User) -> JobRecord:
    from tender.similarity.tasks import pdf_task

    if comparison.report is None:
        raise DomainError("比对尚未完成，完成后才能导出报告。")
    job = start_job(actor, "similarity.pdf", f"导出比对报告 #{comparison.id}", pdf_task, comparison.id,
                    subject=comparison)
    # Only the request is recorded here; the export itself is recorded by the job once the PDF exists.
    record(actor, "similarity.report.request", comparison, summary=f"申请导出比对报告 #{comparison.id}")
    return job


def add_tender_document(tender: Tender, actor: User, title: str, stored: StoredFileMixin) -> SimilarityDocument:
    """A tender's own documents are legitimate text shared by every honest bid of that tender.

    The tender document's stored file is reused, not written a second time.
    """
    saved = SavedFile(stored.storage_key, stored.filename, stored.size, stored.content_type, stored.sha256)
    return _add_saved(actor, saved, title=f"{tender.reference} {title}", kind=DocumentKind.TENDER,
                      tender_id=tender.id)


def library_documents() -> list[SimilarityDocument]:
    return list(db.session.scalars(sa.select(SimilarityDocument).where(
        SimilarityDocument.kind == DocumentKind.LIBRARY, SimilarityDocument.removed_at.is_(None))
        .order_by(SimilarityDocument.created_at.desc())))
