"""The bidder registry: companies with shareholders, officers, key staff, files and saved versions.

Also the developer's own related companies and the related-bidder findings per tender.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr, relationship

from scoring.collusion.validators import credit_code_error, id_number_error
from tender.auth.roles import OVERSEERS, Role
from tender.db import (
    CreatedAtMixin,
    CreatedMixin,
    DecisionMixin,
    PkModel,
    TenderPartMixin,
    UTCDateTime,
    reference,
    utcnow,
    who_and_when,
)
from tender.extensions import db
from tender.files import StoredFileMixin
from tender.vocabulary import Labelled

OFFICER_POSTS = ("董事长", "董事", "监事", "总经理", "副总经理", "财务负责人")
FILE_KINDS = {"license": "营业执照", "certificate": "资质/证书", "evidence": "资格审查证明材料", "other": "其他"}
PROPERTY_SCOPE = "物业管理"


class Company(CreatedAtMixin, PkModel):
    __tablename__ = "companies"

    name = sa.Column(sa.String(200), nullable=False, unique=True)
    # A claimed code blocks nobody: only a code staff verified against the 营业执照 is unique
    # (who verified it is in the audit trail).
    credit_code = sa.Column(sa.String(18), nullable=True, index=True)
    verified_credit_code = sa.Column(sa.String(18), nullable=True, unique=True)
    credit_code_verified_at = sa.Column(UTCDateTime, nullable=True)
    legal_rep_name = sa.Column(sa.String(100), nullable=False, default="", server_default="")
    legal_rep_id = sa.Column(sa.String(18), nullable=False, default="", server_default="")
    registered_capital = sa.Column(sa.Numeric(14, 2), nullable=True)
    established_on = sa.Column(sa.Date, nullable=True)
    address = sa.Column(sa.String(300), nullable=False, default="", server_default="")
    business_scope = sa.Column(sa.Text, nullable=False, default="", server_default="")
    contact_name = sa.Column(sa.String(100), nullable=False, default="")
    contact_phone = sa.Column(sa.String(32), nullable=False, default="")
    contact_email = sa.Column(sa.String(254), nullable=False, default="")
    registry_version = sa.Column(sa.Integer, nullable=False, default=0, server_default="0")
    version = sa.Column(sa.Integer, nullable=False, default=1, server_default="1")  # optimistic check

    __mapper_args__ = {"version_id_col": version}

    users = relationship("User", back_populates="company")
    shareholders = relationship("Shareholder", cascade="all, delete-orphan", order_by="Shareholder.id")
    officers = relationship("Officer", cascade="all, delete-orphan", order_by="Officer.id")
    key_staff = relationship("KeyStaff", cascade="all, delete-orphan", order_by="KeyStaff.id")
    files = relationship("CompanyFile", back_populates="company", order_by="CompanyFile.id")

    @property
    def credit_code_verified(self) -> bool:
        return bool(self.credit_code) and self.verified_credit_code == self.credit_code

    def can_read(self, user) -> bool:
        return user.is_authenticated and (user.role in OVERSEERS or user.company_id == self.id)

    def can_edit(self, user) -> bool:
        return user.is_authenticated and user.role is Role.BIDDER and user.company_id == self.id

    def missing(self) -> list[str]:
        """What still keeps this company from signing up to a tender."""
        problems = []
        if not self.credit_code or credit_code_error(self.credit_code):
            problems.append("有效的统一社会信用代码")
        if not self.legal_rep_name or id_number_error(self.legal_rep_id or ""):
            problems.append("法定代表人姓名及有效身份证号")
        if self.registered_capital is None:
            problems.append("注册资本")
        if self.established_on is None:
            problems.append("成立日期")
        if not self.address:
            problems.append("注册地址")
        if not (self.contact_name and self.contact_phone and self.contact_email):
            problems.append("联系人、联系电话和电子邮箱")
        if not self.business_scope:
            problems.append("经营范围")
        if not self.shareholders:
            problems.append("股东及持股比例")
        if not any(f.kind == "license" for f in self.files):
            problems.append("营业执照扫描件")
        return problems

    def signup_problems(self, service_type: str) -> list[str]:
        problems = [f"请先在“我的公司”中完善：{'、'.join(self.missing())}。"] if self.missing() else []
        if self.credit_code and not self.credit_code_verified and db.session.scalar(sa.select(Company.id).where(
                Company.verified_credit_code == self.credit_code, Company.id != self.id)):
            problems.append("贵公司填写的统一社会信用代码已核验属于另一家公司，请按营业执照核对，或联系招标人。")
        if service_type == "前期物业管理" and PROPERTY_SCOPE not in (self.business_scope or ""):
            problems.append("前期物业管理项目要求投标人经营范围包含“物业管理”。")
        return problems

    def __repr__(self) -> str:
        return f"<Company {self.name}>"


class Shareholder(PkModel):
    __tablename__ = "company_shareholders"

    company_id = reference("companies", index=True)
    name = sa.Column(sa.String(200), nullable=False)
    identifier = sa.Column(sa.String(18), nullable=False)  # credit code (company) or ID number (person)
    share = sa.Column(sa.Numeric(7, 4), nullable=False)  # percent


class CompanyPerson:
    """A person the registry names for a company by name and ID number: officers and key staff,
    whom the related-bidder and same-key-person checks compare across companies."""

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False)
    id_number = sa.Column(sa.String(18), nullable=False)

    @declared_attr
    def company_id(cls):  # noqa: N805 - SQLAlchemy passes the mapped class
        return reference("companies", index=True)


class Officer(CompanyPerson, db.Model):
    __tablename__ = "company_officers"

    post = sa.Column(sa.String(20), nullable=False)


class KeyStaff(CompanyPerson, db.Model):
    """A 项目经理 candidate or other key person the company may name in a bid."""

    __tablename__ = "company_key_staff"

    certificates = sa.Column(sa.String(500), nullable=False, default="")
    role = sa.Column(sa.String(40), nullable=False, default="项目经理")


class CompanyFile(StoredFileMixin, PkModel):
    """A supporting file (营业执照, certificates, qualification evidence). Never deleted: versions cite it."""

    __tablename__ = "company_files"

    company_id = reference("companies", index=True)
    kind = sa.Column(sa.String(20), nullable=False)
    title = sa.Column(sa.String(200), nullable=False)
    uploaded_by_id = reference("users", nullable=True)

    company = relationship("Company", back_populates="files")

    def can_read(self, user) -> bool:
        return self.company.can_read(user)

    @property
    def kind_label(self) -> str:
        return FILE_KINDS.get(self.kind, self.kind)


class CompanyVersion(CreatedMixin, PkModel):
    """What the registry said at one save; a qualification cites the number it was reviewed on."""

    __tablename__ = "company_versions"
    __table_args__ = (sa.UniqueConstraint("company_id", "number", name="uq_company_version"),)

    company_id = reference("companies", index=True)
    number = sa.Column(sa.Integer, nullable=False)
    snapshot = sa.Column(sa.JSON, nullable=False)

    created_by = relationship("User")


class DeveloperAffiliate(CreatedAtMixin, PkModel):
    """A company related to the developer (招标人); a bidder matching one has an interest in the tenderer."""

    __tablename__ = "developer_affiliates"

    name = sa.Column(sa.String(200), nullable=False, unique=True)
    credit_code = sa.Column(sa.String(18), nullable=False, default="")
    legal_rep_name = sa.Column(sa.String(100), nullable=False, default="")
    legal_rep_id = sa.Column(sa.String(18), nullable=False, default="")
    note = sa.Column(sa.String(300), nullable=False, default="")


class RelatedDecision(Labelled):
    RELATED = "related", "认定关联（相关投标无效）"
    CLEARED = "cleared", "排除（不构成关联）"


class RelatedFinding(TenderPartMixin, DecisionMixin, PkModel):
    """One related-bidder finding for a tender, with the staff decision it needs."""

    __tablename__ = "related_findings"
    __table_args__ = (sa.UniqueConstraint("tender_id", "key", name="uq_related_finding"),)

    key = sa.Column(sa.String(200), nullable=False)
    rule = sa.Column(sa.String(40), nullable=False)
    company_a_id = reference("companies")
    company_b_id = reference("companies", nullable=True)
    evidence = sa.Column(sa.Text, nullable=False)
    present = sa.Column(sa.Boolean, nullable=False, default=True)
    detected_at = sa.Column(UTCDateTime, nullable=False, default=utcnow)
    decision = sa.Column(sa.String(20), nullable=True)  # a RelatedDecision value
    decision_note = sa.Column(sa.Text, nullable=False, default="")
    decided_by_id, decided_at = who_and_when()

    decisions, undecided_label = RelatedDecision, "待决定"

    company_a = relationship("Company", foreign_keys=[company_a_id])
    company_b = relationship("Company", foreign_keys=[company_b_id])
    decided_by = relationship("User")

    @property
    def label(self) -> str:
        from scoring.collusion.related import RULES

        return RULES.get(self.rule, self.rule)

    @property
    def found_related(self) -> bool:
        return self.decided_as(RelatedDecision.RELATED)
