"""scoring/ must stay a pure engine: no web framework, ORM or app import anywhere in it."""

import ast
from pathlib import Path

import pytest

FORBIDDEN = {"flask", "sqlalchemy", "tender", "flask_sqlalchemy", "flask_login", "flask_wtf", "huey"}
ROOT = Path(__file__).resolve().parents[2] / "scoring"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(ROOT.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_framework_import(path):
    assert not (_imports(path) & FORBIDDEN)


def test_walk_finds_modules():
    assert len(list(ROOT.rglob("*.py"))) >= 5


def test_detects_forbidden_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from flask import Flask\nimport sqlalchemy.orm\n", encoding="utf-8")
    assert _imports(bad) & FORBIDDEN == {"flask", "sqlalchemy"}
