"""A tender's private key, locked under a key-encryption key (KEK) that exists only as k-of-n officer shares.

`split_key` makes a random 256-bit KEK, wraps the tender's X25519 private key under it
(AES-256-GCM, `cryptography`) and splits the KEK with Shamir's scheme so that any k of
the n opening officers rebuild it; the KEK itself is dropped and never stored.
`rebuild_key` reverses it and says clearly when the shares do not add up: Shamir
interpolation has no integrity of its own (k-1 shares, or a damaged one, give a
plausible wrong KEK), so the GCM tag of the wrapped key is the check.

Shamir: pycryptodome's `Crypto.Protocol.SecretSharing.Shamir` (GF(2^128), 16-byte
secrets). A 128-bit KEK would do for AES, but the project's other keys are 256-bit, so
the KEK is split as two 16-byte halves with the same k and n; officer i gets share i of
both halves, packed as one 33-byte share (index, half one, half two). An officer never
sees this share: it is sealed to the officer's own key (see `passphrase`).

Why not `shamir-mnemonic` (SLIP-39): it turns shares into 20- or 33-word mnemonics with
a checksum, groups and a passphrase of its own, made for people who write shares on
paper and type them back. Here shares never leave the server as text: each is sealed
to an officer's key and opened with the officer's passphrase, so the words, the
checksum and the group layer add nothing, and SLIP-39's own passphrase would duplicate
the officer's. pycryptodome is a general, widely used cryptography library with a plain
split/combine over bytes; shamir-mnemonic is the SLIP-39 reference implementation, made
for wallets. Either would work; the one whose interface matches the use won.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass

from Crypto.Protocol.SecretSharing import Shamir
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEK_BYTES = 32
HALF = 16
NONCE_BYTES = 12
MAX_OFFICERS = 255  # a share's index is one byte
SHARE = struct.Struct(">B16s16s")
INFO = b"tender-kek-wrap-v1"


class SharesError(Exception):
    """The shares do not rebuild the key: too few, duplicated, damaged or from another tender."""


@dataclass(frozen=True)
class SplitKey:
    wrapped: bytes  # the secret, AES-256-GCM under the KEK: nonce | ciphertext | tag
    shares: tuple[bytes, ...]  # one 33-byte share per officer, in the order given


def split_key(secret: bytes, k: int, n: int, context: bytes) -> SplitKey:
    """Wrap `secret` under a fresh KEK and split the KEK k-of-n; `context` (e.g. the public key) is bound in."""
    if not 1 <= k <= n <= MAX_OFFICERS:
        raise ValueError(f"need 1 <= k <= n <= {MAX_OFFICERS}, got k={k}, n={n}")
    kek = AESGCM.generate_key(bit_length=KEK_BYTES * 8)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = nonce + AESGCM(kek).encrypt(nonce, secret, _aad(context))
    first = Shamir.split(k, n, kek[:HALF])
    second = Shamir.split(k, n, kek[HALF:])
    shares = tuple(SHARE.pack(i, a, b) for (i, a), (j, b) in zip(first, second, strict=True) if i == j)
    if len(shares) != n:  # pragma: no cover - pycryptodome numbers both splits 1..n
        raise SharesError("share indices of the two halves differ")
    return SplitKey(wrapped, shares)


def share_index(share: bytes) -> int:
    return _unpack(share)[0]


def rebuild_key(wrapped: bytes, shares: list[bytes] | tuple[bytes, ...], k: int, context: bytes) -> bytes:
    """The secret from at least k distinct shares; SharesError when they do not open the wrapped key."""
    unpacked = {}
    for share in shares:
        index, a, b = _unpack(share)
        unpacked.setdefault(index, (a, b))
    if len(unpacked) < k:
        raise SharesError(f"{len(unpacked)} distinct shares, {k} needed")
    chosen = sorted(unpacked.items())[:k]  # pycryptodome: pass exactly k shares, no more
    kek = (Shamir.combine([(i, a) for i, (a, _) in chosen])
           + Shamir.combine([(i, b) for i, (_, b) in chosen]))
    try:
        return AESGCM(kek).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], _aad(context))
    except (InvalidTag, ValueError) as e:
        raise SharesError("the shares do not rebuild this key") from e


def _unpack(share: bytes) -> tuple[int, bytes, bytes]:
    if len(share) != SHARE.size:
        raise SharesError(f"a share is {SHARE.size} bytes, got {len(share)}")
    index, a, b = SHARE.unpack(share)
    if index == 0:
        raise SharesError("share index 0 would be the secret itself")
    return index, a, b


def _aad(context: bytes) -> bytes:
    return INFO + b"|" + context
