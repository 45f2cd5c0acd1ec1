"""What a bid file is, judged from the chunks as they pass: nothing is kept to look at later.

The first chunk must start with the signature of a PDF, a .docx (zip) or a .doc (OLE2)
and agree with the file name's extension. The final chunk must end like the whole file:
a PDF's `%%EOF` in its last kilobyte (a truncated upload has none), a .docx's zip
directory with `word/document.xml`, checked against the decompression-bomb limits
from its declared sizes. The browser makes the final chunk large enough to hold the
directory; when a directory still starts before it, that check waits for the opening.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from scoring.extraction.archive import ArchiveLimits, ArchiveTooLarge, check_archive

KINDS = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word（.docx）"),
    "doc": ("application/msword", "Word 97-2003（.doc）"),
}
SIGNATURES = (("pdf", b"%PDF-"), ("docx", b"PK\x03\x04"), ("doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"))
HEAD_BYTES = 8  # the longest signature
PDF_TAIL = 1024  # where a PDF's %%EOF must be
ALLOWED_NAMES = "PDF、Word（.docx）或 Word 97-2003（.doc）"


def kind_of_name(filename: str) -> str | None:
    extension = Path(filename).suffix.lower().lstrip(".")
    return extension if extension in KINDS else None


def name_problem(filename: str) -> str | None:
    if kind_of_name(filename) is None:
        return f"文件“{filename}”的类型不受支持：投标文件须为 {ALLOWED_NAMES} 文件。"
    return None


def head_problem(filename: str, head: bytes, size: int) -> str | None:
    """The first chunk: its signature must be the kind the name says."""
    if len(head) < min(HEAD_BYTES, size):
        return f"文件“{filename}”的第一个数据块过小，无法识别文件类型。"
    kind = next((k for k, signature in SIGNATURES if head.startswith(signature)), None)
    expected = kind_of_name(filename)
    if kind is None:
        return f"文件“{filename}”的内容不是有效的 {ALLOWED_NAMES} 文件，请检查后重新上传。"
    if kind != expected:
        return (f"文件“{filename}”的扩展名与内容不符（内容为 {KINDS[kind][1]}），请改正后重新上传。")
    return None


def tail_problem(filename: str, kind: str, tail: bytes, tail_offset: int, limits: ArchiveLimits) -> str | None:
    """The final chunk (`tail`, starting at file offset `tail_offset`)."""
    if kind == "pdf" and b"%%EOF" not in tail[-PDF_TAIL:]:
        return f"文件“{filename}”不是完整的 PDF 文件（缺少文件结尾，可能未传完或已损坏），请检查后重新上传。"
    if kind == "docx":
        return _zip_problem(filename, tail, tail_offset, limits)
    return None


def _zip_problem(filename: str, tail: bytes, tail_offset: int, limits: ArchiveLimits) -> str | None:
    broken = f"文件“{filename}”不是完整的 Word（.docx）文件（压缩包目录缺失或损坏），请检查后重新上传。"
    end = tail.rfind(b"PK\x05\x06", max(0, len(tail) - 65_557))
    if end < 0 or len(tail) < end + 22:
        return broken
    directory_offset = int.from_bytes(tail[end + 16:end + 20], "little")
    if directory_offset == 0xFFFFFFFF or directory_offset < tail_offset:
        return None  # zip64, or a directory that began in an earlier chunk: judged at the opening
    try:
        with zipfile.ZipFile(io.BytesIO(tail[directory_offset - tail_offset:])) as archive:
            names = set(archive.namelist())
            check_archive(archive, limits)
    except ArchiveTooLarge as e:
        return f"文件“{filename}”：{e.message}"
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return broken
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        return f"文件“{filename}”的内容不是有效的 Word（.docx）文件，请检查后重新上传。"
    return None
