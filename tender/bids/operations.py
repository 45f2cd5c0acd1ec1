"""Submitting, replacing and withdrawing a sealed bid; the price form and deposit; checks at the opening.

《电子招标投标办法》: until the deadline a bidder may supplement, change or withdraw its
bid, late bids are refused, and every submission gets an immediate receipt. The server's
clock decides; every submission and withdrawal is in the audit trail (without content).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa

from tender.audit.operations import record
from tender.bids import keys, price, receipts
from tender.bids.eligibility import require_eligible, timing_refusal
from tender.bids.models import Bid, BidEvent, BidFile, BidReceipt, BidStatus, DepositMethod
from tender.bids.uploads import bid_for, context_of, drop_file, hash_context
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.sealing import envelope

if TYPE_CHECKING:
    from tender.auth.models import User
    from tender.notices.models import Tender


def submit_bid(tender: Tender, actor: User, now: datetime | None = None) -> BidReceipt:
    now = now or utcnow()
    require_eligible(tender, actor, now)
    bid = bid_for(tender, actor.company_id)
    if bid is None:
        raise DomainError("请先上传投标文件并填写报价一览表。")
    if bid.submitted:
        raise DomainError("投标文件已递交；如需修改，请更换相应文件或撤回后重新递交。")
    if bid.missing:
        raise DomainError(f"投标文件不完整，尚缺：{'、'.join(bid.missing)}。")
    bid.status, bid.submitted_at, bid.withdrawn_at = BidStatus.SUBMITTED, now, None
    receipt = receipts.issue(bid, "submit", now)
    _event(bid, actor, now, "submit", f"递交投标文件，回执编号 {receipt.number}")
    record(actor, "bid.submit", bid, after={"receipt": receipt.number, "files": len(bid.current_files)},
           summary=f"递交投标文件：{tender.title}")
    return receipt


def reissue_receipt(bid: Bid, actor, now: datetime) -> BidReceipt:
    """A submitted bid changed (a part replaced, the price form saved again): a new receipt at once."""
    receipt = receipts.issue(bid, "replace", now)
    _event(bid, actor, now, "receipt", f"投标文件已更新，新回执编号 {receipt.number}")
    record(actor, "bid.replace", bid, after={"receipt": receipt.number}, summary=f"更换投标文件：{bid.tender.title}")
    return receipt


def withdraw_bid(tender: Tender, actor: User, now: datetime | None = None) -> Bid:
    """Withdraw everything: the sealed files are deleted, the price form too; the history stays."""
    now = now or utcnow()
    bid = _own_bid(tender, actor, now)
    if bid.status is BidStatus.WITHDRAWN or not (bid.current_files or bid.price_sealed):
        raise DomainError("没有可以撤回的投标文件。")
    was = bid.status
    for bid_file in bid.current_files.values():
        drop_file(bid_file, now)
    bid.price_sealed = bid.price_saved_at = None
    bid.status, bid.withdrawn_at = BidStatus.WITHDRAWN, now
    _event(bid, actor, now, "withdraw", "撤回投标文件（已上传的文件和报价一览表作废，可在截止前重新递交）")
    record(actor, "bid.withdraw", bid, before={"status": was.value}, after={"status": bid.status.value},
           summary=f"撤回投标文件：{tender.title}")
    return bid


def save_price_form(tender: Tender, actor: User, annual_total: str, fees: str, staffing: str,
                    now: datetime | None = None) -> Bid:
    now = now or utcnow()
    require_eligible(tender, actor, now)
    form = price.parse(annual_total, fees, staffing)
    bid = bid_for(tender, actor.company_id, create=True)
    if bid.status is BidStatus.WITHDRAWN:
        bid.status, bid.withdrawn_at = BidStatus.DRAFT, None
    replaced = bid.price_sealed is not None
    bid.price_sealed, bid.price_saved_at = price.seal_form(tender.seal.public_key, form, bid.id), now
    _event(bid, actor, now, "price", "更新报价一览表（已密封）" if replaced else "填写报价一览表（已密封）")
    record(actor, "bid.price", bid, after={"rows": len(form["fees"]) + len(form["staffing"])},
           summary=f"保存报价一览表（密封，内容不记录）：{tender.title}")
    if bid.submitted:
        reissue_receipt(bid, actor, now)
    return bid


def save_deposit(tender: Tender, actor: User, amount: Decimal | None, method: str, paid_on: date | None, reference: str,
                 now: datetime | None = None) -> Bid:
    """The deposit (保证金) record; 条例第二十六条: paid from the bidder's basic account, at most 2 %."""
    now = now or utcnow()
    require_eligible(tender, actor, now)
    if amount is None or amount <= 0:
        raise DomainError("请填写保证金金额。", field="amount")
    try:
        method = DepositMethod(method)
    except ValueError:
        raise DomainError("请选择缴纳方式。", field="method") from None
    if paid_on is None or paid_on > now.date():
        raise DomainError("请填写实际缴纳日期（不能晚于今天）。", field="paid_on")
    bid = bid_for(tender, actor.company_id, create=True)
    bid.deposit_amount, bid.deposit_method, bid.deposit_paid_on = amount, method, paid_on
    bid.deposit_reference = (reference or "").strip()
    _event(bid, actor, now, "deposit", f"登记保证金：{amount:,} 元，{method.label}，{paid_on:%Y-%m-%d}")
    record(actor, "bid.deposit", bid, after={"amount": str(amount), "method": method.value,
                                             "paid_on": paid_on.isoformat(), "reference": bid.deposit_reference},
           summary=f"登记保证金：{tender.title}")
    return bid


