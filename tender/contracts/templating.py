"""Contract templates: the Jinja environment they render in, and the check a staff-uploaded .docx passes first.

Rendering happens in jinja2's `SandboxedEnvironment` with `StrictUndefined` and autoescape
(engineering notes §3.7: without autoescape `&` and `<` in a company name silently vanish
from the XML; without StrictUndefined a misspelt field renders as nothing). The check reads
every tag of the body, headers and footers before use and reports, in Chinese with the
paragraph it sits in:

- Jinja syntax errors;
- fields the contract context does not have (`context.field_schema`), attributes included;
- anything reaching for Python internals: names or attributes starting with ``_``
  (``''.__class__``, ``c.__init__``), which the sandbox would refuse at render time anyway;
- ways around the escaping (`|safe`, `{% autoescape false %}`), which would let a value's
  ``<`` or ``&`` break the document's XML.
"""
from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import jinja2
from docx import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment

from tender.contracts.context import field_schema
from tender.errors import DomainError

ALLOWED_FILTERS = {"length", "default", "join", "upper", "lower", "trim", "string", "int", "round", "replace",
                   "first", "last", "sum", "count", "format"}
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
GLOBAL_NAMES = {"loop", "range", "true", "false", "none", "True", "False", "None"}


class _Sandbox(SandboxedEnvironment):
    """The sandbox, keeping compiled parts by their source: the same template compiles once per process.

    docxtpl compiles each part's XML with `from_string`, which Jinja never caches; compiling is a
    third of a contract's rendering time. A compiled template depends only on its source and this
    environment's settings, never on the data, so reuse is safe; the cache is bounded.
    """

    CACHED = 32

    def __init__(self):
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True)
        self._compiled: OrderedDict[str, jinja2.Template] = OrderedDict()
        self._lock = threading.Lock()

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002 - Jinja's own signature
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        with self._lock:
            if source in self._compiled:
                self._compiled.move_to_end(source)
                return self._compiled[source]
        template = super().from_string(source)
        with self._lock:
            self._compiled[source] = template
            while len(self._compiled) > self.CACHED:
                self._compiled.popitem(last=False)
        return template


_ENVIRONMENT = _Sandbox()


def environment() -> SandboxedEnvironment:
    """The one sandbox contracts render in (autoescape, StrictUndefined)."""
    return _ENVIRONMENT


@dataclass(frozen=True)
class Problem:
    part: str  # 正文, 页眉, 页脚
    paragraph: int  # 1-based, counted as docxtpl sees the part (one per <w:p>)
    excerpt: str  # the paragraph's text, shortened
    message: str

    def __str__(self) -> str:
        where = self.part if self.part.startswith("文档属性") else f"{self.part}第 {self.paragraph} 段"
        where += f"（“{self.excerpt}”）" if self.excerpt else ""
        return f"{where}：{self.message}"


class TemplateRejected(DomainError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("合同模板有误，未被采用：" + "；".join(map(str, problems)))


def template_parts(data: bytes) -> list[tuple[str, str]]:
    """(part name, the source docxtpl renders) for the body, headers, footers, footnotes and document properties."""
    try:
        tpl = DocxTemplate(io.BytesIO(data))
        doc = Document(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - any unreadable upload gets the same answer
        raise DomainError("无法读取该 Word 文件，请上传 .docx 格式的合同模板。") from e
    parts = [("正文", tpl.patch_xml(tpl.xml_to_string(doc._element.body)))]
    for uri, name in ((tpl.HEADER_URI, "页眉"), (tpl.FOOTER_URI, "页脚")):
        for rel in doc.part.rels.values():
            if rel.reltype == uri and rel.target_part.blob:
                parts.append((name, tpl.patch_xml(tpl.xml_to_string(parse_xml(rel.target_part.blob)))))
    for part in doc.part.package.parts:
        if part.content_type == FOOTNOTES:
            parts.append(("脚注", tpl.patch_xml(part.blob.decode("utf-8"))))
    for prop in PROPERTIES:  # docxtpl renders these core properties as templates too
        value = getattr(doc.core_properties, prop) or ""
        if "{" in value:
            parts.append((f"文档属性“{prop}”", "\n" + value))
    return parts


def _as_rendered(xml: str) -> str:
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)  # what docxtpl hands Jinja: one paragraph per line


def _paragraph(lineno: int | None) -> int:
    """Line 1 is the part's opening tag; each later line starts one <w:p> (table cells' included)."""
    return max((lineno or 1) - 1, 1)


def _excerpt(lines: list[str], lineno: int | None) -> str:
    if not lineno or lineno > len(lines):
        return ""
    text = re.sub(r"<[^>]+>", "", lines[lineno - 1]).strip()
    return text[:40] + ("…" if len(text) > 40 else "")


def check_template(data: bytes) -> list[Problem]:
    """Every problem of a .docx contract template; an empty list means it may be used."""
    env, schema, problems = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True), field_schema(), []
    for part, xml in template_parts(data):
        source = _as_rendered(xml)
        lines = source.split("\n")
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as e:
            message = f"模板语法错误：{e.message}"
            problems.append(Problem(part, _paragraph(e.lineno), _excerpt(lines, e.lineno), message))
            continue
        for lineno, message in _Checker(schema).check(tree):
            problems.append(Problem(part, _paragraph(lineno), _excerpt(lines, lineno), message))
    return problems


