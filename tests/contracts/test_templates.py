"""Staff .docx templates: checked before use (unknown fields, syntax errors, Python internals), sandboxed."""
from __future__ import annotations

import io

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError

from tender.contracts.render import render_contract
from tender.contracts.templating import TemplateRejected, check_template, environment
from tender.errors import DomainError
from tests.contracts.docx_read import paragraphs
from tests.contracts.sample import HOSTILE_NAME, sample_context


def docx(*lines: str, footer: str = "") -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    if footer:
        doc.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def messages(data: bytes) -> list[str]:
    return [str(p) for p in check_template(data)]


def test_a_good_staff_template_renders_with_loops_and_nested_fields():
    data = docx("合同 {{ reference }}：乙方 {{ winner.name }}", "{% for c in commitments %}{{ c.indicator }}"
                "{{ c.target }}；{% endfor %}", "共 {{ commitments | length }} 项", footer="{{ tenderer.name }}")
    assert check_template(data) == []
    out = paragraphs(render_contract(sample_context(winner=HOSTILE_NAME, commitments=2), data))
    assert out[:3] == [f"合同 HT-2026-001：乙方 {HOSTILE_NAME}", "指标1号≥ 81%；指标2号≥ 82%；", "共 2 项"]


def test_an_unknown_field_is_reported_with_its_paragraph():
    data = docx("第一段没有字段", "甲方：{{ tenderer.name }}", "乙方：{{ winer.name }}")
    assert messages(data) == ["正文第 3 段（“乙方：{{ winer.name }}”）：未知字段“winer”。"]


def test_an_unknown_attribute_and_an_unknown_loop_field_are_reported():
    data = docx("{{ winner.nmae }}", "{% for c in commitments %}{{ c.penalty }}{% endfor %}")
    assert [p.message for p in check_template(data)] == ["未知字段“winner.nmae”。", "未知字段“c.penalty”。"]


def test_a_syntax_error_is_reported_with_its_paragraph():
    data = docx("正文", "{% for c in commitments %}{{ c.indicator }}", "没有 endfor")
    problems = check_template(data)
    assert len(problems) == 1 and problems[0].message.startswith("模板语法错误：")
    data = docx("一", "乙方：{{ winner.name }", "三")
    (problem,) = check_template(data)
    assert problem.paragraph == 2 and "winner.name" in problem.excerpt and "模板语法错误" in str(problem)


@pytest.mark.parametrize("tag", ["{{ ''.__class__ }}", "{{ winner.__class__.__mro__ }}", "{{ _private }}",
                                 "{{ winner['__dict__'] }}", "{% for x in fees %}{{ x.__init__ }}{% endfor %}"])
def test_template_code_reaching_python_internals_is_refused(tag):
    data = docx("合同", tag)
    problems = check_template(data)
    assert problems and all("内部" in p.message for p in problems), problems
    with pytest.raises(TemplateRejected) as refused:
        render_contract(sample_context(), data)
    assert "合同模板有误，未被采用" in refused.value.message and "正文第 2 段" in refused.value.message


def test_a_tag_split_across_runs_and_tags_in_the_document_properties_are_checked():
    doc = Document()
    p = doc.add_paragraph("乙方：")
    for piece in ("{{ win", "ner.nm", "ae }}"):  # as Word saves a tag typed in several goes
        p.add_run(piece)
    doc.core_properties.title = "{{ ''.__class__ }}"
    out = io.BytesIO()
    doc.save(out)
    assert [str(x) for x in check_template(out.getvalue())] == [
        "正文第 1 段（“乙方：{{ winner.nmae }}”）：未知字段“winner.nmae”。",
        "文档属性“title”（“{{ ''.__class__ }}”）：不允许访问内部属性“__class__”（模板不得触及程序内部）。"]


def test_ways_around_the_escaping_are_refused():
    assert "safe" in messages(docx("{{ winner.name | safe }}"))[0]
    assert "自动转义" in messages(docx("{% autoescape false %}{{ winner.name }}{% endautoescape %}"))[0]


def test_the_sandbox_refuses_internals_even_without_the_check():
    """Defence in depth: a template that skipped `check_template` still cannot reach Python's objects."""
    tpl = DocxTemplate(io.BytesIO(docx("{{ ''.__class__.__mro__[1].__subclasses__() }}")))
    with pytest.raises(SecurityError):
        tpl.render(sample_context().as_dict(), jinja_env=environment(), autoescape=True)


def test_a_file_that_is_not_a_docx_is_refused_in_chinese():
    with pytest.raises(DomainError, match="无法读取该 Word 文件"):
        check_template(b"not a zip at all")
