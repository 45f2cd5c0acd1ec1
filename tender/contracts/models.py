"""Confirmed commitments of a winning bid, staff contract templates, and the versioned contracts themselves.

A commitment enters a contract only as a `ConfirmedCommitment` row: the extractor
(`scoring.commitments`) proposes, a staff member confirms next to the source page, and only
then does a row exist. A contract keeps the exact context it was rendered from (`context`), the
rendered .docx (stored file) and its signature; a new draft supersedes the older drafts.
"""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from scoring.commitments.schema import Commitment, Comparator, Indicator, Period, Unit
from scoring.contracts.deviations import target
from scoring.contracts.tracking import is_met
from tender.auth.roles import OVERSEERS
from tender.contracts.context import FeeRegime
from tender.db import CreatedMixin, TenderPartMixin, enum_column, who_and_when
from tender.extensions import db
from tender.files import StoredFileMixin
from tender.vocabulary import Labelled


class ContractStatus(Labelled):
    DRAFT = "draft", "草稿（待签订）"
    SIGNED = "signed", "已签订"
    SUPERSEDED = "superseded", "已被新版本取代"


class ConfirmedCommitment(TenderPartMixin, db.Model):
    """One promise of the winning bid, as staff confirmed it: what, how it is measured, where it was read."""

    __tablename__ = "confirmed_commitments"

    id = sa.Column(sa.Integer, primary_key=True)
    bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=False, index=True)
    indicator = sa.Column(sa.String(40), nullable=False)  # scoring.commitments.schema.Indicator
    comparator = sa.Column(sa.String(2), nullable=False)
    value = sa.Column(sa.Numeric(12, 2), nullable=False)
    unit = sa.Column(sa.String(10), nullable=False)
    period = sa.Column(sa.String(4), nullable=False, default="")  # 月, 年… ("" none)
    deadline = sa.Column(sa.String(40), nullable=False, default="")  # phasing in the bid's words: 两年内, 第三年
    method = sa.Column(sa.String(300), nullable=False)
    source = sa.Column(sa.String(1000), nullable=False, default="")  # the passage it was read from
    page = sa.Column(sa.Integer, nullable=True)  # 1-based page of the bid; None when staff typed it
    penalty_clause = sa.Column(sa.String(20), nullable=False)  # the 违约责任 article, e.g. 第二十条
    confirmed_by_id, confirmed_at = who_and_when(required=True)

    bid = relationship("Bid")
    confirmed_by = relationship("User")
    measurements = relationship("Measurement", back_populates="commitment", order_by="Measurement.period_end",
                                cascade="all, delete-orphan")

    @property
    def commitment(self) -> Commitment:
        return Commitment(indicator=Indicator(self.indicator), comparator=Comparator(self.comparator),
                          value=Decimal(self.value), unit=Unit(self.unit),
                          period=Period(self.period) if self.period else None, deadline=self.deadline,
                          page=self.page, source=self.source)

    @property
    def indicator_label(self) -> str:
        return Indicator(self.indicator).label

    @property
    def target(self) -> str:
        return target(self.commitment)


class DroppedProposal(TenderPartMixin, db.Model):
    """An extracted commitment staff judged not to be one (a misread figure): left off the review list."""

    __tablename__ = "dropped_commitment_proposals"

    id = sa.Column(sa.Integer, primary_key=True)
    bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=False, index=True)
    page = sa.Column(sa.Integer, nullable=True)
    source = sa.Column(sa.String(1000), nullable=False, default="")
    dropped_by_id, dropped_at = who_and_when(required=True)


