"""Text clean-up shared by every source: NULs, line ends, Kangxi radicals, OCR spacing, wraps, running lines.

Each step answers a measured pitfall (engineering notes §3.5, §3.15): PDF text can carry
NULs that PostgreSQL rejects; some exported PDFs use Kangxi radicals (``⾏`` U+2F8F)
where the text means the ordinary character (``行``), and only that block is mapped, since
full NFKC would also turn ``，（：１`` into ASCII; tesseract puts a space between Han
characters; a PDF wraps a sentence across lines; every page repeats a header and a page
number that would split each passage crossing a page.
"""

import re
import unicodedata
from collections import Counter

from scoring.extraction.headings import is_structure_line

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{_HAN}]")
# A Han character or full-width punctuation on both sides of horizontal spaces (OCR output).
_CJK = f"{_HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_HAN_SPACES = re.compile(f"(?<=[{_CJK}])[ \t\u3000]+(?=[{_CJK}])")
_PAGE_NO = re.compile(
    r"^\s*(第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|[-—]?\s*\d{1,4}\s*[-—]?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_KANGXI = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)}


def clean_text(text: str) -> str:
    """NULs removed, CR LF and CR turned into LF, Kangxi radicals mapped to the characters they stand for."""
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").translate(_KANGXI)


def remove_han_spaces(text: str) -> str:
    """Drop spaces OCR puts between two Han characters (or full-width punctuation); keep them elsewhere."""
    return _HAN_SPACES.sub("", text)


def join_wrapped_lines(page: str) -> str:
    """Join a line break between two Han characters unless either line is a heading/TOC line."""
    out: list[str] = []
    for line in page.split("\n"):
        if out:
            prev = out[-1].rstrip(" \t")
            nxt = line.lstrip(" \t")
            if (
                prev
                and nxt
                and _HAN_RE.match(prev[-1])
                and _HAN_RE.match(nxt[0])
                and not is_structure_line(prev.rsplit("\n", 1)[-1])
                and not is_structure_line(nxt)
            ):
                out[-1] = prev + nxt
                continue
        out.append(line)
    return "\n".join(out)


def drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers/footers and page-number lines.

    A running line is the same first or last non-blank line on more than half of at least
    three pages; a page-number line is ``第 3 页 共 9 页``, ``- 3 -`` or ``3/9`` alone.
    """
    split = [p.split("\n") for p in pages]
    edges = Counter()
    for lines in split:
        content = [line.strip() for line in lines if line.strip()]
        edges.update({content[0], content[-1]} if content else set())
    running = {line for line, n in edges.items() if len(pages) >= 3 and n > len(pages) / 2}
    return [
        "\n".join(line for line in lines if line.strip() not in running and not _PAGE_NO.match(line))
        for lines in split
    ]
