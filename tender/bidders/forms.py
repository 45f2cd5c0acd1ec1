"""Company registry forms. Lists (shareholders, officers, key staff) are entered one per line, "|"-separated."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from flask_wtf.file import FileField, FileRequired
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
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from tender.bidders.models import FILE_KINDS, OFFICER_POSTS
from tender.bidders.validators import credit_code_error, id_number_error
from tender.forms import Form

SEPARATORS = re.compile(r"\s*[|｜\t,，]\s*")


def parse_lines(text: str | None, names: tuple[str, ...], label: str) -> list[dict]:
    """Each non-empty line split into `names`; a wrong number of columns names the line."""
    rows = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = SEPARATORS.split(line.strip())
        if len(parts) != len(names) or not all(parts):
            raise ValidationError(f"{label}第 {number} 行应有 {len(names)} 项，用“|”分隔。")
        rows.append(dict(zip(names, parts, strict=True)))
    return rows


def format_lines(rows, names: tuple[str, ...]) -> str:
    def text(value):
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)

    return "\n".join(" | ".join(text(getattr(r, n)) for n in names) for r in rows)


class CompanyForm(Form):
    name = StringField("公司名称", validators=[DataRequired("请填写公司名称"), Length(max=200)])
    credit_code = StringField("统一社会信用代码", validators=[DataRequired("请填写统一社会信用代码")])
    legal_rep_name = StringField("法定代表人", validators=[DataRequired("请填写法定代表人姓名"), Length(max=100)])
    legal_rep_id = StringField("法定代表人身份证号", validators=[DataRequired("请填写法定代表人身份证号")])
    registered_capital = DecimalField("注册资本（万元）", places=2, validators=[
        DataRequired("请填写注册资本"), NumberRange(min=0, message="注册资本不能为负数")])
    established_on = DateField("成立日期", validators=[DataRequired("请填写成立日期")])
    address = StringField("注册地址", validators=[DataRequired("请填写注册地址"), Length(max=300)])
    contact_name = StringField("联系人", validators=[DataRequired("请填写联系人"), Length(max=100)])
    contact_phone = StringField("联系电话", validators=[DataRequired("请填写联系电话"), Length(max=32)])
    contact_email = EmailField("联系邮箱", validators=[DataRequired("请填写联系邮箱"), Email("邮箱格式不正确")])
    business_scope = TextAreaField("经营范围（以营业执照为准）", validators=[
        DataRequired("请填写经营范围"), Length(max=5000)], render_kw={"rows": 3})
    shareholders = TextAreaField("股东（每行：名称或姓名 | 统一社会信用代码或身份证号 | 持股比例%）",
                                 validators=[DataRequired("请至少填写一名股东")], render_kw={"rows": 3})
    officers = TextAreaField(f"董事、监事、高级管理人员（每行：姓名 | 身份证号 | 职务：{'、'.join(OFFICER_POSTS)}）",
                             validators=[Optional()], render_kw={"rows": 3})
    key_staff = TextAreaField("项目经理人选（每行：姓名 | 身份证号 | 证书编号）", validators=[Optional()],
                              render_kw={"rows": 3})
    version = HiddenField()  # the record's version when the page was loaded (two tabs, two colleagues)
    submit = SubmitField("保存公司信息")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shareholder_rows, self.officer_rows, self.key_staff_rows = [], [], []

    def validate_credit_code(self, field):
        if message := credit_code_error(field.data or ""):
            raise ValidationError(message)

    def validate_legal_rep_id(self, field):
        if message := id_number_error(field.data or ""):
            raise ValidationError(message)

    def validate_shareholders(self, field):
        rows = parse_lines(field.data, ("name", "identifier", "share"), "股东")
        for number, row in enumerate(rows, 1):
            try:
                row["share"] = Decimal(row["share"].rstrip("%％"))
            except InvalidOperation:
                raise ValidationError(f"股东第 {number} 行的持股比例不是数字。") from None
        self.shareholder_rows = rows

    def validate_officers(self, field):
        self.officer_rows = parse_lines(field.data, ("name", "id_number", "post"), "高级管理人员")

    def validate_key_staff(self, field):
        self.key_staff_rows = [dict(r, role="项目经理") for r in
                               parse_lines(field.data, ("name", "id_number", "certificates"), "项目经理")]


class CompanyFileForm(Form):
    kind = SelectField("文件类型", choices=[SelectChoice(k, v) for k, v in FILE_KINDS.items() if k != "evidence"])
    title = StringField("说明", validators=[Optional(), Length(max=200)])
    file = FileField("文件（PDF、Word .docx、JPG 或 PNG）", validators=[FileRequired("请选择文件")])
    submit = SubmitField("上传")


class InviteForm(Form):
    name = StringField("同事姓名", validators=[DataRequired("请填写姓名"), Length(max=100)])
    email = EmailField("邮箱（登录账号）", validators=[DataRequired("请填写邮箱"), Email("邮箱格式不正确")])
    phone = StringField("电话", validators=[Optional(), Length(max=32)])
    submit = SubmitField("邀请并创建账号")


class AffiliateForm(Form):
    name = StringField("单位名称", validators=[DataRequired("请填写单位名称"), Length(max=200)])
    credit_code = StringField("统一社会信用代码", validators=[Optional()])
    legal_rep_name = StringField("法定代表人", validators=[Optional(), Length(max=100)])
    legal_rep_id = StringField("法定代表人身份证号", validators=[Optional()])
    note = StringField("关系说明", validators=[Optional(), Length(max=300)], description="例如：母公司、同一集团子公司")
    submit = SubmitField("登记")


class DecisionForm(Form):
    decision = SelectField("结论", choices=[SelectChoice("related", "认定关联（相关投标无效）"),
                                          SelectChoice("cleared", "排除（不构成关联）")])
    note = TextAreaField("理由", validators=[DataRequired("请填写处理理由")], render_kw={"rows": 2})
    submit = SubmitField("记录结论")


class VerifyForm(Form):
    """Staff confirm a company's 统一社会信用代码 against its 营业执照 (CSRF token only)."""

    submit = SubmitField("已核对营业执照，核验该代码")
