"""What extraction made of one bid file: its state, figures, metadata, pages and page images.

One `BidDocument` per bid file, so a corrupt file fails alone and is retried alone.
Page text is the extractor's (NUL already stripped, which PostgreSQL's text type needs).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import deferred, relationship

from tender.db import PkModel, UTCDateTime, enum_column, reference, utcnow
from tender.files import StoredFileMixin
from tender.vocabulary import Labelled, holds

ERROR_LENGTH = 500
META_LENGTH = 200


class ExtractionState(Labelled):
    PENDING = "pending", "等待提取"
    READY = "ready", "已提取"
    FAILED = "failed", "提取失败"


class BidDocument(PkModel):
    __tablename__ = "bid_documents"

    bid_file_id = reference("bid_files", unique=True)
    bid_id = reference("bids", index=True)
    state = enum_column(ExtractionState, nullable=False, default=ExtractionState.PENDING)
    error = sa.Column(sa.String(ERROR_LENGTH), nullable=False, default="")  # the Chinese reason, shown to staff
    reason = sa.Column(sa.String(30), nullable=False, default="")  # ExtractionError.reason, or "limit" / "hash"
    # The SHA-256 of the decrypted bytes, and whether it matches the bidder's receipt.
    sha256 = sa.Column(sa.String(64), nullable=False, default="")
    hash_ok = sa.Column(sa.Boolean, nullable=True)
    kind = sa.Column(sa.String(10), nullable=False, default="")
    page_count = sa.Column(sa.Integer, nullable=True)
    scanned_count = sa.Column(sa.Integer, nullable=True)
    ocr_count = sa.Column(sa.Integer, nullable=True)
    char_count = sa.Column(sa.Integer, nullable=True)
    truncated = sa.Column(sa.Boolean, nullable=False, default=False)
    images = sa.Column(sa.Boolean, nullable=False, default=False)  # page images were rendered (PDF only)
    # Author, last modified by, creator, producer, title, company, template, created, modified (ISO), each clipped.
    meta = sa.Column(sa.JSON, nullable=True)
    started_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    finished_at = sa.Column(UTCDateTime, nullable=True)

    bid_file = relationship("BidFile")
    bid = relationship("Bid")
    pages = relationship("BidPage", back_populates="document", order_by="BidPage.number",
                         cascade="all, delete-orphan", lazy="dynamic")

    def can_read(self, user) -> bool:
        return self.bid.can_read(user)

    ready = holds("state", ExtractionState.READY)


class BidPage(PkModel):
    __tablename__ = "bid_pages"
    __table_args__ = (sa.UniqueConstraint("document_id", "number", name="uq_bid_page_number"),)

    document_id = reference("bid_documents", index=True)
    number = sa.Column(sa.Integer, nullable=False)  # 1-based
    start = sa.Column(sa.Integer, nullable=False)  # offset of the page's text in the document's text
    text = deferred(sa.Column(sa.Text, nullable=False, default=""))
    scanned = sa.Column(sa.Boolean, nullable=False, default=False)
    ocr = sa.Column(sa.Boolean, nullable=False, default=False)
    tables = deferred(sa.Column(sa.JSON, nullable=True))  # [[cell, ...], ...] per table

    document = relationship("BidDocument", back_populates="pages")
    image = relationship("BidPageImage", uselist=False, back_populates="page", cascade="all, delete-orphan")


class BidPageImage(StoredFileMixin, PkModel):
    """A page rendered as PNG (~100 dpi), stored in plain: it exists only after the opening."""

    __tablename__ = "bid_page_images"

    page_id = reference("bid_pages", unique=True)

    page = relationship("BidPage", back_populates="image")

    def can_read(self, user) -> bool:
        return self.page.document.can_read(user)
