"""Writing and verifying the audit trail.

Every operation that changes state calls `record` in the same transaction, so
the change and its audit row commit or roll back together.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa
from flask import has_request_context, request

from tender.audit.chain import entry_hash
from tender.audit.models import GENESIS, AuditEntry, AuditHead
from tender.db import utcnow
from tender.extensions import db

# Any constant works; it only has to be the same for every writer.
_PG_LOCK_KEY = 741_852_963


def _client_address() -> str:
    if not has_request_context():
        return "cli"
    return request.remote_addr or ""


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
        address=_client_address(),
        action=action,
        object_type=object_type or (obj.__tablename__ if obj is not None else ""),
        object_id=str(object_id if object_id is not None else getattr(obj, "id", "") or ""),
        summary=summary,
        before=_json_safe(before),
        after=_json_safe(after),
    )
    digest = entry_hash(head.hash, **fields)
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


def verify_chain(batch: int = 2000) -> VerifyResult:
    """Walk the chain in order and report the first link that does not hold."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_id = 0
    while True:
        rows = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            break
        for row in sorted(rows, key=lambda r: r.seq):
            last_id = max(last_id, row.id)
            problem = _check_row(row, expected_seq, prev_hash)
            if problem:
                return VerifyResult(False, checked, problem[0], problem[1])
            prev_hash, expected_seq, checked = row.hash, row.seq + 1, checked + 1
    head = db.session.get(AuditHead, 1)
    if head is not None and (head.seq != expected_seq - 1 or head.hash != prev_hash):
        return VerifyResult(False, checked, expected_seq, "最新记录缺失：链尾与记录头不一致（末尾记录可能被删除）")
    return VerifyResult(True, checked)


def _check_row(row: AuditEntry, expected_seq: int, prev_hash: str) -> tuple[int, str] | None:
    if row.seq != expected_seq:
        return expected_seq, f"序号不连续：应为 {expected_seq}，实为 {row.seq}（记录可能被删除）"
    if row.prev_hash != prev_hash:
        return row.seq, "前一记录哈希不匹配（记录可能被删除或篡改）"
    recomputed = entry_hash(
        row.prev_hash, seq=row.seq, at=row.at, actor_id=row.actor_id, actor_label=row.actor_label,
        address=row.address, action=row.action, object_type=row.object_type, object_id=row.object_id,
        summary=row.summary, before=row.before, after=row.after,
    )
    if recomputed != row.hash:
        return row.seq, "内容哈希不匹配（记录被修改）"
    return None
