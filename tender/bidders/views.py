"""My company (bidders), the company registry and related-bidder findings (staff)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user

from tender.auth.access import allow
from tender.auth.roles import STAFF_ROLES, Role
from tender.bidders import findings
from tender.bidders import operations as ops
from tender.bidders.forms import (
    AffiliateForm,
    CompanyFileForm,
    CompanyForm,
    DecisionForm,
    InviteForm,
    VerifyForm,
    format_lines,
)
from tender.bidders.models import Company, CompanyFile, CompanyVersion, DeveloperAffiliate, RelatedFinding
from tender.bidders.quota import MB, used_bytes
from tender.extensions import db
from tender.forms_util import attempt, posted
from tender.notices.models import Tender
from tender.unit_of_work import perform
from tender.web import child_or_404

bp = Blueprint("bidders", __name__)
PROFILE = ("name", "credit_code", "legal_rep_name", "legal_rep_id", "registered_capital", "established_on",
           "address", "contact_name", "contact_phone", "contact_email", "business_scope")


def _my_company() -> Company:
    company = db.session.get(Company, current_user.company_id) if current_user.company_id else None
    if company is None:
        abort(404)
    return company


def _readable_company(company_id: int) -> Company:
    company = db.get_or_404(Company, company_id)
    if not company.can_read(current_user):
        abort(404)
    return company


def _company_page(company: Company, **extra):
    versions = db.session.scalars(sa.select(CompanyVersion).where(CompanyVersion.company_id == company.id)
                                  .order_by(CompanyVersion.number.desc())).all()
    extra.setdefault("invite_form", InviteForm())
    extra.setdefault("verify_form", VerifyForm())
    extra.setdefault("storage", (used_bytes(company) / MB, current_app.config["COMPANY_STORAGE_QUOTA_MB"]))
    return render_template("bidders/company.html", company=company, versions=versions,
                           mine=company.id == current_user.company_id, file_form=CompanyFileForm(), **extra)


@bp.route("/company")
@allow(Role.BIDDER)
def mine():
    return _company_page(_my_company())


@bp.route("/company/edit", methods=["GET", "POST"])
@allow(Role.BIDDER)
def edit():
    company = _my_company()
    form = CompanyForm()
    if form.validate_on_submit():
        done = attempt(ops.save_company, company, current_user, form=form, shareholders=form.shareholder_rows,
                       officers=form.officer_rows, key_staff=form.key_staff_rows, expected_version=_version(form),
                       **{name: getattr(form, name).data for name in PROFILE})
        if done.ok:
            version = done.value
            flash(f"公司信息已保存（第 {version.number} 版）。" if version else "公司信息没有变化。", "success")
            return redirect(url_for("bidders.mine"))
        # The input stays on the page; the next save is made knowing about the newer one.
        form.version.data = str(company.version)
    elif not form.is_submitted():
        for name in PROFILE:
            getattr(form, name).data = getattr(company, name)
        form.shareholders.data = format_lines(company.shareholders, ("name", "identifier", "share"))
        form.officers.data = format_lines(company.officers, ("name", "id_number", "post"))
        form.key_staff.data = format_lines(company.key_staff, ("name", "id_number", "certificates"))
        form.version.data = str(company.version)
    return render_template("bidders/edit.html", form=form, company=company)


def _version(form) -> int | None:
    return int(form.version.data) if (form.version.data or "").isdigit() else None


@bp.route("/company/files", methods=["POST"])
@allow(Role.BIDDER)
def upload():
    company = _my_company()
    form = CompanyFileForm()
    if posted(form):
        upload = form.file.data
        attempt(ops.add_company_file, company, current_user, form.kind.data, form.title.data, upload.filename,
                upload.read(), success="文件已上传。")
    return redirect(url_for("bidders.mine"))


@bp.route("/companies/<int:company_id>/files/<int:file_id>")
@allow(Role.BIDDER, *STAFF_ROLES, read=Role.SUPERVISOR)
def download(company_id: int, file_id: int):
    company = _readable_company(company_id)
    return child_or_404(CompanyFile, file_id, company_id=company.id).send(current_user)


@bp.route("/company/colleagues", methods=["POST"])
@allow(Role.BIDDER)
def invite():
    company = _my_company()
    form = InviteForm()
    if form.validate_on_submit():
        done = attempt(ops.invite_colleague, company, current_user, form=form, name=form.name.data,
                       email=form.email.data, phone=form.phone.data)
        if done.ok:
            user, password = done.value
            # Shown once in this response, never stored or flashed (the session cookie is readable).
            return render_template("bidders/invited.html", user=user, password=password)
    return _company_page(company, invite_form=form)


@bp.route("/companies")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def index():
    companies = db.session.scalars(sa.select(Company).order_by(Company.name)).all()
    return render_template("bidders/index.html", companies=companies)


@bp.route("/companies/<int:company_id>")
@allow(Role.BIDDER, *STAFF_ROLES, read=Role.SUPERVISOR)
def show(company_id: int):
    return _company_page(_readable_company(company_id))


@bp.route("/companies/claims")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def claims():
    return render_template("bidders/claims.html", claims=ops.conflicting_claims(), form=VerifyForm())


@bp.route("/companies/<int:company_id>/verify", methods=["POST"])
@allow(*STAFF_ROLES)
def verify(company_id: int):
    company = db.get_or_404(Company, company_id)
    if VerifyForm().validate_on_submit():
        done = attempt(ops.verify_credit_code, company, current_user)
        if done.ok:
            rejected = done.value
            flash(f"已核验：{company.credit_code}属于{company.name}。"
                  + (f"已驳回 {len(rejected)} 家公司的同码登记并通知其账号。" if rejected else ""), "success")
    else:
        flash("页面已过期，请刷新后重试。", "danger")
    return redirect(url_for("bidders.show", company_id=company.id))


@bp.route("/companies/<int:company_id>/versions/<int:number>")
@allow(Role.BIDDER, *STAFF_ROLES, read=Role.SUPERVISOR)
def version(company_id: int, number: int):
    company = _readable_company(company_id)
    row = db.session.scalar(sa.select(CompanyVersion).where(CompanyVersion.company_id == company.id,
                                                            CompanyVersion.number == number))
    if row is None:
        abort(404)
    return render_template("bidders/version.html", company=company, version=row)


@bp.route("/affiliates", methods=["GET", "POST"])
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def affiliates():
    form = AffiliateForm()
    if form.validate_on_submit():
        fields = {k: getattr(form, k).data for k in ("name", "credit_code", "legal_rep_name", "legal_rep_id", "note")}
        if attempt(ops.add_affiliate, current_user, form=form, success="已登记。下次关联检查时将比对该单位。",
                   **fields).ok:
            return redirect(url_for("bidders.affiliates"))
    rows = db.session.scalars(sa.select(DeveloperAffiliate).order_by(DeveloperAffiliate.name)).all()
    return render_template("bidders/affiliates.html", form=form, affiliates=rows)


@bp.route("/affiliates/<int:affiliate_id>/remove", methods=["POST"])
@allow(*STAFF_ROLES)
def remove_affiliate(affiliate_id: int):
    perform(ops.remove_affiliate, db.get_or_404(DeveloperAffiliate, affiliate_id), current_user)
    flash("已删除。", "success")
    return redirect(url_for("bidders.affiliates"))


@bp.route("/tenders/<int:tender_id>/related")
@allow(*STAFF_ROLES, read=Role.SUPERVISOR)
def related(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    rows = db.session.scalars(sa.select(RelatedFinding).where(RelatedFinding.tender_id == tender.id)
                              .order_by(RelatedFinding.present.desc(), RelatedFinding.id)).all()
    return render_template("bidders/related.html", tender=tender, findings=rows, form=DecisionForm())


@bp.route("/tenders/<int:tender_id>/related/detect", methods=["POST"])
@allow(*STAFF_ROLES)
def detect(tender_id: int):
    tender = db.get_or_404(Tender, tender_id)
    added = perform(findings.detect_related, tender, current_user)
    flash(f"检查完成，新增 {len(added)} 项发现。" if added else "检查完成，没有新的发现。", "info")
    return redirect(url_for("bidders.related", tender_id=tender.id))


@bp.route("/tenders/<int:tender_id>/related/<int:finding_id>", methods=["POST"])
@allow(*STAFF_ROLES)
def decide(tender_id: int, finding_id: int):
    finding = child_or_404(RelatedFinding, finding_id, tender_id=tender_id)
    form = DecisionForm()
    if form.validate_on_submit():
        attempt(findings.decide_finding, finding, current_user, form.decision.data, form.note.data,
                success="结论已记录。")
    else:
        flash("请选择结论并填写理由。", "danger")
    return redirect(url_for("bidders.related", tender_id=tender_id))
