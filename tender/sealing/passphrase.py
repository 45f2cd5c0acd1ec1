"""An opening officer's personal X25519 key, kept only wrapped under a key derived from the officer's passphrase.

The officer's shares of tender keys are sealed to the public half (`envelope.seal`) at
publication, so the officer need not be there; opening one needs the passphrase.

KDF: Argon2id (RFC 9106) through argon2-cffi's `hash_secret_raw`, with the RFC's
second recommended profile (t=3, 64 MiB, p=4: argon2-cffi's RFC_9106_LOW_MEMORY, the
same cost the project's login passwords use). Argon2id is memory-hard like scrypt but
is the RFC's recommendation and resists both GPU guessing and side channels; argon2-cffi
is already a dependency and does not depend on how `cryptography` was built (its own
Argon2id needs OpenSSL 3.2). The parameters are stored with each key, so raising them
later leaves existing keys usable.

The wrapped key is AES-256-GCM with the public key as associated data: a wrong
passphrase fails the tag (`WrongPassphrase`), and a wrapped key copied onto another
officer's public key does not open.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret_raw
from argon2.profiles import RFC_9106_LOW_MEMORY
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tender.sealing.envelope import new_keypair, public_of

SALT_BYTES = 16
NONCE_BYTES = 12
INFO = b"tender-officer-key-v1"


class WrongPassphrase(Exception):
    """The passphrase does not open this officer key."""


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = RFC_9106_LOW_MEMORY.time_cost
    memory_cost: int = RFC_9106_LOW_MEMORY.memory_cost  # KiB
    parallelism: int = RFC_9106_LOW_MEMORY.parallelism


@dataclass(frozen=True)
class LockedKey:
    public: bytes  # raw X25519, 32 bytes
    wrapped: bytes  # nonce | AES-GCM(private) | tag
    salt: bytes
    params: KdfParams


def new_locked_key(passphrase: str, params: KdfParams = KdfParams()) -> LockedKey:
    private, public = new_keypair()
    return _lock(private, public, passphrase, params)


def unlock(key: LockedKey, passphrase: str) -> bytes:
    """The raw private key; WrongPassphrase when the passphrase (or the stored key) does not match."""
    wrapping = _derive(passphrase, key.salt, key.params)
    try:
        private = AESGCM(wrapping).decrypt(key.wrapped[:NONCE_BYTES], key.wrapped[NONCE_BYTES:], _aad(key.public))
    except (InvalidTag, ValueError) as e:
        raise WrongPassphrase from e
    if public_of(private) != key.public:  # pragma: no cover - the tag already binds the public key
        raise WrongPassphrase
    return private


def relock(key: LockedKey, current: str, new: str) -> LockedKey:
    """The same key pair under a new passphrase (fresh salt): shares sealed to it stay usable."""
    return _lock(unlock(key, current), key.public, new, key.params)


def _lock(private: bytes, public: bytes, passphrase: str, params: KdfParams) -> LockedKey:
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    wrapping = _derive(passphrase, salt, params)
    wrapped = nonce + AESGCM(wrapping).encrypt(nonce, private, _aad(public))
    return LockedKey(public, wrapped, salt, params)


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(passphrase.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_cost, parallelism=params.parallelism, hash_len=32,
                           type=Type.ID)


def _aad(public: bytes) -> bytes:
    return INFO + b"|" + public
