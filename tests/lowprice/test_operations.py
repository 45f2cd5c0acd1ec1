"""The low-price procedure through its operations: check figures, requests, answers on the server clock, decisions."""
from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from scoring.evaluation import serial
from scoring.evaluation.low_price import LowPriceRule
from tender.audit.models import AuditEntry
from tender.auth.roles import Role
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.lowprice import operations as ops
from tender.lowprice.queries import low_price_outcomes, rejected_bid_ids, undecided_requests
from tender.methods.operations import stored_method
from tender.notifications.models import Message
from tender.unit_of_work import perform
from tests.factories import docx_bytes, make_user, minimal_pdf
from tests.lowprice.helpers import in_a_day, opened_with_low_bid

D = Decimal


@pytest.fixture
def low(app):
    return opened_with_low_bid()


def _kinds(row) -> list[str]:
    return sorted(t["kind"] for t in row["triggers"])


def _actions(prefix: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action.like(prefix + "%"))
                                   .order_by(AuditEntry.seq)))


def test_the_check_shows_the_figures_and_flags_the_low_bid(low):
    check = perform(ops.run_low_price_check, low.tender, low.staff)
    rows = {r["company_name"]: r for r in check.rows}
    a, b, c = (rows[low.bidders[k].company.name] for k in "ABC")
    assert (check.mean, check.mean_line) == (D("1083333.33"), D("866666.67"))
    assert [r["price"] for r in (a, b, c)] == ["1200000.00", "1350000.00", "700000.00"]
    # Staffing floor from each bid's own table: Σ headcount × wage × 12 (no minimum wage or insurance set).
    assert [r["staffing_cost"] for r in (a, b, c)] == ["547200.00", "620400.00", "756000.00"]
    assert [r["heads"] for r in (a, b, c)] == [9, 10, 31]
    assert _kinds(a) == _kinds(b) == [] and _kinds(c) == ["below_mean", "below_staffing_cost"]
    reasons = " ".join(t["reason"] for t in c["triggers"])
    assert "866666.67" in reasons and "80%" in reasons and "756000.00" in reasons
    assert check.flagged == [c] and check.row_of(c["bid_id"]) == c
    entry = _actions("lowprice.check")[0]
    assert entry.after["flagged"] == [c["company_name"]] and entry.actor_id == low.staff.id


def test_the_published_minimum_wage_and_social_insurance_raise_the_staffing_floor(low):
    row = stored_method(low.tender)
    rule = LowPriceRule(mean_share=None, minimum_wage=D(2200), social_insurance_rate=D("0.3"))
    row.body = serial.dumps(dataclasses.replace(row.method, low_price=rule))
    db.session.commit()
    check = perform(ops.run_low_price_check, low.tender, low.chair)
    rows = {r["bid_id"]: r for r in check.rows}
    c = rows[low.bids["C"].id]
    # (9,000 + 30 × max(1,800, 2,200)) × 1.3 × 12 = 75,000 × 15.6
    assert c["staffing_cost"] == "1170000.00" and _kinds(c) == ["below_staffing_cost", "wage_below_minimum"]
    assert rows[low.bids["A"].id]["staffing_cost"] == "711360.00" and not rows[low.bids["A"].id]["triggers"]
    assert check.mean is None and check.rule_used == rule


def test_who_may_run_the_check(low):
    for user in (low.bidders["C"], low.experts[1], make_user(Role.SUPERVISOR), make_user(Role.OPENER)):
        with pytest.raises(NotAllowed):
            perform(ops.run_low_price_check, low.tender, user)
    assert perform(ops.run_low_price_check, low.tender, low.chair).created_by_id == low.chair.id


def test_not_before_the_opening(app):
    from tests.opening.sealed import publish

    tender, _ = publish(bids=3)
    staff = make_user(Role.STAFF)
    with pytest.raises(DomainError, match="不能审查异常低价"):
        perform(ops.run_low_price_check, tender, staff)


