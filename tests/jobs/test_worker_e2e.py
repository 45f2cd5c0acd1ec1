"""Every job type through a real worker process, started from the web routes as users start them.

The worker is `flask --app tender jobs worker` (tests/worker.py) on the same
database as the test (SQLite file + JOBS_DB queue, or PostgreSQL + SqlStorage).
"""
from __future__ import annotations

import io
import json
import re

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.models import User
from tender.auth.roles import Role
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.notifications.models import OutboxMail
from tender.similarity.models import Comparison, DocumentState, SimilarityDocument
from tests.factories import make_user, pdf_text
from tests.mailsink import MailSink
from tests.similarity.texts import BID_A, BID_B, COPIED, REGULATION
from tests.worker import wait_for_job, wait_until


def _job_from(response) -> int:
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    match = re.search(r"/jobs/(\d+)$", response.headers["Location"])
    assert match, response.headers["Location"]
    return int(match.group(1))


def _newest_job(kind: str) -> int:
    return db.session.scalars(sa.select(JobRecord.id).where(JobRecord.kind == kind).order_by(JobRecord.id.desc())
                              ).first()


def upload_library(client, title: str, text: str) -> int:
    """The library page's upload; returns the extraction job it started."""
    response = client.post("/similarity/library", data={"title": title, "file": (io.BytesIO(text.encode()),
                           f"{title}.txt")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return _newest_job("similarity.prepare")


def compare(client, a: tuple[str, str], b: tuple[str, str]) -> int:
    """The compare page with two uploaded files; returns the comparison job."""
    post = {"file_a": (io.BytesIO(a[1].encode()), f"{a[0]}.txt"), "file_b": (io.BytesIO(b[1].encode()), f"{b[0]}.txt"),
            "use_library": "y"}
    return _job_from(client.post("/similarity/compare", data=post, content_type="multipart/form-data"))



def _audit(action: str) -> list[AuditEntry]:
    return db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action)).all()


def _ran_elsewhere(job: JobRecord) -> bool:
    """The worker process, not this one, ran the job."""
    import os

    return bool(job.worker) and not job.worker.endswith(f":{os.getpid()}")


def test_extraction_runs_in_the_worker(worker, client, login, staff):
    login(staff)
    job = wait_for_job(upload_library(client, "示例标准", REGULATION), worker)
    assert job.status is JobStatus.DONE, job.message
    assert _ran_elsewhere(job)
    doc = db.session.scalars(sa.select(SimilarityDocument)).one()
    assert doc.state is DocumentState.READY and doc.text == REGULATION and doc.n_fingerprints > 0
    assert job.message == f"已解析 {len(REGULATION)} 字"


def _compared(worker, client) -> Comparison:
    assert wait_for_job(upload_library(client, "示例标准", REGULATION), worker).status is JobStatus.DONE
    job = wait_for_job(compare(client, ("锦程", BID_A), ("恒安", BID_B)), worker)
    assert job.status is JobStatus.DONE, job.message
    return db.session.scalars(sa.select(Comparison)).one()


def test_comparison_runs_in_the_worker(worker, client, login, staff):
    login(staff)
    comparison = _compared(worker, client)
    shared = [BID_A[p["a_start"]:p["a_end"]] for p in comparison.report["passages"]]
    assert any("一户一档的业主信息台账" in text for text in shared)
    assert all("二十四小时值班制度" not in text for text in shared)  # the library's standard is subtracted
    assert set(COPIED[20:60]) <= set("".join(shared))
    page = client.get(f"/similarity/comparisons/{comparison.id}")
    assert page.status_code == 200 and "锦程" in page.get_data(as_text=True)


def test_pdf_export_runs_in_the_worker_and_is_audited_once_done(worker, client, login, staff):
    """Defect 1: the template's context processor read current_user, None outside a request."""
    login(staff)
    comparison = _compared(worker, client)
    job = wait_for_job(_job_from(client.post(f"/similarity/comparisons/{comparison.id}/pdf")), worker)
    assert job.status is JobStatus.DONE, job.message
    download = client.get(job.result_url)
    assert download.status_code == 200
    text = pdf_text(download.data)
    assert "文本比对报告" in text and "锦程" in text and "恒安" in text and "业主信息台账" in text
    exported = _audit("similarity.report.export")
    assert [(e.actor_id, e.object_id, e.summary) for e in exported] == [
        (staff.id, str(comparison.id), f"导出比对报告 #{comparison.id}")]


def test_a_failed_pdf_export_gives_a_chinese_reason_and_no_export_entry(start_worker, client, login, staff):
    """Defect 1: the audit trail recorded "导出比对报告" although the job failed."""
    login(staff)
    first = start_worker()
    comparison = _compared(first, client)
    first.stop()
    worker = start_worker(PATH="/nonexistent")  # a server without Chromium
    job = wait_for_job(_job_from(client.post(f"/similarity/comparisons/{comparison.id}/pdf")), worker)
    assert job.status is JobStatus.FAILED
    assert job.message == "服务器未安装 Chromium，无法生成 PDF（请安装 Debian 软件包 chromium）。"
    assert _audit("similarity.report.export") == []
    assert [e.summary for e in _audit("similarity.report.request")] == [f"申请导出比对报告 #{comparison.id}"]


