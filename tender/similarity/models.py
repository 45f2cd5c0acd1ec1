"""Stored documents for copy detection, their fingerprints and company frequencies, and comparisons.

Fingerprint rows are kept once per document with its owning company; the
company-frequency tables count *companies*, not documents, so a company reusing
its own template never makes that template look like common usage.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import deferred, relationship

from tender.auth.roles import OVERSEERS
from tender.db import CreatedMixin, PkModel, UTCDateTime, enum_column, reference
from tender.extensions import db
from tender.files import StoredFileMixin
from tender.vocabulary import Labelled


class DocumentKind(Labelled):
    LIBRARY = "library", "法规标准库"
    UPLOAD = "upload", "上传比对"
    BID = "bid", "投标文件"
    TENDER = "tender", "招标文件"


class DocumentState(Labelled):
    PENDING = "pending", "处理中"
    READY = "ready", "就绪"
    FAILED = "failed", "无法解析"


class SimilarityDocument(StoredFileMixin, CreatedMixin, PkModel):
    __tablename__ = "sim_documents"

    title = sa.Column(sa.String(200), nullable=False)
    kind = enum_column(DocumentKind, nullable=False, index=True)
    state = enum_column(DocumentState, nullable=False, default=DocumentState.PENDING)
    company_id = reference("companies", nullable=True, index=True)
    tender_id = reference("tenders", nullable=True, index=True)
    text = deferred(sa.Column(sa.Text, nullable=True))
    page_starts = sa.Column(sa.JSON, nullable=True)
    prepared = deferred(sa.Column(sa.LargeBinary, nullable=True))
    n_chars = sa.Column(sa.Integer, nullable=False, default=0)
    n_fingerprints = sa.Column(sa.Integer, nullable=False, default=0)
    candidates = sa.Column(sa.JSON, nullable=True)
    error = sa.Column(sa.String(500), nullable=False, default="")
    removed_at = sa.Column(UTCDateTime, nullable=True)

    company = relationship("Company")

    def can_read(self, user) -> bool:
        """Documents under comparison are evidence for staff and the supervisor, never for bidders."""
        return user.is_authenticated and user.role in OVERSEERS

    @property
    def label(self) -> str:
        owner = f"（{self.company.name}）" if self.company else ""
        return f"{self.title}{owner}"


fingerprints = sa.Table(
    "sim_fingerprints", db.metadata,
    sa.Column("hash", sa.BigInteger, nullable=False),
    sa.Column("doc_id", sa.Integer, sa.ForeignKey("sim_documents.id", ondelete="CASCADE"), nullable=False),
    sa.Column("pos", sa.Integer, nullable=False),
    sa.Index("ix_sim_fingerprints_hash_doc", "hash", "doc_id"),
    sa.Index("ix_sim_fingerprints_doc", "doc_id"),
)

company_hashes = sa.Table(
    "sim_company_hashes", db.metadata,
    sa.Column("hash", sa.BigInteger, primary_key=True),
    sa.Column("company_id", sa.Integer, sa.ForeignKey("companies.id"), primary_key=True),
)

hash_companies = sa.Table(
    "sim_hash_companies", db.metadata,
    sa.Column("hash", sa.BigInteger, primary_key=True),
    sa.Column("n_companies", sa.Integer, nullable=False),
)


class Comparison(CreatedMixin, PkModel):
    __tablename__ = "sim_comparisons"

    doc_a_id = reference("sim_documents")
    doc_b_id = reference("sim_documents")
    use_library = sa.Column(sa.Boolean, nullable=False, default=True)
    tender_id = reference("tenders", nullable=True)
    report = sa.Column(sa.JSON, nullable=True)

    doc_a = relationship("SimilarityDocument", foreign_keys=[doc_a_id])
    doc_b = relationship("SimilarityDocument", foreign_keys=[doc_b_id])
    jobs = relationship("JobRecord", viewonly=True, order_by="JobRecord.id",
                        primaryjoin="and_(foreign(JobRecord.subject_id) == Comparison.id, "
                                    "JobRecord.subject_type == 'sim_comparisons')")
    pdf = relationship("ComparisonReport", uselist=False, back_populates="comparison", cascade="all, delete-orphan")

    @property
    def job(self):
        """The comparison's own job (the latest, if it was ever run again)."""
        return next((j for j in reversed(self.jobs) if j.kind == "similarity.compare"), None)


class ComparisonReport(StoredFileMixin, PkModel):
    """The exported PDF of a comparison: a stored file like any other, read by whoever may read the comparison."""

    __tablename__ = "sim_comparison_reports"

    comparison_id = reference("sim_comparisons", unique=True)

    comparison = relationship("Comparison", back_populates="pdf")

    def can_read(self, user) -> bool:
        return user.is_authenticated and user.role in OVERSEERS
