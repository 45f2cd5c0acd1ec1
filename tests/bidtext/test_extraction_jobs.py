"""Issue 10, items 6 and 7: after the opening every bid file is extracted in a real worker, one job per file.

Three bids are uploaded and sealed through the real intake, unsealed by two officers; one
business part is a PDF that intake accepts (head and %%EOF) but that is garbage inside, one
is a scan (OCR runs in the worker). The corrupt file fails with its Chinese reason while
the other eight finish; staff see files, receipt hashes, states, counts, the text page by
page and a real PNG of each PDF page; bidders and anonymous users are refused.
"""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.bids.models import Bid, BidPart
from tender.bidtext.models import BidPage, ExtractionState
from tender.extensions import db
from tender.jobs.models import JobStatus
from tests.bidtext.opened import (
    corrupt_pdf,
    default_files,
    document_of,
    extraction_jobs,
    submit_bids,
    unseal,
)
from tests.factories import make_user
from tests.robustness.outcome import HAN
from tests.scoring.extraction.plans import have, make_plan, scan_pdf, soffice_convert, write_docx
from tests.worker import wait_for_job

pytestmark = pytest.mark.skipif(not have("soffice", "tesseract"), reason="needs LibreOffice and tesseract")


@pytest.fixture
def made(tmp_path):
    """A DOCX with properties and tables, and a scan of the PDF LibreOffice makes from it."""
    plan = make_plan(seed=11, n_pages=2)
    docx = write_docx(tmp_path / "plan.docx", plan)
    scan = scan_pdf(soffice_convert(docx, "pdf", tmp_path), tmp_path / "scan.pdf")
    return plan, docx.read_bytes(), scan.read_bytes()


def _bids() -> list[Bid]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Bid).order_by(Bid.id)))


def test_each_bid_file_is_extracted_in_the_worker_and_a_corrupt_one_fails_alone(app, client, login, worker, made):
    plan, docx, scan = made
    tender, officers, _ = submit_bids(client, login, [
        default_files(technical=docx), default_files(business=corrupt_pdf()), default_files(business=scan)])
    staff = make_user(Role.STAFF)
    db.session.commit()
    first = _bids()[0]
    login(staff)
    sealed = client.get(f"/bids/{first.id}/documents")
    assert sealed.status_code == 403 and "开标前" in sealed.get_data(as_text=True)
    assert "商务标.pdf" not in sealed.get_data(as_text=True) and extraction_jobs() == []

    unseal(tender, officers)
    jobs = extraction_jobs()
    assert len(jobs) == 9  # one per file of each of the three bids
    ended = [wait_for_job(job.id, worker, timeout=600) for job in jobs]

    good, corrupt, scanned = _bids()
    files = {b.id: b.current_files for b in (good, corrupt, scanned)}
    broken = document_of(files[corrupt.id][BidPart.BUSINESS])
    assert broken.state is ExtractionState.FAILED and HAN.search(broken.error) and "/" not in broken.error
    failed = [j for j in ended if j.status is JobStatus.FAILED]
    assert [j.message for j in failed] == [broken.error]
    assert sum(j.status is JobStatus.DONE for j in ended) == 8

    text_pdf = document_of(files[good.id][BidPart.BUSINESS])
    assert (text_pdf.state, text_pdf.page_count, text_pdf.scanned_count, text_pdf.hash_ok, text_pdf.images) == (
        ExtractionState.READY, 2, 0, True, True)
    pages = db.session.scalars(sa.select(BidPage).where(BidPage.document_id == text_pdf.id)
                               .order_by(BidPage.number)).all()
    assert "page one" in pages[0].text and "security patrols" in pages[1].text
    assert pages[1].start > pages[0].start

    word = document_of(files[good.id][BidPart.TECHNICAL])
    assert (word.state, word.kind, word.images) == (ExtractionState.READY, "docx", False)
    assert word.meta["author"] == plan.author and word.meta["last_modified_by"] == plan.last_modified_by
    assert any(p.tables for p in word.pages)

    ocr = document_of(files[scanned.id][BidPart.BUSINESS])
    assert ocr.state is ExtractionState.READY and ocr.page_count == 2
    assert ocr.scanned_count == 2 and ocr.ocr_count == 2  # OCR ran in the worker's parsing child
    assert "物业服务方案" in "".join(p.text for p in ocr.pages).replace(" ", "")

    _staff_sees_the_bid(client, good, text_pdf, files[good.id])
    _retry_is_audited_and_fails_again_for_the_same_reason(client, worker, broken)


