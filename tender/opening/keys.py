"""Secrets the opening keeps under the instance sealing key: the opened tender key, and shares between officers.

Only the unsealing ceremony calls `record_opening`, with the key it rebuilt from k
officers' shares; before that `opened_private_key` refuses, whoever asks. `hold` and
`release` wrap a presented share for the minutes between the first and the k-th
officer's request (see `tender.opening.operations` for why the instance key is enough there).
"""
from __future__ import annotations

from datetime import datetime

from tender.errors import DomainError
from tender.sealed_files import seal, unseal
from tender.sealing.envelope import public_of

NOT_OPENED = "投标文件在开标前处于密封状态，任何人都不能读取。"

# nonce (12) + 32-byte data key + GCM tag (16): the fixed size of a wrapped key from `sealed_files.seal`.
WRAPPED_BYTES = 12 + 32 + 16


def hold(secret: bytes) -> bytes:
    """`secret` encrypted under a fresh data key wrapped under the instance sealing key."""
    ciphertext, wrapped = seal(secret)
    return wrapped + ciphertext


def release(blob: bytes) -> bytes:
    return unseal(blob[WRAPPED_BYTES:], blob[:WRAPPED_BYTES])


def record_opening(tender_seal, private_raw: bytes, now: datetime) -> None:
    if public_of(private_raw) != tender_seal.public_key:
        raise DomainError("重建的密钥与本项目的密封公钥不符，无法解封。")
    tender_seal.opened_key, tender_seal.opened_at = hold(private_raw), now


def opened_private_key(tender_seal) -> bytes:
    if tender_seal is None or tender_seal.opened_key is None:
        raise DomainError(NOT_OPENED)
    return release(tender_seal.opened_key)