def test_an_unexpected_error_shows_a_reference_not_an_exception_name(worker, client, login, staff):
    """Defect 1: "任务出错：AttributeError" told the user nothing and named the code's internals."""
    login(staff)
    comparison = _compared(worker, client)
    comparison.report = {"score": 0.5, "passages": "damaged"}  # a damaged row the renderer cannot read
    db.session.commit()
    job = wait_for_job(_job_from(client.post(f"/similarity/comparisons/{comparison.id}/pdf")), worker)
    assert job.status is JobStatus.FAILED
    match = re.fullmatch(r"任务出错，请重试或联系管理员（编号 (\d+-[0-9A-F]{6})）", job.message)
    assert match, job.message
    assert "Error" not in job.message
    log = wait_until(lambda: match.group(1) in worker.output() and worker.output(), worker, what="logged reference")
    assert "Traceback" in log.split(match.group(1), 1)[1]
    assert _audit("similarity.report.export") == []


@pytest.fixture
def mail_sink():
    sink = MailSink()
    yield sink
    sink.close()


def test_mail_is_sent_by_the_worker(start_worker, mail_sink, client):
    worker = start_worker(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_sink.port)
    form = {"company_name": "杭州新物业有限公司", "name": "张三", "email": "new@test.cn", "phone": "13800001111",
            "password": "a-long-password", "confirm": "a-long-password"}
    response = client.post("/register", data=form)
    assert response.status_code == 302
    sent = wait_until(lambda: mail_sink.to("new@test.cn"), worker, what="mail to new@test.cn")
    assert sent[0]["Subject"] == "请确认您的注册邮箱"
    outbox = wait_until(lambda: db.session.scalars(sa.select(OutboxMail).where(
        OutboxMail.to_address == "new@test.cn", OutboxMail.sent_at.is_not(None))).all(), worker, what="sent_at")
    assert len(outbox) == 1 and outbox[0].attempts == 1 and outbox[0].body.strip() in sent[0].get_content()


def test_the_daily_audit_checkpoint_mail_runs_in_the_worker(start_worker, mail_sink, app):
    from tender.audit.checkpoints import checkpoint_path
    from tender.audit.tasks import mail_audit_head

    supervisor = make_user(Role.SUPERVISOR)
    db.session.commit()
    worker = start_worker(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_sink.port)
    before = checkpoint_path().read_text().splitlines() if checkpoint_path().exists() else []
    mail_audit_head()  # what the consumer's scheduler enqueues at 00:00 UTC
    sent = wait_until(lambda: mail_sink.to(supervisor.email), worker, what="checkpoint mail")
    assert sent[0]["Subject"].startswith("审计日志每日检查点：第 ")
    lines = checkpoint_path().read_text().splitlines()[len(before):]
    checkpoint = json.loads(lines[-1])
    assert checkpoint["source"] == "mail" and checkpoint["hash"] in sent[0].get_content()
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.seq == checkpoint["seq"])).one()
    assert entry.action == "audit.checkpoint" and entry.hash == checkpoint["hash"]
    assert db.session.get(User, supervisor.id).email == supervisor.email


def test_the_periodic_close_of_tenders_runs_in_the_worker(start_worker, app):
    from datetime import timedelta

    from tender.db import utcnow
    from tender.notices.lifecycle import TenderStatus
    from tender.notices.models import Tender
    from tender.notices.tasks import close_due_tenders
    from tests.factories import make_tender

    staff = make_user(Role.STAFF)
    due = make_tender(staff, status=TenderStatus.PUBLISHED)
    due.bid_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    worker = start_worker()
    close_due_tenders()  # what the consumer's scheduler enqueues every minute
    entry = wait_until(lambda: db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.close"))
                       .one_or_none(), worker, what="the tender closed")
    assert entry.object_id == str(due.id) and entry.actor_label == "系统"
    # With no bid at all the scheduler's next lapse run may already have failed it (see the test below).
    status = db.session.get(Tender, due.id, populate_existing=True).status
    lapsed = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.lapse")).all()
    assert status is TenderStatus.CLOSED or (status is TenderStatus.FAILED and len(lapsed) == 1)


def test_a_closed_tender_with_too_few_bids_is_failed_by_the_worker(start_worker, app):
    from datetime import timedelta

    from tender.db import utcnow
    from tender.notices.lifecycle import TenderStatus
    from tender.notices.models import Tender
    from tender.opening.tasks import lapse_short_tenders
    from tests.factories import make_tender

    staff = make_user(Role.STAFF)
    short = make_tender(staff, status=TenderStatus.CLOSED)
    short.bid_deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    worker = start_worker()
    lapse_short_tenders()  # what the consumer's scheduler enqueues every minute
    failed = wait_until(lambda: db.session.get(Tender, short.id, populate_existing=True).status
                        is TenderStatus.FAILED, worker, what="the tender failed")
    assert failed
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "tender.fail.too_few_bids")).one()
    assert entry.actor_label == "系统" and entry.after["valid_bids"] == 0 and "第四十四条" in entry.after["reason"]