def verify_file_hash(bid: Bid, sha256_hex: str) -> tuple[bool, str]:
    """Compare the SHA-256 the bidder's browser computed with the files the server holds, by keyed HMAC."""
    mac = keys.hash_hmac((sha256_hex or "").lower())
    for bid_file in reversed(bid.files):
        if keys.same(mac, bid_file.sha256_hmac):
            if bid_file.superseded_at is None:
                return True, f"与服务器上现行的{bid_file.part.label}“{bid_file.filename}”一致。"
            return False, f"与已被更换或撤回的{bid_file.part.label}“{bid_file.filename}”一致，不是现行文件。"
    return False, "服务器上没有与此文件一致的投标文件（SHA-256 不符）。"


@dataclass(frozen=True)
class FileCheck:
    ok: bool
    sha256: str
    size: int
    reason: str = ""


def open_bid_file(bid_file: BidFile, private_key: bytes) -> Iterator[bytes]:
    """The plaintext, record by record; only the opening has the private key."""
    with open(bid_file.path, "rb") as source:
        yield from envelope.read_records(source, private_key, context_of(bid_file.token), bid_file.record_count)


def verify_at_opening(bid_file: BidFile, private_key: bytes) -> FileCheck:
    """Decrypt, recompute the SHA-256 and compare with what the bidder's browser declared at upload."""
    digest, size = hashlib.sha256(), 0
    try:
        for chunk in open_bid_file(bid_file, private_key):
            digest.update(chunk)
            size += len(chunk)
        declared = envelope.open_sealed(private_key, bid_file.sha256_sealed, hash_context(bid_file.token)).hex()
    except (envelope.EnvelopeError, OSError) as e:
        return FileCheck(False, "", size, f"无法解密：{e}")
    actual = digest.hexdigest()
    if size != bid_file.size:
        return FileCheck(False, actual, size, f"大小不符：应为 {bid_file.size:,} 字节，解密得 {size:,} 字节。")
    if not (keys.same(actual, declared) and keys.same(keys.hash_hmac(actual), bid_file.sha256_hmac)):
        return FileCheck(False, actual, size, "SHA-256 与投标人上传时的回执不符。")
    return FileCheck(True, actual, size)


def open_price_form(bid: Bid, private_key: bytes) -> dict | None:
    return None if bid.price_sealed is None else price.open_form(private_key, bid.price_sealed, bid.id)


def submitted_bids(tender) -> list[Bid]:
    """What staff may see before the opening: who submitted and when, never a file name or a price."""
    return db.session.scalars(sa.select(Bid).where(Bid.tender_id == tender.id, Bid.status == BidStatus.SUBMITTED)
                              .order_by(Bid.submitted_at)).all()


def _own_bid(tender, actor, now: datetime) -> Bid:
    if actor.company_id is None:
        raise NotAllowed("只有投标人账号可以投标。")
    late = timing_refusal(tender, now)
    if late:
        raise DomainError(late)
    bid = bid_for(tender, actor.company_id)
    if bid is None:
        raise DomainError("贵公司尚未上传投标文件。")
    return bid


def _event(bid: Bid, actor, now: datetime, kind: str, summary: str) -> None:
    db.session.add(BidEvent(bid=bid, at=now, kind=kind, summary=summary[:500], user_id=actor.id))
    db.session.flush()