def test_a_request_goes_only_to_a_flagged_bid_with_a_reasonable_deadline(low):
    check = perform(ops.run_low_price_check, low.tender, low.staff)
    c_bid, now = low.bids["C"].id, utcnow()
    with pytest.raises(DomainError, match="触发异常低价标准的投标"):
        perform(ops.open_clarification, check, low.staff, low.bids["A"].id, "请说明", in_a_day())
    for deadline, message in ((now - timedelta(hours=1), "至少 1 小时"), (now + timedelta(minutes=30), "至少 1 小时"),
                              (now + timedelta(days=8), "不能晚于 7 天后")):
        with pytest.raises(DomainError, match=message):
            perform(ops.open_clarification, check, low.staff, c_bid, "请说明", deadline, now=now)
    with pytest.raises(DomainError, match="请填写"):
        perform(ops.open_clarification, check, low.staff, c_bid, "  ", in_a_day())
    with pytest.raises(NotAllowed):
        perform(ops.open_clarification, check, low.experts[2], c_bid, "请说明", in_a_day())
    req = perform(ops.open_clarification, check, low.chair, c_bid, "请说明人工成本的构成。", in_a_day())
    assert req.company_id == low.bidders["C"].company_id and req.price == D("700000.00")
    assert "866666.67" in req.grounds and "756000.00" in req.grounds
    with pytest.raises(DomainError, match="已向"):
        perform(ops.open_clarification, check, low.staff, c_bid, "再问一次", in_a_day())
    told = db.session.scalars(sa.select(Message).where(Message.subject.like("评标委员会要求%"))).all()
    assert [m.user_id for m in told] == [low.bidders["C"].id]
    assert all(e.name not in told[0].body + told[0].subject for e in low.experts)  # names stay secret
    assert _actions("lowprice.request")[0].after["question"] == "请说明人工成本的构成。"


@pytest.fixture
def asked(low):
    check = perform(ops.run_low_price_check, low.tender, low.staff)
    req = perform(ops.open_clarification, check, low.staff, low.bids["C"].id, "请说明人工成本。", in_a_day())
    return low, req


def test_the_bidder_answers_with_checked_evidence_files(asked):
    low, req = asked
    bidder, other = low.bidders["C"], low.bidders["A"]
    with pytest.raises(NotAllowed):
        perform(ops.add_evidence, req, other, "a.pdf", minimal_pdf())
    with pytest.raises(NotAllowed):
        perform(ops.answer_clarification, req, other, "我们也来说明")
    for name, data, message in (("工资表.pdf", b"%PDF-1.7 not really", "不是有效的"),
                                ("工资表.exe", b"MZ\x90\x00", "不是有效的"),
                                ("工资表.docx", minimal_pdf(), "扩展名与内容不符"), ("空.pdf", b"", "空文件")):
        with pytest.raises(DomainError, match=message):
            perform(ops.add_evidence, req, bidder, name, data)
    pdf = perform(ops.add_evidence, req, bidder, "工资发放记录.pdf", minimal_pdf(b"wages"))
    perform(ops.add_evidence, req, bidder, "社保缴费证明.docx", docx_bytes("社保缴费证明"))
    assert perform(ops.add_evidence, req, bidder, "again.pdf", minimal_pdf(b"wages")) == pdf  # a double submit
    assert [e.filename for e in req.evidence] == ["工资发放记录.pdf", "社保缴费证明.docx"] and pdf.path.exists()
    with pytest.raises(DomainError, match="请填写书面说明"):
        perform(ops.answer_clarification, req, bidder, " ")
    perform(ops.answer_clarification, req, bidder, "保洁员按2200元计发，差额由总部补贴。")
    assert req.answered and req.answered_by_id == bidder.id
    with pytest.raises(DomainError, match="已提交"):
        perform(ops.add_evidence, req, bidder, "more.pdf", minimal_pdf(b"more"))
    with pytest.raises(DomainError, match="已提交"):
        perform(ops.answer_clarification, req, bidder, "补充")
    assert _actions("lowprice.answer")[0].after["evidence"] == [e.sha256 for e in req.evidence]
    told = db.session.scalars(sa.select(Message.user_id).where(Message.subject.like("投标人已提交报价说明%"))).all()
    assert sorted(told) == sorted({low.staff.id, low.chair.id})


def test_the_server_clock_refuses_a_late_answer(asked):
    low, req = asked
    bidder, late = low.bidders["C"], req.deadline + timedelta(seconds=1)
    with pytest.raises(DomainError, match="已超过答复截止时间"):
        perform(ops.add_evidence, req, bidder, "a.pdf", minimal_pdf(), now=late)
    with pytest.raises(DomainError, match="已超过答复截止时间"):
        perform(ops.answer_clarification, req, bidder, "迟到的说明", now=req.deadline)
    db.session.expire_all()
    assert not req.answered and req.evidence == []


