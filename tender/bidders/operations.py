"""Changes to the bidder registry. Each validates, flushes and writes its audit entry; the caller commits."""
from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

import sqlalchemy as sa

from tender.audit.operations import record
from tender.auth.models import User
from tender.auth.roles import Role
from tender.bidders.models import (
    FILE_KINDS,
    OFFICER_POSTS,
    Company,
    CompanyFile,
    CompanyVersion,
    DeveloperAffiliate,
    KeyStaff,
    Officer,
    Shareholder,
)
from tender.bidders.validators import credit_code_error, id_number_error, normalise
from tender.db import snapshot
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import store_bytes

PROFILE_FIELDS = ("name", "credit_code", "legal_rep_name", "legal_rep_id", "registered_capital", "established_on",
                  "address", "business_scope", "contact_name", "contact_phone", "contact_email")
UPLOAD_KINDS = ("pdf", "docx", "jpg", "png")


def _check_editor(company: Company, actor: User) -> None:
    if not company.can_edit(actor):
        raise NotAllowed("只有本公司的投标人账号可以修改公司信息。")


def save_company(company: Company, actor: User, *, shareholders: list[dict], officers: list[dict],
                 key_staff: list[dict], **fields) -> CompanyVersion | None:
    """Save the registry record; a new numbered version only when something really changed (double-submit safe)."""
    _check_editor(company, actor)
    fields["credit_code"] = normalise(fields.get("credit_code"))
    fields["legal_rep_id"] = normalise(fields.get("legal_rep_id"))
    _check_profile(company, fields)
    holders = [Shareholder(**row) for row in _shareholders(shareholders)]
    posts = [Officer(**row) for row in _people(officers, "高级管理人员", posts=OFFICER_POSTS)]
    staff = [KeyStaff(**row) for row in _people(key_staff, "项目经理")]
    before = company_snapshot(company)
    for key, value in fields.items():
        setattr(company, key, value)
    company.shareholders[:], company.officers[:], company.key_staff[:] = holders, posts, staff
    db.session.flush()
    return _new_version(company, actor, before, "company.update", f"修改公司信息：{company.name}")


def _check_profile(company: Company, fields: dict) -> None:
    if fields["credit_code"] and (message := credit_code_error(fields["credit_code"])):
        raise DomainError(message, field="credit_code")
    if fields["legal_rep_id"] and (message := id_number_error(fields["legal_rep_id"])):
        raise DomainError(f"法定代表人{message}", field="legal_rep_id")
    for column, label in (("name", "公司名称"), ("credit_code", "统一社会信用代码")):
        value = fields.get(column)
        taken = value and db.session.scalar(sa.select(Company.id).where(getattr(Company, column) == value,
                                                                        Company.id != company.id))
        if taken:
            raise DomainError(f"该{label}已被其他公司注册。如属同一公司，请联系其账号管理员邀请您加入。", field=column)


def _rows(rows: list[dict], label: str):
    for number, row in enumerate(rows, 1):
        yield f"{label}第 {number} 行：", row


def _shareholders(rows: list[dict]) -> list[dict]:
    out, total = [], Decimal(0)
    for where, row in _rows(rows, "股东"):
        identifier = normalise(row["identifier"])
        if credit_code_error(identifier) and id_number_error(identifier):
            raise DomainError(f"{where}“{identifier}”既不是有效的统一社会信用代码，也不是有效的身份证号。",
                              field="shareholders")
        share = row["share"]
        if not Decimal(0) < share <= Decimal(100):
            raise DomainError(f"{where}持股比例须大于 0 且不超过 100%。", field="shareholders")
        total += share
        out.append(dict(name=row["name"], identifier=identifier, share=share))
    if total > Decimal(100):
        raise DomainError(f"股东持股比例合计为 {total.normalize():f}%，超过 100%。", field="shareholders")
    return out


def _people(rows: list[dict], label: str, posts: tuple[str, ...] = ()) -> list[dict]:
    field = "officers" if posts else "key_staff"
    out = []
    for where, row in _rows(rows, label):
        row = dict(row, id_number=normalise(row["id_number"]))
        if message := id_number_error(row["id_number"]):
            raise DomainError(f"{where}{message}", field=field)
        if posts and row["post"] not in posts:
            raise DomainError(f"{where}职务应为：{'、'.join(posts)}。", field=field)
        out.append(row)
    return out


def company_snapshot(company: Company) -> dict:
    data = snapshot(company, PROFILE_FIELDS)
    data["shareholders"] = [dict(name=s.name, identifier=s.identifier, share=f"{s.share.normalize():f}")
                            for s in company.shareholders]
    data["officers"] = [dict(name=o.name, id_number=o.id_number, post=o.post) for o in company.officers]
    data["key_staff"] = [dict(name=k.name, id_number=k.id_number, certificates=k.certificates, role=k.role)
                         for k in company.key_staff]
    data["files"] = [dict(id=f.id, kind=f.kind, title=f.title, sha256=f.sha256) for f in company.files
                     if f.kind != "evidence"]
    return data


