"""Shared document metadata between files of different companies (第四十条(一)).

Files "编制 by the same unit or person" betray it in their properties: the same author,
last-modified-by, company or template in bids of different bidders. Generic values that
every default installation writes (Administrator, Normal.dotm) are ignored.
"""

import re
import zipfile
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from scoring.extraction.archive import check_archive
from scoring.extraction.document import Metadata
from scoring.extraction.metadata import docx_metadata, pdf_metadata

ARTICLE = "第四十条（一）"
COMPARED = ("author", "last_modified_by", "company", "template")
GENERIC = frozenset(
    {
        "",
        "administrator",
        "admin",
        "user",
        "users",
        "微软用户",
        "microsoft",
        "owner",
        "lenovo",
        "dell",
        "hp",
        "normal",
        "normal.dotm",
        "normal.dot",
        "normal.wpt",
        "chinese orthodox company",
        "微软中国",
        "china",
        "microsoft office user",
        "microsoft china",
        "windows user",
        "windows 用户",
        "wps",
        "wps office",
        "kingsoft",
        "金山办公",
        "pc",
        "sky",
        "mycomputer",
        "unknown",
        "未知",
        "作者",
        "lenovo user",
        "thinkpad",
        "hewlett-packard",
        "blank.dotx",
        "空白文档",
    }
)
# Values that name a piece of software or a stock install rather than a person or a firm.
GENERIC_PATTERN = re.compile(
    r"^(microsoft|wps|kingsoft|libreoffice|openoffice|adobe|foxit|福昕|金山|python-docx|docx4j|apache poi"
    r"|user\d*|admin\d*|administrator\d*)(?![a-z0-9])",
    re.I,
)


@dataclass(frozen=True)
class SharedMetadata:
    """One property value found in files of several companies."""

    field: str
    value: str
    companies: tuple[str, ...]
    article: str = ARTICLE


def read_metadata(path: str | Path) -> Metadata:
    """Read .docx core/app properties or PDF document information; empty :class:`Metadata` otherwise.

    The parsing and the fields are extraction's (``scoring.extraction.metadata``), so a bid
    already extracted need not be read again: its ``ExtractedDocument.metadata`` is the same value.
    """
    path = Path(path)
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as z:
            check_archive(z)
            return docx_metadata(z)
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            return pdf_metadata(pdf)
        finally:
            pdf.close()
    return Metadata()


_TEXT_FIELDS = frozenset(f.name for f in fields(Metadata) if f.type == "str")  # the times are not compared


def _canon(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


def shared_metadata(
    files: Mapping[str, Sequence[Metadata]],
    compared: Sequence[str] = COMPARED,
    generic: frozenset[str] = GENERIC,
) -> tuple[SharedMetadata, ...]:
    """Values of ``compared`` fields that occur in files of two or more companies.

    ``files`` maps a company to the metadata of its files; a company sharing a value
    with itself is normal and not reported.
    """
    if unknown := set(compared) - _TEXT_FIELDS:
        raise ValueError(f"unknown metadata fields: {sorted(unknown)}")
    found = []
    for field in compared:
        owners: dict[str, set[str]] = defaultdict(set)
        shown: dict[str, str] = {}
        for company, metas in files.items():
            for meta in metas:
                value = _canon(getattr(meta, field))
                if value not in generic and not GENERIC_PATTERN.match(value):
                    owners[value].add(company)
                    shown.setdefault(value, getattr(meta, field).strip())
        found += [
            SharedMetadata(field, shown[v], tuple(sorted(c)))
            for v, c in sorted(owners.items())
            if len(c) >= 2
        ]
    return tuple(found)
