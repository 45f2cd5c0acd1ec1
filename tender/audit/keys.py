"""The audit chain's HMAC key: a secret kept out of the database.

Someone who can write to the database can recompute plain SHA-256 hashes for a
rewritten row and every row after it; without this key they cannot. The key
comes from AUDIT_KEY (config or environment) or from `instance/audit_key`,
created once with mode 0600 like the session secret. It is separate from
SECRET_KEY so rotating session secrets never breaks the chain. Losing the key
makes every keyed entry unverifiable: back it up with the database backups'
keeper, not inside them.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import current_app

MIN_KEY_LENGTH = 16


def audit_key() -> bytes:
    raw = current_app.config.get("AUDIT_KEY") or os.environ.get("AUDIT_KEY")
    if not raw:
        raw = _key_file(Path(current_app.instance_path) / "audit_key")
    if len(raw) < MIN_KEY_LENGTH:
        raise RuntimeError(f"AUDIT_KEY must be at least {MIN_KEY_LENGTH} characters long")
    return raw.encode()


def _key_file(path: Path) -> str:
    """Create the key at most once, even when several workers start together: write aside, then link."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        spare = path.with_name(f".audit_key.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(spare, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            try:
                os.link(spare, path)  # atomic and refuses to overwrite: the first writer wins
            except FileExistsError:
                pass
        finally:
            spare.unlink(missing_ok=True)
    return path.read_text().strip()
