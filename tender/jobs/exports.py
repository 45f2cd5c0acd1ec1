"""The last step every PDF export job shares: store the rendered file, audit the export, finish the job."""
from __future__ import annotations

from collections.abc import Callable

from tender.audit.operations import record
from tender.extensions import db
from tender.files import SavedFile, store_bytes
from tender.jobs.models import JobRecord
from tender.jobs.operations import finish
from tender.jobs.types import JobType

# Chromium or LibreOffice renders a document the system wrote; it parses no upload (each converter stops
# itself after 120 s).
PDF_EXPORT = JobType(time_limit=300, retries=2, memory_mb=None, parse_seconds=None)


def finish_pdf_export(job_id: int, subject, pdf: bytes, filename: str, attach: Callable[[SavedFile], None], *,
                      action: str, summary: str, result_url: str) -> SavedFile:
    """Store `pdf`, let `attach` point the subject at it, audit the export as its starter, finish the job.

    The audit entry is written in the job's transaction, so it commits with the job's "done", never without it.
    """
    saved = store_bytes(filename, pdf, ("pdf",))
    attach(saved)
    record(db.session.get(JobRecord, job_id).created_by, action, subject,
           after={"pdf": saved.storage_key, "sha256": saved.sha256}, summary=summary)
    finish(job_id, result_url=result_url, message="PDF 已生成")
    return saved
