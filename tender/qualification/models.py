"""A tender's qualification checklist, each company's answers and the review of them."""
from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import CreatedAtMixin, DecisionMixin, PkModel, TenderPartMixin, enum_column, reference, who_and_when
from tender.notices.procedures import Procedure
from tender.vocabulary import Labelled, holds

ITEM_KINDS = {
    "document": ("证明文件", None),
    "years": ("成立年限", "年"),
    "projects": ("类似项目业绩", "个"),
    "managers": ("持证项目经理", "人"),
    "other": ("其他要求", None),
}
# 办法: if too many pass prequalification, keep not fewer than 5; invitation-type procedures need 3.
DEFAULT_KEEP_MINIMUM = {Procedure.OPEN: 5, Procedure.INVITED: 3, Procedure.QUOTES: 3}


class ReviewDecision(Labelled):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class SubmissionStatus(Labelled):
    DRAFT = "draft", "填写中"
    SUBMITTED = "submitted", "待审查"
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"


class QualificationPlan(PkModel):
    """Per-tender settings: how many passing bidders to keep, scoring, and the control threshold."""

    __tablename__ = "qualification_plans"

    tender_id = reference("tenders", unique=True)
    keep_count = sa.Column(sa.Integer, nullable=True)  # None: keep everyone who passes
    keep_minimum = sa.Column(sa.Integer, nullable=False, default=5)
    scored = sa.Column(sa.Boolean, nullable=False, default=False)
    control_threshold = sa.Column(sa.Numeric(5, 2), nullable=False, default=Decimal("50"))

    tender = relationship("Tender")


class QualificationItem(TenderPartMixin, PkModel):
    __tablename__ = "qualification_items"

    position = sa.Column(sa.Integer, nullable=False, default=0)
    title = sa.Column(sa.String(200), nullable=False)
    kind = sa.Column(sa.String(20), nullable=False, default="document")
    min_value = sa.Column(sa.Numeric(10, 2), nullable=True)
    evidence = sa.Column(sa.String(500), nullable=False, default="")
    needs_file = sa.Column(sa.Boolean, nullable=False, default=True)

    @property
    def kind_label(self) -> str:
        return ITEM_KINDS[self.kind][0]

    @property
    def numeric(self) -> bool:
        return ITEM_KINDS[self.kind][1] is not None

    @property
    def requirement(self) -> str:
        unit = ITEM_KINDS[self.kind][1]
        if unit and self.min_value is not None:
            return f"不少于 {self.min_value.normalize():f} {unit}"
        return ""


class QualificationSubmission(TenderPartMixin, CreatedAtMixin, PkModel):
    __tablename__ = "qualification_submissions"
    __table_args__ = (sa.UniqueConstraint("tender_id", "company_id", name="uq_qualification_submission"),)

    company_id = reference("companies", index=True)
    status = enum_column(SubmissionStatus, nullable=False, default=SubmissionStatus.DRAFT)
    company_version = sa.Column(sa.Integer, nullable=True)  # the registry version that was reviewed
    submitted_by_id, submitted_at = who_and_when()
    concluded_by_id, concluded_at = who_and_when()
    score = sa.Column(sa.Numeric(7, 2), nullable=True)
    shortlisted = sa.Column(sa.Boolean, nullable=True)  # None: no shortlist needed or not yet made
    version = sa.Column(sa.Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    tender = relationship("Tender")
    company = relationship("Company")
    answers = relationship("QualificationAnswer", back_populates="submission", cascade="all, delete-orphan")

    def answer_for(self, item_id: int):
        return next((a for a in self.answers if a.item_id == item_id), None)

    @property
    def qualified(self) -> bool:
        """May bid: passed, and not dropped by the shortlist."""
        return self.status is SubmissionStatus.PASSED and self.shortlisted is not False

    is_draft = holds("status", SubmissionStatus.DRAFT)
    awaiting_review = holds("status", SubmissionStatus.SUBMITTED)
    is_concluded = holds("status", SubmissionStatus.PASSED, SubmissionStatus.FAILED)
    passed = holds("status", SubmissionStatus.PASSED)

    @property
    def result_label(self) -> str:
        if self.status is SubmissionStatus.PASSED and self.shortlisted is False:
            return "合格（未入围）"
        return self.status.label

    def can_read(self, user) -> bool:
        return self.company.can_read(user)


class QualificationAnswer(DecisionMixin, PkModel):
    __tablename__ = "qualification_answers"
    __table_args__ = (sa.UniqueConstraint("submission_id", "item_id", name="uq_qualification_answer"),)

    submission_id = reference("qualification_submissions", index=True)
    item_id = reference("qualification_items")
    value = sa.Column(sa.String(500), nullable=False, default="")
    file_id = reference("company_files", nullable=True)
    answered_by_id, answered_at = who_and_when(required=True)
    decision = sa.Column(sa.String(10), nullable=True)  # a ReviewDecision value
    reason = sa.Column(sa.Text, nullable=False, default="")
    reviewed_by_id, reviewed_at = who_and_when()

    decisions, undecided_label = ReviewDecision, "未审查"

    submission = relationship("QualificationSubmission", back_populates="answers")
    item = relationship("QualificationItem")
    file = relationship("CompanyFile")

    @property
    def below_threshold(self) -> bool:
        """A hint for the reviewer: a number under the item's minimum."""
        if not self.item.numeric or self.item.min_value is None:
            return False
        try:
            return Decimal(self.value) < self.item.min_value
        except ArithmeticError:
            return True

    @property
    def failed(self) -> bool:
        return self.decided_as(ReviewDecision.FAIL)
