"""Score sheets: one per (tender, expert), one cell per (opened bid, criterion the experts score).

Each cell carries its own version, so two tabs of the same expert editing different cells
never overwrite each other, and a stale write to the same cell is refused (autosave).
A counted item (similar projects × points, capped) has a cell whose `count` the expert enters;
its `score` is the points `scoring.evaluation.method.count_score` gives for that count. Prices
have no cell: they are computed once from the opened price forms (`scoring.evaluation.price`).
The chair (评标委员会负责人) is named by the tenderer's staff
from the sitting members (评标委员会和评标方法暂行规定: 负责人由推举产生或者由招标人确定).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import TenderPartMixin, UTCDateTime, enum_column, utcnow, who_and_when
from tender.extensions import db
from tender.vocabulary import Labelled

REASON_LENGTH = 500
CRITERION_LENGTH = 40


class SheetStatus(Labelled):
    DRAFT = "draft", "评分中"
    SUBMITTED = "submitted", "已提交"


class ScoreSheet(TenderPartMixin, db.Model):
    __tablename__ = "score_sheets"
    __table_args__ = (sa.UniqueConstraint("tender_id", "expert_id", name="uq_score_sheet_expert"),)

    id = sa.Column(sa.Integer, primary_key=True)
    expert_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)
    status = enum_column(SheetStatus, nullable=False, default=SheetStatus.DRAFT)
    opened_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    submitted_at = sa.Column(UTCDateTime, nullable=True)
    return_reason = sa.Column(sa.String(REASON_LENGTH), nullable=False, default="")
    returned_by_id, returned_at = who_and_when()

    expert = relationship("User", foreign_keys=[expert_id])
    tender = relationship("Tender")
    cells = relationship("ScoreCell", back_populates="sheet", cascade="all, delete-orphan",
                         order_by="ScoreCell.id")

    @property
    def submitted(self) -> bool:
        return self.status is SheetStatus.SUBMITTED

    def can_edit(self, user) -> bool:
        return not self.submitted and getattr(user, "id", None) == self.expert_id


class ScoreCell(db.Model):
    __tablename__ = "score_cells"
    __table_args__ = (sa.UniqueConstraint("sheet_id", "bid_id", "criterion", name="uq_score_cell"),)

    id = sa.Column(sa.Integer, primary_key=True)
    sheet_id = sa.Column(sa.Integer, sa.ForeignKey("score_sheets.id"), nullable=False, index=True)
    bid_id = sa.Column(sa.Integer, sa.ForeignKey("bids.id"), nullable=False)
    criterion = sa.Column(sa.String(CRITERION_LENGTH), nullable=False)  # the method leaf's code
    score = sa.Column(sa.Numeric(6, 2), nullable=True)  # None: not scored yet
    count = sa.Column(sa.Integer, nullable=True)  # counted items only: what the expert entered
    reason = sa.Column(sa.String(REASON_LENGTH), nullable=False, default="")
    version = sa.Column(sa.Integer, nullable=False, default=0)
    updated_at = sa.Column(UTCDateTime, nullable=True)

    sheet = relationship("ScoreSheet", back_populates="cells")


class PanelChair(TenderPartMixin, db.Model):
    __tablename__ = "panel_chairs"
    __table_args__ = (sa.UniqueConstraint("tender_id", name="uq_panel_chair_tender"),)

    id = sa.Column(sa.Integer, primary_key=True)
    expert_id = sa.Column(sa.Integer, sa.ForeignKey("users.id"), nullable=False)
    appointed_by_id, appointed_at = who_and_when(required=True)

    expert = relationship("User", foreign_keys=[expert_id])
