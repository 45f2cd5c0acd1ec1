"""The extraction job of one bid file, with visible progress."""
from __future__ import annotations

import logging

from scoring.extraction import ExtractionError
from tender.bidtext.models import BidDocument, ExtractionState
from tender.bidtext.operations import record_failure, store_result
from tender.bidtext.processing import decrypted, extract_in_child, relayed_progress
from tender.errors import DomainError
from tender.extensions import db
from tender.jobs import JobType, tracked_task
from tender.jobs.limits import LimitExceeded, limited
from tender.jobs.operations import finish, report
from tender.links import path_for
from tender.opening.keys import opened_private_key
from tender.sealing import envelope

log = logging.getLogger(__name__)

# A 300-page scan OCRs at ~1-2 s a page (one tesseract at a time) and renders its images: up to
# 20 minutes in the parsing child, which gets 1.5 GB head-room; the job itself has 30 minutes.
# Two retries cover a worker killed mid-job; a file's own fault fails at once.
EXTRACT = JobType(time_limit=1800, retries=2, memory_mb=1536, parse_seconds=1200)


@tracked_task(EXTRACT)
def extract_task(job_id: int, document_id: int):
    document = db.session.get(BidDocument, document_id)
    if document.state is ExtractionState.READY:  # a duplicate delivery: the work is done
        finish(job_id, result_url=_url(document), message="已提取")
        return
    bid_file = document.bid_file
    report(job_id, 2, f"解密：{bid_file.filename}")
    try:
        with decrypted(bid_file, opened_private_key(bid_file.bid.tender.seal)) as plain:
            document.sha256, document.hash_ok = plain.sha256, plain.matches
            kind = bid_file.kind
            db.session.commit()  # progress is written on another connection meanwhile: hold no lock now
            with relayed_progress(job_id) as progress_fd:
                result = limited(extract_in_child, plain.path, kind, progress_fd)
            images = {n: (plain.path.parent / name).read_bytes() for n, name in result.images.items()}
    except (ExtractionError, LimitExceeded) as e:
        _failed(document, e.message, getattr(e, "reason", "limit"))
    except (envelope.EnvelopeError, OSError) as e:
        _failed(document, f"投标文件无法解密：{type(e).__name__}", "decrypt")
    report(job_id, 96, "保存提取结果")
    store_result(document, result.document, images)
    summary = f"共 {document.page_count} 页，扫描页 {document.scanned_count} 页，{document.char_count:,} 字"
    finish(job_id, result_url=_url(document), message=summary)
    _after(document)


def _failed(document: BidDocument, message: str, reason: str):
    """Keep the reason on the document (committed), then fail the job with it."""
    db.session.rollback()
    document = db.session.get(BidDocument, document.id, populate_existing=True)
    record_failure(document, message, reason)
    db.session.commit()
    _after(document)
    raise DomainError(document.error)


def _after(document: BidDocument) -> None:
    """Once the last file of the tender has an outcome, the findings at the opening start (tender/findings).

    Called after the document's state committed, so of two files finishing at once the later
    one sees both outcomes. A failure here must not turn a finished extraction into a failed one.
    """
    from tender.findings.operations import after_extraction

    try:
        after_extraction(document.bid.tender_id)
    except Exception:  # noqa: BLE001 - logged; staff can start the checks from the findings page
        db.session.rollback()
        log.exception("starting the findings of tender %s failed", document.bid.tender_id)


def _url(document: BidDocument) -> str:
    return path_for("bidtext.document", bid_document_id=document.id)
