"""Changes to the bidder registry. Each validates, flushes and writes its audit entry; the caller commits."""
from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal

import sqlalchemy as sa

from scoring.collusion.validators import credit_code_error, id_number_error, normalise
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
from tender.bidders.quota import check_quota
from tender.db import snapshot, utcnow
from tender.errors import DomainError, NotAllowed
from tender.extensions import db
from tender.files import check_upload, store_bytes

PROFILE_FIELDS = ("name", "credit_code", "legal_rep_name", "legal_rep_id", "registered_capital", "established_on",
                  "address", "business_scope", "contact_name", "contact_phone", "contact_email")
UPLOAD_KINDS = ("pdf", "docx", "jpg", "png")


def _check_editor(company: Company, actor: User) -> None:
    if not company.can_edit(actor):
        raise NotAllowed("只有本公司的投标人账号可以修改公司信息。")


STALE_COMPANY = ("公司信息已在其他页面或由同事修改并保存（当前为第 {number} 版），本次未保存。"
                 "您填写的内容保留在下方，请在“我的公司”核对最新内容后再次保存。")


def save_company(company: Company, actor: User, *, shareholders: list[dict], officers: list[dict],
                 key_staff: list[dict], expected_version: int | None = None, **fields) -> CompanyVersion | None:
    """Save the registry record; a new numbered version only when something really changed (double-submit safe).

    `expected_version` is the record's version when the form was loaded: a save from a stale
    page (two tabs, two colleagues) is refused instead of silently overwriting the other save.
    """
    _check_editor(company, actor)
    if expected_version is not None and company.version != expected_version:
        raise DomainError(STALE_COMPANY.format(number=company.registry_version))
    fields["credit_code"] = normalise(fields.get("credit_code"))
    fields["legal_rep_id"] = normalise(fields.get("legal_rep_id"))
    _check_profile(company, fields)
    if company.verified_credit_code and fields["credit_code"] != company.verified_credit_code:
        company.verified_credit_code = company.credit_code_verified_at = None  # a new code needs a new check
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
    name = fields.get("name")
    if name and db.session.scalar(sa.select(Company.id).where(Company.name == name, Company.id != company.id)):
        raise DomainError("该公司名称已被其他公司注册。如属同一公司，请联系其账号管理员邀请您加入。", field="name")
    # An unverified claim on the same code blocks nobody (anyone could type a victim's code);
    # only a code staff verified against the 营业执照 is taken.
    code = fields.get("credit_code")
    if code and db.session.scalar(sa.select(Company.id).where(Company.verified_credit_code == code,
                                                              Company.id != company.id)):
        raise DomainError("该统一社会信用代码已由另一家公司登记并经招标人核验。如属同一公司，请联系其账号管理员"
                          "邀请您加入；如有异议，请联系招标人。", field="credit_code")


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
    check_upload(filename, data, UPLOAD_KINDS)  # before the double-submit shortcut, which must not skip it
    digest = hashlib.sha256(data).hexdigest()
    same = next((f for f in company.files if f.sha256 == digest and f.kind == kind), None)
    if same is not None:
        return same  # a double submit of the same file: nothing new to save
    check_quota(company, len(data))
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


def remove_affiliate(affiliate: DeveloperAffiliate, actor: User) -> None:
    before = snapshot(affiliate, ("name", "credit_code", "legal_rep_name"))
    db.session.delete(affiliate)
    db.session.flush()
    record(actor, "affiliate.remove", object_type="developer_affiliates", object_id=affiliate.id, before=before,
           summary=f"删除招标人关联单位：{before['name']}")


def conflicting_claims() -> dict[str, list[Company]]:
    """Credit codes claimed by more than one company, for staff to resolve against the 营业执照."""
    codes = db.session.scalars(sa.select(Company.credit_code).where(Company.credit_code.is_not(None))
                               .group_by(Company.credit_code).having(sa.func.count(Company.id) > 1)).all()
    companies = db.session.scalars(sa.select(Company).where(Company.credit_code.in_(codes))
                                   .order_by(Company.credit_code, Company.id)).all()
    out: dict[str, list[Company]] = {}
    for company in companies:
        out.setdefault(company.credit_code, []).append(company)
    return out


def verify_credit_code(company: Company, actor: User) -> list[Company]:
    """Staff checked the 营业执照: the code is this company's. Every other claim on it is rejected with notice.

    Returns the companies whose claim was rejected.
    """
    from tender.links import path_for
    from tender.notifications.operations import notify

    if not actor.is_staff:
        raise NotAllowed("只有招标人工作人员可以核验统一社会信用代码。")
    code = company.credit_code
    if not code or credit_code_error(code):
        raise DomainError("该公司尚未填写有效的统一社会信用代码，无法核验。")
    if not any(f.kind == "license" for f in company.files):
        raise DomainError("该公司尚未上传营业执照，请先核对营业执照再核验。")
    if company.credit_code_verified:
        raise DomainError("该公司的统一社会信用代码已核验，无需重复操作。")
    holder = db.session.scalar(sa.select(Company).where(Company.verified_credit_code == code, Company.id != company.id))
    if holder is not None:
        raise DomainError(f"该代码已核验属于“{holder.name}”，不能再核验给其他公司。")
    company.verified_credit_code, company.credit_code_verified_at = code, utcnow()
    rivals = db.session.scalars(sa.select(Company).where(Company.credit_code == code, Company.id != company.id)
                                .order_by(Company.id)).all()
    for rival in rivals:
        rival.credit_code = None
    db.session.flush()
    record(actor, "company.credit_code.verify", company, after={"credit_code": code,
                                                                "rejected": [r.id for r in rivals]},
           summary=f"核验统一社会信用代码：{company.name}（{code}）")
    for rival in rivals:
        record(actor, "company.credit_code.reject", rival, before={"credit_code": code}, after={"credit_code": None},
               summary=f"驳回统一社会信用代码登记：{rival.name}（{code} 已核验属于 {company.name}）")
        notify(rival.users, "统一社会信用代码登记被驳回",
               f"贵公司登记的统一社会信用代码 {code} 经招标人核对营业执照，属于另一家公司，已从贵公司信息中移除。"
               f"请按贵公司营业执照重新填写；如有异议，请联系招标人。",
               link=path_for("bidders.mine"), topic="company", topic_id=rival.id)
    return rivals
