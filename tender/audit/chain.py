"""The hash of one audit row, computed the same way when writing and when verifying."""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime


def canonical(fields: dict) -> str:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, *, seq: int, at: datetime, actor_id, actor_label: str, address: str,
               action: str, object_type: str, object_id: str, summary: str, before, after) -> str:
    body = canonical({
        "seq": seq, "at": at.astimezone(UTC).isoformat(),
        "actor_id": actor_id, "actor_label": actor_label, "address": address, "action": action,
        "object_type": object_type, "object_id": object_id, "summary": summary,
        "before": before, "after": after,
    })
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()
