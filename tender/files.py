"""Stored files: content-checked, hashed, written atomically, removed again if the transaction fails.

Files live under STORAGE_PATH by a random key: the name on disk says nothing about the
content (the SHA-256 is kept in the record, for receipts and integrity checks). The
record and the bytes either both exist or neither: a write that is rolled back deletes
the new file. A file is sent only when its owner's `can_read` allows it; every model
that stores files says who may read them. Bid files are sealed to their tender's key instead (tender/bids).
"""
from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import threading
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import abort, current_app, send_file

from scoring.extraction.archive import ArchiveLimits, ArchiveTooLarge, check_archive
from tender.db import UTCDateTime, utcnow
from tender.errors import DomainError
from tender.session_hooks import on_commit, on_rollback

KINDS = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word（.docx）"),
    "txt": ("text/plain; charset=utf-8", "UTF-8 文本（.txt）"),
    "jpg": ("image/jpeg", "JPEG 图片"),
    "png": ("image/png", "PNG 图片"),
}
EXTENSION_ALIASES = {"jpeg": "jpg"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"


class StoredFileMixin:
    storage_key = sa.Column(sa.String(200), nullable=False)
    filename = sa.Column(sa.String(255), nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    content_type = sa.Column(sa.String(120), nullable=False)
    sha256 = sa.Column(sa.String(64), nullable=False)
    stored_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    def can_read(self, user) -> bool:
        """Each model that stores files decides who may read them; nothing is sendable by default."""
        return False

    def send(self, user, as_attachment: bool = True):
        """The file for `user`, or 404 (not 403: a file one may not read is not there for them)."""
        if not self.can_read(user):
            abort(404)
        return send_file(self.path, mimetype=self.content_type, as_attachment=as_attachment,
                         download_name=_clean_name(self.filename))  # rows saved before names were cleaned

    @property
    def path(self) -> Path:
        return storage_root() / self.storage_key


@dataclass(frozen=True)
class SavedFile:
    storage_key: str
    filename: str
    size: int
    content_type: str
    sha256: str

    def columns(self) -> dict:
        return dict(storage_key=self.storage_key, filename=self.filename, size=self.size,
                    content_type=self.content_type, sha256=self.sha256)


def storage_root() -> Path:
    return Path(current_app.config["STORAGE_PATH"])


def archive_limits() -> ArchiveLimits:
    """The decompression-bomb limits from the configuration (ZIP_MAX_*)."""
    config, mb = current_app.config, 1024 * 1024
    return ArchiveLimits(max_member_bytes=config["ZIP_MAX_MEMBER_MB"] * mb,
                         max_total_bytes=config["ZIP_MAX_TOTAL_MB"] * mb, max_ratio=config["ZIP_MAX_RATIO"])


def sniff(data: bytes) -> str | None:
    """What the bytes really are, whatever the file name says."""
    if data.startswith(b"%PDF-"):
        return "pdf" if opens_as_pdf(data) else None  # a header and garbage is no PDF
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return "docx"
        return None
    if data.startswith(PNG_SIGNATURE) and data[8:16].endswith(b"IHDR") and data.endswith(PNG_END):
        return "png"  # a truncated (interrupted) PNG has no IEND chunk at the end
    if data.startswith(b"\xff\xd8\xff") and data.rfind(b"\xff\xd9") > 2:
        return "jpg"  # start-of-image marker, and an end-of-image marker after it
    return "txt" if _is_text(data) else None


_PDFIUM = threading.Lock()  # PDFium is not thread-safe, and a threaded server may check two uploads at once


def opens_as_pdf(data: bytes) -> bool:
    """PDFium opens it without a password and finds at least one page."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return False
        try:
            return len(pdf) > 0
        finally:
            pdf.close()


def _check_archive(filename: str, data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        try:
            check_archive(z, archive_limits())
        except ArchiveTooLarge as e:
            raise DomainError(f"文件“{filename}”：{e.message}", field="file") from e


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_upload(filename: str, data: bytes, allowed: tuple[str, ...] = ("pdf", "docx")) -> str:
    allowed_names = "、".join(KINDS[k][1] for k in allowed)
    if not data:
        raise DomainError(f"文件“{filename}”是空文件，请重新选择。", field="file")
    limit_mb = current_app.config["MAX_UPLOAD_MB"]
    if len(data) > limit_mb * 1024 * 1024:
        raise DomainError(f"文件“{filename}”超过 {limit_mb} MB 的大小限制。", field="file")
    kind = sniff(data)
    extension = Path(filename).suffix.lower().lstrip(".")
    extension = EXTENSION_ALIASES.get(extension, extension)
    if kind not in allowed:
        raise DomainError(f"文件“{filename}”的内容不是有效的 {allowed_names} 文件，请检查后重新上传。", field="file")
    if kind == "docx":
        _check_archive(filename, data)
    if extension != kind:
        raise DomainError(f"文件“{filename}”的扩展名与内容不符（内容为 {KINDS[kind][1]}），请改正后重新上传。",
                          field="file")
    return kind


def store_bytes(filename: str, data: bytes, allowed: tuple[str, ...] = ("pdf", "docx")) -> SavedFile:
    kind = check_upload(filename, data, allowed)
    key = write_new(data, kind)
    return SavedFile(key, _clean_name(filename), len(data), KINDS[kind][0], hashlib.sha256(data).hexdigest())


def write_new(data: bytes, suffix: str) -> str:
    """Write bytes under a new random storage key (fsynced, atomic, deleted again on rollback)."""
    name = uuid.uuid4().hex
    key = f"{name[:2]}/{name}.{suffix}"
    target = storage_root() / key
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_on_rollback(target)
    return key


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def safe_filename(filename: str, limit: int = 255) -> str:
    """A client's file name without control characters (NUL included) or folders, at most `limit` characters.

    A long name keeps its extension: the kind check reads it.
    """
    name = unicodedata.normalize("NFC", CONTROL_CHARACTERS.sub("", filename or "")).replace("\\", "/")
    name = Path(name).name.strip()
    if len(name) > limit:
        suffix = Path(name).suffix[:16]
        name = name[: limit - len(suffix)] + suffix
    return name


def _clean_name(filename: str) -> str:
    return safe_filename(filename) or "file"


def _remove_on_rollback(path: Path) -> None:
    """A file whose record never commits would be an orphan: delete it if the transaction ends without a commit."""
    on_rollback(lambda: path.unlink(missing_ok=True))


def delete_after_commit(storage_key: str) -> None:
    """Remove a stored file once the transaction that deletes its row commits; a rollback keeps both."""
    path = storage_root() / storage_key
    on_commit(lambda: path.unlink(missing_ok=True))
