"""Company registry forms. Lists (shareholders, officers, key staff) are entered one per line, "|"-separated."""
from __future__ import annotations

from decimal import Decimal

from flask_wtf.file import FileRequired
from wtforms import (
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Optional

from scoring.collusion.validators import credit_code_error, id_number_error
from tender.auth.models import User
from tender.bidders.models import (
    FILE_KINDS,
    OFFICER_POSTS,
    Company,
    CompanyFile,
    DeveloperAffiliate,
    KeyStaff,
    Officer,
    RelatedDecision,
    RelatedFinding,
    Shareholder,
)
from tender.forms import VERSION_TOKEN, Fits, Form, Lines, UploadField


def format_lines(rows, names: tuple[str, ...]) -> str:
    def text(value):
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)

    return "\n".join(" | ".join(text(getattr(r, n)) for n in names) for r in rows)


class CompanyForm(Form):
    name = StringField("公司名称", validators=[DataRequired("请填写公司名称"), Fits(Company.name)])
    credit_code = StringField("统一社会信用代码", validators=[DataRequired("请填写统一社会信用代码"),
                                                       Fits(Company.credit_code)])
    legal_rep_name = StringField("法定代表人", validators=[DataRequired("请填写法定代表人姓名"),
                                                      Fits(Company.legal_rep_name)])
    legal_rep_id = StringField("法定代表人身份证号", validators=[DataRequired("请填写法定代表人身份证号"),
                                                          Fits(Company.legal_rep_id)])
    registered_capital = DecimalField("注册资本（万元）", places=2, validators=[
        DataRequired("请填写注册资本"), Fits(Company.registered_capital, min=0)])
    established_on = DateField("成立日期", validators=[DataRequired("请填写成立日期"), Fits(Company.established_on)])
    address = StringField("注册地址", validators=[DataRequired("请填写注册地址"), Fits(Company.address)])
    contact_name = StringField("联系人", validators=[DataRequired("请填写联系人"), Fits(Company.contact_name)])
    contact_phone = StringField("联系电话", validators=[DataRequired("请填写联系电话"), Fits(Company.contact_phone)])
    contact_email = EmailField("联系邮箱", validators=[DataRequired("请填写联系邮箱"), Email("邮箱格式不正确"),
                                                   Fits(Company.contact_email)])
    business_scope = TextAreaField("经营范围（以营业执照为准）", validators=[
        DataRequired("请填写经营范围"), Fits(Company.business_scope, max_chars=5000)], render_kw={"rows": 3})
    shareholders = TextAreaField("股东（每行：名称或姓名 | 统一社会信用代码或身份证号 | 持股比例%）", validators=[
        DataRequired("请至少填写一名股东"),
        Lines("股东", Shareholder, {"name": "名称或姓名", "identifier": "证件号码", "share": "持股比例"})],
        render_kw={"rows": 3})
    officers = TextAreaField(f"董事、监事、高级管理人员（每行：姓名 | 身份证号 | 职务：{'、'.join(OFFICER_POSTS)}）",
                             validators=[Optional(), Lines("高级管理人员", Officer,
                                                           {"name": "姓名", "id_number": "身份证号", "post": "职务"})],
                             render_kw={"rows": 3})
    key_staff = TextAreaField("项目经理人选（每行：姓名 | 身份证号 | 证书编号）", validators=[
        Optional(), Lines("项目经理", KeyStaff, {"name": "姓名", "id_number": "身份证号", "certificates": "证书编号"})],
        render_kw={"rows": 3})
    version = HiddenField(validators=VERSION_TOKEN)  # the record's version when the page was loaded
    submit = SubmitField("保存公司信息")

    @property
    def shareholder_rows(self) -> list[dict]:
        return getattr(self.shareholders, "rows", [])

    @property
    def officer_rows(self) -> list[dict]:
        return getattr(self.officers, "rows", [])

    @property
    def key_staff_rows(self) -> list[dict]:
        return [dict(r, role="项目经理") for r in getattr(self.key_staff, "rows", [])]

    def validate_credit_code(self, field):
        if message := credit_code_error(field.data or ""):
            raise ValidationError(message)

    def validate_legal_rep_id(self, field):
        if message := id_number_error(field.data or ""):
            raise ValidationError(message)


class CompanyFileForm(Form):
    kind = SelectField("文件类型", choices=[SelectChoice(k, v) for k, v in FILE_KINDS.items() if k != "evidence"],
                       validators=[Fits(CompanyFile.kind)])
    title = StringField("说明", validators=[Optional(), Fits(CompanyFile.title)])
    file = UploadField("文件（PDF、Word .docx、JPG 或 PNG）", validators=[FileRequired("请选择文件"),
                                                                   Fits(CompanyFile.filename)])
    submit = SubmitField("上传")


class InviteForm(Form):
    name = StringField("同事姓名", validators=[DataRequired("请填写姓名"), Fits(User.name)])
    email = EmailField("邮箱（登录账号）", validators=[DataRequired("请填写邮箱"), Email("邮箱格式不正确"),
                                                 Fits(User.email)])
    phone = StringField("电话", validators=[Optional(), Fits(User.phone)])
    submit = SubmitField("邀请并创建账号")


class AffiliateForm(Form):
    name = StringField("单位名称", validators=[DataRequired("请填写单位名称"), Fits(DeveloperAffiliate.name)])
    credit_code = StringField("统一社会信用代码", validators=[Optional(), Fits(DeveloperAffiliate.credit_code)])
    legal_rep_name = StringField("法定代表人", validators=[Optional(), Fits(DeveloperAffiliate.legal_rep_name)])
    legal_rep_id = StringField("法定代表人身份证号", validators=[Optional(), Fits(DeveloperAffiliate.legal_rep_id)])
    note = StringField("关系说明", validators=[Optional(), Fits(DeveloperAffiliate.note)],
                       description="例如：母公司、同一集团子公司")
    submit = SubmitField("登记")


class DecisionForm(Form):
    decision = SelectField("结论", choices=RelatedDecision.choices(),
                           validators=[Fits(RelatedFinding.decision)])
    note = TextAreaField("理由", validators=[DataRequired("请填写处理理由"),
                                           Fits(RelatedFinding.decision_note, max_chars=2000)], render_kw={"rows": 2})
    submit = SubmitField("记录结论")


class VerifyForm(Form):
    """Staff confirm a company's 统一社会信用代码 against its 营业执照 (CSRF token only)."""

    submit = SubmitField("已核对营业执照，核验该代码")
