"""Confirming commitments, accepting staff templates, drafting and signing contracts. Callers commit.

《招标投标法》第四十六条: the contract follows the tender and the winning bid, so a draft is
built from them (the opened price form, the registry's company, the confirmed commitments),
and a signature is refused while `deviations` lists any departure in price, service
standard or term (实施条例第五十七条). Nothing unconfirmed enters a contract: a draft reads
only `ConfirmedCommitment` rows, which exist only through `confirm_commitment`.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa

from scoring.commitments.schema import Commitment
from scoring.contracts.deviations import Deviation, check_deviations
from tender.audit.operations import record as audit
from tender.auth.models import User
from tender.auth.roles import STAFF_ROLES
from tender.bids.models import Bid
from tender.contracts.builder import bid_terms, build_context, contract_terms, price_form
from tender.contracts.context import FeeRegime, default_method
from tender.contracts.models import (
    ConfirmedCommitment,
    Contract,
    ContractStatus,
    ContractTemplate,
    DroppedProposal,
    stored_commitment,
)
from tender.contracts.render import render_contract
from tender.contracts.templating import require_valid
from tender.contracts.text import penalty_clause
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import check_upload, store_bytes, write_new
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.result.operations import winner_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_METHOD = ConfirmedCommitment.method.type.length
MAX_SOURCE = ConfirmedCommitment.source.type.length


def _staff(actor: User) -> None:
    if getattr(actor, "role", None) not in STAFF_ROLES:
        raise NotAllowed("只有招标人工作人员可以处理合同。")


def confirm_commitment(bid: Bid, actor: User, commitment: Commitment, method: str = "",
                       penalty: str = "") -> ConfirmedCommitment:
    """A staff member confirms one promise of the bid (as extracted, or edited, or typed) for 附件五."""
    lifecycle.require(bid.tender, Action.CONFIRM_COMMITMENTS, actor)
    tender = bid.tender
    if not bid.submitted:
        raise DomainError("只能确认已递交投标文件中的承诺。")
    try:
        value = Decimal(commitment.value).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError("承诺的目标值须为数字。", field="value") from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise DomainError("承诺的目标值超出范围。", field="value")
    method = (method or default_method(commitment.indicator, commitment.unit)).strip()
    if len(method) > MAX_METHOD:
        raise DomainError(f"测定方法不能超过 {MAX_METHOD} 个字符。", field="method")
    row = ConfirmedCommitment(
        tender_id=tender.id, bid_id=bid.id, indicator=commitment.indicator.value,
        comparator=commitment.comparator.value, value=value, unit=commitment.unit.value,
        period=commitment.period.value if commitment.period else "", deadline=commitment.deadline[:40],
        method=method, source=commitment.source[:MAX_SOURCE], page=commitment.page,
        penalty_clause=(penalty or penalty_clause(commitment.indicator, commitment.unit)).strip()[:20],
        confirmed_by_id=actor.id, confirmed_at=utcnow())
    db.session.add(row)
    db.session.flush()
    audit(actor, "contract.commitment.confirm", row, after={**stored_commitment(row.commitment), "page": row.page,
                                                            "method": row.method},
          summary=f"确认投标承诺：{bid.company.name} {row.indicator_label} {row.target}")
    return row


def withdraw_commitment(row: ConfirmedCommitment, actor: User) -> None:
    """Take a confirmation back (a misread value); a drafted contract keeps what it was built from."""
    lifecycle.require(row.bid.tender, Action.CONFIRM_COMMITMENTS, actor)
    if row.measurements:
        raise DomainError("该承诺已有履行记录，不能撤回。")
    audit(actor, "contract.commitment.withdraw", row, before=stored_commitment(row.commitment),
          summary=f"撤回已确认的投标承诺：{row.indicator_label} {row.target}")
    db.session.delete(row)
    db.session.flush()


def drop_proposal(bid: Bid, actor: User, page: int | None, source: str) -> DroppedProposal:
    """Staff judge an extracted passage to be no commitment: it leaves the review list, and never the contract's."""
    lifecycle.require(bid.tender, Action.CONFIRM_COMMITMENTS, actor)
    source = (source or "").strip()[:MAX_SOURCE]
    if not source:
        raise DomainError("只有系统提取的承诺可以不采用；已确认的承诺请撤回。")
    row = DroppedProposal(tender_id=bid.tender_id, bid_id=bid.id, page=page, source=source, dropped_by_id=actor.id,
                          dropped_at=utcnow())
    db.session.add(row)
    db.session.flush()
    audit(actor, "contract.commitment.drop", row, after={"page": page, "source": source},
          summary=f"不采用提取的承诺：第 {page or '—'} 页“{source}”")
    return row


def dropped_proposals(bid: Bid) -> list[DroppedProposal]:
    return list(db.session.scalars(sa.select(DroppedProposal).where(DroppedProposal.bid_id == bid.id)))


def confirmed_commitments(bid: Bid) -> list[ConfirmedCommitment]:
    return list(db.session.scalars(sa.select(ConfirmedCommitment).where(ConfirmedCommitment.bid_id == bid.id)
                                   .order_by(ConfirmedCommitment.page.is_(None), ConfirmedCommitment.page,
                                             ConfirmedCommitment.id)))


