"""Expert profiles and declared relations, a tender's committee draw, and each drawn expert's declaration.

The draw row keeps everything `scoring.evaluation.draw` needs to replay it: the seed, the
pool as it was at draw time (a snapshot: a profile edited later must not change the
replay), the companies excluded for, and the committee with its log. Recusals are
appended to that log, so replaying the recorded recusals gives the current committee.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import relationship

from tender.db import CreatedMixin, PkModel, TenderPartMixin, UTCDateTime, reference, who_and_when

SPECIALTIES = ["物业管理", "工程", "经济/造价", "法律", "财务", "其他"]


class ExpertProfile(PkModel):
    """What the pool knows of an expert account: specialty, organisation, and whether the expert is external."""

    __tablename__ = "expert_profiles"

    user_id = reference("users", unique=True)
    specialty = sa.Column(sa.String(40), nullable=False)
    organisation = sa.Column(sa.String(200), nullable=False, default="")
    # External experts are drawn; the tenderer's representatives are appointed, never drawn (办法).
    external = sa.Column(sa.Boolean, nullable=False, default=True)
    in_pool = sa.Column(sa.Boolean, nullable=False, default=True)
    updated_by_id, updated_at = who_and_when()

    user = relationship("User", foreign_keys=[user_id])
    relations = relationship("ExpertRelation", back_populates="profile", cascade="all, delete-orphan",
                             order_by="ExpertRelation.id")


class ExpertRelation(CreatedMixin, PkModel):
    """A relation the expert declared with a company (评标规定第十二条); a registry company when it is one."""

    __tablename__ = "expert_relations"

    profile_id = reference("expert_profiles", index=True)
    company_id = reference("companies", nullable=True)
    company_name = sa.Column(sa.String(200), nullable=False)
    relation = sa.Column(sa.String(200), nullable=False)

    profile = relationship("ExpertProfile", back_populates="relations")
    company = relationship("Company")


class CommitteeDraw(TenderPartMixin, CreatedMixin, PkModel):
    """One tender's draw: request, pool snapshot, and the committee as it stands after recusals."""

    __tablename__ = "committee_draws"
    __table_args__ = (sa.UniqueConstraint("tender_id", name="uq_committee_draw_tender"),)

    procedure = sa.Column(sa.String(20), nullable=False)
    size = sa.Column(sa.Integer, nullable=False)
    representatives = sa.Column(sa.Integer, nullable=False, default=0)
    reserve_count = sa.Column(sa.Integer, nullable=False)
    seed = sa.Column(sa.String(64), nullable=False)
    tenderer = sa.Column(sa.String(200), nullable=False)
    bidders = sa.Column(sa.JSON, nullable=False)  # company names excluded for
    pool = sa.Column(sa.JSON, nullable=False)  # [{id, name, specialty, organisation, related_to}]
    members = sa.Column(sa.JSON, nullable=False)  # expert ids (str), current
    reserves = sa.Column(sa.JSON, nullable=False)
    log = sa.Column(sa.JSON, nullable=False)  # [{step, expert, action, reason}]

    tender = relationship("Tender")

    def member_ids(self) -> set[int]:
        return {int(m) for m in self.members}

    def name_of(self, expert_id: str) -> str:
        return next((e["name"] for e in self.pool if e["id"] == expert_id), expert_id)


class ConflictDeclaration(TenderPartMixin, PkModel):
    """A drawn expert's signed statement on conflicts of interest, made before any bid is shown."""

    __tablename__ = "conflict_declarations"
    __table_args__ = (sa.UniqueConstraint("tender_id", "expert_id", name="uq_conflict_declaration"),)

    expert_id = reference("users")
    conflict = sa.Column(sa.Boolean, nullable=False)
    company_name = sa.Column(sa.String(200), nullable=False, default="")
    reason = sa.Column(sa.String(500), nullable=False, default="")
    statement = sa.Column(sa.Text, nullable=False)
    declared_at = sa.Column(UTCDateTime, nullable=False)

    expert = relationship("User")