class Measurement(TenderPartMixin, db.Model):
    """One period's measured value of a confirmed commitment after the award (monthly survey, response times…).

    Whether it met the promise is computed, never stored (`scoring.contracts.tracking.is_met`), so a
    corrected rule or commitment never leaves an old verdict behind.
    """

    __tablename__ = "commitment_measurements"

    id = sa.Column(sa.Integer, primary_key=True)
    commitment_id = sa.Column(sa.Integer, sa.ForeignKey("confirmed_commitments.id"), nullable=False, index=True)
    period_start = sa.Column(sa.Date, nullable=False)
    period_end = sa.Column(sa.Date, nullable=False)
    value = sa.Column(sa.Numeric(12, 2), nullable=False)
    unit = sa.Column(sa.String(10), nullable=False)  # as measured; converted to the commitment's when judged
    note = sa.Column(sa.String(500), nullable=False, default="")
    recorded_by_id, recorded_at = who_and_when(required=True)

    commitment = relationship("ConfirmedCommitment", back_populates="measurements")
    recorded_by = relationship("User")

    @property
    def met(self) -> bool:
        return is_met(self.commitment.commitment, Decimal(self.value), Unit(self.unit))


class ContractTemplate(StoredFileMixin, CreatedMixin, db.Model):
    """A staff-uploaded .docx template; stored only after `templating.check_template` found nothing."""

    __tablename__ = "contract_templates"

    id = sa.Column(sa.Integer, primary_key=True)
    title = sa.Column(sa.String(200), nullable=False)

    def can_read(self, user) -> bool:
        return user.is_authenticated and user.role in OVERSEERS


class Contract(StoredFileMixin, TenderPartMixin, CreatedMixin, db.Model):
    """One version of a tender's contract: its terms, the rendered .docx, and whether it was signed."""

    __tablename__ = "contracts"
    __table_args__ = (sa.UniqueConstraint("tender_id", "version", name="uq_contract_version"),)

    id = sa.Column(sa.Integer, primary_key=True)
    bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=False)
    company_id = sa.Column(sa.Integer, sa.ForeignKey("companies.id"), nullable=False)
    version = sa.Column(sa.Integer, nullable=False)
    reference = sa.Column(sa.String(60), nullable=False)
    status = enum_column(ContractStatus, nullable=False, default=ContractStatus.DRAFT)
    fee_regime = enum_column(FeeRegime, nullable=False)
    remuneration = sa.Column(sa.String(200), nullable=False, default="")
    term_months = sa.Column(sa.Integer, nullable=False)
    term_start = sa.Column(sa.Date, nullable=False)
    annual_total = sa.Column(sa.Numeric(14, 2), nullable=False)
    fees = sa.Column(sa.JSON, nullable=False)  # [{"type", "fee", "area"?}] in 元/月·㎡
    commitments = sa.Column(sa.JSON, nullable=False)  # the 附件五 rows as confirmed: [{indicator, comparator…}]
    context = sa.Column(sa.JSON, nullable=False)  # what the document was rendered from
    template_id = sa.Column(sa.Integer, sa.ForeignKey("contract_templates.id"), nullable=True)
    signed_by_id, signed_at = who_and_when()
    pdf_key = sa.Column(sa.String(200), nullable=True)  # the PDF the export job made of this version's .docx
    pdf_sha256 = sa.Column(sa.String(64), nullable=True)

    bid = relationship("Bid")
    company = relationship("Company")
    template = relationship("ContractTemplate")
    tender = relationship("Tender")

    @property
    def signed(self) -> bool:
        return self.status is ContractStatus.SIGNED

    @property
    def draft(self) -> bool:
        return self.status is ContractStatus.DRAFT

    def can_read(self, user) -> bool:
        return user.is_authenticated and user.role in OVERSEERS


def stored_commitment(c: Commitment) -> dict:
    """A commitment as the contract keeps it (JSON), enough to compare with the bid's again."""
    return {"indicator": c.indicator.value, "comparator": c.comparator.value, "value": str(c.value),
            "unit": c.unit.value, "period": c.period.value if c.period else "", "deadline": c.deadline}


def commitment_of(row: dict) -> Commitment:
    return Commitment(indicator=Indicator(row["indicator"]), comparator=Comparator(row["comparator"]),
                      value=Decimal(row["value"]), unit=Unit(row["unit"]),
                      period=Period(row["period"]) if row["period"] else None, deadline=row["deadline"])

