"""Chain-head checkpoints kept outside the database.

A keyed chain stops anyone without the key from rewriting rows, but someone who
deletes the newest rows and resets `audit_head` leaves a chain that still holds;
so does anyone holding the key. A checkpoint is the head (seq, keyed hash, time)
written to a file outside the database and mailed daily to the supervisors:
if a later chain no longer has that row with that hash, it was cut or rewritten.
"""
from __future__ import annotations

import fcntl
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from tender.audit.models import AuditEntry, AuditHead
from tender.audit.operations import record
from tender.db import utcnow
from tender.extensions import db
from tender.session_hooks import on_commit


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str  # UTC, ISO 8601
    by: str
    source: str  # web | cli | mail


@dataclass(frozen=True)
class CheckpointCheck:
    checkpoint: Checkpoint
    ok: bool
    message: str


def checkpoint_path() -> Path:
    configured = current_app.config.get("AUDIT_CHECKPOINT_FILE")
    return Path(configured) if configured else Path(current_app.instance_path) / "audit_checkpoints.jsonl"


def record_checkpoint(actor, source: str) -> Checkpoint:
    """Audit the act itself, then keep the resulting head; the file is written only once that commits."""
    by = actor.label if actor is not None else "系统"
    entry = record(actor, "audit.checkpoint", object_type="audit_head", object_id=1, summary="记录审计日志链头检查点")
    checkpoint = Checkpoint(seq=entry.seq, hash=entry.hash, at=utcnow().replace(microsecond=0).isoformat(), by=by,
                            source=source)
    on_commit(lambda: _append(checkpoint))
    return checkpoint


def _append(checkpoint: Checkpoint) -> None:
    path = checkpoint_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(checkpoint), ensure_ascii=False) + "\n"
    with path.open("a", encoding="utf-8") as out:
        fcntl.flock(out, fcntl.LOCK_EX)  # several web workers may append at once
        out.write(line)


def read_checkpoints() -> list[Checkpoint]:
    path = checkpoint_path()
    if not path.exists():
        return []
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
            found.append(Checkpoint(seq=int(data["seq"]), hash=str(data["hash"]), at=str(data["at"]),
                                    by=str(data.get("by", "")), source=str(data.get("source", ""))))
        except (ValueError, KeyError, TypeError):
            continue  # a torn or hand-edited line is not a checkpoint
    return found


def compare_checkpoints(checkpoints: list[Checkpoint] | None = None) -> list[CheckpointCheck]:
    """Each checkpoint against the row of the same seq now in the database (newest first)."""
    checkpoints = read_checkpoints() if checkpoints is None else checkpoints
    hashes: dict[int, str] = {}
    seqs = sorted({c.seq for c in checkpoints})
    for start in range(0, len(seqs), 500):
        chunk = seqs[start:start + 500]
        hashes.update(db.session.execute(sa.select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.seq.in_(chunk))))
    checks = []
    for cp in reversed(checkpoints):
        current = hashes.get(cp.seq)
        if current is None:
            checks.append(CheckpointCheck(cp, False, f"审计日志中已没有第 {cp.seq} 条记录：日志被截断或删除。"))
        elif current != cp.hash:
            message = f"第 {cp.seq} 条记录的哈希与检查点不一致：该记录或其之前的记录被改写。"
            checks.append(CheckpointCheck(cp, False, message))
        else:
            checks.append(CheckpointCheck(cp, True, "一致"))
    return checks


def head() -> AuditHead | None:
    return db.session.get(AuditHead, 1)
