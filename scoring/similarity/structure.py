"""Recognise structure lines: section headings and table-of-contents entries.

Bids answering one tender share its chapter headings ("第一章 服务方案", "一、客服管理")
and often a table of contents with dot leaders and page numbers. Identical headings are
not copied content, so passages made only of such lines are reported as ``structure``
and left out of the score.
"""

import re

import numpy as np

_NUM = "一二三四五六七八九十百零〇两0-9０-９"
_HEADING = re.compile(
    rf"^\s*(第[{_NUM}]+[章节篇部分条卷]|[{_NUM}]+\s*[、.．]|[（(][{_NUM}]+[)）]|"
    rf"[0-9０-９]+(\.[0-9０-９]+)+|附件|附录|目\s*录)"
)
_TOC = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{4,}|_{4,}|\s{3,})\s*[0-9０-９ivxIVX]+\s*$")
MAX_HEADING_CHARS = 40


def is_structure_line(line: str) -> bool:
    """True for a short heading line or a TOC entry (dot leaders then a page number)."""
    stripped = line.strip()
    if not stripped:
        return False
    if _TOC.search(stripped):
        return True
    return len(stripped) <= MAX_HEADING_CHARS and _HEADING.match(stripped) is not None


def structure_mask(text: str) -> np.ndarray:
    """Boolean per original character: True on structure lines (and on line breaks)."""
    mask = np.zeros(len(text), dtype=bool)
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        if is_structure_line(line):
            mask[pos:end] = True
        pos = end
    return mask
