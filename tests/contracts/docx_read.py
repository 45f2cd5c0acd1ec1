"""Reading a rendered contract back with python-docx, as a reviewer would."""
from __future__ import annotations

import io

from docx import Document


def reopen(data: bytes):
    return Document(io.BytesIO(data))


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in reopen(data).paragraphs]


def annex_rows(data: bytes, heading: str = "附件五") -> list[list[str]]:
    """The rows of the first table after the paragraph starting with `heading` (header row left out)."""
    doc = reopen(data)
    seen = False
    for block in doc.iter_inner_content():
        if hasattr(block, "text") and block.text.startswith(heading):
            seen = True
        elif seen and hasattr(block, "rows"):
            return [[c.text for c in row.cells] for row in block.rows][1:]
    raise AssertionError(f"no table after {heading}")
