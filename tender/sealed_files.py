"""The instance sealing primitive: a blob encrypted with AES-256-GCM under its own random data key,
the data key wrapped (AES-GCM again) under the sealing key, which is not in the database:
SEALING_KEY from the configuration or the environment, or `instance/sealing_key` created once
with mode 0600. Someone who copies the database or the storage folder gets ciphertext only.

It wraps the keys of sealed bids (tender/opening/keys.py, tender/bids/keys.py); the bid files
themselves are sealed to the tender's own key (tender/bids), which the server alone cannot use
before the officers open it, so this key is never enough to read a bid.
"""
from __future__ import annotations

import hashlib
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

from tender.errors import DomainError
from tender.instance_secrets import instance_secret

NONCE_BYTES = 12
# Bound into every ciphertext, so a blob from another purpose or format version never decrypts as a bid.
CONTEXT = b"tender-sealed-file-v1"


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


def _encrypt(key: bytes, data: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, data, CONTEXT)


def _decrypt(key: bytes, blob: bytes) -> bytes:
    return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], CONTEXT)
