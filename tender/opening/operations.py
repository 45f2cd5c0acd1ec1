"""Sealing a tender at publication and unsealing it at the opening (开标). The caller commits.

At publication (`seal_tender`) a fresh X25519 key pair is made; bids are sealed to its
public half. The private half is wrapped under a random key-encryption key (KEK), the
KEK is split k-of-n among the named officers (开标人) and each share is sealed to its
officer's own public key; the KEK and the private key are then dropped. The officers
need not be present: their passphrases are needed only at the opening.

At the opening each officer, logged in on their own device, enters their passphrase on
the opening page (`unseal_tender`). Their share is opened there and then, and held until
k are in, wrapped under the instance sealing key (`PresentedShare`). That is enough
because (1) shares can only be presented after the bid deadline, when the law has the
bids opened anyway; (2) at most k-1 are ever held: the k-th presentation rebuilds the key,
records the opening and deletes the held shares in one transaction; (3) after the opening
the rebuilt key itself is kept under the same instance key (`keys.record_opening`) so
workers can extract the bids, so the instance key guards nothing more valuable while
shares wait. Held shares also lapse after `HOLD_FOR`. The alternative, re-sealing each
share to a per-ceremony ephemeral key, gains nothing unless that key's private half
lives off the server (the first officer's browser, say); kept on the server it is one
more key under the same instance key.

Refusals (before the deadline, a wrong passphrase, someone not named, a lost share,
too few shares) are audited and returned, not raised, so their audit rows commit.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import OPENERS
from tender.db import utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.notices import lifecycle
from tender.notices.lifecycle import Action
from tender.notices.procedures import Procedure
from tender.opening import record as opening_record
from tender.opening.keys import hold, record_opening, release
from tender.opening.models import OfficerShare, PresentedShare, TenderSeal
from tender.opening.officer_keys import current_key, fingerprint
from tender.sealing import envelope
from tender.sealing.passphrase import WrongPassphrase, unlock
from tender.sealing.shares import SharesError, rebuild_key, split_key

if TYPE_CHECKING:  # the notices package imports this module at publication
    from tender.notices.models import Tender

MAX_OFFICERS = 9
# A statutory tender is never opened by one person alone; 三家比价 may name a single officer.
MIN_THRESHOLD = {Procedure.OPEN: 2, Procedure.INVITED: 2, Procedure.QUOTES: 1}
DEFAULT_SIZE = {Procedure.OPEN: (2, 3), Procedure.INVITED: (2, 3), Procedure.QUOTES: (1, 1)}  # (k, n)
HOLD_FOR = timedelta(hours=2)


def share_context(officer_id: int, tender_public: bytes) -> bytes:
    """Binds a sealed share to its officer and tender, so a row copied elsewhere does not open."""
    return b"officer-share|%d|" % officer_id + tender_public


def seal_tender(tender: Tender, actor: User, officers: Sequence[User], threshold: int | None) -> TenderSeal:
    """Make the tender's key pair and give each officer a share; refuses a bad officer list or threshold."""
    officers = list(officers)
    k = threshold if threshold is not None else DEFAULT_SIZE[tender.procedure][0]
    keys = _officer_keys(tender, officers, k)
    private, public = envelope.new_keypair()
    split = split_key(private, k, len(officers), context=public)
    del private  # nothing below needs it; the KEK never left split_key
    seal = TenderSeal(tender=tender, public_key=public, threshold=k, wrapped_key=split.wrapped)
    for officer, share in zip(officers, split.shares, strict=True):
        key = keys[officer.id]
        seal.shares.append(OfficerShare(officer_id=officer.id, officer_key_id=key.id, sealed_share=envelope.seal(
            key.public_key, share, share_context(officer.id, public))))
    db.session.add(seal)
    db.session.flush()
    after = {"tender_id": tender.id, "threshold": k, "officers": [o.id for o in officers],
             "key_fingerprint": fingerprint(public)}
    record(actor, "tender.seal", seal, after=after,
           summary=f"指定开标人 {len(officers)} 名，其中 {k} 名到场即可开标：{tender.title}")
    return seal


