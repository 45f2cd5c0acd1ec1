"""Subtraction reasons are grouped by their stored kind; only the legacy fallback reads a label.

The engine hands every subtracted span its `SubtractionKind` beside the Chinese label, the
stored report keeps both, and the reader groups by the kind. Reports stored before that carry
only the label: `reader.legacy_kind` is the one function allowed to read a label for its kind.
This test fails when code in `tender/`, `scoring/` or `benchmarks/` tests a string against a
reason label (a label word as a literal, or a kind's `.label`) anywhere else, or a template
compares against one.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from scoring.similarity import SubtractionKind

ROOT = Path(__file__).resolve().parents[2]
LABEL_WORDS = tuple(kind.label for kind in SubtractionKind) + ("家公司共有",)
STRING_TESTS = {"startswith", "endswith", "removeprefix", "removesuffix", "find", "index", "partition", "split"}
ALLOWED = {("tender/similarity/reader.py", "legacy_kind")}


def _mentions_label(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and any(w in sub.value for w in LABEL_WORDS):
            return True
        if isinstance(sub, ast.Attribute) and sub.attr == "label":
            return True
    return False


def _label_tests(tree: ast.AST, name: str = "<module>"):
    """(innermost function name, line) of every string test whose operand names a reason label."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _label_tests(node, node.name)
            continue
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in STRING_TESTS and any(_mentions_label(a) for a in node.args)):
            yield name, node.lineno
        if (isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
                and _mentions_label(node.left)):
            yield name, node.lineno
        yield from _label_tests(node, name)


def _offenders() -> set[tuple[str, str, int]]:
    found = set()
    for folder in ("tender", "scoring", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            for name, line in _label_tests(ast.parse(path.read_text(encoding="utf-8"))):
                found.add((rel, name, line))
    return found


def test_only_the_legacy_fallback_reads_labels():
    offenders = {(rel, name, line) for rel, name, line in _offenders() if (rel, name) not in ALLOWED}
    assert offenders == set()


def test_the_detector_sees_the_legacy_fallback():
    """The allowed function is found by the same walk, so a parse elsewhere cannot slip past it."""
    assert {(rel, name) for rel, name, _ in _offenders()} >= ALLOWED


def test_the_detector_catches_a_label_parse():
    tree = ast.parse("def f(s):\n    return s['reason'].startswith('法规标准') or '家公司共有' in s['reason']\n")
    assert [name for name, _ in _label_tests(tree)] == ["f", "f"]
    tree = ast.parse("def g(s, k):\n    return s.endswith(k.label)\n")
    assert [name for name, _ in _label_tests(tree)] == ["g"]


def test_templates_do_not_compare_against_reason_labels():
    quoted = re.compile(r"""['"]([^'"]*)['"]""")
    tags = re.compile(r"{[{%].*?[%}]}", re.S)
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        for tag in tags.findall(path.read_text(encoding="utf-8")):
            found += [(path.name, s) for s in quoted.findall(tag) if any(w in s for w in LABEL_WORDS)]
    assert found == []
