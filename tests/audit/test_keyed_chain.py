"""The chain is keyed: someone with write access to the database but not the key cannot rewrite it.

The attacker below works as one would with database access and the source code:
change a row, then recompute its hash, every later hash and the head.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
from datetime import UTC
from pathlib import Path

import pytest
import sqlalchemy as sa

from tender.audit.keys import audit_key
from tender.audit.models import GENESIS, AuditEntry, AuditHead
from tender.audit.operations import record, verify_chain
from tender.extensions import db
from tests.audit.conftest import audit_cli


def attacker_body(row, prev_hash: str) -> bytes:
    body = json.dumps({
        "seq": row.seq, "at": row.at.astimezone(UTC).isoformat(), "actor_id": row.actor_id,
        "actor_label": row.actor_label, "address": row.address, "action": row.action,
        "object_type": row.object_type, "object_id": row.object_id, "summary": row.summary,
        "before": row.before, "after": row.after,
    }, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return (prev_hash + body).encode()


def attacker_rewrite(seq: int, summary: str, digest) -> None:
    """Edit one row and recompute every hash from it on, and the head, with `digest(message)`."""
    db.session.execute(sa.text("UPDATE audit_entries SET summary = :s WHERE seq = :q"), {"s": summary, "q": seq})
    db.session.commit()
    db.session.expire_all()
    rows = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.seq)).all()
    prev = GENESIS
    for row in rows:
        if row.seq >= seq:
            new = digest(attacker_body(row, prev))
            db.session.execute(sa.text("UPDATE audit_entries SET prev_hash = :p, hash = :h WHERE seq = :q"),
                               {"p": prev, "h": new, "q": row.seq})
            prev = new
        else:
            prev = row.hash
    db.session.execute(sa.text("UPDATE audit_head SET hash = :h"), {"h": prev})
    db.session.commit()
    db.session.expire_all()


def plain_sha256(message: bytes) -> str:
    return hashlib.sha256(message).hexdigest()


def test_rewrite_with_the_old_unkeyed_algorithm_is_caught(app, chain):
    attacker_rewrite(3, "被改过", plain_sha256)
    result = audit_cli(app, "verify")
    assert result.exit_code == 1, result.output
    assert "BROKEN at seq 3" in result.output


@pytest.mark.parametrize("guess", ["", "test-secret", "0" * 64, "audit"])
def test_rewrite_with_a_guessed_key_is_caught(app, chain, guess):
    attacker_rewrite(2, "被改过", lambda m: hmac.new(guess.encode(), m, hashlib.sha256).hexdigest())
    result = audit_cli(app, "verify")
    assert result.exit_code == 1 and "BROKEN at seq 2" in result.output
    assert "内容哈希不匹配" in result.output


def test_rewriting_the_whole_chain_unkeyed_is_not_accepted(app, chain):
    attacker_rewrite(1, "被改过", plain_sha256)
    result = verify_chain()
    assert not result.ok and "未受密钥保护" in result.reason


def test_the_chain_does_not_verify_under_another_key(app, chain):
    assert verify_chain().ok
    app.config["AUDIT_KEY"] = "another-key-of-enough-length"
    try:
        result = verify_chain()
    finally:
        app.config.pop("AUDIT_KEY")
    assert not result.ok and result.broken_seq == 1


def legacy_chain(staff, count: int) -> None:
    """Rows as the unkeyed code wrote them before the upgrade."""
    from tender.db import utcnow

    prev = GENESIS
    for seq in range(1, count + 1):
        row = AuditEntry(seq=seq, at=utcnow().replace(microsecond=0), actor_id=staff.id, actor_label=staff.label,
                         address="", action="old.step", object_type="thing", object_id=str(seq),
                         summary=f"旧记录 {seq}", before=None, after={"i": seq}, prev_hash=prev, hash="")
        row.hash = prev = plain_sha256(attacker_body(row, prev))
        db.session.add(row)
    db.session.add(AuditHead(id=1, seq=count, hash=prev))
    db.session.commit()


def test_a_legacy_prefix_is_anchored_by_the_first_keyed_row(app, staff):
    legacy_chain(staff, 3)
    unkeyed = verify_chain()
    assert not unkeyed.ok and "未受密钥保护" in unkeyed.reason
    record(staff, "new.step", object_type="thing", object_id=9, summary="升级后的第一条")
    db.session.commit()
    result = verify_chain()
    assert result.ok and result.legacy == 3 and result.checked == 4
    out = audit_cli(app, "verify").output
    assert "3 of them written before the audit key" in out
    # The old rows are now protected too: rewriting one (unkeyed, as before) breaks the keyed link after them.
    attacker_rewrite(2, "被改过", plain_sha256)
    assert audit_cli(app, "verify").exit_code == 1


def test_key_file_is_created_private_in_the_instance_folder(app, chain, monkeypatch):
    monkeypatch.delenv("AUDIT_KEY", raising=False)
    path = Path(app.instance_path) / "audit_key"
    path.unlink(missing_ok=True)
    key = audit_key()
    assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text().strip().encode() == key and len(key) == 64
    assert audit_key() == key  # created once, then read back
    dump = json.dumps([list(r) for r in db.session.execute(sa.text("SELECT * FROM audit_entries"))], default=str)
    assert path.read_text().strip() not in dump


def test_the_environment_key_wins_over_the_file(app, staff, monkeypatch):
    monkeypatch.setenv("AUDIT_KEY", "environment-provided-audit-key")
    record(staff, "test.step", object_type="thing", object_id=1)
    db.session.commit()
    assert verify_chain().ok
    monkeypatch.delenv("AUDIT_KEY")
    assert not verify_chain().ok
    assert os.environ.get("AUDIT_KEY") is None