def require_valid(data: bytes) -> None:
    problems = check_template(data)
    if problems:
        raise TemplateRejected(problems)


class _Checker:
    """Walks a parsed template with the fields in scope: the context's, plus loop and `set` names."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.found: list[tuple[int, str]] = []

    def check(self, tree: nodes.Template) -> list[tuple[int, str]]:
        self._visit(tree, dict(self.schema))
        return self.found

    def _refuse(self, node: nodes.Node, message: str) -> None:
        self.found.append((node.lineno, message))

    def _visit(self, node: nodes.Node, scope: dict) -> None:
        if isinstance(node, nodes.For):
            self._visit(node.iter, scope)
            inner = dict(scope)
            item = self._shape(node.iter, scope)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [
                    node.target]:
                inner[target.name] = item[0] if isinstance(item, list) and item else None
            inner["loop"] = None
            for child in (*node.body, *node.else_):
                self._visit(child, inner)
            if node.test is not None:
                self._visit(node.test, inner)
            return
        if isinstance(node, nodes.Assign):
            self._visit(node.node, scope)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [
                    node.target]:
                scope[target.name] = None
            return
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name.startswith("_"):
                self._refuse(node, f"不允许访问内部名称“{node.name}”。")
            elif node.name not in scope and node.name not in GLOBAL_NAMES:
                self._refuse(node, f"未知字段“{node.name}”。")
            return
        if isinstance(node, nodes.Getattr | nodes.Getitem):
            name = node.attr if isinstance(node, nodes.Getattr) else (
                node.arg.value if isinstance(node.arg, nodes.Const) else None)
            if isinstance(name, str) and name.startswith("_"):
                self._refuse(node, f"不允许访问内部属性“{name}”（模板不得触及程序内部）。")
                return
            shape = self._shape(node.node, scope)
            if isinstance(shape, dict) and isinstance(name, str) and name not in shape:
                self._refuse(node, f"未知字段“{_path(node)}”。")
            self._visit(node.node, scope)
            return
        if isinstance(node, nodes.Filter | nodes.Test) and node.name == "safe":
            self._refuse(node, "不允许使用 safe 过滤器（会绕过转义，使 & < 等字符破坏文档）。")
        elif isinstance(node, nodes.Filter) and node.name not in ALLOWED_FILTERS:
            self._refuse(node, f"不支持的过滤器“{node.name}”。")
        if isinstance(node, nodes.EvalContextModifier | nodes.ScopedEvalContextModifier):
            self._refuse(node, "不允许关闭自动转义。")
        if isinstance(node, nodes.Macro | nodes.CallBlock | nodes.Import | nodes.FromImport | nodes.Include
                      | nodes.Extends):
            self._refuse(node, "合同模板不支持宏、导入或包含其他模板。")
            return
        for child in node.iter_child_nodes():
            self._visit(child, scope)

    def _shape(self, node: nodes.Node, scope: dict):
        """The schema of what an expression names, None when unknown or a plain value."""
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            parent = self._shape(node.node, scope)
            return parent.get(node.attr) if isinstance(parent, dict) else None
        return None


def _path(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_path(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_path(node.node)}[{node.arg.value!r}]"
    return "…"
