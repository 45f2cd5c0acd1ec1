"""A tender, its versioned documents, invitees, sign-ups, questions and clarifications."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.auth.roles import OVERSEERS
from tender.db import PkModel, TenderPartMixin, UTCDateTime, enum_column, reference, utcnow, who_and_when
from tender.files import StoredFileMixin
from tender.notices import lifecycle
from tender.notices.calendar import Schedule
from tender.notices.lifecycle import Action, TenderStatus
from tender.notices.procedures import Procedure, SaleMode

# A tender's fields, listed once: what staff edit, which of those are China-time datetimes, which
# make up the schedule the calendar rules check, which may only change through a clarification
# after publication, and what the audit trail records of a tender.
EDITABLE_FIELDS = (
    "title", "procedure", "service_type", "tenderer", "tenderer_address", "contact", "location", "floor_area",
    "property_mix", "sale_mode", "sale_date", "presale_date", "delivery_date", "max_price", "notice", "docs_from",
    "docs_to", "question_deadline", "bid_deadline", "validity_days", "planned_award", "public_documents",
)
DATETIME_FIELDS = ("docs_from", "docs_to", "question_deadline", "bid_deadline")
OPTIONAL_TEXT_FIELDS = ("notice", "tenderer_address", "contact", "property_mix")  # "" when empty, never NULL
SCHEDULE_FIELDS = ("procedure", "docs_from", "docs_to", "question_deadline", "bid_deadline", "validity_days",
                   "planned_award", "sale_mode", "sale_date", "presale_date", "delivery_date")
LOCKED_AFTER_PUBLISH = frozenset({"procedure", "bid_deadline", "docs_from"})
AUDITED_FIELDS = ("reference", "status", *EDITABLE_FIELDS)


class Tender(PkModel):
    __tablename__ = "tenders"

    reference = sa.Column(sa.String(40), nullable=False, unique=True)
    title = sa.Column(sa.String(200), nullable=False)
    procedure = enum_column(Procedure, nullable=False)
    service_type = sa.Column(sa.String(40), nullable=False)
    status = enum_column(TenderStatus, nullable=False, default=lifecycle.INITIAL, index=True)
    tenderer = sa.Column(sa.String(200), nullable=False)
    tenderer_address = sa.Column(sa.String(300), nullable=False, default="")
    contact = sa.Column(sa.String(200), nullable=False, default="")
    location = sa.Column(sa.String(300), nullable=False)
    floor_area = sa.Column(sa.Numeric(12, 2), nullable=True)
    property_mix = sa.Column(sa.String(300), nullable=False, default="")
    sale_mode = enum_column(SaleMode, nullable=False, default=SaleMode.UNKNOWN)
    sale_date = sa.Column(sa.Date, nullable=True)
    presale_date = sa.Column(sa.Date, nullable=True)
    delivery_date = sa.Column(sa.Date, nullable=True)
    max_price = sa.Column(sa.Numeric(14, 2), nullable=True)
    notice = sa.Column(sa.Text, nullable=False, default="")
    docs_from = sa.Column(UTCDateTime, nullable=True)
    docs_to = sa.Column(UTCDateTime, nullable=True)
    question_deadline = sa.Column(UTCDateTime, nullable=True)
    bid_deadline = sa.Column(UTCDateTime, nullable=True)
    validity_days = sa.Column(sa.Integer, nullable=True)
    planned_award = sa.Column(sa.Date, nullable=True)
    created_by_id, created_at = who_and_when(required=True)
    published_at = sa.Column(UTCDateTime, nullable=True)
    version = sa.Column(sa.Integer, nullable=False, default=1)
    # Open tenders only: documents downloadable without sign-up. Off by default (see can_read_documents).
    public_documents = sa.Column(sa.Boolean, nullable=False, default=False, server_default=sa.false())
    # Kept by `tender.result` for the lifecycle's award guard (条例第五十四条): when the candidate publicity
    # ends, and how many objections are unanswered (recomputed from the objections, never incremented).
    publicity_ends_at = sa.Column(UTCDateTime, nullable=True)
    objections_pending = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")

    __mapper_args__ = {"version_id_col": version}

    created_by = relationship("User")
    invitations = relationship("Invitation", back_populates="tender", cascade="all, delete-orphan")
    documents = relationship("TenderDocument", back_populates="tender", cascade="all, delete-orphan",
                             order_by="TenderDocument.id")
    registrations = relationship("Registration", back_populates="tender", cascade="all, delete-orphan")

    def schedule(self, **changes) -> Schedule:
        values = {name: getattr(self, name) for name in SCHEDULE_FIELDS}
        values.update(invitees=len(self.invitations), published_at=self.published_at)
        values.update(changes)
        return Schedule(**values)

    @property
    def is_public(self) -> bool:
        """Once published, a tender stays on record publicly, whatever happens to it later."""
        return self.published_at is not None

    # The lifecycle's predicates; see `tender.notices.lifecycle` for the table behind them.
    @property
    def current_status(self) -> TenderStatus:
        return lifecycle.current_status(self)

    def can(self, action: Action | str, user=None, now: datetime | None = None) -> bool:
        return lifecycle.allows(self, action, user, now)

    def require(self, action: Action | str, user=None, now: datetime | None = None) -> None:
        lifecycle.require(self, action, user, now)

    @property
    def in_preparation(self) -> bool:
        return self.can(Action.PREPARE)

    def accepts_signups(self, now: datetime | None = None) -> bool:
        return self.can(Action.SIGN_UP, now=now)

    def accepts_questions(self, now: datetime | None = None) -> bool:
        return self.can(Action.ASK, now=now)

    def accepts_bids(self, now: datetime | None = None) -> bool:
        return self.can(Action.BID, now=now)

    def can_open(self, user) -> bool:
        return self.can(Action.OPEN, user)

    @property
    def current_documents(self) -> list[TenderDocument]:
        return [d for d in self.documents if d.superseded_at is None]

    def is_invited(self, company_id: int | None) -> bool:
        return any(i.company_id == company_id for i in self.invitations)

    def is_registered(self, company_id: int | None) -> bool:
        return company_id is not None and any(r.company_id == company_id for r in self.registrations)

    def can_read_documents(self, user) -> bool:
        """Who may download the 招标文件 of a published tender.

        Staff and the supervisor always. 邀请招标 and 三家比价: invited companies only. Open
        tenders: companies that signed up, or anyone once staff made the documents public.
        Sign-up first is the default because the notice says so, because clarifications must
        reach everyone who obtained the documents (条例第二十一条), which only a sign-up list
        can guarantee, and because who obtained them must stay confidential (条例第二十二条).
        """
        if user.is_authenticated and user.role in OVERSEERS:
            return True
        if self.procedure.by_invitation:
            return user.is_authenticated and user.company_id is not None and self.is_invited(user.company_id)
        if self.public_documents:
            return True
        return user.is_authenticated and self.is_registered(user.company_id)


class Invitation(TenderPartMixin, PkModel):
    __tablename__ = "tender_invitations"
    __table_args__ = (sa.UniqueConstraint("tender_id", "company_id", name="uq_invitation"),)

    company_id = reference("companies")
    invited_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    tender = relationship("Tender", back_populates="invitations")
    company = relationship("Company")


class TenderDocument(StoredFileMixin, TenderPartMixin, PkModel):
    """One version of one tender document; an amendment supersedes it but never deletes it."""

    __tablename__ = "tender_documents"

    title = sa.Column(sa.String(200), nullable=False)
    revision = sa.Column(sa.Integer, nullable=False, default=1)
    supersedes_id = reference("tender_documents", nullable=True)
    superseded_at = sa.Column(UTCDateTime, nullable=True)
    uploaded_by_id = reference("users")
    note = sa.Column(sa.String(500), nullable=False, default="")

    tender = relationship("Tender", back_populates="documents")
    supersedes = relationship("TenderDocument", remote_side="TenderDocument.id")

    def can_read(self, user) -> bool:
        return self.tender.can_read_documents(user)


class Registration(TenderPartMixin, PkModel):
    """A company's sign-up (报名) to a tender: who receives clarifications and may bid."""

    __tablename__ = "tender_registrations"
    __table_args__ = (sa.UniqueConstraint("tender_id", "company_id", name="uq_registration"),)

    company_id = reference("companies", index=True)
    user_id = reference("users")
    registered_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    tender = relationship("Tender", back_populates="registrations")
    company = relationship("Company")


class Question(TenderPartMixin, PkModel):
    """A bidder's question. Who asked is kept for staff only; bidders never see it."""

    __tablename__ = "tender_questions"

    company_id = reference("companies")
    user_id = reference("users")
    body = sa.Column(sa.Text, nullable=False)
    asked_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    clarification_id = reference("tender_clarifications", nullable=True)

    tender = relationship("Tender")
    company = relationship("Company")
    clarification = relationship("Clarification", back_populates="questions")


class Clarification(TenderPartMixin, PkModel):
    """A published answer or amendment notice (答疑/澄清), sent to every registered bidder."""

    __tablename__ = "tender_clarifications"
    __table_args__ = (sa.UniqueConstraint("tender_id", "number", name="uq_clarification_number"),)

    number = sa.Column(sa.Integer, nullable=False)
    title = sa.Column(sa.String(200), nullable=False)
    body = sa.Column(sa.Text, nullable=False)
    published_by_id, published_at = who_and_when(required=True)
    old_deadline = sa.Column(UTCDateTime, nullable=True)
    new_deadline = sa.Column(UTCDateTime, nullable=True)

    tender = relationship("Tender")
    questions = relationship("Question", back_populates="clarification")
