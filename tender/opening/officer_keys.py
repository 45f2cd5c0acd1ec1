"""Opening officers' own keys (开标密钥): set up once, passphrase changed, or reset when the passphrase is lost.

Each operation flushes and writes its audit entry; the caller commits. The passphrase
never leaves this request: only the Argon2id-wrapped private key is stored.

A reset is the only way back from a lost passphrase, and it cannot recover anything:
the new key pair opens none of the shares sealed to the old one. A tender that named the
officer then has one usable share fewer; with fewer than k left its bids cannot be opened
by anyone, which the staff are told at once.
"""
from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.kdf import argon2_parameters
from tender.auth.models import User
from tender.auth.passwords import password_problem
from tender.auth.roles import OPENERS, STAFF_ROLES
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.links import path_for
from tender.notifications.operations import notify
from tender.opening.models import OfficerKey, OfficerShare, TenderSeal
from tender.sealing.passphrase import KdfParams, LockedKey, WrongPassphrase, new_locked_key, relock


def fingerprint(public: bytes) -> str:
    """What the audit trail and the pages show of a public key: short, and enough to tell keys apart."""
    return hashlib.sha256(public).hexdigest()[:16]


def current_key(user: User) -> OfficerKey | None:
    return db.session.scalar(sa.select(OfficerKey).where(OfficerKey.user_id == user.id,
                                                         OfficerKey.retired_at.is_(None)))


def _require_officer(actor: User) -> None:
    if actor.role not in OPENERS:
        raise NotAllowed("只有开标人、招标专员和管理员可以设置开标密钥。")


def _check_passphrase(actor: User, passphrase: str, field: str = "passphrase") -> None:
    if problem := password_problem(passphrase, actor.email):
        raise DomainError(problem.replace("密码", "开标口令"), field=field)
    if actor.check_password(passphrase):
        # The login password travels to the server at every login; the passphrase only at an opening.
        raise DomainError("开标口令不能与登录密码相同。", field=field)


def kdf_params() -> KdfParams:
    """The cost of a new key's passphrase derivation: the app's Argon2 profile (tender/auth/kdf.py)."""
    p = argon2_parameters()
    return KdfParams(time_cost=p.time_cost, memory_cost=p.memory_cost, parallelism=p.parallelism)


def _new_key(actor: User, locked: LockedKey) -> OfficerKey:
    key = OfficerKey(user_id=actor.id)
    key.store(locked)
    db.session.add(key)
    db.session.flush()
    return key


def set_up_officer_key(actor: User, passphrase: str) -> OfficerKey:
    _require_officer(actor)
    if current_key(actor) is not None:
        raise DomainError("您已设置开标密钥。如需更换口令请使用“修改口令”，忘记口令请使用“重置开标密钥”。")
    _check_passphrase(actor, passphrase)
    key = _new_key(actor, new_locked_key(passphrase, kdf_params()))
    record(actor, "officer_key.create", key, summary="设置开标密钥",
           after={"user_id": actor.id, "key_fingerprint": fingerprint(key.public_key)})
    return key


def change_officer_passphrase(actor: User, current: str, new: str, now: datetime | None = None) -> OfficerKey:
    """Same key pair under a new passphrase: the shares already sealed to it stay usable."""
    _require_officer(actor)
    key = current_key(actor)
    if key is None:
        raise DomainError("您尚未设置开标密钥。")
    if new == current:
        raise DomainError("新口令不能与当前口令相同。", field="new_passphrase")
    _check_passphrase(actor, new, field="new_passphrase")
    try:
        key.store(relock(key.locked, current, new))
    except WrongPassphrase:
        raise DomainError("当前开标口令不正确。", field="current_passphrase") from None
    key.changed_at = now or utcnow()
    db.session.flush()
    record(actor, "officer_key.change", key, summary="修改开标口令（密钥不变，已有份额仍然有效）")
    return key


def reset_officer_key(actor: User, passphrase: str, now: datetime | None = None) -> OfficerKey:
    """A new key pair; the old one is retired and every share sealed to it is lost for good."""
    _require_officer(actor)
    _check_passphrase(actor, passphrase)
    old = current_key(actor)
    lost = affected_seals(old) if old is not None else []
    if old is not None:
        old.retired_at = now or utcnow()
    key = _new_key(actor, new_locked_key(passphrase, kdf_params()))
    record(actor, "officer_key.reset", key, before={"key_id": old.id if old else None},
           after={"key_id": key.id, "lost_shares_of_tenders": [s.tender_id for s in lost]},
           summary=f"重置开标密钥：原密钥作废，{len(lost)} 个未开标项目中的份额随之失效")
    _warn_staff([s for s in lost if len(s.usable_shares) < s.threshold])
    return key


def affected_seals(key: OfficerKey) -> list[TenderSeal]:
    """Unopened tenders holding a share sealed to `key`: what a reset would lose."""
    return list(db.session.scalars(sa.select(TenderSeal).join(OfficerShare).where(
        OfficerShare.officer_key_id == key.id, TenderSeal.opened_key.is_(None)).order_by(TenderSeal.id)))


def _warn_staff(unopenable: list[TenderSeal]) -> None:
    if not unopenable:
        return
    staff = db.session.scalars(sa.select(User).where(User.role.in_(STAFF_ROLES), User.active.is_(True))).all()
    for seal in unopenable:
        notify(staff, f"无法开标：{seal.tender.title}",
               f"开标人重置了开标密钥，本项目剩余的有效密钥份额（{len(seal.usable_shares)} 份）已少于开标所需的"
               f" {seal.threshold} 份，投标文件将无法解封。请考虑终止本项目并重新招标。",
               link=path_for("notices.show", tender_id=seal.tender_id), topic="tender", topic_id=seal.tender_id)
