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
    }
)


@dataclass(frozen=True)
class DocMetadata:
    """Properties of one file; empty strings when absent."""

    author: str = ""
    last_modified_by: str = ""
    company: str = ""
    template: str = ""
    application: str = ""
    creator: str = ""
    producer: str = ""
    created: str = ""
    modified: str = ""


@dataclass(frozen=True)
class SharedMetadata:
    """One property value found in files of several companies."""

    field: str
    value: str
    companies: tuple[str, ...]
    article: str = ARTICLE


def read_metadata(path: str | Path) -> DocMetadata:
    """Read .docx core/app properties or PDF document information into :class:`DocMetadata`.

    The parsing is extraction's (``scoring.extraction.metadata``); here only the fields are
    named as the collusion rules compare them (DOCX's Application is ``application``).
    """
    path = Path(path)
    if path.suffix.lower() == ".docx":
        with zipfile.ZipFile(path) as z:
            check_archive(z)
            meta = docx_metadata(z)
        return _doc_metadata(meta, application=meta.creator, creator="")
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            return _doc_metadata(pdf_metadata(pdf), application="", creator=None)
        finally:
            pdf.close()
    return DocMetadata()


def _doc_metadata(meta, application: str, creator: str | None) -> DocMetadata:
    return DocMetadata(
        author=meta.author,
        last_modified_by=meta.last_modified_by,
        company=meta.company,
        template=meta.template,
        application=application,
        creator=meta.creator if creator is None else creator,
        producer=meta.producer,
        created=meta.created.isoformat() if meta.created else "",
        modified=meta.modified.isoformat() if meta.modified else "",
    )


def _canon(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip().lower()


def shared_metadata(
    files: Mapping[str, Sequence[DocMetadata]],
    compared: Sequence[str] = COMPARED,
    generic: frozenset[str] = GENERIC,
) -> tuple[SharedMetadata, ...]:
    """Values of ``compared`` fields that occur in files of two or more companies.

    ``files`` maps a company to the metadata of its files; a company sharing a value
    with itself is normal and not reported.
    """
    known = {f.name for f in fields(DocMetadata)}
    if unknown := set(compared) - known:
        raise ValueError(f"unknown metadata fields: {sorted(unknown)}")
    found = []
    for field in compared:
        owners: dict[str, set[str]] = defaultdict(set)
        shown: dict[str, str] = {}
        for company, metas in files.items():
            for meta in metas:
                value = _canon(getattr(meta, field))
                if value not in generic:
                    owners[value].add(company)
                    shown.setdefault(value, getattr(meta, field).strip())
        found += [
            SharedMetadata(field, shown[v], tuple(sorted(c)))
            for v, c in sorted(owners.items())
            if len(c) >= 2
        ]
    return tuple(found)