def add_contract_template(actor: User, title: str, filename: str, data: bytes) -> ContractTemplate:
    """A staff .docx template, stored only when `templating.check_template` finds nothing wrong."""
    _staff(actor)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise DomainError("请填写模板名称（不超过 200 个字符）。", field="title")
    check_upload(filename, data, allowed=("docx",))  # the zip limits before anything reads the parts
    require_valid(data)
    saved = store_bytes(filename, data, allowed=("docx",))
    template = ContractTemplate(title=title, created_by_id=actor.id, **saved.columns())
    db.session.add(template)
    db.session.flush()
    audit(actor, "contract.template.add", template, after={"title": title, "sha256": saved.sha256},
          summary=f"上传合同模板：{title}")
    return template


def latest_contract(tender: Tender) -> Contract | None:
    return db.session.scalar(sa.select(Contract).where(Contract.tender_id == tender.id)
                             .order_by(Contract.version.desc()).limit(1))


def winning_bid(tender: Tender) -> Bid:
    """The bid the award named (`tender.result`): the contract is concluded with it and nobody else (第四十六条)."""
    bid = winner_of(tender)
    if bid is None:
        raise DomainError("本项目尚未定标，没有中标人，不能生成合同。")
    return bid


def draft_contract(tender: Tender, actor: User, *, fee_regime: FeeRegime, term_start: date,
                   term_months: int, remuneration: str = "", template: ContractTemplate | None = None,
                   fees: list[dict] | None = None, annual_total: Decimal | None = None) -> Contract:
    """A new version of the tender's contract with the awarded winner's bid; older drafts are superseded."""
    lifecycle.require(tender, Action.CONTRACT, actor)
    bid = winning_bid(tender)
    previous = latest_contract(tender)
    if previous is not None and previous.signed:
        raise DomainError("本项目的合同已签订。")
    version = (previous.version if previous else 0) + 1
    reference = f"HT-{tender.reference}"
    commitments = confirmed_commitments(bid)
    context = build_context(tender, bid, commitments, reference=reference, version=version, fee_regime=fee_regime,
                            term_start=term_start, term_months=term_months, remuneration=remuneration, fees=fees,
                            annual_total=annual_total)
    data = render_contract(context, template.path.read_bytes() if template is not None else None)
    saved_key = write_new(data, "docx")
    form_fees = [dict(f) for f in (fees if fees is not None else price_form(bid)["fees"])]
    contract = Contract(
        tender_id=tender.id, bid_id=bid.id, company_id=bid.company_id, version=version, reference=reference,
        status=ContractStatus.DRAFT, fee_regime=fee_regime, remuneration=context.remuneration,
        term_months=term_months, term_start=term_start,
        annual_total=Decimal(context.annual_total.replace(",", "")), fees=form_fees,
        commitments=[stored_commitment(c.commitment) for c in commitments], context=context.as_dict(),
        template_id=template.id if template is not None else None, created_by_id=actor.id,
        storage_key=saved_key, filename=f"{reference}-v{version}.docx", size=len(data), content_type=DOCX_TYPE,
        sha256=_sha256(data))
    for older in _drafts(tender):
        older.status = ContractStatus.SUPERSEDED
        audit(actor, "contract.supersede", older, before={"status": ContractStatus.DRAFT.value},
              after={"status": older.status.value}, summary=f"合同第 {older.version} 版由第 {version} 版取代")
    db.session.add(contract)
    db.session.flush()
    audit(actor, "contract.draft", contract, after={"version": version, "bid_id": bid.id, "sha256": contract.sha256,
                                                    "status": contract.status.value,
                                                    "commitment_count": len(commitments)},
          summary=f"生成合同第 {version} 版：{tender.title}（{bid.company.name}）")
    return contract


def deviations(contract: Contract) -> list[Deviation]:
    """What the contract departs from in the winning bid, against the bid's confirmed commitments now.

    The tender states no service period of its own yet, so the term is not compared (None).
    """
    bid = contract.bid
    return check_deviations(contract_terms(contract), bid_terms(bid, confirmed_commitments(bid)), None)


def sign_contract(contract: Contract, actor: User, now: datetime | None = None) -> Contract:
    """Record the signature of the current draft; refused while any deviation stands (第四十六条)."""
    _staff(actor)
    if not contract.draft:
        raise DomainError(f"该合同版本{contract.status.label}，不能签订。")
    found = deviations(contract)
    if found:
        raise DomainError("合同与招标文件、中标投标文件存在实质性差异，不能签订："
                          + "；".join(d.message for d in found))
    lifecycle.move(contract.tender, actor, Action.CONTRACT, now)
    contract.status, contract.signed_by_id, contract.signed_at = ContractStatus.SIGNED, actor.id, now or utcnow()
    db.session.flush()
    audit(actor, "contract.sign", contract, before={"status": "draft"}, after={"status": "signed",
                                                                            "sha256": contract.sha256},
          summary=f"签订合同第 {contract.version} 版：{contract.tender.title}")
    return contract


def _drafts(tender: Tender) -> list[Contract]:
    return list(db.session.scalars(sa.select(Contract).where(Contract.tender_id == tender.id,
                                                             Contract.status == ContractStatus.DRAFT)))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def request_contract_pdf(contract: Contract, actor: User):
    """The PDF of one version's .docx through LibreOffice, made by a job (a conversion takes seconds)."""
    from tender.contracts.tasks import contract_pdf_task
    from tender.jobs.operations import start_job

    _staff(actor)
    job = start_job(actor, "contract.pdf", f"导出合同 PDF：{contract.reference} 第 {contract.version} 版",
                    contract_pdf_task, contract.id, subject=contract)
    audit(actor, "contract.pdf.request", contract, summary=f"申请导出合同第 {contract.version} 版 PDF")
    return job