def _officer_keys(tender, officers: list[User], k: int) -> dict:
    n, minimum = len(officers), MIN_THRESHOLD[tender.procedure]
    if n == 0:
        raise DomainError("请指定开标人。", field="officers")
    if len({o.id for o in officers}) != n:
        raise DomainError("同一开标人不能重复指定。", field="officers")
    if n > MAX_OFFICERS:
        raise DomainError(f"开标人最多 {MAX_OFFICERS} 名。", field="officers")
    if k < 1 or k > n:
        raise DomainError(f"开标所需人数须在 1 至 {n}（已指定的开标人数）之间。", field="threshold")
    if k < minimum:
        raise DomainError(f"{tender.procedure.label}至少需要 {minimum} 名开标人共同开标。", field="threshold")
    keys, missing = {}, []
    for officer in officers:
        key = current_key(officer) if officer.role in OPENERS and officer.active else None
        if key is None:
            missing.append(officer.name)
        keys[officer.id] = key
    if missing:
        raise DomainError(f"以下人员尚未设置开标密钥或不能担任开标人：{'、'.join(missing)}。", field="officers")
    return keys


@dataclass(frozen=True)
class OfficerState:
    officer: User
    presented: bool
    lost: bool  # the officer reset their key after publication: this share can never be opened


@dataclass(frozen=True)
class Ceremony:
    """Where an opening stands, for the opening page."""

    needed: int
    officers: tuple[OfficerState, ...]
    opened: bool

    @property
    def presented(self) -> int:
        return sum(s.presented for s in self.officers)

    @property
    def usable(self) -> int:
        return sum(not s.lost for s in self.officers)

    @property
    def can_still_open(self) -> bool:
        return self.opened or self.usable >= self.needed

    def state_of(self, user) -> OfficerState | None:
        return next((s for s in self.officers if s.officer.id == getattr(user, "id", None)), None)


def ceremony(seal: TenderSeal, now: datetime | None = None) -> Ceremony:
    now = now or utcnow()
    held = {p.officer_id for p in seal.presented if p.presented_at + HOLD_FOR > now}
    states = tuple(OfficerState(s.officer, s.officer_id in held, s.officer_key.retired_at is not None)
                   for s in seal.shares)
    return Ceremony(seal.threshold, states, seal.is_opened)


@dataclass(frozen=True)
class Unsealing:
    opened: bool
    presented: int  # shares held (or used, once opened)
    needed: int
    problems: tuple[str, ...] = ()


def unseal_tender(tender: Tender, actor: User, presented: Mapping[User, str], now: datetime | None = None) -> Unsealing:
    """Take officers' passphrases at the opening; open the tender once k valid shares are in."""
    now = now or utcnow()
    seal = _seal_of(tender)
    reason = lifecycle.refusal(tender, Action.OPEN, actor, now)
    if reason and actor.role not in lifecycle.rule_for(tender, Action.OPEN).roles:
        raise NotAllowed(reason)
    if reason:
        if tender.accepts_bids(now):
            reason = "投标截止时间未到，任何人都不能解封投标文件。"
        _refused(actor, tender, None, reason)
        return Unsealing(False, 0, seal.threshold, (reason,))
    too_few = opening_record.too_few_bids(tender)  # 条例第四十四条: below three bids nothing is decrypted
    if too_few:
        _refused(actor, tender, None, too_few)
        return Unsealing(False, 0, seal.threshold, (too_few,))
    held = _lock_and_hold(seal, now)
    problems = []
    for officer, passphrase in presented.items():
        problem = _present(seal, held, officer, passphrase, actor, now)
        if problem:
            problems.append(problem)
            _refused(actor, tender, officer, problem)
    if len(held) < seal.threshold:
        record(actor, "tender.unseal.waiting", tender, after={"presented": sorted(held), "needed": seal.threshold},
               summary=f"有效密钥份额不足，未解封：已收到 {len(held)} 份，需要 {seal.threshold} 份")
        return Unsealing(False, len(held), seal.threshold, tuple(problems))
    return _open(tender, seal, held, actor, now, tuple(problems))


