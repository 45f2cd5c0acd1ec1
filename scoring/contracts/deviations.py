"""Where a contract departs from the tender and the winning bid, listed before anyone signs.

《招标投标法》第四十六条 and 《招标投标法实施条例》第五十七条: the contract is concluded on the
tender and the winning bid, and its main terms (subject, price, quality, period) may not depart
from them in substance. So every difference counts, in either direction: a fee lower than the
bid is as much a departure as a higher one, and a service standard stronger than the bid's
promise is a term the bidder never offered. The caller decides what to do with the list; the
contract operations refuse to record a signature while it is not empty.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from scoring.commitments.schema import Commitment, Comparator


class Aspect(StrEnum):
    PRICE = "价格"
    STANDARD = "服务标准"
    TERM = "期限"


@dataclass(frozen=True)
class Terms:
    """The main terms of one side: fees in 元/月·㎡ by property type, the annual total, commitments, the term."""

    fees: Mapping[str, Decimal] = field(default_factory=dict)
    annual_total: Decimal | None = None
    commitments: tuple[Commitment, ...] = ()
    term_months: int | None = None


@dataclass(frozen=True)
class Deviation:
    aspect: Aspect
    subject: str  # what differs: a property type, an indicator, the annual total, the term
    expected: str  # the tender's or the bid's value, "" when it has none
    actual: str  # the contract's value, "" when it has none
    message: str  # in Chinese, for the page shown before signing


def check_deviations(contract: Terms, bid: Terms, tender_term_months: int | None = None) -> list[Deviation]:
    """Every difference of price, service standard and term between the contract and the winning bid.

    `tender_term_months` is the service period the tender stated; None when it stated none, and
    then the term is not checked (the bid does not state one of its own).
    """
    return [*_fees(contract, bid), *_total(contract, bid), *_standard(contract.commitments, bid.commitments),
            *_term(contract.term_months, tender_term_months)]


def _fees(contract: Terms, bid: Terms) -> Iterable[Deviation]:
    for kind in dict.fromkeys([*bid.fees, *contract.fees]):
        offered, agreed = bid.fees.get(kind), contract.fees.get(kind)
        if offered == agreed:
            continue
        if agreed is None:
            message = f"投标报价含“{kind}”收费标准 {offered} 元/月·㎡，合同未列。"
        elif offered is None:
            message = f"合同列有“{kind}”收费标准 {agreed} 元/月·㎡，投标报价中没有此类物业。"
        else:
            message = f"“{kind}”收费标准：合同 {agreed} 元/月·㎡，与中标报价 {offered} 元/月·㎡ 不一致。"
        yield Deviation(Aspect.PRICE, kind, _text(offered), _text(agreed), message)


def _total(contract: Terms, bid: Terms) -> Iterable[Deviation]:
    if contract.annual_total is not None and bid.annual_total is not None and contract.annual_total != bid.annual_total:
        total = f"年度服务费总额：合同 {contract.annual_total:,} 元，与中标报价 {bid.annual_total:,} 元不一致。"
        yield Deviation(Aspect.PRICE, "年度总价", _text(bid.annual_total), _text(contract.annual_total), total)


def target(c: Commitment) -> str:
    """A commitment's target as the contract prints it: 两年内 ≥ 95%, ≤ 15分钟, ≥ 2次/月."""
    value = format(c.value.normalize(), "f")
    per = f"/{c.period.value}" if c.period else ""
    return f"{c.deadline}{c.comparator.value} {value}{c.unit.value}{per}"


def _slot(c: Commitment) -> tuple:
    return (c.indicator, c.unit, c.period, c.deadline)


def _standard(agreed: tuple[Commitment, ...], offered: tuple[Commitment, ...]) -> Iterable[Deviation]:
    by_slot: dict[tuple, list[Commitment]] = defaultdict(list)
    for c in agreed:
        by_slot[_slot(c)].append(c)
    for promise in offered:
        candidates = by_slot.get(_slot(promise), [])
        same = next((c for c in candidates if c.comparator is promise.comparator and c.value == promise.value), None)
        if same is not None:
            candidates.remove(same)
            continue
        name = promise.indicator.label
        if not candidates:
            yield Deviation(Aspect.STANDARD, name, target(promise), "",
                            f"中标人承诺“{name} {target(promise)}”，合同附件五未列入。")
            continue
        changed = candidates.pop(0)
        how = "低于" if _weaker(changed, promise) else "不同于"
        yield Deviation(Aspect.STANDARD, name, target(promise), target(changed),
                        f"“{name}”：合同约定 {target(changed)}，{how}中标人承诺的 {target(promise)}。")
    for rest in by_slot.values():
        for extra in rest:
            name = extra.indicator.label
            yield Deviation(Aspect.STANDARD, name, "", target(extra),
                            f"合同附件五列有“{name} {target(extra)}”，中标人投标文件中没有这项承诺。")


def _weaker(agreed: Commitment, promise: Commitment) -> bool:
    """True when the contract asks less than the bid promised: a lower floor or a higher ceiling."""
    if agreed.comparator is not promise.comparator:
        return False
    if promise.comparator in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        return agreed.value < promise.value
    if promise.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return agreed.value > promise.value
    return False


def _term(months: int | None, tender_months: int | None) -> Iterable[Deviation]:
    if tender_months is not None and months != tender_months:
        yield Deviation(Aspect.TERM, "服务期限", f"{tender_months} 个月", "" if months is None else f"{months} 个月",
                        f"合同服务期限 {months or '未约定'}{' 个月' if months else ''}，与招标文件规定的 "
                        f"{tender_months} 个月不一致。")


def _text(value: Decimal | None) -> str:
    return "" if value is None else str(value)
