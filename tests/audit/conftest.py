"""Each audit test gets its own checkpoint file, so checkpoints never leak between tests."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def checkpoint_file(app, tmp_path):
    path = tmp_path / "audit_checkpoints.jsonl"
    old = app.config.get("AUDIT_CHECKPOINT_FILE")
    app.config["AUDIT_CHECKPOINT_FILE"] = str(path)
    yield path
    app.config["AUDIT_CHECKPOINT_FILE"] = old