def _seal_of(tender) -> TenderSeal:
    seal = tender.seal
    if seal is None or seal.wrapped_key is None:
        raise DomainError("本项目发布时未指定开标人，没有可用的密钥份额，无法解封。")
    if seal.is_opened:
        raise DomainError("本项目已解封开标。")
    return seal


def _lock_and_hold(seal: TenderSeal, now: datetime) -> dict[int, PresentedShare]:
    """Serialise ceremonies of one tender (two officers at the same moment must not both wait), drop lapsed shares."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(TenderSeal.id).where(TenderSeal.id == seal.id).with_for_update())
    else:  # SQLite: the first write takes the database's writer lock until commit
        db.session.execute(sa.text("UPDATE tender_seals SET id = id WHERE id = :id"), {"id": seal.id})
    rows = db.session.scalars(sa.select(PresentedShare).where(PresentedShare.seal_id == seal.id)
                              .execution_options(populate_existing=True)).all()
    held = {}
    for row in rows:
        if row.presented_at + HOLD_FOR <= now:
            db.session.delete(row)
        else:
            held[row.officer_id] = row
    db.session.flush()
    return held


def _present(seal: TenderSeal, held: dict, officer: User, passphrase: str, actor: User, now: datetime) -> str | None:
    """Open one officer's share into `held`; the Chinese reason when it cannot be."""
    share = seal.share_of(officer.id)
    if share is None:
        return f"{officer.name}不是本项目的开标人。"
    if share.officer_key.retired_at is not None:
        return f"{officer.name}在本项目发布后重置了开标密钥，其密钥份额已失效。"
    if officer.id in held:
        return f"{officer.name}已提交过密钥份额，请等待其他开标人。"
    try:
        private = unlock(share.officer_key.locked, passphrase)
    except WrongPassphrase:
        return f"{officer.name}的开标口令不正确。"
    try:
        plain = envelope.open_sealed(private, share.sealed_share, share_context(officer.id, seal.public_key))
    except envelope.EnvelopeError:
        return f"{officer.name}的密钥份额已损坏，无法打开。"
    row = PresentedShare(seal=seal, officer_id=officer.id, wrapped_share=hold(plain), presented_at=now)
    db.session.add(row)
    db.session.flush()
    held[officer.id] = row
    record(actor, "tender.unseal.share", seal.tender, after={"officer_id": officer.id},
           summary=f"开标人{officer.name}提交密钥份额（{len(held)}/{seal.threshold}）")
    return None


def _open(tender, seal: TenderSeal, held: dict, actor: User, now: datetime, problems: tuple) -> Unsealing:
    shares = [release(row.wrapped_share) for row in held.values()]
    for row in held.values():
        db.session.delete(row)
    try:
        private = rebuild_key(seal.wrapped_key, shares, seal.threshold, seal.public_key)
    except SharesError:
        reason = "已提交的密钥份额无法重建本项目的密钥，请各开标人重新输入口令。"
        _refused(actor, tender, None, reason)
        return Unsealing(False, 0, seal.threshold, (*problems, reason))
    record_opening(seal, private, now)
    lifecycle.move(tender, actor, Action.OPEN, now)
    record(actor, "tender.unseal", tender, after={"officers": sorted(held), "threshold": seal.threshold},
           summary=f"{len(held)} 名开标人共同解封投标文件：{tender.title}")
    opening_record.start_record(tender, actor, now)  # the 开标记录: decrypted and checked by a job after the commit
    from tender.bidtext.operations import start_bid_extraction  # each file's text, in jobs queued after the commit

    start_bid_extraction(tender, actor)
    return Unsealing(True, len(held), seal.threshold, problems)


def _refused(actor: User, tender, officer: User | None, reason: str) -> None:
    record(actor, "tender.unseal.refused", tender, after={"officer_id": getattr(officer, "id", None),
                                                          "reason": reason}, summary=f"解封被拒绝：{reason}")
