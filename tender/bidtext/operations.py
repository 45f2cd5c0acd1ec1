"""Starting and retrying the extraction of bid files, and storing what it found. The caller commits.

One job per bid file: a corrupt or hostile file fails on its own, with its reason, and
never holds up the other bids; staff retry it alone.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa

from scoring.extraction import ExtractedDocument
from tender.audit.operations import record
from tender.auth.roles import STAFF_ROLES
from tender.bidtext.models import (
    ERROR_LENGTH,
    META_LENGTH,
    BidDocument,
    BidPage,
    BidPageImage,
    ExtractionState,
)
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.jobs.operations import start_job

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.bids.models import BidFile
    from tender.jobs.models import JobRecord
    from tender.notices.models import Tender

JOB_KIND = "bid_extraction"


def start_bid_extraction(tender: Tender, actor: User | None) -> list[JobRecord]:
    """At the opening: one extraction job per current file of every submitted bid (queued after the commit)."""
    from tender.bids.operations import submitted_bids

    jobs = []
    for bid in submitted_bids(tender):
        for bid_file in bid.current_files.values():
            document = db.session.scalar(sa.select(BidDocument).where(BidDocument.bid_file_id == bid_file.id))
            if document is None:
                document = BidDocument(bid_file=bid_file, bid=bid, state=ExtractionState.PENDING)
                db.session.add(document)
                db.session.flush()
            jobs.append(_start(document, bid_file, actor))
    return jobs


def retry_extraction(document: BidDocument, actor: User) -> JobRecord:
    """Staff run a failed extraction again (a tool was missing, a limit was raised); audited."""
    if actor.role not in STAFF_ROLES:
        raise NotAllowed("只有招标专员可以重新提取投标文件。")
    if not document.bid.opened:
        raise DomainError("开标前不能提取投标文件。")
    if not retryable(document):
        raise DomainError("只有提取失败的文件可以重新提取。")
    before = {"state": document.state.value, "error": document.error}
    document.state, document.error, document.reason = ExtractionState.PENDING, "", ""
    document.started_at, document.finished_at = utcnow(), None
    job = _start(document, document.bid_file, actor)
    record(actor, "bid.extraction.retry", document, before=before, after={"job_id": job.id},
           summary=f"重新提取投标文件：{document.bid.company.name} {document.bid_file.part.label}")
    return job


def retryable(document: BidDocument) -> bool:
    """Failed with a reason, or left pending by a job that ended without one (a crash, the last retry timed out)."""
    from tender.jobs.models import JobStatus
    from tender.jobs.queries import jobs_of

    if document.state is ExtractionState.FAILED:
        return True
    jobs = jobs_of(document)
    return document.state is ExtractionState.PENDING and bool(jobs) and jobs[-1].status is JobStatus.FAILED


def _start(document: BidDocument, bid_file: BidFile, actor) -> JobRecord:
    from tender.bidtext.tasks import extract_task

    title = f"提取投标文件：{document.bid.company.name} {bid_file.part.label}（{bid_file.filename}）"
    return start_job(actor, JOB_KIND, title, extract_task, document.id, subject=document)


def record_failure(document: BidDocument, message: str, reason: str, now: datetime | None = None) -> None:
    document.state, document.error, document.reason = ExtractionState.FAILED, message[:ERROR_LENGTH], reason[:30]
    document.finished_at = now or utcnow()


def store_result(document: BidDocument, extracted: ExtractedDocument, images: dict[int, bytes]) -> None:
    """Replace any pages of an earlier run with these; images are PNG bytes by page number."""
    from tender.files import store_bytes

    for page in list(document.pages):
        db.session.delete(page)  # defensive: a failed run commits no pages, and a READY one is not retried
    db.session.flush()
    for page in extracted.pages:
        row = BidPage(document=document, number=page.number, start=page.start, text=page.text,
                      scanned=page.scanned, ocr=page.ocr,
                      tables=[[list(r) for r in t.rows] for t in page.tables] or None)
        if page.number in images:
            saved = store_bytes(f"page-{page.number}.png", images[page.number], ("png",))
            row.image = BidPageImage(**saved.columns())
        db.session.add(row)
    document.kind, document.page_count = extracted.kind, extracted.page_count
    document.scanned_count, document.ocr_count = extracted.scanned_pages, extracted.ocr_pages
    document.char_count, document.truncated = len(extracted.text), extracted.truncated
    document.images, document.meta = bool(images), metadata_json(extracted)
    document.state, document.error, document.reason = ExtractionState.READY, "", ""
    document.finished_at = utcnow()


def metadata_json(extracted: ExtractedDocument) -> dict:
    """Strings clipped to META_LENGTH, times as ISO text: a hostile file cannot blow up the row."""
    out = {}
    for key, value in asdict(extracted.metadata).items():
        if value is None or value == "":
            continue
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        out[key] = text.replace("\x00", "")[:META_LENGTH]
    return out
