"""The opening record after a real unseal: entries from real sealed bids, 流标 below three, objections, publication."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.bids.models import Bid
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.jobs.models import JobRecord, JobStatus
from tender.notices.lifecycle import TenderStatus
from tender.notices.operations import close_due_tenders
from tender.notifications.models import Message
from tender.opening import record as ops
from tender.opening.operations import unseal_tender
from tender.opening.record_models import OpeningRecord, RecordStatus
from tender.unit_of_work import perform
from tests.factories import PASSPHRASE, make_user
from tests.opening.bidding import TOTALS, tender_with_bids
from tests.opening.sealed import after_deadline


def actions(prefix: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like(prefix + "%"))
                                   .order_by(AuditEntry.seq)))


def unseal(tender, officers, now=None):
    a, b = officers[:2]
    now = now or after_deadline(tender)
    perform(unseal_tender, tender, a, {a: PASSPHRASE}, now)
    return perform(unseal_tender, tender, b, {b: PASSPHRASE}, now + timedelta(minutes=1))


def opened(client, login, count=3, **kw):
    tender, officers, bidders = tender_with_bids(client, login, count, **kw)
    result = unseal(tender, officers)
    db.session.expire_all()
    return tender, officers, bidders, result


def test_the_record_lists_every_bid_with_verified_hashes_prices_and_deposits(client, login):
    tender, officers, bidders, result = opened(client, login)
    assert result.opened
    rec = tender.opening_record
    assert rec.status is RecordStatus.IN_SESSION and rec.built_at is not None
    assert [e.company_name for e in rec.entries] == [b.company.name for b in bidders]
    assert [e.annual_total for e in rec.entries] == [Decimal(t) for t in TOTALS[:3]]
    for entry in rec.entries:
        bid = db.session.get(Bid, entry.bid_id)
        assert entry.submitted_at == bid.submitted_at and entry.files_ok and entry.remark == ""
        assert sorted(f["part"] for f in entry.files) == ["business", "price", "technical"]
        assert all(f["ok"] and len(f["sha256"]) == 64 for f in entry.files)
        assert entry.deposit_amount == Decimal("20000") and entry.deposit_method == "基本账户转账"
    job = db.session.scalar(sa.select(JobRecord).where(JobRecord.kind == "opening.record"))
    assert job.status is JobStatus.DONE and job.progress == 100
    assert [e.action for e in actions("opening.record")] == ["opening.record.start", "opening.record.build"]
    notified = db.session.scalars(sa.select(Message.user_id).where(Message.subject.like("开标记录已生成%"))).all()
    assert sorted(notified) == sorted(b.id for b in bidders)


def test_a_tampered_file_is_flagged_not_hidden(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    victim = db.session.scalar(sa.select(Bid).where(Bid.company_id == bidders[1].company_id))
    path = victim.current_files[next(iter(victim.current_files))].path
    data = bytearray(path.read_bytes())
    data[-40] ^= 0xFF  # one flipped byte in the last sealed record
    path.write_bytes(bytes(data))
    assert unseal(tender, officers).opened
    db.session.expire_all()
    entries = tender.opening_record.entries
    assert [e.files_ok for e in entries] == [True, False, True]
    assert "校验未通过" in entries[1].remark
    assert actions("opening.record.build")[0].after["flagged"] == [bidders[1].company.name]


def test_fewer_than_three_bids_no_opening_and_staff_declare_failure(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 2)
    result = unseal(tender, officers)
    db.session.expire_all()
    assert not result.opened and "少于 3 家" in result.problems[0] and "第四十四条" in result.problems[0]
    assert tender.seal.opened_key is None and tender.opening_record is None
    assert db.session.scalar(sa.select(sa.func.count(OpeningRecord.id))) == 0
    assert any("少于 3 家" in e.after["reason"] for e in actions("tender.unseal.refused"))
    with pytest.raises(NotAllowed):  # an officer opens; declaring 流标 is the tenderer's staff's act
        perform(ops.fail_for_too_few_bids, tender, officers[0], after_deadline(tender))
    staff = make_user(Role.STAFF)
    reason = perform(ops.fail_for_too_few_bids, tender, staff, after_deadline(tender))
    db.session.expire_all()
    assert tender.status is TenderStatus.FAILED and "重新招标" in reason
    assert actions("tender.fail.too_few_bids")[0].after["valid_bids"] == 2
    told = db.session.scalars(sa.select(Message.user_id).where(Message.subject.like("项目流标%"))).all()
    assert sorted(told) == sorted(b.id for b in bidders)
    # Nothing more happens at the opening page: the tender is no longer open to unsealing.
    assert not perform(unseal_tender, tender, officers[0], {officers[0]: PASSPHRASE}, after_deadline(tender)).opened


def test_at_the_deadline_the_system_fails_a_closed_tender_with_too_few_bids(client, login):
    short, _, bidders = tender_with_bids(client, login, 2)
    enough, _, _ = tender_with_bids(client, login, 3)
    now = after_deadline(short)
    for tender in (short, enough):
        tender.bid_deadline = now - timedelta(minutes=5)
    assert perform(ops.lapse_short_tenders, now) == []  # not closed yet: the close is written first
    perform(close_due_tenders, now)
    assert [t.id for t in perform(ops.lapse_short_tenders, now)] == [short.id]
    db.session.expire_all()
    assert short.status is TenderStatus.FAILED and enough.status is TenderStatus.CLOSED
    entry = actions("tender.fail.too_few_bids")[0]
    assert entry.actor_label == "系统" and entry.after["valid_bids"] == 2 and "第四十四条" in entry.after["reason"]
    assert [e.action for e in actions("tender.lapse")] == ["tender.lapse"]
    told = db.session.scalars(sa.select(Message.user_id).where(Message.subject.like("项目流标%"))).all()
    assert sorted(told) == sorted(b.id for b in bidders)
    assert perform(ops.lapse_short_tenders, now) == []  # a second run finds nothing left


def test_a_withdrawn_bid_does_not_count_toward_three(client, login):
    tender, officers, bidders = tender_with_bids(client, login, 3)
    login(bidders[2])
    assert client.post(f"/my/bids/{tender.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert "只有 2 家" in ops.too_few_bids(tender)


def test_staff_cannot_declare_failure_with_three_bids(client, login):
    tender, _, _ = tender_with_bids(client, login, 3)
    with pytest.raises(DomainError, match="应当开标"):
        perform(ops.fail_for_too_few_bids, tender, make_user(Role.STAFF), after_deadline(tender))


def test_objection_answer_and_publication(client, login):
    tender, officers, bidders, _ = opened(client, login)
    rec, staff = tender.opening_record, make_user(Role.STAFF)
    perform(ops.confirm_record, rec, bidders[0])
    with pytest.raises(DomainError, match="已确认"):
        perform(ops.confirm_record, rec, bidders[0])
    with pytest.raises(DomainError, match="请填写异议内容"):
        perform(ops.raise_objection, rec, bidders[1], "   ")
    objection = perform(ops.raise_objection, rec, bidders[1], "我司报价文件校验结果应重新核对。")
    with pytest.raises(DomainError, match="未答复"):
        perform(ops.publish_record, rec, staff)
    with pytest.raises(NotAllowed):
        perform(ops.answer_objection, rec, bidders[0], objection.id, "我来答复")
    perform(ops.answer_objection, rec, staff, objection.id, "已当场复核，SHA-256 与回执一致。")
    with pytest.raises(DomainError, match="已答复"):
        perform(ops.answer_objection, rec, staff, objection.id, "再答一次")
    perform(ops.publish_record, rec, staff)
    db.session.expire_all()
    assert rec.status is RecordStatus.PUBLISHED and rec.published_by_id == staff.id
    assert objection.answered_at >= objection.raised_at and objection.answered_by_id == staff.id
    entries = {e.action: e for e in actions("opening.")}
    assert entries["opening.objection"].after["text"] == "我司报价文件校验结果应重新核对。"
    assert entries["opening.objection.answer"].after["answer"].startswith("已当场复核")
    assert "opening.record.confirm" in entries and "opening.record.publish" in entries
    answer_mail = db.session.scalars(sa.select(Message).where(Message.subject.like("开标异议已答复%"))).all()
    assert [m.user_id for m in answer_mail] == [bidders[1].id]
    with pytest.raises(DomainError, match="开标已结束"):
        perform(ops.raise_objection, rec, bidders[2], "太晚了")


def test_a_bidder_of_another_tender_cannot_object(client, login):
    tender, _, _, _ = opened(client, login)
    outsider = make_user(Role.BIDDER)
    with pytest.raises(NotAllowed):
        perform(ops.raise_objection, tender.opening_record, outsider, "异议")
