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

from flask import current_app

from tender.instance_secrets import instance_secret

MIN_KEY_LENGTH = 16


def audit_key() -> bytes:
    raw = current_app.config.get("AUDIT_KEY") or os.environ.get("AUDIT_KEY")
    if not raw:
        raw = instance_secret("audit_key")
    if len(raw) < MIN_KEY_LENGTH:
        raise RuntimeError(f"AUDIT_KEY must be at least {MIN_KEY_LENGTH} characters long")
    return raw.encode()
