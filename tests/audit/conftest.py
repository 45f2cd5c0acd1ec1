"""Each audit test gets its own checkpoint file, so checkpoints never leak between tests; a short chain and the CLI."""
from __future__ import annotations

import pytest

from tender.audit.operations import record
from tender.extensions import db


@pytest.fixture(autouse=True)
def checkpoint_file(app, tmp_path):
    path = tmp_path / "audit_checkpoints.jsonl"
    old = app.config.get("AUDIT_CHECKPOINT_FILE")
    app.config["AUDIT_CHECKPOINT_FILE"] = str(path)
    yield path
    app.config["AUDIT_CHECKPOINT_FILE"] = old


@pytest.fixture
def chain(app, staff):
    for i in range(5):
        record(staff, "test.step", object_type="thing", object_id=i, after={"i": i}, summary=f"第 {i} 步")
    db.session.commit()
    return staff


def audit_cli(app, *args):
    return app.test_cli_runner().invoke(args=["audit", *args])
