"""One argument order for operations: `verb_noun(obj, actor, ...)`, or `verb_noun(actor, ...)` when creating.

An operation here is a public module-level function under `tender/` with a parameter named
`actor` (views, forms and queries are left out: there `actor` is the request's user or a
filter). The rule, checked on the source:

- `actor` is a positional parameter, and it is either
  - the second, after the object the operation acts on, whose annotation names a model
    class (`publish_tender(tender: Tender, actor: User, ...)`); or
  - the first, for an operation that creates something from values: then no positional
    parameter after it is annotated with a model class (such a parameter is the object
    and comes first: `add_document(tender, actor, ...)`, not `add_document(actor, tender, ...)`);
- every other positional parameter is annotated, so the second case can be told apart.

Exceptions stand in one list, each with its reason; an exception that no longer breaks the
rule must leave the list.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = {"views.py", "forms.py", "queries.py"}

EXCEPTIONS = {
    "tender/audit/operations.py::record":
        "writes the entry that describes another operation, read as who / did what / to which; the object may "
        "be absent (deleted rows pass object_type and object_id) so it cannot lead, and its type is any model",
    "tender/similarity/operations.py::request_comparison":
        "creates a Comparison of two documents of equal standing; neither is the object it changes, and "
        "putting one first would make the pair look ordered",
}


def _model_names() -> frozenset[str]:
    import tender.models  # noqa: F401 - registers every mapped class
    from tender.extensions import db

    return frozenset(mapper.class_.__name__ for mapper in db.Model.registry.mappers)


MODELS = _model_names()


def _names_in(annotation: ast.expr | None) -> set[str]:
    if annotation is None:
        return set()
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        annotation = ast.parse(annotation.value, mode="eval").body
    return {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)}


def _is_model(annotation: ast.expr | None) -> bool:
    return bool(_names_in(annotation) & MODELS)


def problem(fn: ast.FunctionDef) -> str | None:
    """Why `fn` breaks the rule, or None."""
    positional = fn.args.posonlyargs + fn.args.args
    names = [a.arg for a in positional]
    if "actor" not in names:
        return "actor must be a positional parameter"
    at = names.index("actor")
    unannotated = [a.arg for a in positional if a.arg != "actor" and a.annotation is None]
    if unannotated:
        return f"annotate {', '.join(unannotated)} so the object can be told from values"
    if at == 0:
        objects = [a.arg for a in positional[1:] if _is_model(a.annotation)]
        return f"{', '.join(objects)} is an object: put it before actor" if objects else None
    if at == 1:
        return None if _is_model(positional[0].annotation) else f"{names[0]} before actor must be a model object"
    return "actor must come first (creating) or right after the object"


def operations(root: Path = ROOT) -> dict[str, ast.FunctionDef]:
    found = {}
    for path in sorted((root / "tender").rglob("*.py")):
        if path.name in LEFT_OUT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if (isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                    and "actor" in {a.arg for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]}):
                found[f"{path.relative_to(root).as_posix()}::{node.name}"] = node
    return found


OPERATIONS = operations()


@pytest.mark.parametrize("name", sorted(set(OPERATIONS) - set(EXCEPTIONS)))
def test_actor_comes_right_after_the_object(name):
    assert problem(OPERATIONS[name]) is None


@pytest.mark.parametrize("name", sorted(EXCEPTIONS))
def test_each_exception_still_exists_and_still_needs_its_place(name):
    assert name in OPERATIONS, "the function is gone: remove it from EXCEPTIONS"
    assert problem(OPERATIONS[name]) is not None, "it follows the rule now: remove it from EXCEPTIONS"


def test_the_walk_finds_the_operations_it_checks():
    assert {"tender/notices/operations.py::publish_tender", "tender/notices/lifecycle.py::move",
            "tender/qualification/operations.py::review_answer", "tender/bidders/findings.py::decide_finding",
            "tender/notices/operations.py::create_tender"} <= set(OPERATIONS)
    assert "Tender" in MODELS and "User" in MODELS


@pytest.mark.parametrize(("source", "wrong"), [
    ("def publish(actor: User, tender: Tender): ...", True),
    ("def move(tender: Tender, action: str, actor: User): ...", True),
    ("def remove(actor, doc: 'SimilarityDocument'): ...", True),
    ("def remove(doc, actor): ...", True),
    ("def close(tender: Tender, *, actor: User): ...", True),
    ("def note(text: str, actor: User): ...", True),
    ("def publish(tender: Tender, actor: User, now: datetime | None = None): ...", False),
    ("def create(actor: User, *, title: str, tender: Tender): ...", False),
    ("def start(actor, kind: str, *args, subject=None): ...", False),
    ("def review(answer: 'QualificationAnswer', actor: User | None, decision: str): ...", False),
])
def test_the_rule_tells_right_from_wrong(source, wrong):
    fn = ast.parse(source).body[0]
    assert (problem(fn) is not None) is wrong
