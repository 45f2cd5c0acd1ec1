"""The import direction inside `tender/`: infrastructure below, domain packages above, request plumbing on top.

Operations and models must run without a request (the demo loader, the CLI and the job
worker call them), so they never reach for `request`, `current_user` or `url_for`.
Infrastructure never imports a domain package, so a domain can change without
touching the layer everything stands on. `scoring/` has its own purity test.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TENDER = ROOT / "tender"

# The layer every domain package stands on (module paths relative to tender/, without .py).
INFRASTRUCTURE = {"db", "extensions", "errors", "acting", "session_hooks", "files", "pdf", "forms", "forms_util",
                  "docx_page", "links", "unit_of_work", "sealed_files", "instance_secrets",
                  "jobs/__init__", "jobs/models", "jobs/operations", "auth/roles",
                  "sealing/__init__", "sealing/envelope", "sealing/shares", "sealing/passphrase"}
DOMAINS = {"audit", "auth", "bidders", "bids", "bidtext", "committee", "contracts", "evaluation", "findings",
           "lowprice", "methods", "notices", "notifications", "opening", "public", "qualification", "result",
           "similarity"}
REQUEST_NAMES = {("flask", "request"), ("flask", "url_for"), ("flask_login", "current_user"),
                 ("flask", "has_request_context")}


def _imports(path: Path) -> list[tuple[str, str | None]]:
    """(module, name) for every import anywhere in the file, lazy ones inside functions included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def _name(path: Path) -> str:
    return str(path.relative_to(TENDER).with_suffix(""))


def _domain_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "tender" or len(parts) < 2 or parts[1] not in DOMAINS:
        return None
    return None if module == "tender.auth.roles" else parts[1]


OPERATIONS_AND_MODELS = sorted(p for p in TENDER.rglob("*.py") if p.name in ("operations.py", "models.py",
                                                                          "lifecycle.py", "tasks.py"))


@pytest.mark.parametrize("path", OPERATIONS_AND_MODELS, ids=_name)
def test_operations_and_models_never_read_the_request(path):
    found = [(module, name) for module, name in _imports(path)
             if (module, name) in REQUEST_NAMES or module == "tender.web" or module.endswith(".views")]
    assert found == []


@pytest.mark.parametrize("name", sorted(INFRASTRUCTURE))
def test_infrastructure_never_imports_a_domain_package(name):
    path = TENDER / f"{name}.py"
    assert path.exists(), f"{name} is listed as infrastructure but does not exist"
    found = [module for module, _ in _imports(path) if _domain_of(module)]
    assert found == []


def test_the_walk_finds_what_it_checks():
    names = {_name(p) for p in OPERATIONS_AND_MODELS}
    assert {"notices/operations", "qualification/operations", "audit/operations", "notices/models"} <= names


def test_a_violation_is_caught(tmp_path):
    bad = tmp_path / "operations.py"
    bad.write_text("def f():\n    from flask import url_for\n    from tender.notices import operations\n",
                   encoding="utf-8")
    imports = _imports(bad)
    assert ("flask", "url_for") in imports and _domain_of("tender.notices") == "notices"


@pytest.mark.parametrize("path", sorted(TENDER.rglob("views.py")), ids=_name)
def test_views_show_broken_rules_through_one_helper(path):
    """`forms_util.attempt` runs the operation and shows its error; views write no handler of their own."""
    assert "except DomainError" not in path.read_text(encoding="utf-8")


def test_every_domain_package_is_declared():
    """A new package under tender/ is either infrastructure or a domain, never neither."""
    packages = {p.parent.name for p in TENDER.glob("*/__init__.py")}
    infrastructure = {name.split("/")[0] for name in INFRASTRUCTURE if "/" in name}
    assert packages - infrastructure - DOMAINS <= {"demo"}
