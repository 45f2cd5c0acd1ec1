"""Document properties: who wrote the file, with what, and when (kept for collusion checks, 第四十条（一）).

PDF: PDFium's information dictionary (``get_metadata_dict``), dates in the PDF form
``D:YYYYMMDDHHmmSS+08'00'``. DOCX: ``docProps/core.xml`` and ``docProps/app.xml`` read
directly with a size cap (python-docx would parse the whole body just to get them).
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from xml.etree import ElementTree

from scoring.extraction.archive import read_capped
from scoring.extraction.document import Metadata

_SMALL_PART = 4 * 1024 * 1024
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{0,2}'?)?")
_CORE = {
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy": "last_modified_by",
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/terms/}created": "created",
    "{http://purl.org/dc/terms/}modified": "modified",
}
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_APP_FIELDS = {f"{_APP}Application": "creator", f"{_APP}Company": "company", f"{_APP}Template": "template"}


def parse_pdf_date(value: str) -> datetime | None:
    """``D:20261202101500+08'00'`` -> an aware datetime; a date without zone stays naive; junk -> None."""
    match = _PDF_DATE.match(value.strip())
    if not match:
        return None
    parts = [int(g) if g else d for g, d in zip(match.groups()[:6], (0, 1, 1, 0, 0, 0), strict=True)]
    zone = match.group(7)
    try:
        moment = datetime(*parts)
    except ValueError:
        return None
    if not zone:
        return moment
    if zone == "Z":
        return moment.replace(tzinfo=UTC)
    digits = zone[1:].replace("'", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return moment.replace(tzinfo=timezone(offset if zone[0] == "+" else -offset))


def pdf_metadata(pdf) -> Metadata:
    """Metadata of an open ``pypdfium2.PdfDocument``."""
    info = pdf.get_metadata_dict(skip_empty=True)
    return Metadata(
        author=info.get("Author", "").strip(),
        creator=info.get("Creator", "").strip(),
        producer=info.get("Producer", "").strip(),
        title=info.get("Title", "").strip(),
        created=parse_pdf_date(info.get("CreationDate", "")),
        modified=parse_pdf_date(info.get("ModDate", "")),
    )


def _w3c_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def docx_metadata(archive: zipfile.ZipFile) -> Metadata:
    """Metadata of a checked .docx archive; missing or broken property parts give empty fields."""
    found: dict[str, object] = {}
    for part, names in (("docProps/core.xml", _CORE), ("docProps/app.xml", _APP_FIELDS)):
        try:
            root = ElementTree.fromstring(read_capped(archive, part, _SMALL_PART))
        except (KeyError, ElementTree.ParseError):
            continue
        for child in root:
            if child.tag in names and child.text and child.text.strip():
                found[names[child.tag]] = child.text.strip()
    for key in ("created", "modified"):
        if key in found:
            found[key] = _w3c_date(found[key])
    return Metadata(**found)
