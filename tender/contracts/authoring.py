"""Writes the checked-in contract template from `text.CONTRACT`: `python -m tender.contracts.authoring`.

The template is generated, not hand-edited, so the text in `text.py` is the one source and the
.docx can be rebuilt byte for byte in content (tests compare a fresh build with the file).
"""
from __future__ import annotations

import sys
from pathlib import Path

from tender.contracts.blocks import PlainWriter, TemplateWriter
from tender.contracts.text import CONTRACT

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "docx" / "contract.docx"


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    writer = TemplateWriter()
    writer.write(CONTRACT)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.doc.core_properties.title = "前期物业服务合同"
    writer.doc.core_properties.author = "物业招投标平台"
    writer.doc.save(path)
    return path


def build_plain(context: dict):
    """The same contract written directly with python-docx (the benchmark's peer); returns the Document."""
    writer = PlainWriter(context)
    writer.write(CONTRACT)
    return writer.doc


if __name__ == "__main__":
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH))
