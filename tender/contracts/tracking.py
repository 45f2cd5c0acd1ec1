"""After the award: staff record what each confirmed commitment measured, period by period; breaches are listed
with the 违约责任 article the commitment ties to (issue 14, scope 4). Callers commit.

The verdict is `scoring.contracts.tracking.is_met`, computed on read, never stored. Only the winner's
confirmed commitments are tracked: they are what the contract's 附件五 holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from scoring.commitments.schema import Unit
from scoring.contracts.tracking import UnitMismatch, is_met
from tender.audit.operations import record as audit
from tender.auth.models import User
from tender.contracts.models import ConfirmedCommitment, Measurement
from tender.contracts.operations import confirmed_commitments, winning_bid
from tender.db import utcnow
from tender.errors import DomainError
from tender.extensions import db
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.models import Tender
from tender.result.operations import winner_of

MAX_NOTE = Measurement.note.type.length
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


def record_measurement(commitment: ConfirmedCommitment, actor: User, *, value, unit: str, period_start: date,
                       period_end: date, note: str = "") -> Measurement:
    """One period's measured value; refused before the award, for another bid's promise, or in a foreign unit."""
    lifecycle.require(commitment.bid.tender, Action.TRACK_COMMITMENTS, actor)
    if commitment.bid_id != winning_bid(commitment.bid.tender).id:
        raise DomainError("只能记录中标人已确认承诺的履行情况。")
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise DomainError("测量值须为数字。", field="value") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise DomainError("测量值须为 0 至 9,999,999,999.99 之间的数字。", field="value")
    try:
        measured_unit = Unit(unit or commitment.unit)
        is_met(commitment.commitment, amount, measured_unit)
    except ValueError as e:
        raise DomainError(f"{e}" if isinstance(e, UnitMismatch) else "请选择计量单位。", field="unit") from None
    if period_start is None or period_end is None:
        raise DomainError("请填写统计期间的起止日期。", field="period_start")
    if not EARLIEST <= period_start <= period_end <= LATEST:
        raise DomainError("统计期间的开始日期不能晚于结束日期（且在 2000–2100 年之间）。", field="period_end")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(f"说明不能超过 {MAX_NOTE} 个字符。", field="note")
    row = Measurement(tender_id=commitment.tender_id, commitment_id=commitment.id, period_start=period_start,
                      period_end=period_end, value=amount, unit=measured_unit.value, note=note,
                      recorded_by_id=actor.id, recorded_at=utcnow())
    db.session.add(row)
    db.session.flush()
    verdict = "达标" if row.met else "违约"
    audit(actor, "contract.measurement.record", row,
          after={"commitment_id": commitment.id, "value": str(amount), "unit": row.unit,
                 "period": f"{period_start}/{period_end}", "met": row.met},
          summary=f"记录承诺履行：{commitment.indicator_label} {period_start}–{period_end} "
                  f"{amount}{row.unit}（{verdict}）")
    return row


@dataclass(frozen=True)
class Breach:
    commitment: ConfirmedCommitment
    measurement: Measurement


def tracked_commitments(tender: Tender) -> list[ConfirmedCommitment]:
    bid = winner_of(tender)
    return confirmed_commitments(bid) if bid is not None else []


def breaches(commitments: list[ConfirmedCommitment]) -> list[Breach]:
    """Every measurement that broke its promise, in period order, each with its commitment's 违约责任 article."""
    found = [Breach(c, m) for c in commitments for m in c.measurements if not m.met]
    return sorted(found, key=lambda b: (b.measurement.period_end, b.commitment.id))