def test_the_chair_records_the_committee_decision_for_the_report(asked):
    low, req = asked
    with pytest.raises(NotAllowed):
        perform(ops.decide_clarification, req, low.staff, "rejected", "理由")
    with pytest.raises(NotAllowed):
        perform(ops.decide_clarification, req, low.experts[1], "rejected", "理由")
    with pytest.raises(DomainError, match="未到"):
        perform(ops.decide_clarification, req, low.chair, "rejected", "理由")
    perform(ops.answer_clarification, req, low.bidders["C"], "我们的说明。")
    with pytest.raises(DomainError, match="请填写评标委员会的理由"):
        perform(ops.decide_clarification, req, low.chair, "rejected", "")
    with pytest.raises(DomainError, match="请选择"):
        perform(ops.decide_clarification, req, low.chair, "maybe", "理由")
    assert undecided_requests(low.tender) == [req.company_name]
    perform(ops.decide_clarification, req, low.chair, "rejected", "人工成本低于最低工资标准，不能合理说明。")
    assert req.rejected and req.decided_by_id == low.chair.id and req.decision_label.startswith("低于成本")
    with pytest.raises(DomainError, match="已作出结论"):
        perform(ops.decide_clarification, req, low.chair, "accepted", "改主意")
    [outcome] = low_price_outcomes(low.tender)
    assert outcome.rejected and outcome.answer == "我们的说明。" and outcome.decision_note.startswith("人工成本")
    assert rejected_bid_ids(low.tender) == {low.bids["C"].id} and undecided_requests(low.tender) == []
    entry = _actions("lowprice.decide")[0]
    assert entry.before["decision"] is None and entry.after["decision"] == "rejected"
    told = db.session.scalars(sa.select(Message).where(Message.subject.like("评标委员会对投标报价说明的结论%"))).all()
    assert [m.user_id for m in told] == [low.bidders["C"].id] and low.chair.name not in told[0].body


def test_without_an_answer_the_committee_decides_after_the_deadline(asked):
    low, req = asked
    perform(ops.decide_clarification, req, low.chair, "rejected", "逾期未作说明。", now=req.deadline)
    assert req.rejected and not req.answered
    assert low_price_outcomes(low.tender)[0].evidence == ()


def test_evidence_is_the_bidders_until_the_answer_then_the_panels(asked):
    low, req = asked
    evidence = perform(ops.add_evidence, req, low.bidders["C"], "a.pdf", minimal_pdf())
    outsider = make_user(Role.EXPERT)
    readers = {"C": low.bidders["C"], "A": low.bidders["A"], "staff": low.staff, "member": low.experts[3],
               "outsider": outsider, "supervisor": make_user(Role.SUPERVISOR)}
    assert {k for k, u in readers.items() if evidence.can_read(u)} == {"C"}
    perform(ops.answer_clarification, req, low.bidders["C"], "说明")
    assert {k for k, u in readers.items() if evidence.can_read(u)} == {"C", "staff", "member", "supervisor"}


def test_two_users_of_the_bidder_answering_at_once_send_one_answer(asked, app):
    """One answer is the written explanation: the second sees the first (PostgreSQL: the row lock makes it wait)
    or is told the request changed under it (SQLite: the version check); nothing is overwritten."""
    from tender.auth.models import User
    from tests.notices.test_races import hold_first_statement, run_together

    low, req = asked
    colleague = make_user(Role.BIDDER, company=low.bidders["C"].company)
    db.session.commit()
    ids, request_id = [low.bidders["C"].id, colleague.id], req.id

    def work(i):
        from tender.lowprice.models import LowPriceRequest

        target = db.session.get(LowPriceRequest, request_id)
        return perform(ops.answer_clarification, target, db.session.get(User, ids[i]), f"第{i}位同事的说明").answer

    with hold_first_statement("UPDATE LOW_PRICE_REQUESTS "):
        results = run_together(app, work)
    answers = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(answers) == 1 and len(refused) == 1, results
    assert "已提交" in refused[0].message or "已被他人修改" in refused[0].message
    db.session.expire_all()
    assert req.answer == answers[0] and len(_actions("lowprice.answer")) == 1


def test_an_undecided_request_holds_the_result_and_a_rejection_reaches_it_with_its_basis(asked):
    from tender.result.operations import finish_evaluation
    from tender.result.rejections import rejections_of

    low, req = asked
    with pytest.raises(DomainError, match="异常低价澄清尚待评标委员会决定"):
        perform(finish_evaluation, low.tender, low.chair, "推荐第一名")
    perform(ops.answer_clarification, req, low.bidders["C"], "我们的说明。")
    perform(ops.decide_clarification, req, low.chair, "rejected", "人工成本低于最低工资标准，不能合理说明。")
    [rejection] = rejections_of(low.tender)[low.bids["C"].id]
    assert "第五十一条" in rejection.basis and "人工成本低于最低工资标准" in rejection.reason
    assert rejection.source == f"lowprice:{low.bids['C'].id}" and set(rejections_of(low.tender)) == {low.bids["C"].id}


def test_removed_evidence_takes_its_file_with_it(asked):
    from tender.files import storage_root

    low, req = asked
    bidder = low.bidders["C"]
    evidence = perform(ops.add_evidence, req, bidder, "社保缴费证明.pdf", minimal_pdf(b"insurance"))
    path = storage_root() / evidence.storage_key
    assert path.exists()
    perform(ops.remove_evidence, evidence, bidder)
    assert not path.exists() and req.evidence == []
