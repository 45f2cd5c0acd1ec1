"""The contract context collected from the application: the tender, the winning bid's opened price
form, the company as the registry holds it, and the confirmed commitments.

Also the two sides the deviation check compares (`bid_terms`, `contract_terms`). No request here:
the CLI, jobs and tests call it as the views do.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from scoring.contracts.deviations import Terms
from tender.bids.models import Bid
from tender.bids.operations import open_price_form
from tender.contracts.context import (
    CommitmentRow,
    ContractContext,
    FeeRegime,
    FeeRow,
    Party,
    PropertyFacts,
    StaffRow,
    Term,
)
from tender.contracts.models import ConfirmedCommitment, Contract, commitment_of
from tender.db import to_local
from tender.errors import DomainError
from tender.notices.models import Tender
from tender.opening.keys import opened_private_key


def price_form(bid: Bid) -> dict:
    """The winning bid's 报价一览表, read with the tender key the opening rebuilt."""
    form = open_price_form(bid, opened_private_key(bid.tender.seal))
    if not form:
        raise DomainError("中标投标文件没有报价一览表，无法生成合同的服务费用条款。")
    return form


def term_of(start: date, months: int) -> Term:
    """From `start` for `months` months, ending the day before the same date `months` later."""
    if months <= 0:
        raise DomainError("合同期限须为正整数个月。", field="term_months")
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    end = date(year, month + 1, day) - timedelta(days=1)
    return Term(months, f"{start:%Y年%m月%d日}", f"{end:%Y年%m月%d日}")


def _money(value) -> str:
    return f"{Decimal(value):,.2f}"


def commitment_rows(items: Sequence[ConfirmedCommitment]) -> tuple[CommitmentRow, ...]:
    return tuple(CommitmentRow(number=n, indicator=c.indicator_label, target=c.target, method=c.method,
                               page="" if c.page is None else f"第 {c.page} 页", clause=c.penalty_clause)
                 for n, c in enumerate(items, 1))


def build_context(tender: Tender, bid: Bid, commitments: Sequence[ConfirmedCommitment], *, reference: str,
                  version: int, fee_regime: FeeRegime, term_start: date, term_months: int, remuneration: str = "",
                  fees: Sequence[dict] | None = None, annual_total: Decimal | None = None) -> ContractContext:
    """`fees`/`annual_total` default to the bid's price form; given, they are the contract's own (and the
    deviation check will say how they differ from the bid)."""
    if any(c.bid_id != bid.id for c in commitments):
        raise DomainError("只能写入中标投标文件中经确认的承诺。")
    if fee_regime is FeeRegime.COST_PLUS and not remuneration.strip():
        raise DomainError("酬金制须写明乙方酬金的金额或提取比例。", field="remuneration")
    form = price_form(bid)
    fees = list(fees if fees is not None else form["fees"])
    company = bid.company
    submitted = to_local(bid.submitted_at)
    return ContractContext(
        reference=reference, version=version, tender_reference=tender.reference,
        tenderer=Party(tender.tenderer, tender.tenderer_address, "", "", tender.contact),
        winner=Party(company.name, company.address, company.legal_rep_name, company.credit_code or "",
                     " ".join(x for x in (company.contact_name, company.contact_phone) if x)),
        property=PropertyFacts(tender.title, tender.location,
                               _money(tender.floor_area) if tender.floor_area is not None else "",
                               tender.property_mix,
                               f"{tender.delivery_date:%Y年%m月%d日}" if tender.delivery_date else ""),
        fee_regime=fee_regime.label, remuneration=remuneration.strip() if fee_regime is FeeRegime.COST_PLUS else "",
        fees=tuple(FeeRow(f["type"], str(f["fee"]), _money(f["area"]) if f.get("area") else "") for f in fees),
        annual_total=_money(annual_total if annual_total is not None else form["annual_total"]),
        term=term_of(term_start, term_months),
        commitments=commitment_rows(commitments),
        staffing=tuple(StaffRow(s["post"], int(s["headcount"]), _money(s["wage"])) for s in form["staffing"]),
        staffing_total=sum(int(s["headcount"]) for s in form["staffing"]),
        bid_date=f"{submitted:%Y年%m月%d日}" if submitted else "",
    )


def bid_terms(bid: Bid, commitments: Sequence[ConfirmedCommitment]) -> Terms:
    form = price_form(bid)
    return Terms(fees={f["type"]: Decimal(f["fee"]) for f in form["fees"]},
                 annual_total=Decimal(form["annual_total"]),
                 commitments=tuple(c.commitment for c in commitments))


def contract_terms(contract: Contract) -> Terms:
    return Terms(fees={f["type"]: Decimal(f["fee"]) for f in contract.fees},
                 annual_total=Decimal(contract.annual_total),
                 commitments=tuple(commitment_of(row) for row in contract.commitments),
                 term_months=contract.term_months)

