"""Background jobs of the opening record: decrypting and checking every bid, and the PDF export."""
from __future__ import annotations

from huey import crontab

from tender.extensions import db
from tender.jobs import JobType, app_periodic_task, tracked_task
from tender.jobs.exports import PDF_EXPORT, finish_pdf_export
from tender.jobs.models import JobRecord
from tender.jobs.operations import finish, report
from tender.links import path_for
from tender.opening.record_models import OpeningRecord

# Decrypts every file of every bid and hashes it (30 bids of 20 MB: minutes on a loaded machine);
# parses nothing untrusted (the price form is JSON the server wrote), so no parsing child.
BUILD = JobType(time_limit=1800, retries=2, memory_mb=None, parse_seconds=None)


@tracked_task(BUILD)
def build_record_task(job_id: int, record_id: int):
    from tender.opening.record import build_entries

    rec = db.session.get(OpeningRecord, record_id)
    report(job_id, 2, "解密投标文件")
    starter = db.session.get(JobRecord, job_id).created_by
    build_entries(rec, starter, progress=lambda percent, message: report(job_id, percent, message))
    bad = sum(not e.files_ok for e in rec.entries)
    checked = f"，{bad} 家文件校验未通过" if bad else "，校验一致"
    finish(job_id, result_url=path_for("opening.tender_record", tender_id=rec.tender_id),
           message=f"{rec.kind.label}已生成：{len(rec.entries)} 家{checked}")


@tracked_task(PDF_EXPORT)
def record_pdf_task(job_id: int, record_id: int):
    from tender.opening.record_export import render_pdf

    rec = db.session.get(OpeningRecord, record_id)
    report(job_id, 30, f"生成{rec.kind.label} PDF")

    def attach(saved):
        rec.pdf_key, rec.pdf_sha256 = saved.storage_key, saved.sha256

    finish_pdf_export(job_id, rec, render_pdf(rec), f"{rec.kind.label}-{rec.tender.reference}.pdf", attach,
                      action="opening.record.pdf", summary=f"导出{rec.kind.label} PDF：{rec.tender.title}",
                      result_url=path_for("opening.record_pdf", tender_id=rec.tender_id))


# Every minute, like the close: a short select and, rarely, one tender failed with its notices.
LAPSE = JobType(time_limit=50, retries=1, memory_mb=None, parse_seconds=None)


@app_periodic_task(crontab(minute="*"), LAPSE, retry_delay=30)
def lapse_short_tenders():
    """流标 at the deadline for tenders with fewer than three valid bids (条例第四十四条)."""
    from tender.opening.record import lapse_short_tenders as lapse
    from tender.unit_of_work import perform

    return [t.reference for t in perform(lapse)]
