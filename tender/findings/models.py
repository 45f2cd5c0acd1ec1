"""What the checks at the opening found, per tender: the run that found it and each finding with its basis.

A finding is a flag for the committee, not a verdict (条例第四十条 "视为"): staff mark it
explained (with the reason) or refer it to the committee, whose decision is recorded here
for the evaluation report. Findings keep a stable `key`, so a later run (after a failed file
was extracted again) updates them and never loses a decision already taken.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.auth.roles import OVERSEERS
from tender.db import DecisionMixin, PkModel, TenderPartMixin, UTCDateTime, enum_column, reference, utcnow, who_and_when
from tender.vocabulary import Labelled, holds

REASON_CHARS = 2000


class FindingKind(Labelled):
    COPY_PAIR = "copy_pair", "投标文件雷同"
    REUSE_OWN = "reuse_own", "一本标书（本公司历史投标）"
    HISTORY_OTHER = "history_other", "与他公司历史投标雷同"
    STRUCTURE = "structure", "目录结构雷同"
    IDENTIFIER = "identifier", "混装他人信息"
    KEY_PERSON = "key_person", "项目管理成员为同一人"
    METADATA = "metadata", "文件属性相同"
    PRICE_PATTERN = "price_pattern", "报价规律性差异"
    LEFTOVER = "leftover", "残留其他项目信息"
    RELATED = "related", "关联投标人参加同一项目"


class FindingStatus(Labelled):
    OPEN = "open", "待处理"
    EXPLAINED = "explained", "已说明（不提交）"
    REFERRED = "referred", "已提交评标委员会"


class CommitteeDecision(Labelled):
    REJECT = "reject", "否决投标（依据该发现所列条款）"
    CLARIFY = "clarify", "要求投标人澄清后不构成"
    NOT_ESTABLISHED = "not_established", "不构成"


class RunState(Labelled):
    QUEUED = "queued", "等待检查"
    RUNNING = "running", "检查中"
    DONE = "done", "检查完成"
    FAILED = "failed", "检查失败"


class FindingsRun(TenderPartMixin, PkModel):
    """The checks of one tender: one row, run again when a failed bid file is extracted after all.

    `trigger` names the extraction outcome the run was started for (each document's state and
    finish time), so a second "last file finished" from a concurrent worker starts nothing.
    `pairs` and `history` keep every figure, flagged or not, so the page can rank all pairs.
    """

    __tablename__ = "findings_runs"
    __table_args__ = (sa.UniqueConstraint("tender_id", name="uq_findings_run_tender"),)

    state = enum_column(RunState, nullable=False, default=RunState.QUEUED)
    trigger = sa.Column(sa.String(64), nullable=False, default="")
    queued_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    started_at = sa.Column(UTCDateTime, nullable=True)
    finished_at = sa.Column(UTCDateTime, nullable=True)
    error = sa.Column(sa.String(500), nullable=False, default="")
    counts = sa.Column(sa.JSON, nullable=True)  # bids, pairs, flagged pairs, history compared, findings
    pairs = sa.Column(sa.JSON, nullable=True)  # every pair of the tender's bids with its figures
    history = sa.Column(sa.JSON, nullable=True)  # each bid against its best earlier bids, flagged or not
    notes = sa.Column(sa.JSON, nullable=True)  # bids left out (no text) and why
    shown_to_panel_by_id, shown_to_panel_at = who_and_when()

    tender = relationship("Tender")
    shown_to_panel_by = relationship("User")

    @property
    def done(self) -> bool:
        return self.state is RunState.DONE


class Finding(TenderPartMixin, DecisionMixin, PkModel):
    __tablename__ = "findings"
    __table_args__ = (sa.UniqueConstraint("tender_id", "key", name="uq_finding_key"),)

    key = sa.Column(sa.String(200), nullable=False)
    kind = enum_column(FindingKind, nullable=False)
    basis = sa.Column(sa.String(200), nullable=False)
    bid_ids = sa.Column(sa.JSON, nullable=False)
    summary = sa.Column(sa.String(500), nullable=False)
    strength = sa.Column(sa.Float, nullable=False, default=0.0)
    figures = sa.Column(sa.JSON, nullable=True)
    evidence = sa.Column(sa.JSON, nullable=True)  # [{bid_id, page, excerpt}]
    comparison_id = reference("sim_comparisons", nullable=True)
    present = sa.Column(sa.Boolean, nullable=False, default=True)  # False: the latest run no longer finds it
    detected_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    status = enum_column(FindingStatus, nullable=False, default=FindingStatus.OPEN)
    status_reason = sa.Column(sa.Text, nullable=False, default="")
    status_by_id, status_at = who_and_when()
    decision = sa.Column(sa.String(20), nullable=True)  # a CommitteeDecision value, on a referred finding
    decision_note = sa.Column(sa.Text, nullable=False, default="")
    decided_by_id, decided_at = who_and_when()

    decisions, undecided_label = CommitteeDecision, "待评标委员会决定"
    choose_message, reason_message = "请选择评标委员会的决定。", "请填写评标委员会的理由。"

    comparison = relationship("Comparison")
    status_by = relationship("User", foreign_keys=[status_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])

    def can_read(self, user) -> bool:
        return user.is_authenticated and user.role in OVERSEERS

    referred = holds("status", FindingStatus.REFERRED)
    is_open = holds("status", FindingStatus.OPEN)

    @property
    def rejected(self) -> bool:
        """The committee rejected the bids concerned on this finding (第四十条)."""
        return self.decided_as(CommitteeDecision.REJECT)
