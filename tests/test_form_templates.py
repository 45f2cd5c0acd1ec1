"""Templates render form fields only through the shared macros in templates/_macros/forms.html (issue 9, scope 8).

A page arranges its layout and calls `render`, `render_field`, `compact_field`, `checkboxes`,
`post_button` or the `free_*` macros; it never writes an <input>, <select> or <textarea>,
never calls a WTForms field or its label itself, and never imports Bootstrap-Flask's form macros
past the shared file. So a field looks, validates and reports errors the same way on every page.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SHARED = TEMPLATES / "_macros" / "forms.html"

# A named control is posted, so it is a form field; one without a name is a script's control (the chunked
# upload's file picker, the receipt check, the reader's "jump to passage" box) and may stand in a page.
HAND_WRITTEN = re.compile(r"<\s*(input|select|textarea)\b(?=[^>]*\bname\s*=)[^>]*>", re.IGNORECASE)
# `form.field(...)`, `some_form.field.label(...)`: a WTForms field rendered by the page itself.
FIELD_CALL = re.compile(r"\b\w*form\.(?!csrf_token\b|hidden_tag\b)\w+(?:\.label)?\s*\(")
BOOTSTRAP_FORMS = re.compile(r"['\"]bootstrap\d?/form\.html['\"]")
LOOP_OVER_FIELD = re.compile(r"\{%-?\s*for\s+(\w+)\s+in\s+\w*form\.\w+\s*-?%\}")


def problems(text: str) -> list[str]:
    found = [f"writes <{m.group(1)}>" for m in HAND_WRITTEN.finditer(text)]
    found += [f"calls {m.group(0)}…" for m in FIELD_CALL.finditer(text)]
    found += ["imports Bootstrap-Flask's form macros" for _ in BOOTSTRAP_FORMS.finditer(text)]
    for loop in LOOP_OVER_FIELD.finditer(text):  # `{% for choice in form.officers %}{{ choice(...) }}`
        name = re.escape(loop.group(1))
        found += [f"calls {m.group(0)}…" for m in re.finditer(rf"\b{name}(?:\.label)?\s*\(", text)]
    return found


def _pages() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*.html") if p != SHARED)


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_page_renders_a_form_field_by_hand(page):
    found = problems(page.read_text(encoding="utf-8"))
    assert found == [], f"{page.relative_to(TEMPLATES)}: use the macros of templates/_macros/forms.html"


def test_the_walk_finds_the_forms_it_checks():
    pages = {str(p.relative_to(TEMPLATES)) for p in _pages()}
    assert {"base.html", "opening/_record.html", "methods/edit.html", "notices/show.html"} <= pages
    assert HAND_WRITTEN.search(SHARED.read_text(encoding="utf-8"))  # the shared file is where they live


@pytest.mark.parametrize("snippet", [
    '<input name="answer" class="form-control">',
    "<textarea name='text'></textarea>",
    "<SELECT name=x>",
    '<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">',
    "{{ form.seq(class='form-control') }}",
    "{{ publish_form.threshold.label(class_='form-label') }}",
    "{% for choice in publish_form.officers %}{{ choice(class_='form-check-input') }}{% endfor %}",
    "{% from 'bootstrap5/form.html' import render_field %}",
])
def test_a_hand_written_field_is_caught(snippet):
    assert problems(snippet)


@pytest.mark.parametrize("snippet", [
    "{{ render_field(form.title) }}",
    "{{ form.csrf_token }}{{ form.version }}",
    "{{ form.submit.label.text }}",
    "{{ post_button(url_for('auth.logout'), '退出') }}",
    "{{ free_input('answer', maxlength=1000) }}",
    '<input type="file" class="form-control form-control-sm" id="verify-file">',
])
def test_the_shared_macros_pass(snippet):
    assert problems(snippet) == []
