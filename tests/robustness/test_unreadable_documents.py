"""Issue 8 robustness: an unreadable upload fails its document and job with a reason a person can read.

Found by the hostile-file run: extraction messages quoted the server's storage path, and
a .docx whose document.xml has another root element crashed python-docx with an
AttributeError, which the job showed as "任务出错：AttributeError". Fixed by the
extraction work (messages without paths, PDFs opened at upload, docx read as a stream).
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import current_app

from tender.errors import DomainError
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.similarity import operations as ops
from tender.similarity.models import DocumentKind, DocumentState
from tender.unit_of_work import perform
from tests.robustness.hostile_files import good_pdf
from tests.robustness.outcome import HAN, TECHNICAL
from tests.robustness.zip_bytes import docx_parts, make_zip

WRONG_ROOT = make_zip(docx_parts("<html><body><p>不是 Word 正文</p></body></html>"))


@pytest.mark.parametrize(("filename", "data"), [
    ("root-is-html.docx", WRONG_ROOT),
    ("truncated.pdf", good_pdf()[:400]),
], ids=["docx-root-is-html", "truncated-pdf"])
def test_unreadable_upload_fails_with_a_readable_reason(app, staff, filename, data):
    """Refused at upload, or prepared, or failed: whichever, every message is one a person can read."""
    try:
        doc = perform(ops.add_document, staff, title="投标文件", filename=filename, data=data,
                      kind=DocumentKind.UPLOAD)
    except DomainError as e:  # a stricter upload check may already refuse the file
        assert_readable(e.message, "")
        return
    db.session.expire_all()
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "similarity.prepare"))
    assert job.status in (JobStatus.DONE, JobStatus.FAILED)
    assert (doc.state is DocumentState.FAILED) == (job.status is JobStatus.FAILED)
    for message in (doc.error, job.message) if doc.state is DocumentState.FAILED else (job.message,):
        assert_readable(message, doc.storage_key)


def assert_readable(message: str, storage_key: str) -> None:
    assert HAN.search(message), message
    assert not TECHNICAL.search(message), message
    assert current_app.config["STORAGE_PATH"] not in message, message
    assert not storage_key or storage_key not in message, message
