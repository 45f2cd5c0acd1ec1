"""Checklist, answer and review forms."""
from flask_wtf.file import FileField
from wtforms import BooleanField, DecimalField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tender.forms import Form
from tender.qualification.models import ITEM_KINDS


class PlanForm(Form):
    keep_count = IntegerField("合格者过多时拟保留数量（留空则全部保留）", validators=[
        Optional(), NumberRange(min=1, message="须为正整数")])
    keep_minimum = IntegerField("保留数量下限", validators=[DataRequired("请填写保留数量下限")],
                                description="前期物业管理资格预审：不少于 5 家")
    scored = BooleanField("按资格预审得分择优")
    control_threshold = DecimalField("控股比例阈值（%）", places=2, validators=[DataRequired("请填写阈值")],
                                     description="超过该比例视为控股，用于关联投标人检查")
    submit = SubmitField("保存设置")


class ItemForm(Form):
    title = StringField("审查项", validators=[DataRequired("请填写审查项名称"), Length(max=200)])
    kind = SelectField("类型", choices=[SelectChoice(k, v[0]) for k, v in ITEM_KINDS.items()])
    min_value = DecimalField("最低要求（年/个/人）", places=2, validators=[Optional()])
    evidence = StringField("须上传的证明材料", validators=[Optional(), Length(max=500)])
    needs_file = BooleanField("必须上传证明文件", default=True)
    submit = SubmitField("添加审查项")


class AnswerForm(Form):
    value = StringField("填报内容", validators=[Optional(), Length(max=500)])
    file = FileField("证明材料（PDF、Word、JPG、PNG）")
    submit = SubmitField("保存")


class ReviewForm(Form):
    decision = SelectField("意见", choices=[SelectChoice("pass", "合格"), SelectChoice("fail", "不合格")])
    reason = TextAreaField("理由（不合格必填）", validators=[Optional(), Length(max=2000)], render_kw={"rows": 1})
    submit = SubmitField("保存意见")


class ConcludeForm(Form):
    score = DecimalField("资格预审得分（如按得分择优）", places=2, validators=[Optional()])
    submit = SubmitField("确认结论并通知投标人")


class SimpleForm(Form):
    submit = SubmitField("提交")
