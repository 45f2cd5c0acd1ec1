"""The published record exported: DOCX reopened with python-docx; PDF made by the real worker, read with pypdfium2."""
from __future__ import annotations

import io

import docx
import pytest
from docx.oxml.ns import qn

from tender.auth.roles import Role
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.opening import record as ops
from tender.unit_of_work import perform
from tests.factories import make_user, pdf_text
from tests.opening.bidding import tender_with_bids
from tests.opening.test_record import unseal
from tests.worker import wait_for_job

ANSWER = "经当场复核，报价文件哈希值与回执一致。"


def published(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    assert unseal(tender, officers).opened
    build = db.session.query(JobRecord).filter_by(kind="opening.record").one()
    assert wait_for_job(build.id).status is JobStatus.DONE  # at once without a worker
    db.session.expire_all()
    rec, staff = tender.opening_record, make_user(Role.STAFF)
    objection = perform(ops.raise_objection, rec, bidders[0], "请复核第三家的报价。")
    perform(ops.answer_objection, rec, staff, objection.id, ANSWER)
    perform(ops.publish_record, rec, staff)
    return tender, bidders, staff



def test_docx_export_reopens_with_bidders_prices_and_the_answer(client, login):
    tender, bidders, staff = published(client, login)
    login(bidders[2])
    response = client.get(f"/opening/tenders/{tender.id}/record.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    for bidder in bidders:
        assert bidder.company.name in cells
    assert {"1,083,600.00", "1,120,500.50", "998,000.00"} <= set(cells)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "开标记录" in text and ANSWER in text and "请复核第三家的报价。" in text
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, not US Letter
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_nothing_exports_before_publication(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    unseal(tender, officers)
    db.session.expire_all()
    login(bidders[0])
    assert client.get(f"/opening/tenders/{tender.id}/record.docx").status_code == 404
    login(make_user(Role.STAFF))
    db.session.commit()
    refused = client.post(f"/opening/tenders/{tender.id}/record/pdf", follow_redirects=True).get_data(as_text=True)
    assert "公布后才能导出" in refused


@pytest.mark.usefixtures("worker")
def test_pdf_export_through_the_worker_holds_bidders_and_prices(client, login):
    tender, bidders, staff = published(client, login)
    login(staff)
    response = client.post(f"/opening/tenders/{tender.id}/record/pdf")
    job_id = int(response.headers["Location"].rsplit("/", 1)[1])
    job = wait_for_job(job_id)
    assert job.status is JobStatus.DONE, job.message
    login(bidders[1])
    download = client.get(f"/opening/tenders/{tender.id}/record.pdf")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    text = pdf_text(download.data)
    assert "开标记录" in text and ANSWER in text
    for bidder, price in zip(bidders, ("1,083,600.00", "1,120,500.50", "998,000.00"), strict=True):
        assert bidder.company.name in text and price in text
    # the findings at the opening start by themselves once extraction ends, whenever that is: not counted here
    kinds = [j.kind for j in db.session.query(JobRecord).order_by(JobRecord.id) if j.kind != "findings"]
    assert kinds[-1] == "opening.record.pdf"
