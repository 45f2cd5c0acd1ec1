"""Tender editing, documents, invitations, questions and clarifications."""
from flask_wtf.file import FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tender.forms import VERSION_TOKEN, Choice, Fits, Form, UploadField, choices
from tender.notices.models import Clarification, Question, Tender, TenderDocument
from tender.notices.procedures import SERVICE_TYPES, Procedure, SaleMode
from tender.opening.models import TenderSeal
from tender.opening.operations import MAX_OFFICERS

DT = "%Y-%m-%dT%H:%M"


class TenderForm(Form):
    version = HiddenField(validators=VERSION_TOKEN)
    title = StringField("项目名称", validators=[DataRequired("请填写项目名称"), Fits(Tender.title)])
    procedure = SelectField("招标方式", choices=choices((p.value, p.label) for p in Procedure),
                            validators=[Fits(Tender.procedure)])
    service_type = SelectField("服务类型", choices=choices((s, s) for s in SERVICE_TYPES),
                               validators=[Fits(Tender.service_type)])
    tenderer = StringField("招标人", validators=[DataRequired("请填写招标人名称"), Fits(Tender.tenderer)])
    tenderer_address = StringField("招标人地址", validators=[Optional(), Fits(Tender.tenderer_address)])
    contact = StringField("联系人及电话", validators=[Optional(), Fits(Tender.contact)])
    location = StringField("项目地点", validators=[DataRequired("请填写项目地点"), Fits(Tender.location)])
    floor_area = DecimalField("建筑面积（平方米）", places=2, validators=[Optional(), Fits(Tender.floor_area, min=0)])
    property_mix = StringField("物业类型构成", validators=[Optional(), Fits(Tender.property_mix)],
                               description="例如：住宅 82%，商业 12%，地下车库 6%")
    sale_mode = SelectField("销售方式", choices=choices((m.value, m.label) for m in SaleMode),
                            validators=[Fits(Tender.sale_mode)])
    sale_date = DateField("现售日期", validators=[Optional(), Fits(Tender.sale_date)])
    presale_date = DateField("预售许可证预计取得日期", validators=[Optional(), Fits(Tender.presale_date)])
    delivery_date = DateField("交付使用日期（非出售物业）", validators=[Optional(), Fits(Tender.delivery_date)])
    max_price = DecimalField("最高投标限价（元/年，可选）", places=2, validators=[
        Optional(), Fits(Tender.max_price, min=0)])
    notice = TextAreaField("招标公告", validators=[Optional(), Fits(Tender.notice, max_chars=20000)],
                           render_kw={"rows": 10})
    docs_from = DateTimeLocalField("招标文件发出开始时间", format=DT, validators=[Optional(), Fits(Tender.docs_from)])
    docs_to = DateTimeLocalField("招标文件发出截止时间（报名截止）", format=DT,
                                 validators=[Optional(), Fits(Tender.docs_to)])
    question_deadline = DateTimeLocalField("提问截止时间", format=DT,
                                           validators=[Optional(), Fits(Tender.question_deadline)])
    bid_deadline = DateTimeLocalField("投标截止时间（即开标时间）", format=DT,
                                      validators=[Optional(), Fits(Tender.bid_deadline)])
    validity_days = IntegerField("投标有效期（日）", validators=[
        Optional(), Fits(Tender.validity_days, min=1, max=365, message="投标有效期须为 1–365 日")])
    planned_award = DateField("计划定标日期", validators=[Optional(), Fits(Tender.planned_award)])
    public_documents = BooleanField("招标文件公开下载（仅公开招标；不勾选则报名后方可下载）",
                                    validators=[Fits(Tender.public_documents)])
    submit = SubmitField("保存")


class DocumentForm(Form):
    title = StringField("文件名称", validators=[DataRequired("请填写文件名称"), Fits(TenderDocument.title)])
    file = UploadField("文件（PDF 或 Word .docx）", validators=[FileRequired("请选择文件"),
                                                           Fits(TenderDocument.filename)])
    submit = SubmitField("上传")


class AmendForm(Form):
    file = UploadField("新版本文件（PDF 或 Word .docx）", validators=[FileRequired("请选择文件"),
                                                              Fits(TenderDocument.filename)])
    note = TextAreaField("修改说明", validators=[DataRequired("请说明修改内容"), Fits(TenderDocument.note)])
    new_deadline = DateTimeLocalField("顺延后的投标截止时间（如需）", format=DT,
                                      validators=[Optional(), Fits(Tender.bid_deadline)])
    submit = SubmitField("发布修改文件")


class InviteesForm(Form):
    companies = SelectMultipleField("受邀单位", coerce=int, validators=[Choice()])
    submit = SubmitField("保存邀请名单")


class PublishForm(Form):
    version = HiddenField(validators=VERSION_TOKEN)
    officers = SelectMultipleField("开标人", coerce=int, validators=[Choice()], widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())
    threshold = IntegerField("开标所需人数", validators=[
        Optional(), Fits(TenderSeal.threshold, min=1, max=MAX_OFFICERS)])
    submit = SubmitField("发布")


class QuestionForm(Form):
    body = TextAreaField("问题", validators=[DataRequired("请填写问题内容"), Fits(Question.body, max_chars=5000)],
                         render_kw={"rows": 4})
    submit = SubmitField("提交问题")


class ClarificationForm(Form):
    title = StringField("标题", validators=[DataRequired("请填写标题"), Fits(Clarification.title)])
    body = TextAreaField("答复/澄清内容", validators=[DataRequired("请填写内容"),
                                                Fits(Clarification.body, max_chars=20000)], render_kw={"rows": 8})
    questions = SelectMultipleField("答复的问题", coerce=int, validators=[Optional(), Choice()])
    new_deadline = DateTimeLocalField("顺延后的投标截止时间（如需）", format=DT,
                                      validators=[Optional(), Fits(Clarification.new_deadline)])
    submit = SubmitField("发布澄清")


class RegisterForm(Form):
    submit = SubmitField("报名参加")