def _staff_sees_the_bid(client, bid, text_pdf, files):
    page = client.get(f"/bids/{bid.id}/documents").get_data(as_text=True)
    for bid_file in files.values():
        assert bid_file.filename in page and f"{bid_file.size:,}" in page
    assert text_pdf.sha256 in page and "已提取" in page and "一致" in page
    shown = client.get(f"/bids/documents/{text_pdf.id}").get_data(as_text=True)
    assert "page one" in shown and "security patrols" in shown and "共 2 页" in shown
    image_ids = [p.id for p in text_pdf.pages]
    reply = client.get(f"/bids/pages/{image_ids[0]}/image")
    assert reply.status_code == 200 and reply.mimetype == "image/png"
    with Image.open(io.BytesIO(reply.data)) as png:
        assert png.format == "PNG" and png.width > 100 and png.height > 100
    second = client.get(f"/bids/documents/{text_pdf.id}?page=2").get_data(as_text=True)
    assert "security patrols" in second and "page one" not in second


def _retry_is_audited_and_fails_again_for_the_same_reason(client, worker, broken):
    reason = broken.error
    assert client.post(f"/bids/documents/{broken.id}/retry").status_code == 302
    retry = extraction_jobs()[-1]
    assert retry.subject_id == broken.id and len(extraction_jobs()) == 10
    assert wait_for_job(retry.id, worker, timeout=300).message == reason
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "bid.extraction.retry")) is not None


def test_bidders_and_anonymous_users_are_refused(app, client, login, worker):
    tender, officers, bidders = submit_bids(client, login, [default_files(), default_files(), default_files()])
    unseal(tender, officers)
    for job in extraction_jobs():
        wait_for_job(job.id, worker, timeout=300)
    bid = _bids()[1]
    document = document_of(next(iter(bid.current_files.values())))
    page_id = document.pages.first().id
    login(bidders[0])  # another company's bid
    for url in (f"/bids/{bid.id}/documents", f"/bids/documents/{document.id}", f"/bids/pages/{page_id}/image"):
        assert client.get(url).status_code in (403, 404)
    assert client.post(f"/bids/documents/{document.id}/retry").status_code in (403, 404)
    anonymous = app.test_client()
    for url in (f"/bids/{bid.id}/documents", f"/bids/pages/{page_id}/image"):
        assert anonymous.get(url).status_code in (302, 401, 403)


def test_a_failed_extraction_retried_after_the_limit_is_raised_succeeds(app, client, login, start_worker):
    tender, officers, _ = submit_bids(client, login, [default_files(), default_files(), default_files()])
    staff = make_user(Role.STAFF)
    db.session.commit()
    starved = start_worker(JOBS_EXTRACT_TIME_LIMIT=0.001)  # an operator set the parsing time far too low
    unseal(tender, officers)
    ended = [wait_for_job(job.id, starved, timeout=300) for job in extraction_jobs()]
    assert {j.status for j in ended} == {JobStatus.FAILED} and all("超时" in j.message for j in ended)
    assert starved.running  # the parsing children died, not the worker
    starved.stop()
    document = document_of(_bids()[0].current_files[BidPart.BUSINESS])
    assert document.state is ExtractionState.FAILED and "超时" in document.error
    login(staff)
    page = client.get(f"/bids/{document.bid_id}/documents").get_data(as_text=True)
    assert "重新提取" in page and document.error in page
    assert client.post(f"/bids/documents/{document.id}/retry").status_code == 302
    page = client.get(f"/bids/{document.bid_id}/documents").get_data(as_text=True)
    assert "正在提取 1 个文件" in page and 'data-pending="1"' in page and "等待提取" in page
    worker = start_worker()  # the operator's setting is gone
    assert wait_for_job(extraction_jobs()[-1].id, worker, timeout=300).status is JobStatus.DONE
    document = document_of(document.bid_file)
    assert document.state is ExtractionState.READY and document.page_count == 2 and document.error == ""
    assert client.post(f"/bids/documents/{document.id}/retry", follow_redirects=True).status_code == 200
    assert len(extraction_jobs()) == 10  # a finished extraction is not started again
