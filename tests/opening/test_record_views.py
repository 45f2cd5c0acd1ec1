"""The opening record through HTTP: who sees it when, the bidder's objection and the staff's answer, the job's page."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tender.auth.roles import Role
from tender.db import utcnow
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.notices.lifecycle import TenderStatus
from tender.opening.operations import unseal_tender
from tender.opening.record_models import RecordStatus
from tender.unit_of_work import perform
from tests.factories import PASSPHRASE, make_user
from tests.opening.bidding import tender_with_bids
from tests.opening.sealed import after_deadline, publish
from tests.worker import wait_for_job

PRICE_SHOWN = "1,083,600.00"


def open_it(tender, officers):
    a, b = officers[:2]
    now = after_deadline(tender)
    perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    return perform(unseal_tender, tender, b, {b: PASSPHRASE}, now + timedelta(minutes=1))


def page(client, login, user, url):
    login(user)
    return client.get(url)


def test_nobody_sees_a_price_before_the_opening_and_bidders_see_it_after(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    staff, supervisor, outsider = make_user(Role.STAFF), make_user(Role.SUPERVISOR), make_user(Role.BIDDER)
    db.session.commit()
    url = f"/opening/tenders/{tender.id}/record"
    for user in (staff, supervisor, bidders[0], officers[0]):
        body = page(client, login, user, url).get_data(as_text=True)
        assert "尚未开标" in body and PRICE_SHOWN not in body and "1083600" not in body
    assert page(client, login, outsider, url).status_code == 404
    assert open_it(tender, officers).opened
    for user in (staff, supervisor, bidders[2], officers[1]):
        body = page(client, login, user, url).get_data(as_text=True)
        assert PRICE_SHOWN in body and all(b.company.name in body for b in bidders), user.role
        live = page(client, login, user, url + "/live").get_data(as_text=True)
        assert PRICE_SHOWN in live and 'data-status="in_session"' in live
    assert page(client, login, outsider, url).status_code == 404
    assert page(client, login, outsider, url + "/live").status_code == 404
    assert page(client, login, outsider, url + ".docx").status_code == 404


def test_a_bidder_objects_staff_answer_and_the_bidder_reads_the_answer(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    open_it(tender, officers)
    base, staff = f"/opening/tenders/{tender.id}/record", make_user(Role.STAFF)
    db.session.commit()
    login(bidders[1])
    empty = client.post(base + "/objections", data={"text": ""}, follow_redirects=True).get_data(as_text=True)
    assert "请填写异议内容" in empty
    client.post(base + "/objections", data={"text": "第二家保证金金额有误"})
    assert "确认开标记录" in client.get(base).get_data(as_text=True)
    client.post(base + "/confirm")
    assert "贵公司已确认开标记录" in client.get(base).get_data(as_text=True)
    login(staff)
    opening_page = client.get(f"/opening/tenders/{tender.id}").get_data(as_text=True)
    assert "第二家保证金金额有误" in opening_page and "待答复" in opening_page
    refused = client.post(base + "/publish", follow_redirects=True).get_data(as_text=True)
    assert "未答复" in refused
    rec = tender.opening_record
    client.post(base + "/answer", data={"response_id": rec.objections[0].id, "answer": "经核对，保证金金额无误。"})
    login(bidders[1])
    body = client.get(base + "/live").get_data(as_text=True)
    assert "经核对，保证金金额无误。" in body
    login(bidders[0])  # another bidder at the same opening sees the objection and the answer too
    assert "经核对，保证金金额无误。" in client.get(base).get_data(as_text=True)
    assert client.post(base + "/answer", data={"response_id": rec.objections[0].id, "answer": "x"}).status_code == 403
    login(staff)
    client.post(base + "/publish")
    db.session.expire_all()
    assert tender.opening_record.status is RecordStatus.PUBLISHED
    login(bidders[2])
    late = client.post(base + "/objections", data={"text": "迟到的异议"}, follow_redirects=True).get_data(as_text=True)
    assert "开标已结束" in late


def test_staff_declare_failure_from_the_opening_page(client, login):
    tender, officers = publish(bids=2)
    tender.bid_deadline = utcnow() - timedelta(minutes=1)
    staff = make_user(Role.STAFF)
    db.session.commit()
    url = f"/opening/tenders/{tender.id}"
    login(officers[0])
    refused = client.post(url, data={"passphrase": PASSPHRASE}, follow_redirects=True).get_data(as_text=True)
    assert "少于 3 家" in refused and "宣布流标" not in refused
    login(staff)
    body = client.get(url).get_data(as_text=True)
    assert "只有 2 家" in body and "宣布流标" in body
    done = client.post(url + "/fail", follow_redirects=True).get_data(as_text=True)
    assert "本项目已流标" in done
    db.session.expire_all()
    assert tender.status is TenderStatus.FAILED and tender.seal.opened_key is None and tender.opening_record is None


@pytest.mark.usefixtures("worker")
def test_the_record_is_built_by_the_real_worker(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    assert open_it(tender, officers).opened
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "opening.record"))
    done = wait_for_job(job.id)
    assert done.status is JobStatus.DONE, done.message
    assert "校验一致" in done.message and done.progress == 100
    db.session.expire_all()
    rec = tender.opening_record
    assert rec.status is RecordStatus.IN_SESSION and len(rec.entries) == 3 and all(e.files_ok for e in rec.entries)
    login(make_user(Role.STAFF))
    db.session.commit()
    status = client.get(f"/jobs/{job.id}.json", headers={"Accept": "application/json"}).get_json()
    assert status["status"] == "done" and status["result_url"].endswith(f"/opening/tenders/{tender.id}/record")
