"""Sealed envelopes: bytes encrypted to a tender's X25519 public key, one self-contained record at a time.

Every record has its own ephemeral key (ECIES: X25519, HKDF-SHA256, AES-256-GCM), so
the server needs no secret to seal and keeps none between the requests of a resumed
upload: after a record is written, even the process that wrote it cannot read it back.
Only the tender's private key, rebuilt from k officers' shares at the opening, opens it.

The associated data binds each record to its context (which file or value it belongs
to) and its index, so records cannot be swapped between files, reordered or replayed;
the caller keeps the record count to detect a truncated file.
"""
from __future__ import annotations

import os
import struct
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

MAGIC = b"TBR1"  # tender bid record, format 1
INFO = b"tender-bid-envelope-v1"
KEY_BYTES = 32
NONCE_BYTES = 12
HEADER = len(MAGIC) + KEY_BYTES + NONCE_BYTES
SEGMENT = 1 << 20  # plaintext bytes per record when sealing a stream
LENGTH = struct.Struct(">I")


class EnvelopeError(Exception):
    """A record that does not open: wrong key, wrong context or index, or damaged bytes."""


def new_keypair() -> tuple[bytes, bytes]:
    """(private, public) raw 32-byte X25519 keys for a tender."""
    private = X25519PrivateKey.generate()
    return (private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
            private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def public_of(private_raw: bytes) -> bytes:
    key = X25519PrivateKey.from_private_bytes(private_raw)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def seal(public_raw: bytes, plaintext: bytes, context: bytes, index: int = 0) -> bytes:
    """One record: MAGIC | ephemeral public key | nonce | AES-GCM ciphertext with tag."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_raw = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key = _derive(ephemeral.exchange(X25519PublicKey.from_public_bytes(public_raw)), ephemeral_raw, public_raw)
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + ephemeral_raw + nonce + AESGCM(key).encrypt(nonce, plaintext, _aad(context, index))


def open_sealed(private_raw: bytes, record: bytes, context: bytes, index: int = 0) -> bytes:
    if len(record) < HEADER + 16 or not record.startswith(MAGIC):
        raise EnvelopeError("not a sealed record")
    ephemeral_raw = record[len(MAGIC):len(MAGIC) + KEY_BYTES]
    nonce = record[len(MAGIC) + KEY_BYTES:HEADER]
    private = X25519PrivateKey.from_private_bytes(private_raw)
    key = _derive(private.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw)), ephemeral_raw,
                  public_of(private_raw))
    try:
        return AESGCM(key).decrypt(nonce, record[HEADER:], _aad(context, index))
    except InvalidTag as e:
        raise EnvelopeError("record does not open with this key, context and index") from e


def write_records(out: BinaryIO, public_raw: bytes, context: bytes, first_index: int,
                  chunks: Iterable[bytes]) -> int:
    """Seal a stream of plaintext chunks as length-prefixed records of at most SEGMENT bytes; returns the count.

    Each chunk is sealed as soon as it arrives, so no plaintext is buffered beyond one segment.
    """
    index = first_index
    for chunk in chunks:
        for start in range(0, len(chunk), SEGMENT):
            record = seal(public_raw, chunk[start:start + SEGMENT], context, index)
            out.write(LENGTH.pack(len(record)) + record)
            index += 1
    return index - first_index


def read_records(source: BinaryIO, private_raw: bytes, context: bytes, count: int) -> Iterator[bytes]:
    """The plaintext of exactly `count` records in order; a missing, extra or damaged record raises."""
    for index in range(count):
        head = source.read(LENGTH.size)
        if len(head) != LENGTH.size:
            raise EnvelopeError(f"file ends after {index} of {count} records")
        (length,) = LENGTH.unpack(head)
        record = source.read(length)
        if len(record) != length:
            raise EnvelopeError(f"record {index} is cut short")
        yield open_sealed(private_raw, record, context, index)
    if source.read(1):
        raise EnvelopeError(f"bytes after the last of {count} records")


def _derive(shared: bytes, ephemeral_raw: bytes, public_raw: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=ephemeral_raw + public_raw,
                info=INFO).derive(shared)


def _aad(context: bytes, index: int) -> bytes:
    return INFO + b"|" + context + b"|" + struct.pack(">Q", index)