def _new_version(company: Company, actor: User, before: dict, action: str, summary: str) -> CompanyVersion | None:
    after = company_snapshot(company)
    latest = latest_version(company)
    if latest is not None and latest.snapshot == after:
        return None
    company.registry_version += 1
    version = CompanyVersion(company_id=company.id, number=company.registry_version, snapshot=after,
                             created_by_id=actor.id)
    db.session.add(version)
    db.session.flush()
    record(actor, action, company, before=before, after=after, summary=f"{summary}（第 {version.number} 版）")
    return version


def latest_version(company: Company) -> CompanyVersion | None:
    return db.session.scalar(sa.select(CompanyVersion).where(CompanyVersion.company_id == company.id)
                             .order_by(CompanyVersion.number.desc()).limit(1))


def ensure_version(company: Company, actor: User) -> int:
    """The version number to cite; a company never saved through the form gets its first version now."""
    if company.registry_version == 0 or latest_version(company) is None:
        _new_version(company, actor, {}, "company.version", f"记录公司信息版本：{company.name}")
    return company.registry_version


def add_company_file(company: Company, actor: User, kind: str, title: str, filename: str,
                     data: bytes) -> CompanyFile:
    """The file is checked and stored first; if anything later fails, the rollback deletes it again."""
    if kind not in FILE_KINDS:
        raise DomainError("请选择文件类型。", field="kind")
    _check_editor(company, actor)
    digest = hashlib.sha256(data).hexdigest()
    same = next((f for f in company.files if f.sha256 == digest and f.kind == kind), None)
    if same is not None:
        return same  # a double submit of the same file: nothing new to save
    saved = store_bytes(filename, data, allowed=UPLOAD_KINDS)
    file = CompanyFile(company=company, kind=kind, title=(title or "").strip() or FILE_KINDS[kind],
                       uploaded_by_id=actor.id, **saved.columns())
    db.session.add(file)
    db.session.flush()
    record(actor, "company.file.add", file, after=snapshot(file, ("kind", "title", "filename", "size", "sha256")),
           summary=f"上传{file.kind_label}：{file.title}")
    if kind != "evidence":
        _new_version(company, actor, {}, "company.update", f"公司资料更新：{company.name}")
    return file


def invite_colleague(company: Company, actor: User, *, name: str, email: str, phone: str = "") -> tuple[User, str]:
    """A colleague's account with a random one-time password, shown once to the inviting company admin."""
    if not (company.can_edit(actor) and actor.company_admin):
        raise NotAllowed("只有本公司的账号管理员可以邀请同事。")
    email = email.strip().lower()
    if db.session.scalar(sa.select(User.id).where(User.email == email)):
        raise DomainError("该邮箱已注册，请使用其他邮箱。", field="email")
    password = secrets.token_urlsafe(12)
    user = User(email=email, name=name.strip(), phone=(phone or "").strip(), role=Role.BIDDER, company=company,
                must_change_password=True)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(actor, "company.invite", user, after=snapshot(user, ("email", "name", "company_id")),
           summary=f"邀请同事加入 {company.name}：{email}")
    return user, password


def add_affiliate(actor: User, *, name: str, credit_code: str = "", legal_rep_name: str = "",
                  legal_rep_id: str = "", note: str = "") -> DeveloperAffiliate:
    credit_code, legal_rep_id = normalise(credit_code), normalise(legal_rep_id)
    if credit_code and (message := credit_code_error(credit_code)):
        raise DomainError(message, field="credit_code")
    if legal_rep_id and (message := id_number_error(legal_rep_id)):
        raise DomainError(f"法定代表人{message}", field="legal_rep_id")
    if db.session.scalar(sa.select(DeveloperAffiliate.id).where(DeveloperAffiliate.name == name.strip())):
        raise DomainError("该关联单位已登记。", field="name")
    affiliate = DeveloperAffiliate(name=name.strip(), credit_code=credit_code, legal_rep_name=legal_rep_name.strip(),
                                   legal_rep_id=legal_rep_id, note=note.strip())
    db.session.add(affiliate)
    db.session.flush()
    record(actor, "affiliate.add", affiliate, after=snapshot(affiliate, ("name", "credit_code", "legal_rep_name")),
           summary=f"登记招标人关联单位：{affiliate.name}")
    return affiliate


def remove_affiliate(actor: User, affiliate: DeveloperAffiliate) -> None:
    before = snapshot(affiliate, ("name", "credit_code", "legal_rep_name"))
    db.session.delete(affiliate)
    db.session.flush()
    record(actor, "affiliate.remove", object_type="developer_affiliates", object_id=affiliate.id, before=before,
           summary=f"删除招标人关联单位：{before['name']}")
