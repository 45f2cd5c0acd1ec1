"""Hand-built .docx and zip files for the hostile corpus, byte-for-byte the same on every run.

Entries carry a fixed timestamp so the corpus is deterministic; the bomb is written
streaming, so generating a >1 GB `document.xml` never holds it in memory.
"""
from __future__ import annotations

import io
import struct
import warnings
import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
DOC_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
DOC_TAIL = "</w:body></w:document>"


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(paragraphs: list[str]) -> str:
    return DOC_HEAD + "".join(paragraph(p) for p in paragraphs) + DOC_TAIL


def make_zip(entries: list[tuple[str, bytes | str]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are one of the hostile cases
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def docx_parts(body: bytes | str) -> list[tuple[str, bytes | str]]:
    return [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", body)]


def make_docx(paragraphs: list[str]) -> bytes:
    return make_zip(docx_parts(document_xml(paragraphs)))


def write_bomb_docx(path: Path, expanded_bytes: int) -> None:
    """A valid-looking .docx whose document.xml expands to `expanded_bytes` (one paragraph repeated)."""
    chunk = (paragraph("物业服务方案" * 8) * 4096).encode()
    with zipfile.ZipFile(path, "w", compresslevel=1) as archive:
        for name, data in docx_parts("")[:2]:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
        info = zipfile.ZipInfo("word/document.xml", FIXED_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as out:
            out.write(DOC_HEAD.encode())
            written = 0
            while written < expanded_bytes:
                out.write(chunk)
                written += len(chunk)
            out.write(DOC_TAIL.encode())


def lie_about_sizes(data: bytes, name: bytes = b"word/document.xml", claimed: int = 1000) -> bytes:
    """Rewrite the uncompressed size of one entry in both headers: a size check that trusts them is fooled."""
    out = bytearray(data)
    for signature, size_offset, name_len_offset, name_offset in ((b"PK\x03\x04", 22, 26, 30),
                                                                 (b"PK\x01\x02", 24, 28, 46)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, at + name_len_offset)[0]
            if bytes(out[at + name_offset: at + name_offset + length]) == name:
                struct.pack_into("<I", out, at + size_offset, claimed)
            start = at + 4
    return bytes(out)


def set_method(data: bytes, method: int, flag_bits: int = 0) -> bytes:
    """Claim another compression method (or the encryption flag) for every entry."""
    out = bytearray(data)
    for signature, flag_offset, method_offset in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            struct.pack_into("<H", out, at + method_offset, method)
            flags = struct.unpack_from("<H", out, at + flag_offset)[0]
            struct.pack_into("<H", out, at + flag_offset, flags | flag_bits)
            start = at + 4
    return bytes(out)
