"""Confirming commitments, drafting, checking and signing a contract on a tender taken to 已定标."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from scoring.commitments.schema import Commitment, Comparator, Indicator, Unit
from tender.audit.models import AuditEntry
from tender.audit.rows import row_differences
from tender.auth.roles import Role
from tender.contracts import operations as ops
from tender.contracts.context import FeeRegime
from tender.contracts.models import ConfirmedCommitment, Contract, ContractStatus
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices.lifecycle import Action, TenderStatus
from tender.unit_of_work import perform
from tests.contracts.awarded import PROMISES, awarded
from tests.contracts.docx_read import annex_rows, paragraphs
from tests.contracts.sample import HOSTILE_NAME
from tests.contracts.test_templates import docx
from tests.factories import make_user

START = date(2027, 7, 1)


def confirm_all(a, promises=PROMISES):
    return [perform(ops.confirm_commitment, a.bid, a.staff, p) for p in promises]


def draft(a, **kw):
    kw.setdefault("fee_regime", FeeRegime.LUMP_SUM)
    return perform(ops.draft_contract, a.tender, a.staff, term_start=START, term_months=36, **kw)


def test_the_draft_holds_parties_fees_staffing_and_every_confirmed_commitment(app):
    a = awarded(HOSTILE_NAME)
    rows = confirm_all(a)
    contract = draft(a)
    data = contract.path.read_bytes()
    text = "\n".join(paragraphs(data))
    assert "甲方（建设单位）：翠湖置业有限公司" in text and f"乙方（物业服务企业）：{HOSTILE_NAME}" in text
    assert f"法定代表人：{a.company.legal_rep_name}" in text and a.company.credit_code in text
    assert "物业名称：翠湖花园前期物业管理服务" in text and "总建筑面积：52,000.00 平方米" in text
    assert annex_rows(data, "第七条") == [["住宅", "2.50", "30,000.00"], ["商业", "6.00", "2,550.00"]]
    assert "年度物业服务费总额为人民币 1,083,600.00 元" in text
    assert annex_rows(data, "附件五") == [
        ["1", "业主综合满意率", "两年内≥ 95%", rows[0].method, "第 12 页", "第二十条"],
        ["2", "急修到场时间", "≤ 15分钟", rows[1].method, "第 14 页", "第二十一条"],
        ["3", "零修、急修及时率", "= 100%", rows[2].method, "第 14 页", "第二十条"],
        ["4", "消防演练频次", "≥ 2次/年", rows[3].method, "第 20 页", "第二十条"],
    ]
    assert annex_rows(data, "附件六") == [["项目经理", "1", "12,000.00"], ["保安", "8", "4,200.00"],
                                        ["保洁", "6", "3,600.00"]]
    assert "合计 15 人" in text
    assert (contract.version, contract.status, contract.sha256) == (1, ContractStatus.DRAFT, contract.sha256)
    assert ops.deviations(contract) == []
    bidder = make_user(Role.BIDDER, company=a.company)
    assert contract.can_read(a.staff) and contract.can_read(make_user(Role.SUPERVISOR))
    assert not contract.can_read(bidder) and not contract.can_read(make_user(Role.EXPERT))


def test_nothing_unconfirmed_enters_the_contract(app):
    a = awarded()
    confirm_all(a, PROMISES[:1])  # the other three were extracted but never confirmed
    data = draft(a).path.read_bytes()
    assert [row[1] for row in annex_rows(data, "附件五")] == ["业主综合满意率"]


def test_confirmation_is_for_staff_and_only_after_the_opening(app):
    before = awarded(to=None)
    with pytest.raises(DomainError, match="不能确认投标承诺"):
        perform(ops.confirm_commitment, before.bid, before.staff, PROMISES[0])
    a = awarded()
    with pytest.raises(NotAllowed):
        perform(ops.confirm_commitment, a.bid, make_user(Role.SUPERVISOR), PROMISES[0])
    row = perform(ops.confirm_commitment, a.bid, a.staff, PROMISES[1], method="按报修系统记录")
    assert (row.method, row.page, row.confirmed_by_id, row.penalty_clause) == ("按报修系统记录", 14, a.staff.id,
                                                                               "第二十一条")
    assert db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "contract.commitment.confirm"))


def test_a_contract_is_drafted_only_for_an_awarded_tender(app):
    a = awarded(to=Action.PUBLICISE)
    with pytest.raises(DomainError, match="不能签订合同"):
        draft(a)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Contract)) == 0


def test_a_fee_deviation_is_shown_and_blocks_the_signature_until_a_faithful_version(app):
    a = awarded()
    confirm_all(a)
    changed = draft(a, fees=[{"type": "住宅", "fee": "2.80", "area": "30000"}, {"type": "商业", "fee": "6.00"}])
    found = ops.deviations(changed)
    assert [d.message for d in found] == ["“住宅”收费标准：合同 2.80 元/月·㎡，与中标报价 2.50 元/月·㎡ 不一致。"]
    with pytest.raises(DomainError, match="存在实质性差异，不能签订.*住宅"):
        perform(ops.sign_contract, changed, a.staff)
    assert a.tender.status is TenderStatus.AWARDED
    faithful = draft(a)
    assert (faithful.version, changed.status) == (2, ContractStatus.SUPERSEDED)
    with pytest.raises(DomainError, match="不能签订"):
        perform(ops.sign_contract, changed, a.staff)  # a superseded version is never signed
    perform(ops.sign_contract, faithful, a.staff)
    assert faithful.signed and faithful.signed_by_id == a.staff.id and a.tender.status is TenderStatus.CONTRACTED
    with pytest.raises(DomainError):
        draft(a)
    assert row_differences() == []  # every change above is in the audit trail as the rows now hold it
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert {"contract.draft", "contract.supersede", "contract.sign", "tender.contract"} <= actions


def test_a_commitment_withdrawn_after_drafting_shows_as_a_deviation(app):
    a = awarded()
    rows = confirm_all(a)
    contract = draft(a)
    perform(ops.withdraw_commitment, rows[1], a.staff)
    (found,) = ops.deviations(contract)
    assert found.message == "合同附件五列有“急修到场时间 ≤ 15分钟”，中标人投标文件中没有这项承诺。"
    perform(ops.confirm_commitment, a.bid, a.staff, Commitment(Indicator.URGENT_ARRIVAL, Comparator.AT_MOST,
                                                                Decimal("20"), Unit.MINUTE, page=14))
    assert "≤ 15分钟" in ops.deviations(contract)[0].message
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConfirmedCommitment)) == 4
    assert row_differences() == []


def test_a_target_that_is_not_a_finite_number_is_refused(app):
    a = awarded()
    for value in (Decimal("NaN"), Decimal("-1"), Decimal("1e12")):
        with pytest.raises(DomainError, match="目标值"):
            perform(ops.confirm_commitment, a.bid, a.staff, Commitment(Indicator.SATISFACTION, Comparator.AT_LEAST,
                                                                        value, Unit.PERCENT))


def test_cost_plus_needs_the_remuneration(app):
    a = awarded()
    with pytest.raises(DomainError, match="酬金制须写明"):
        draft(a, fee_regime=FeeRegime.COST_PLUS)
    contract = draft(a, fee_regime=FeeRegime.COST_PLUS, remuneration="物业服务资金的 8%")
    assert "乙方按约定提取酬金：物业服务资金的 8%。" in "\n".join(paragraphs(contract.path.read_bytes()))


def test_a_staff_template_is_checked_before_it_is_stored_and_then_used(app):
    a = awarded()
    confirm_all(a)
    with pytest.raises(DomainError, match="未知字段“winner.nmae”"):
        perform(ops.add_contract_template, a.staff, "自定义", "bad.docx", docx("{{ winner.nmae }}"))
    with pytest.raises(DomainError, match="不允许访问内部属性"):
        perform(ops.add_contract_template, a.staff, "自定义", "bad.docx", docx("{{ ''.__class__ }}"))
    template = perform(ops.add_contract_template, a.staff, "简版合同", "simple.docx",
                       docx("乙方：{{ winner.name }}", "{% for c in commitments %}{{ c.indicator }}{% endfor %}"))
    contract = draft(a, template=template)
    assert paragraphs(contract.path.read_bytes())[:2] == ["乙方：" + a.company.name,
                                                         "业主综合满意率急修到场时间零修、急修及时率消防演练频次"]
    assert contract.template_id == template.id
