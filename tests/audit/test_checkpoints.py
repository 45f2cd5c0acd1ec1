"""Chain-head checkpoints outside the database: recorded, compared, shown to the supervisor, mailed daily."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
import sqlalchemy as sa

from tender.audit.chain import entry_hash, row_fields
from tender.audit.checkpoints import compare_checkpoints, read_checkpoints
from tender.audit.keys import audit_key
from tender.audit.models import AuditEntry
from tender.audit.operations import record, verify_chain
from tender.auth.roles import Role
from tender.extensions import db
from tender.notifications.models import OutboxMail
from tests.audit.conftest import audit_cli
from tests.factories import make_user


def test_cli_appends_the_head_to_the_file_outside_the_database(app, chain, checkpoint_file):
    result = audit_cli(app, "checkpoint")
    assert result.exit_code == 0, result.output
    [line] = checkpoint_file.read_text(encoding="utf-8").splitlines()
    saved = json.loads(line)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.seq == saved["seq"]))
    assert saved["seq"] == 6 and entry.action == "audit.checkpoint" and saved["hash"] == entry.hash
    assert saved["source"] == "cli" and datetime.fromisoformat(saved["at"]).tzinfo is not None
    audit_cli(app, "checkpoint")
    assert [c.seq for c in read_checkpoints()] == [6, 7]
    out = audit_cli(app, "verify").output
    assert "OK: 2 checkpoints match the chain." in out


def truncate_to(seq: int) -> None:
    """Delete the newest rows and point the head at the last one kept: the keyed chain still holds."""
    kept = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.seq == seq))
    db.session.execute(sa.text("DELETE FROM audit_entries WHERE seq > :s"), {"s": seq})
    db.session.execute(sa.text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": kept.hash})
    db.session.commit()


def test_a_truncated_chain_is_caught_by_the_checkpoint(app, chain):
    audit_cli(app, "checkpoint")
    record(chain, "test.step", object_type="thing", object_id=9, summary="之后的操作")
    db.session.commit()
    truncate_to(4)
    assert verify_chain().ok  # the chain alone cannot tell
    result = audit_cli(app, "verify")
    assert result.exit_code == 1
    assert "CHECKPOINT MISMATCH seq 6" in result.output and "日志被截断或删除" in result.output


def test_a_rewrite_by_someone_holding_the_key_is_caught_by_the_checkpoint(app, chain):
    audit_cli(app, "checkpoint")
    db.session.execute(sa.text("UPDATE audit_entries SET summary = '被改过' WHERE seq = 2"))
    db.session.commit()
    db.session.expire_all()
    key, prev = audit_key(), None
    for row in db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)):
        if row.seq >= 2:
            row.prev_hash = prev
            row.hash = entry_hash(key, prev, **row_fields(row))
        prev = row.hash
    db.session.execute(sa.text("UPDATE audit_head SET hash = :h"), {"h": prev})
    db.session.commit()
    assert verify_chain().ok
    [check] = compare_checkpoints()
    assert not check.ok and "哈希与检查点不一致" in check.message
    assert audit_cli(app, "verify").exit_code == 1


def test_supervisor_records_and_sees_checkpoints(app, client, login, chain, checkpoint_file):
    supervisor = make_user(Role.SUPERVISOR)
    db.session.commit()
    login(supervisor)
    page = client.get("/audit/verify").get_data(as_text=True)
    assert "尚未记录检查点" in page and "第 5 条记录" in page
    response = client.post("/audit/checkpoints", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "已记录检查点：第 6 条记录" in page
    assert "全部 1 个检查点与当前日志一致" in page and supervisor.label in page
    assert json.loads(checkpoint_file.read_text(encoding="utf-8"))["source"] == "web"
    truncate_to(5)
    page = client.get("/audit/verify").get_data(as_text=True)
    assert "1 个检查点与当前日志不一致" in page and "审计日志中已没有第 6 条记录" in page


@pytest.mark.parametrize("role", [Role.ADMIN, Role.STAFF, Role.BIDDER, Role.EXPERT, Role.OPENER])
def test_only_the_supervisor_records_checkpoints(app, client, login, chain, checkpoint_file, role):
    login(make_user(role))
    assert client.post("/audit/checkpoints").status_code == 403
    assert not checkpoint_file.exists()


def test_admin_sees_checkpoints_without_the_record_button(app, client, login, chain):
    login(make_user(Role.ADMIN))
    page = client.get("/audit/verify").get_data(as_text=True)
    assert "链头检查点" in page and "记录检查点</button>" not in page


def test_the_page_lists_rows_edited_behind_the_application(app, client, login, staff):
    from tests.audit.test_rows import new_tender

    tender = new_tender(staff)
    db.session.execute(sa.text("UPDATE tenders SET max_price = 1880000 WHERE id = :i"), {"i": tender.id})
    db.session.commit()
    login(make_user(Role.SUPERVISOR))
    page = client.get("/audit/verify?rows=1").get_data(as_text=True)
    assert "发现 1 处业务数据与最后一次审计记录不一致" in page and "max_price" in page and "1880000" in page


def test_daily_mail_sends_the_head_to_every_supervisor(app, chain, checkpoint_file):
    from tender import jobs
    from tender.audit.tasks import mail_audit_head

    supervisors = [make_user(Role.SUPERVISOR) for _ in range(2)]
    make_user(Role.STAFF)
    db.session.commit()
    result = mail_audit_head.call_local()
    mails = db.session.scalars(sa.select(OutboxMail)).all()
    assert sorted(m.to_address for m in mails) == sorted(s.email for s in supervisors)
    assert result["seq"] == 6 and all(result["hash"] in m.body and "第 6 条记录" in m.body for m in mails)
    assert "今日自动校验：完整" in mails[0].body
    assert json.loads(checkpoint_file.read_text(encoding="utf-8"))["source"] == "mail"
    assert "tender.audit.tasks" in jobs.task_modules()


def test_daily_mail_runs_once_a_day(app):
    from tender.audit.tasks import mail_audit_head

    due = mail_audit_head.task_class().validate_datetime
    runs = [h for h in range(24) for m in (0, 30) if due(datetime(2026, 12, 1, h, m))]
    assert runs == [0]


def test_a_mailed_checkpoint_can_be_looked_up(app, client, login, chain):
    supervisor = make_user(Role.SUPERVISOR)
    login(supervisor)
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.seq == 3))
    page = client.get(f"/audit/verify?seq=3&digest={entry.hash}").get_data(as_text=True)
    assert "第 3 条记录的哈希与所填一致" in page
    page = client.get(f"/audit/verify?seq=3&digest={'0' * 64}").get_data(as_text=True)
    assert "哈希与检查点不一致" in page
    page = client.get(f"/audit/verify?seq=99&digest={entry.hash}").get_data(as_text=True)
    assert "审计日志中已没有第 99 条记录" in page
    page = client.get("/audit/verify?seq=99999999999999999999999&digest=x")
    assert page.status_code == 200 and "哈希：" in page.get_data(as_text=True)
