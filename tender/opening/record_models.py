"""The opening record (开标记录): one row per opened bid, and what bidders said about it at the opening.

条例第四十四条: the opening is public, bidders may object at the opening, the tenderer answers
on the spot and keeps a record. 《电子招标投标办法》第三十条: names, prices and other items
are published to all bidders. Entries are written once, by the job that decrypts and checks
the bids (`tender.opening.tasks`); nothing here holds more than the record shows.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import PkModel, UTCDateTime, enum_column, reference, utcnow
from tender.vocabulary import Labelled, holds


class RecordStatus(Labelled):
    BUILDING = "building", "正在解密和校验投标文件"
    IN_SESSION = "in_session", "开标中（投标人可确认或提出异议）"
    PUBLISHED = "published", "已公布"


class RecordKind(Labelled):
    FULL = "full", "开标记录"
    QUOTES = "quotes", "比价记录"


class ResponseKind(Labelled):
    CONFIRM = "confirm", "确认"
    OBJECTION = "objection", "异议"


class OpeningRecord(PkModel):
    __tablename__ = "opening_records"

    tender_id = reference("tenders", unique=True)
    kind = enum_column(RecordKind, nullable=False, default=RecordKind.FULL)
    status = enum_column(RecordStatus, nullable=False, default=RecordStatus.BUILDING)
    opened_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    built_at = sa.Column(UTCDateTime, nullable=True)
    published_at = sa.Column(UTCDateTime, nullable=True)
    published_by_id = reference("users", nullable=True)
    pdf_key = sa.Column(sa.String(200), nullable=True)  # the exported PDF in storage, once made
    pdf_sha256 = sa.Column(sa.String(64), nullable=True)

    tender = relationship("Tender", backref=sa.orm.backref("opening_record", uselist=False))
    entries = relationship("OpeningEntry", back_populates="record", cascade="all, delete-orphan",
                           order_by="OpeningEntry.position")
    responses = relationship("OpeningResponse", back_populates="record", cascade="all, delete-orphan",
                             order_by="OpeningResponse.id")

    in_session = holds("status", RecordStatus.IN_SESSION)
    building = holds("status", RecordStatus.BUILDING)
    published = holds("status", RecordStatus.PUBLISHED)

    @property
    def stage(self) -> str:
        """For the polling page: it reloads when this changes."""
        return self.status.value

    @property
    def objections(self) -> list[OpeningResponse]:
        return [r for r in self.responses if r.kind is ResponseKind.OBJECTION]

    @property
    def open_objections(self) -> list[OpeningResponse]:
        return [r for r in self.objections if r.answered_at is None]

    def response_of(self, company_id: int, kind: ResponseKind | str) -> list[OpeningResponse]:
        kind = ResponseKind(kind)
        return [r for r in self.responses if r.company_id == company_id and r.kind is kind]


class OpeningEntry(PkModel):
    """One bid as read out at the opening: who, when, whether its files match the receipt, its price and deposit."""

    __tablename__ = "opening_entries"
    __table_args__ = (sa.UniqueConstraint("record_id", "bid_id", name="uq_opening_entry_bid"),)

    record_id = reference("opening_records", index=True)
    bid_id = reference("bids")
    company_id = reference("companies")
    position = sa.Column(sa.Integer, nullable=False)  # order of submission
    company_name = sa.Column(sa.String(200), nullable=False)  # as at the opening
    submitted_at = sa.Column(UTCDateTime, nullable=False)
    files = sa.Column(sa.JSON, nullable=False, default=list)  # [{part, filename, size, sha256, ok, reason}]
    files_ok = sa.Column(sa.Boolean, nullable=False)
    annual_total = sa.Column(sa.Numeric(14, 2), nullable=True)
    deposit_amount = sa.Column(sa.Numeric(14, 2), nullable=True)
    deposit_method = sa.Column(sa.String(32), nullable=False, default="")
    deposit_paid_on = sa.Column(sa.Date, nullable=True)
    deposit_reference = sa.Column(sa.String(100), nullable=False, default="")
    remark = sa.Column(sa.String(500), nullable=False, default="")  # why the entry is flagged, in Chinese

    record = relationship("OpeningRecord", back_populates="entries")


class OpeningResponse(PkModel):
    """A bidder's confirmation of the record, or its objection and the answer given on the spot."""

    __tablename__ = "opening_responses"

    record_id = reference("opening_records", index=True)
    company_id = reference("companies")
    user_id = reference("users")
    kind = enum_column(ResponseKind, nullable=False)
    text = sa.Column(sa.String(1000), nullable=False, default="")
    raised_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    answer = sa.Column(sa.String(1000), nullable=False, default="")
    answered_at = sa.Column(UTCDateTime, nullable=True)
    answered_by_id = reference("users", nullable=True)

    record = relationship("OpeningRecord", back_populates="responses")
    company = relationship("Company")
    answered_by = relationship("User", foreign_keys=[answered_by_id])
