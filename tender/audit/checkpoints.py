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
import os
from dataclasses import asdict, dataclass
from datetime import datetime
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
    configured = current_app.config.get("AUDIT_CHECKPOINT_FILE") or os.environ.get("AUDIT_CHECKPOINT_FILE")
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
        rows = db.session.execute(sa.select(AuditEntry.seq, AuditEntry.hash).where(AuditEntry.seq.in_(chunk)))
        hashes.update((seq, digest) for seq, digest in rows)
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


def mail_chain_head() -> Checkpoint:
    """The daily checkpoint, mailed to every supervisor so a copy lives outside the system."""
    from tender.audit.operations import verify_chain
    from tender.auth.models import User
    from tender.auth.roles import Role
    from tender.db import to_local
    from tender.links import path_for
    from tender.notifications.operations import notify

    checkpoint = record_checkpoint(None, source="mail")
    result = verify_chain()
    bad = [c for c in compare_checkpoints() if not c.ok]
    if result.ok:
        state = f"完整（{result.checked} 条记录）"
    elif result.broken_seq is None:
        state = result.reason
    else:
        state = f"第 {result.broken_seq} 条处断裂：{result.reason}"
    at = to_local(datetime.fromisoformat(checkpoint.at))
    body = "\n".join([
        f"截至 {at:%Y-%m-%d %H:%M}（北京时间），审计日志链头为：",
        f"序号：第 {checkpoint.seq} 条记录",
        f"哈希：{checkpoint.hash}",
        "",
        f"今日自动校验：{state}" + (f"；另有 {len(bad)} 个检查点与当前日志不一致。" if bad else "。"),
        "",
        "请把本邮件保存在本系统之外（转存到其他邮箱或打印存档）。日后在“审计日志 → 校验哈希链”页面核对："
        f"若系统中第 {checkpoint.seq} 条记录的哈希与本邮件不同，或该记录已不存在，说明审计日志被改写或截断。",
    ])
    supervisors = db.session.scalars(sa.select(User).where(User.role == Role.SUPERVISOR)).all()
    notify(supervisors, f"审计日志每日检查点：第 {checkpoint.seq} 条记录", body, link=path_for("audit.verify"),
           topic="audit")
    return checkpoint
