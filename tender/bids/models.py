"""A company's sealed bid for a tender: its files, the upload in progress, the price form, receipts and history.

Nothing here holds a readable byte of a bid. File bytes and the price form are sealed
to the tender's public key (`tender.sealing.envelope`); the SHA-256 each bidder sees on
its receipt is kept only sealed, wrapped under the instance key, or as a keyed HMAC,
since a bare hash would let anyone confirm a guessed bid.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.auth.roles import OVERSEERS
from tender.db import CreatedAtMixin, PkModel, TenderPartMixin, UTCDateTime, enum_column, reference, utcnow
from tender.files import storage_root
from tender.vocabulary import Labelled, holds


class BidPart(Labelled):
    BUSINESS = "business", "商务标"
    TECHNICAL = "technical", "技术标"
    PRICE = "price", "报价文件"


class BidStatus(Labelled):
    DRAFT = "draft", "未递交"
    SUBMITTED = "submitted", "已递交"
    WITHDRAWN = "withdrawn", "已撤回"


class DepositMethod(Labelled):
    TRANSFER = "transfer", "基本账户转账"
    GUARANTEE = "guarantee", "银行保函"
    INSURANCE = "insurance", "保证保险"


class Bid(TenderPartMixin, CreatedAtMixin, PkModel):
    __tablename__ = "bids"
    __table_args__ = (sa.UniqueConstraint("tender_id", "company_id", name="uq_bid_company"),)

    company_id = reference("companies", index=True)
    status = enum_column(BidStatus, nullable=False, default=BidStatus.DRAFT)
    submitted_at = sa.Column(UTCDateTime, nullable=True)
    withdrawn_at = sa.Column(UTCDateTime, nullable=True)
    # The 报价一览表 as JSON sealed to the tender key: only the opening reads it.
    price_sealed = sa.Column(sa.LargeBinary, nullable=True)
    price_saved_at = sa.Column(UTCDateTime, nullable=True)
    # The deposit (保证金) is paid to the tenderer's account, so it is no secret.
    deposit_amount = sa.Column(sa.Numeric(14, 2), nullable=True)
    deposit_method = enum_column(DepositMethod, nullable=True)
    deposit_paid_on = sa.Column(sa.Date, nullable=True)
    deposit_reference = sa.Column(sa.String(100), nullable=False, default="")

    tender = relationship("Tender")
    company = relationship("Company")
    files = relationship("BidFile", back_populates="bid", order_by="BidFile.id")
    events = relationship("BidEvent", back_populates="bid", order_by="BidEvent.id")
    receipts = relationship("BidReceipt", back_populates="bid", order_by="BidReceipt.id")

    @property
    def opened(self) -> bool:
        seal = self.tender.seal
        return seal is not None and seal.opened_key is not None

    def can_read(self, user) -> bool:
        """Content of a bid: nobody before the opening (条例第四十一条), staff and the supervisor after it."""
        return self.opened and user.is_authenticated and user.role in OVERSEERS

    def can_manage(self, user) -> bool:
        return user.is_authenticated and user.company_id == self.company_id

    @property
    def current_files(self) -> dict[BidPart, BidFile]:
        return {f.part: f for f in self.files if f.superseded_at is None}

    @property
    def missing(self) -> list[str]:
        """What keeps the bid from being submitted, in the order the page lists it."""
        files = self.current_files
        gaps = [part.label for part in BidPart if part not in files]
        if self.price_sealed is None:
            gaps.append("报价一览表")
        return gaps

    submitted = holds("status", BidStatus.SUBMITTED)

    @property
    def has_deposit(self) -> bool:
        return self.deposit_amount is not None


class BidFile(PkModel):
    """One uploaded part; a replacement supersedes it (its sealed bytes are deleted, the row stays as history)."""

    __tablename__ = "bid_files"

    bid_id = reference("bids", index=True)
    part = enum_column(BidPart, nullable=False)
    token = sa.Column(sa.String(32), nullable=False, unique=True)  # the sealing context of its records
    filename = sa.Column(sa.String(255), nullable=False)
    kind = sa.Column(sa.String(10), nullable=False)  # pdf, docx or doc, from the content
    size = sa.Column(sa.BigInteger, nullable=False)
    storage_key = sa.Column(sa.String(200), nullable=True)  # None once superseded or withdrawn
    record_count = sa.Column(sa.Integer, nullable=False)
    sha256_hmac = sa.Column(sa.String(64), nullable=False)
    sha256_sealed = sa.Column(sa.LargeBinary, nullable=False)  # to the tender key: checked at the opening
    sha256_wrapped = sa.Column(sa.LargeBinary, nullable=False)  # under the instance key: for the receipt
    uploaded_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    uploaded_by_id = reference("users")
    superseded_at = sa.Column(UTCDateTime, nullable=True)

    bid = relationship("Bid", back_populates="files")

    def can_read(self, user) -> bool:
        return self.bid.can_read(user)

    @property
    def path(self):
        return storage_root() / self.storage_key


class BidUpload(TenderPartMixin, PkModel):
    """A resumable upload in progress: sealed records so far, and where the next chunk starts.

    It is no part of any bid until `complete_upload` turns it into a BidFile; one the
    bidder abandoned is deleted by `clean_stale_uploads`.
    """

    __tablename__ = "bid_uploads"

    token = sa.Column(sa.String(32), nullable=False, unique=True)
    company_id = reference("companies")
    user_id = reference("users")
    part = enum_column(BidPart, nullable=False)
    filename = sa.Column(sa.String(255), nullable=False)
    size = sa.Column(sa.BigInteger, nullable=False)
    kind = sa.Column(sa.String(10), nullable=False)
    received = sa.Column(sa.BigInteger, nullable=False, default=0)  # plaintext bytes accepted
    stored = sa.Column(sa.BigInteger, nullable=False, default=0)  # sealed bytes in the staging file
    next_index = sa.Column(sa.Integer, nullable=False, default=0)
    storage_key = sa.Column(sa.String(200), nullable=False)
    sha256_hmac = sa.Column(sa.String(64), nullable=False)
    sha256_sealed = sa.Column(sa.LargeBinary, nullable=False)
    sha256_wrapped = sa.Column(sa.LargeBinary, nullable=False)
    started_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    touched_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    tender = relationship("Tender")

    @property
    def path(self):
        return storage_root() / self.storage_key


class BidEvent(PkModel):
    """The bidder's own history: uploads, replacements, submission, withdrawal, in server time."""

    __tablename__ = "bid_events"

    bid_id = reference("bids", index=True)
    at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    kind = sa.Column(sa.String(20), nullable=False)
    summary = sa.Column(sa.String(500), nullable=False)
    user_id = reference("users")

    bid = relationship("Bid", back_populates="events")


class BidReceipt(PkModel):
    """A receipt (回执) as issued: its signed payload, kept wrapped under the instance key for re-download."""

    __tablename__ = "bid_receipts"

    bid_id = reference("bids", index=True)
    number = sa.Column(sa.String(80), nullable=False, unique=True)
    issued_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    signature = sa.Column(sa.String(64), nullable=False)
    payload_wrapped = sa.Column(sa.LargeBinary, nullable=False)

    bid = relationship("Bid", back_populates="receipts")
