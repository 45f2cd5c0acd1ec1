"""A tender's seal, the opening officers' own keys, their shares of each tender key, and shares presented at an opening.

The tender's private key is never stored in the clear: `TenderSeal.wrapped_key` holds it
under a key-encryption key (KEK) that exists only as k-of-n shares, each sealed to one
officer's public key (`OfficerShare`); each officer's private key is stored wrapped under
a key derived from the officer's passphrase (`OfficerKey`). The server can therefore seal
a bid but never read one alone: see `tender.sealing` and `tender.opening.operations`.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import CreatedAtMixin, PkModel, UTCDateTime, reference, utcnow
from tender.sealing.passphrase import KdfParams, LockedKey


class TenderSeal(CreatedAtMixin, PkModel):
    __tablename__ = "tender_seals"

    tender_id = reference("tenders", unique=True)
    public_key = sa.Column(sa.LargeBinary, nullable=False)  # raw X25519, 32 bytes
    threshold = sa.Column(sa.Integer, nullable=False)  # k: officers needed to unseal
    # The tender's private key under the KEK (AES-256-GCM). NULL only for seals made outside publication
    # (tests of other parts): such a seal cannot be unsealed by the ceremony.
    wrapped_key = sa.Column(sa.LargeBinary, nullable=True)
    # Set by the unsealing ceremony: the rebuilt private key, now wrapped under the instance sealing key,
    # so workers can extract the opened bids. Before the opening nothing here can decrypt a bid.
    opened_key = sa.Column(sa.LargeBinary, nullable=True)
    opened_at = sa.Column(UTCDateTime, nullable=True)

    tender = relationship("Tender", backref=sa.orm.backref("seal", uselist=False))
    shares = relationship("OfficerShare", back_populates="seal", cascade="all, delete-orphan",
                          order_by="OfficerShare.id")
    presented = relationship("PresentedShare", back_populates="seal", cascade="all, delete-orphan",
                             order_by="PresentedShare.id")

    @property
    def is_opened(self) -> bool:
        return self.opened_key is not None

    def share_of(self, officer_id: int) -> OfficerShare | None:
        return next((s for s in self.shares if s.officer_id == officer_id), None)

    @property
    def usable_shares(self) -> list[OfficerShare]:
        """Shares whose officer still has the key they were sealed to (a reset key loses them)."""
        return [s for s in self.shares if s.officer_key.retired_at is None]


class OfficerKey(CreatedAtMixin, PkModel):
    """One opening officer's X25519 key pair; a reset retires the row and makes a new one (old shares are lost)."""

    __tablename__ = "officer_keys"

    user_id = reference("users", index=True)
    public_key = sa.Column(sa.LargeBinary, nullable=False)
    wrapped_private = sa.Column(sa.LargeBinary, nullable=False)  # AES-256-GCM under Argon2id(passphrase)
    kdf_salt = sa.Column(sa.LargeBinary, nullable=False)
    kdf_time_cost = sa.Column(sa.Integer, nullable=False)
    kdf_memory_cost = sa.Column(sa.Integer, nullable=False)  # KiB
    kdf_parallelism = sa.Column(sa.Integer, nullable=False)
    changed_at = sa.Column(UTCDateTime, nullable=True)  # last passphrase change (same key pair)
    retired_at = sa.Column(UTCDateTime, nullable=True)

    user = relationship("User")

    @property
    def locked(self) -> LockedKey:
        return LockedKey(self.public_key, self.wrapped_private, self.kdf_salt,
                         KdfParams(self.kdf_time_cost, self.kdf_memory_cost, self.kdf_parallelism))

    def store(self, locked: LockedKey) -> None:
        self.public_key, self.wrapped_private, self.kdf_salt = locked.public, locked.wrapped, locked.salt
        params = locked.params
        self.kdf_time_cost, self.kdf_memory_cost, self.kdf_parallelism = (
            params.time_cost, params.memory_cost, params.parallelism)


class OfficerShare(PkModel):
    """An officer's share of a tender's KEK, sealed to the officer key it was made for."""

    __tablename__ = "officer_shares"
    __table_args__ = (sa.UniqueConstraint("seal_id", "officer_id", name="uq_officer_share"),)

    seal_id = reference("tender_seals", index=True)
    officer_id = reference("users", index=True)
    officer_key_id = reference("officer_keys")
    sealed_share = sa.Column(sa.LargeBinary, nullable=False)  # envelope.seal(officer public key, share)

    seal = relationship("TenderSeal", back_populates="shares")
    officer = relationship("User")
    officer_key = relationship("OfficerKey")


class PresentedShare(PkModel):
    """A share an officer opened at the ceremony, held until k are in (then deleted), wrapped under the instance key.

    Exists only after the bid deadline and only while fewer than k are held: the k-th
    presentation opens the tender and deletes these rows in the same transaction.
    """

    __tablename__ = "presented_shares"
    __table_args__ = (sa.UniqueConstraint("seal_id", "officer_id", name="uq_presented_share"),)

    seal_id = reference("tender_seals", index=True)
    officer_id = reference("users")
    wrapped_share = sa.Column(sa.LargeBinary, nullable=False)
    presented_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    seal = relationship("TenderSeal", back_populates="presented")
    officer = relationship("User")
