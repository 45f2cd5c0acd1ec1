"""Receipts (回执): what the server received and when, signed so the server can later recognise its own.

《电子招标投标办法》 requires an immediate receipt. Each one lists the server time, the
file names, sizes and SHA-256 of every part, and whether the price form is in; its
canonical JSON is signed with an HMAC under the instance key. The payload is kept wrapped
under the instance key (not in the clear: the hashes would confirm a guessed bid) so
the bidder can download it again until the opening.
"""
from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa

from tender.bids import keys
from tender.bids.models import Bid, BidPart, BidReceipt
from tender.db import to_local
from tender.extensions import db

KIND_LABELS = {"submit": "递交回执", "replace": "更换回执"}


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def issue(bid: Bid, kind: str, now: datetime) -> BidReceipt:
    sequence = db.session.scalar(sa.select(sa.func.count()).select_from(BidReceipt)
                                 .where(BidReceipt.bid_id == bid.id)) + 1
    number = f"HZ-{bid.tender.reference}-{bid.id:04d}-{sequence:02d}"
    payload = {
        "number": number,
        "kind": KIND_LABELS[kind],
        "tender_reference": bid.tender.reference,
        "tender_title": bid.tender.title,
        "company": bid.company.name,
        "server_time_utc": now.astimezone(UTC).isoformat(timespec="seconds"),
        "server_time": f"{to_local(now):%Y-%m-%d %H:%M:%S}（北京时间）",
        "files": [_file_line(bid.current_files[part]) for part in BidPart if part in bid.current_files],
        "price_form": (f"已密封保存（{to_local(bid.price_saved_at):%Y-%m-%d %H:%M:%S}）"
                       if bid.price_sealed is not None else "未填写"),
    }
    receipt = BidReceipt(bid=bid, number=number, issued_at=now, signature=keys.sign(canonical(payload)),
                         payload_wrapped=keys.wrap(canonical(payload)))
    db.session.add(receipt)
    db.session.flush()
    return receipt


def _file_line(bid_file) -> dict:
    return {"part": bid_file.part.label, "filename": bid_file.filename, "size": bid_file.size,
            "sha256": keys.unwrap(bid_file.sha256_wrapped).hex()}


def payload_of(receipt: BidReceipt) -> dict:
    return json.loads(keys.unwrap(receipt.payload_wrapped))


def document_of(receipt: BidReceipt) -> dict:
    """What the bidder downloads: the payload and its signature."""
    return {"receipt": payload_of(receipt), "signature": receipt.signature}


def verify(document, company_id: int | None) -> tuple[bool, str]:
    """Is this a receipt the server issued, unchanged? (payload and signature as downloaded)."""
    if not isinstance(document, dict) or not isinstance(document.get("receipt"), dict):
        return False, "不是本平台的回执文件（缺少回执内容）。"
    payload, signature = document["receipt"], str(document.get("signature", ""))
    number = str(payload.get("number", ""))[:80]
    receipt = db.session.scalar(sa.select(BidReceipt).where(BidReceipt.number == number))
    if receipt is None or receipt.bid.company_id != company_id:  # another company's receipts are not there
        return False, f"服务器上没有编号为“{number}”的回执。"
    if not (keys.same(keys.sign(canonical(payload)), signature) and keys.same(signature, receipt.signature)):
        return False, f"回执“{number}”的内容或签名与服务器签发的不一致，可能已被修改。"
    return True, f"回执“{number}”与服务器签发的一致（签发时间 {payload.get('server_time', '')}）。"
