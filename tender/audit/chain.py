"""The hash of one audit row, computed the same way when writing and when verifying.

New rows carry HMAC-SHA256 under the audit key (see keys.py). Rows written before
the key existed carry plain SHA-256 of the same text; they are accepted only as a
prefix of the chain, where the first keyed row's HMAC covers their last hash.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime


def canonical(fields: dict) -> str:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _message(prev_hash: str, *, seq: int, at: datetime, actor_id, actor_label: str, address: str, action: str,
             object_type: str, object_id: str, summary: str, before, after) -> bytes:
    body = canonical({
        "seq": seq, "at": at.astimezone(UTC).isoformat(),
        "actor_id": actor_id, "actor_label": actor_label, "address": address, "action": action,
        "object_type": object_type, "object_id": object_id, "summary": summary,
        "before": before, "after": after,
    })
    return (prev_hash + body).encode()


def entry_hash(key: bytes, prev_hash: str, **fields) -> str:
    return hmac.new(key, _message(prev_hash, **fields), hashlib.sha256).hexdigest()


def legacy_hash(prev_hash: str, **fields) -> str:
    """The unkeyed hash of chains written before the key: anyone with the database can recompute it."""
    return hashlib.sha256(_message(prev_hash, **fields)).hexdigest()


def row_fields(row) -> dict:
    return dict(seq=row.seq, at=row.at, actor_id=row.actor_id, actor_label=row.actor_label, address=row.address,
                action=row.action, object_type=row.object_type, object_id=row.object_id, summary=row.summary,
                before=row.before, after=row.after)
