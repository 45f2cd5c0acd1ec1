"""A contract context in, a .docx (or PDF) out: no database, no request.

The project's template (`authoring.TEMPLATE_PATH`) or a staff template that passed
`templating.check_template` renders in the sandbox with autoescape and StrictUndefined.
PDFs come from LibreOffice through `scoring.extraction.office` (one profile per conversion,
the Chinese font aliases of fonts.conf), the converter bid extraction already uses.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError

from scoring.extraction.errors import ExtractionError
from scoring.extraction.office import convert
from tender.contracts.authoring import TEMPLATE_PATH
from tender.contracts.context import ContractContext
from tender.contracts.templating import environment, require_valid
from tender.errors import DomainError

PDF_TIMEOUT = 120  # seconds; a 40-page contract converts in about 1.5 s


def render_contract(context: ContractContext, template: bytes | None = None) -> bytes:
    """The contract as .docx bytes. A staff `template` is checked first and refused with its problems."""
    if template is not None:
        require_valid(template)
    return render_docx(io.BytesIO(template) if template is not None else TEMPLATE_PATH, context.as_dict())


def render_docx(source, context: dict, images: dict[str, tuple[bytes, float]] | None = None,
                what: str = "合同模板") -> bytes:
    """Any docxtpl template (a path or a stream) rendered in the sandbox with autoescape and StrictUndefined.

    `images` (name → PNG bytes, width in mm) become docxtpl InlineImages under `context["images"]`;
    `what` names the template in the Chinese messages.
    """
    doc = DocxTemplate(source)
    if images is not None:
        context = {**context, "images": {name: InlineImage(doc, io.BytesIO(data), width=Mm(width))
                                         for name, (data, width) in images.items()}}
    try:
        doc.render(context, jinja_env=environment(), autoescape=True)
    except SecurityError as e:
        raise DomainError(f"{what}试图访问程序内部，已拒绝生成。") from e
    except jinja2.UndefinedError as e:
        raise DomainError(f"{what}引用了不存在的字段：{e.message}") from e
    except jinja2.TemplateError as e:
        raise DomainError(f"{what}无法生成：{e}") from e
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_to_pdf(data: bytes, timeout: float = PDF_TIMEOUT, what: str = "合同") -> bytes:
    with tempfile.TemporaryDirectory(prefix="docx-pdf-") as tmp:
        source = Path(tmp) / "document.docx"
        source.write_bytes(data)
        work = Path(tmp) / "work"
        work.mkdir()
        try:
            return convert(source, "pdf", work, timeout).read_bytes()
        except ExtractionError as e:
            raise DomainError(f"{what} PDF 转换失败：" + (e.args[0] if e.args else "LibreOffice 未能生成 PDF。")) from e
