"""Checklist, answer and review forms."""
from wtforms import BooleanField, DecimalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Optional

from tender.bidders.models import CompanyFile
from tender.forms import Fits, Form, UploadField
from tender.qualification import models
from tender.qualification.models import ITEM_KINDS, ReviewDecision


class PlanForm(Form):
    keep_count = IntegerField("合格者过多时拟保留数量（留空则全部保留）", validators=[
        Optional(), Fits(models.QualificationPlan.keep_count, min=1, max=1000, message="须为 1–1000 之间的整数")])
    keep_minimum = IntegerField("保留数量下限", validators=[
        DataRequired("请填写保留数量下限"),
        Fits(models.QualificationPlan.keep_minimum, min=1, max=1000, message="须为 1–1000 之间的整数")],
        description="前期物业管理资格预审：不少于 5 家")
    scored = BooleanField("按资格预审得分择优", validators=[Fits(models.QualificationPlan.scored)])
    control_threshold = DecimalField("控股比例阈值（%）", places=2, validators=[
        DataRequired("请填写阈值"), Fits(models.QualificationPlan.control_threshold, min=0, max=100)],
        description="超过该比例视为控股，用于关联投标人检查")
    submit = SubmitField("保存设置")


class ItemForm(Form):
    title = StringField("审查项", validators=[DataRequired("请填写审查项名称"), Fits(models.QualificationItem.title)])
    kind = SelectField("类型", choices=[SelectChoice(k, v[0]) for k, v in ITEM_KINDS.items()],
                       validators=[Fits(models.QualificationItem.kind)])
    min_value = DecimalField("最低要求（年/个/人）", places=2, validators=[
        Optional(), Fits(models.QualificationItem.min_value, min=0)])
    evidence = StringField("须上传的证明材料", validators=[Optional(), Fits(models.QualificationItem.evidence)])
    needs_file = BooleanField("必须上传证明文件", default=True, validators=[Fits(models.QualificationItem.needs_file)])
    submit = SubmitField("添加审查项")


class AnswerForm(Form):
    value = StringField("填报内容", validators=[Optional(), Fits(models.QualificationAnswer.value)])
    file = UploadField("证明材料（PDF、Word、JPG、PNG）", validators=[Fits(CompanyFile.filename)])
    submit = SubmitField("保存")


class ReviewForm(Form):
    decision = SelectField("意见", choices=ReviewDecision.choices(),
                           validators=[Fits(models.QualificationAnswer.decision)])
    reason = TextAreaField("理由（不合格必填）", render_kw={"rows": 1}, validators=[
        Optional(), Fits(models.QualificationAnswer.reason, max_chars=2000)])
    submit = SubmitField("保存意见")


class ConcludeForm(Form):
    score = DecimalField("资格预审得分（如按得分择优）", places=2, validators=[
        Optional(), Fits(models.QualificationSubmission.score, min=0)])
    submit = SubmitField("确认结论并通知投标人")


class SimpleForm(Form):
    submit = SubmitField("提交")
