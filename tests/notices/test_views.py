"""Bad input through the real forms: clear Chinese messages, nothing half-written."""
from __future__ import annotations

import io
from datetime import datetime, timedelta

import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.db import CHINA
from tender.extensions import db
from tender.notices.lifecycle import TenderStatus
from tender.notices.models import Tender, TenderDocument
from tests.factories import add_document, make_officers, make_tender, minimal_pdf

FMT = "%Y-%m-%dT%H:%M"


def form_data(**overrides) -> dict:
    today = datetime.now(CHINA).replace(hour=9, minute=0, second=0, microsecond=0, tzinfo=None)
    data = {
        "title": "表单测试项目", "procedure": "open", "service_type": "前期物业管理", "tenderer": "某置业有限公司",
        "location": "某市某区", "sale_mode": "unknown", "notice": "公告",
        "docs_from": today.strftime(FMT), "docs_to": (today + timedelta(days=7)).strftime(FMT),
        "question_deadline": (today + timedelta(days=8)).strftime(FMT),
        "bid_deadline": (today + timedelta(days=28)).strftime(FMT), "validity_days": "90",
    }
    data.update(overrides)
    return data


def test_impossible_dates_are_refused_with_a_message_and_nothing_saved(client, login, staff):
    login(staff)
    today = datetime.now(CHINA).replace(tzinfo=None)
    page = client.post("/tenders/new", data=form_data(
        docs_to=(today - timedelta(days=3)).strftime(FMT))).get_data(as_text=True)
    assert "招标文件发出截止时间必须晚于开始时间" in page
    assert db.session.scalar(sa.select(sa.func.count(Tender.id))) == 0


def test_a_malformed_date_gets_a_field_message(client, login, staff):
    login(staff)
    page = client.post("/tenders/new", data=form_data(bid_deadline="明天上午")).get_data(as_text=True)
    assert "invalid-feedback" in page
    assert db.session.scalar(sa.select(sa.func.count(Tender.id))) == 0


def test_double_submit_of_publish_publishes_once(client, login, staff):
    tender = make_tender(staff)
    add_document(tender, staff)
    officers = [o.id for o in make_officers()]
    db.session.commit()
    login(staff)
    data = {"version": str(tender.version), "officers": officers, "threshold": "2"}
    first = client.post(f"/tenders/{tender.id}/publish", data=data, follow_redirects=True)
    second = client.post(f"/tenders/{tender.id}/publish", data=data, follow_redirects=True)
    assert "项目已发布" in first.get_data(as_text=True)
    assert "未能发布" in second.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Tender, tender.id).status is TenderStatus.PUBLISHED
    publishes = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.publish")).all()
    assert len(publishes) == 1


def test_an_oversized_upload_gets_the_chinese_413_page(app, client, login, staff):
    tender = make_tender(staff)
    db.session.commit()
    login(staff)
    limit = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 200_000
    try:
        big = minimal_pdf() + b"%" + b"0" * 300_000
        response = client.post(f"/tenders/{tender.id}/documents", content_type="multipart/form-data",
                               data={"title": "大文件", "file": (io.BytesIO(big), "大文件.pdf")})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = limit
    assert response.status_code == 413 and "文件过大" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(TenderDocument.id))) == 0


def test_a_mislabelled_upload_is_refused_through_the_form(client, login, staff):
    tender = make_tender(staff)
    db.session.commit()
    login(staff)
    response = client.post(f"/tenders/{tender.id}/documents", content_type="multipart/form-data",
                           data={"title": "伪装", "file": (io.BytesIO(b"plain text"), "伪装.docx")},
                           follow_redirects=True)
    assert "不是有效的" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(TenderDocument.id))) == 0


def test_editing_a_published_tender_rechecks_the_calendar(client, login, staff):
    tender = make_tender(staff, status=TenderStatus.PUBLISHED)
    db.session.commit()
    login(staff)
    local = tender.docs_from.astimezone(CHINA).replace(tzinfo=None)
    data = form_data(version=str(tender.version), docs_from=local.strftime(FMT),
                     bid_deadline=tender.bid_deadline.astimezone(CHINA).replace(tzinfo=None).strftime(FMT),
                     validity_days="30")
    page = client.post(f"/tenders/{tender.id}/edit", data=data).get_data(as_text=True)
    assert "投标有效期不得少于 60 日" in page
    db.session.expire_all()
    assert db.session.get(Tender, tender.id).validity_days == 90
