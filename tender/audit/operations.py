"""Writing and verifying the audit trail.

Every operation that changes state calls `record` in the same transaction, so
the change and its audit row commit or roll back together. Each row's hash is an
HMAC under the audit key (keys.py), which is not in the database.
"""
from __future__ import annotations

import hmac
import json
from dataclasses import dataclass

import sqlalchemy as sa

from tender.acting import client_address
from tender.audit.chain import entry_hash, legacy_hash, row_fields
from tender.audit.keys import audit_key
from tender.audit.models import GENESIS, AuditEntry, AuditHead
from tender.db import utcnow
from tender.extensions import db

# Any constant works; it only has to be the same for every writer.
_PG_LOCK_KEY = 741_852_963


def _lock_chain() -> None:
    """Serialise writers so two transactions never extend the chain from the same link.

    PostgreSQL: a transaction-scoped advisory lock. SQLite serialises writers itself;
    the unique `seq` is the last line of defence either way.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})


def _json_safe(value):
    """Round-trip through JSON so what is hashed is exactly what the database returns."""
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False, default=str))


def record(actor, action: str, obj=None, *, object_type: str | None = None, object_id=None,
           before: dict | None = None, after: dict | None = None, summary: str = "") -> AuditEntry:
    _lock_chain()
    head = db.session.get(AuditHead, 1, with_for_update=True)
    if head is None:
        head = AuditHead(id=1, seq=0, hash=GENESIS)
        db.session.add(head)
    fields = dict(
        seq=head.seq + 1,
        at=utcnow().replace(microsecond=0),
        actor_id=getattr(actor, "id", None),
        actor_label=actor.label if actor is not None else "系统",
        address=client_address(),
        action=action,
        object_type=object_type or (obj.__tablename__ if obj is not None else ""),
        object_id=str(object_id if object_id is not None else getattr(obj, "id", "") or ""),
        summary=summary,
        before=_json_safe(before),
        after=_json_safe(after),
    )
    digest = entry_hash(audit_key(), head.hash, **fields)
    entry = AuditEntry(prev_hash=head.hash, hash=digest, **fields)
    db.session.add(entry)
    head.seq, head.hash = fields["seq"], digest
    db.session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    legacy: int = 0  # rows before the key existed, protected by the first keyed row after them


def verify_chain(batch: int = 2000) -> VerifyResult:
    """Walk the chain in order and report the first link that does not hold.

    Unkeyed rows pass only as a prefix: once a keyed row has been seen, a row that
    matches the plain hash was recomputed by someone without the key.
    """
    key = audit_key()
    prev_hash, expected_seq, checked, legacy = GENESIS, 1, 0, 0
    last_id = 0
    while True:
        rows = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for row in sorted(rows, key=lambda r: r.seq):
            last_id = max(last_id, row.id)
            problem, is_legacy = _check_row(row, expected_seq, prev_hash, key, keyed_seen=checked > legacy)
            if problem:
                return VerifyResult(False, checked, problem[0], problem[1], legacy)
            prev_hash, expected_seq, checked, legacy = row.hash, row.seq + 1, checked + 1, legacy + is_legacy
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        reason = "最新记录缺失：链尾与记录头不一致（末尾记录可能被删除）"
        return VerifyResult(False, checked, expected_seq, reason, legacy)
    if legacy and legacy == checked:
        return VerifyResult(False, checked, None, (
            f"全部 {checked} 条记录均为启用审计密钥之前的无密钥哈希，未受密钥保护。任何新的操作（例如记录一次检查点）"
            "都会写入第一条密钥签名记录，将此前的记录一并锁定；若系统此前已有密钥签名记录，说明整条链被改写。"), legacy)
    return VerifyResult(True, checked, legacy=legacy)


def _check_row(row: AuditEntry, expected_seq: int, prev_hash: str, key: bytes,
               keyed_seen: bool) -> tuple[tuple[int, str] | None, bool]:
    if row.seq != expected_seq:
        return (expected_seq, f"序号不连续：应为 {expected_seq}，实为 {row.seq}（记录可能被删除）"), False
    if row.prev_hash != prev_hash:
        return (row.seq, "前一记录哈希不匹配（记录可能被删除或篡改）"), False
    fields = row_fields(row)
    if hmac.compare_digest(entry_hash(key, row.prev_hash, **fields), row.hash):
        return None, False
    if hmac.compare_digest(legacy_hash(row.prev_hash, **fields), row.hash):
        if keyed_seen:
            return (row.seq, "该记录使用无密钥哈希，却位于密钥签名记录之后（记录被改写后重新计算了哈希）"), False
        return None, True
    return (row.seq, "内容哈希不匹配（记录被修改，或审计密钥与写入时不同）"), False
