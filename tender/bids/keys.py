"""The instance's bid keys: a keyed hash of each file's SHA-256, the receipt signature, wrapped receipt data.

One instance secret (`instance/bid_key`, or BID_KEY in the configuration or the environment) is split by
purpose, so the hash HMAC and the receipt signature never share a key. Without it a copy
of the database cannot confirm a guessed bid by its hash; with it (root on the running
server) one can, which is why the hash is also sealed to the tender key for the opening.
"""
from __future__ import annotations

import hashlib
import hmac
import os

from flask import current_app

from tender.instance_secrets import instance_secret
from tender.sealed_files import seal, unseal

WRAPPED_BYTES = 12 + 32 + 16  # nonce + data key + tag, as `sealed_files.seal` wraps a key


def _key(purpose: bytes) -> bytes:
    secret = current_app.config.get("BID_KEY") or os.environ.get("BID_KEY") or instance_secret("bid_key")
    return hmac.new(secret.encode(), b"tender-bids:" + purpose, hashlib.sha256).digest()


def hash_hmac(sha256_hex: str) -> str:
    """What the server keeps to compare a file's SHA-256 later, without keeping the hash."""
    return hmac.new(_key(b"file-hash"), sha256_hex.lower().encode(), hashlib.sha256).hexdigest()


def sign(payload: bytes) -> str:
    return hmac.new(_key(b"receipt"), payload, hashlib.sha256).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def wrap(data: bytes) -> bytes:
    ciphertext, wrapped = seal(data)
    return wrapped + ciphertext


def unwrap(blob: bytes) -> bytes:
    return unseal(blob[WRAPPED_BYTES:], blob[:WRAPPED_BYTES])
