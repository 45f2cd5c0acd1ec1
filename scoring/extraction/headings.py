"""Section headings and table-of-contents lines, recognised the same way by extraction and by copy detection.

Extraction needs them to keep a heading on its own line when a PDF wraps text; copy
detection reports passages made only of them as ``structure`` rather than copied prose.
"""

import re

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
