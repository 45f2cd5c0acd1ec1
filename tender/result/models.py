"""The evaluation result frozen when the committee finishes, each member's confirmation, and objections.

`EvaluationResult.snapshot` keeps the ranking as it stood when the committee finished (a
later change to a sheet or a finding cannot alter what the members signed, what was
publicised or who was awarded). Each member confirms the result or writes a dissent
(条例第五十三条: 对评标结果有不同意见的评标委员会成员应当以书面形式说明其不同意见和理由).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.auth.roles import OVERSEERS
from tender.db import TenderPartMixin, UTCDateTime, utcnow, who_and_when
from tender.extensions import db
from tender.files import StoredFileMixin

TEXT_LENGTH = 2000  # a recommendation, a dissent, an objection or an answer
REASON_LENGTH = 500


class EvaluationResult(TenderPartMixin, db.Model):
    __tablename__ = "evaluation_results"
    __table_args__ = (sa.UniqueConstraint("tender_id", name="uq_evaluation_result_tender"),)

    id = sa.Column(sa.Integer, primary_key=True)
    finished_by_id, finished_at = who_and_when(required=True)
    # {"candidates": [{rank, bid_id, company_id, company, total, price, decided_by}],
    #  "rejected": [{bid_id, company, reason, basis, source}], "tie_notes": [...], "opened": n, "valid": n}
    snapshot = sa.Column(sa.JSON, nullable=False)
    recommendation = sa.Column(sa.String(TEXT_LENGTH), nullable=False, default="")
    failed_reason = sa.Column(sa.String(REASON_LENGTH), nullable=False, default="")  # "": candidates stand
    publicised_by_id, publicised_at = who_and_when()
    publicity_days = sa.Column(sa.Integer, nullable=True)
    publicity_until = sa.Column(UTCDateTime, nullable=True)
    awarded_by_id, awarded_at = who_and_when()
    declared_failed_by_id, declared_failed_at = who_and_when()  # staff announced the 流标
    winner_bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=True)
    report_pdf_key = sa.Column(sa.String(200), nullable=True)  # the evaluation report's PDF, once a job made it
    report_pdf_sha256 = sa.Column(sa.String(64), nullable=True)

    tender = relationship("Tender")
    finished_by = relationship("User", foreign_keys=[finished_by_id])
    publicised_by = relationship("User", foreign_keys=[publicised_by_id])
    winner_bid = relationship("Bid")
    signoffs = relationship("MemberSignoff", back_populates="result", cascade="all, delete-orphan",
                            order_by="MemberSignoff.id")

    @property
    def failed(self) -> bool:
        return bool(self.failed_reason)

    @property
    def candidates(self) -> list[dict]:
        return self.snapshot.get("candidates", [])

    @property
    def rejected(self) -> list[dict]:
        return self.snapshot.get("rejected", [])


class MemberSignoff(db.Model):
    __tablename__ = "result_signoffs"
    __table_args__ = (sa.UniqueConstraint("result_id", "expert_id", name="uq_result_signoff"),)

    id = sa.Column(sa.Integer, primary_key=True)
    result_id = sa.Column(sa.Integer, sa.ForeignKey("evaluation_results.id"), nullable=False, index=True)
    expert_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)
    agrees = sa.Column(sa.Boolean, nullable=False)
    dissent = sa.Column(sa.String(TEXT_LENGTH), nullable=False, default="")  # the written reasons, if not agreed
    signed_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)

    result = relationship("EvaluationResult", back_populates="signoffs")
    expert = relationship("User")


class Objection(StoredFileMixin, TenderPartMixin, db.Model):
    """A bidder's 异议 to the publicised candidates, with its evidence file; staff answer it (条例第五十四条)."""

    __tablename__ = "result_objections"

    id = sa.Column(sa.Integer, primary_key=True)
    company_id = sa.Column(sa.Integer, sa.ForeignKey("companies.id"), nullable=False)
    user_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)
    text = sa.Column(sa.String(TEXT_LENGTH), nullable=False)
    lodged_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    answer = sa.Column(sa.String(TEXT_LENGTH), nullable=False, default="")
    answered_by_id, answered_at = who_and_when()

    tender = relationship("Tender")
    company = relationship("Company")

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    def can_read(self, user) -> bool:
        """The evidence: staff and the supervisor, and the objecting company; never the other bidders."""
        if not getattr(user, "is_authenticated", False):
            return False
        return user.role in OVERSEERS or user.company_id == self.company_id
