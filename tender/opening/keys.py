"""The tender's private key after the opening: kept wrapped under the instance key so workers can read bids.

Only the unsealing ceremony calls `record_opening`, with the key it rebuilt from k
officers' shares; before that `opened_private_key` refuses, whoever asks.
"""
from __future__ import annotations

from datetime import datetime

from tender.errors import DomainError
from tender.sealed_files import seal, unseal
from tender.sealing.envelope import public_of

NOT_OPENED = "投标文件在开标前处于密封状态，任何人都不能读取。"


def record_opening(tender_seal, private_raw: bytes, now: datetime) -> None:
    if public_of(private_raw) != tender_seal.public_key:
        raise DomainError("重建的密钥与本项目的密封公钥不符，无法解封。")
    ciphertext, wrapped = seal(private_raw)
    tender_seal.opened_key, tender_seal.opened_at = wrapped + ciphertext, now


def opened_private_key(tender_seal) -> bytes:
    if tender_seal is None or tender_seal.opened_key is None:
        raise DomainError(NOT_OPENED)
    blob = tender_seal.opened_key
    return unseal(blob[WRAPPED_BYTES:], blob[:WRAPPED_BYTES])


# nonce (12) + 32-byte data key + GCM tag (16): the fixed size of a wrapped key from `sealed_files.seal`.
WRAPPED_BYTES = 12 + 32 + 16
