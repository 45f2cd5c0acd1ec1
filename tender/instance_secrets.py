"""Secrets kept in the instance folder, outside the database: created once, mode 0600, never overwritten.

The audit chain's HMAC key and the sealing key of bid files live here unless the
environment provides them. Losing one makes what it protects unverifiable or unreadable:
back them up with the keeper of the database backups, not inside those backups.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import current_app


def instance_secret(name: str) -> str:
    """The secret in `instance/<name>`, created on first use even when several workers start together."""
    path = Path(current_app.instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        spare = path.with_name(f".{name}.{os.getpid()}.{secrets.token_hex(4)}")
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
