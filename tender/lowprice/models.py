"""A run of the low-price check with its figures, a clarification request to one bidder, its evidence files."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from scoring.evaluation import serial
from scoring.evaluation.low_price import LowPriceRule
from tender.db import CreatedMixin, DecisionMixin, TenderPartMixin, UTCDateTime, utcnow, who_and_when
from tender.extensions import db
from tender.files import StoredFileMixin
from tender.vocabulary import Labelled

MONEY = sa.Numeric(14, 2)


class LowPriceDecision(Labelled):
    ACCEPTED = "accepted", "说明合理，报价有效"
    REJECTED = "rejected", "低于成本，否决投标（条例第五十一条）"


class LowPriceCheck(TenderPartMixin, CreatedMixin, db.Model):
    """One run of the published trigger over the opened prices; a later run adds a row, the latest is shown.

    `rule` is the `LowPriceRule` as used (serial data); `rows` one entry per bid:
    {bid_id, company_id, company_name, price, staffing_cost, heads, triggers: [{kind, threshold, reason}]}.
    """

    __tablename__ = "low_price_checks"

    id = sa.Column(sa.Integer, primary_key=True)
    rule = sa.Column(sa.JSON, nullable=False)
    rows = sa.Column(sa.JSON, nullable=False)
    mean = sa.Column(MONEY, nullable=True)  # of the valid prices, None without any
    mean_line = sa.Column(MONEY, nullable=True)  # mean × share: below it a bid is flagged

    tender = relationship("Tender")

    @property
    def rule_used(self) -> LowPriceRule:
        return serial.from_data(LowPriceRule, self.rule)

    @property
    def flagged(self) -> list[dict]:
        return [row for row in self.rows if row["triggers"]]

    def row_of(self, bid_id: int) -> dict | None:
        return next((row for row in self.rows if row["bid_id"] == bid_id), None)


class LowPriceRequest(DecisionMixin, TenderPartMixin, CreatedMixin, db.Model):
    """The written request to explain a price (澄清/说明), the bidder's answer, and the committee's decision."""

    __tablename__ = "low_price_requests"
    __table_args__ = (sa.UniqueConstraint("tender_id", "bid_id", name="uq_low_price_request_bid"),)

    id = sa.Column(sa.Integer, primary_key=True)
    bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=False)
    company_id = sa.Column(sa.Integer, sa.ForeignKey("companies.id"), nullable=False, index=True)
    check_id = sa.Column(sa.Integer, sa.ForeignKey("low_price_checks.id"), nullable=False)
    company_name = sa.Column(sa.String(200), nullable=False)  # as at the opening
    price = sa.Column(MONEY, nullable=False)
    grounds = sa.Column(sa.String(2000), nullable=False)  # the triggers' reasons, as the check found them
    question = sa.Column(sa.String(2000), nullable=False)
    deadline = sa.Column(UTCDateTime, nullable=False)
    answer = sa.Column(sa.String(5000), nullable=False, default="")
    answered_by_id, answered_at = who_and_when()
    decision = sa.Column(sa.String(10), nullable=True)  # a LowPriceDecision value
    decision_note = sa.Column(sa.String(2000), nullable=False, default="")
    decided_by_id, decided_at = who_and_when()
    version = sa.Column(sa.Integer, nullable=False)

    # Two answers (or an answer and the decision) from the same state: the second updates no row (StaleDataError,
    # "已被他人修改") where the row lock does not already make it wait and see the first (SQLite).
    __mapper_args__ = {"version_id_col": version}

    decisions, undecided_label = LowPriceDecision, "待评标委员会决定"
    choose_message = "请选择评标委员会的结论。"
    reason_message = "请填写评标委员会的理由（将记入审计日志和评标报告）。"

    tender = relationship("Tender")
    company = relationship("Company")
    check = relationship("LowPriceCheck")
    evidence = relationship("LowPriceEvidence", back_populates="request", cascade="all, delete-orphan",
                            order_by="LowPriceEvidence.id")

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def awaiting_answer(self, now: datetime | None = None) -> bool:
        """Still open to the bidder: not answered, and the server's clock before the deadline."""
        return not self.answered and (now or utcnow()) < self.deadline

    @property
    def decided(self) -> bool:
        return self.decision is not None

    @property
    def rejected(self) -> bool:
        return self.decided_as(LowPriceDecision.REJECTED)


class LowPriceEvidence(StoredFileMixin, db.Model):
    """A file the bidder attaches to its answer (PDF/DOCX, checked by content); final once the answer is sent."""

    __tablename__ = "low_price_evidence"

    id = sa.Column(sa.Integer, primary_key=True)
    request_id = sa.Column(sa.Integer, sa.ForeignKey("low_price_requests.id"), nullable=False, index=True)
    uploaded_by_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)

    request = relationship("LowPriceRequest", back_populates="evidence")

    def can_read(self, user) -> bool:
        from tender.lowprice.permissions import may_read_evidence

        return may_read_evidence(self.request, user)
