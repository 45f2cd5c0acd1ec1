"""The worker knows every task: task modules are found by name, and a fresh process loads them all."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECORATORS = {"app_task", "tracked_task", "app_periodic_task"}


def declared_tasks() -> dict[str, str]:
    """`module.function` of every function decorated as a task anywhere in tender/, with its file."""
    found = {}
    for path in (ROOT / "tender").rglob("*.py"):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(_decorator_name(d) in DECORATORS for d in node.decorator_list):
                found[f"{module}.{node.name}"] = str(path.relative_to(ROOT))
    return found


def _decorator_name(node) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return getattr(target, "id", getattr(target, "attr", ""))


LOAD = ("import json; from tender import create_app, jobs; create_app(); jobs.load_tasks(); "
        "print(json.dumps([sorted([*jobs.TASKS, *jobs.PERIODIC]), sorted(jobs.JOB_TYPES)]))")


def test_a_fresh_process_knows_every_declared_task(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "JOBS_DB": str(tmp_path / "jobs.db"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "SECRET_KEY": "discovery-test"}
    out = subprocess.run([sys.executable, "-c", LOAD], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout
    known, with_limits = map(set, json.loads(out.strip().splitlines()[-1]))
    declared = declared_tasks()
    assert set(declared) == known == with_limits  # and every one declares its limits (tender/jobs/types.py)
    assert {"tender.similarity.tasks.pdf_task", "tender.notices.tasks.close_due_tenders",
            "tender.opening.tasks.lapse_short_tenders", "tender.audit.tasks.mail_audit_head"} <= known


def test_tasks_live_only_in_tasks_modules():
    """Discovery imports `tender/<package>/tasks.py`; a task declared anywhere else would be unknown to the worker."""
    assert [path for path in declared_tasks().values() if not path.endswith("/tasks.py")] == []
