"""Sealed files: bid documents that nobody, admins included, can read through the application before the opening.

Each file is encrypted at rest with AES-256-GCM under its own random data key; the data
key is stored wrapped (AES-GCM again) under the sealing key, which is not in the
database: SEALING_KEY from the configuration or the environment, or `instance/sealing_key`
created once with mode 0600. Someone who copies the database or the storage folder gets
ciphertext only. The storage key is random, so the disk says nothing about the content;
the plaintext SHA-256 is kept for the bidder's receipt.

Reading is the owner's decision: a model using `SealedFileMixin` says when its files are
unsealed (`unsealed`, e.g. the tender has been opened) and who may read them then
(`can_read`). Until then `read_bytes` refuses and `send` answers 404 to everyone.
"""
from __future__ import annotations

import hashlib
import io
import os

import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import abort, current_app, send_file

from tender.errors import DomainError
from tender.files import KINDS, SavedFile, StoredFileMixin, check_upload, safe_filename, write_new
from tender.instance_secrets import instance_secret

NONCE_BYTES = 12
# Bound into every ciphertext, so a blob from another purpose or format version never decrypts as a bid.
CONTEXT = b"tender-sealed-file-v1"


class SealedFileMixin(StoredFileMixin):
    wrapped_key = sa.Column(sa.LargeBinary, nullable=False)

    @property
    def unsealed(self) -> bool:
        """The owner says when its files may be decrypted (for bids: once the tender is opened)."""
        return False

    def read_bytes(self) -> bytes:
        if not self.unsealed:
            raise DomainError("投标文件在开标前处于密封状态，任何人都不能读取。")
        return unseal(self.path.read_bytes(), self.wrapped_key)

    def send(self, user, as_attachment: bool = True):
        if not (self.unsealed and self.can_read(user)):
            abort(404)
        return send_file(io.BytesIO(self.read_bytes()), mimetype=self.content_type, as_attachment=as_attachment,
                         download_name=safe_filename(self.filename) or "file")


def sealing_key() -> bytes:
    """32 bytes derived from SEALING_KEY or the instance file; separate from the audit and session keys."""
    raw = current_app.config.get("SEALING_KEY") or os.environ.get("SEALING_KEY") or instance_secret("sealing_key")
    return hashlib.sha256(b"sealing:" + raw.encode()).digest()


def seal(data: bytes) -> tuple[bytes, bytes]:
    """(ciphertext, wrapped data key): a fresh data key per file, wrapped under the sealing key."""
    data_key = AESGCM.generate_key(bit_length=256)
    return _encrypt(data_key, data), _encrypt(sealing_key(), data_key)


def unseal(ciphertext: bytes, wrapped_key: bytes) -> bytes:
    try:
        data_key = _decrypt(sealing_key(), wrapped_key)
        return _decrypt(data_key, ciphertext)
    except Exception as e:  # noqa: BLE001 - InvalidTag or a short blob: either way the file cannot be opened
        raise DomainError("密封文件无法解密：文件或密钥不匹配，请联系管理员核查。") from e


def store_sealed(filename: str, data: bytes, allowed: tuple[str, ...] = ("pdf", "docx")) -> tuple[SavedFile, bytes]:
    """Check the content like any upload, then write only ciphertext; returns the columns and the wrapped key."""
    kind = check_upload(filename, data, allowed)
    ciphertext, wrapped = seal(data)
    key = write_new(ciphertext, "sealed")
    saved = SavedFile(key, safe_filename(filename) or "file", len(data), KINDS[kind][0],
                      hashlib.sha256(data).hexdigest())
    return saved, wrapped


def _encrypt(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, data, CONTEXT)


def _decrypt(key: bytes, blob: bytes) -> bytes:
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], CONTEXT)
