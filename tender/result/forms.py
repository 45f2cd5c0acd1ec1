"""Finishing the evaluation, a member's confirmation, publicity, an objection and its answer."""
from wtforms import IntegerField, RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from tender.forms import Choice, Fits, Form, UploadField, choices
from tender.result.models import EvaluationResult, MemberSignoff, Objection

FILE_HELP = "PDF、Word（.docx）、JPEG 或 PNG"


class FinishForm(Form):
    recommendation = TextAreaField("评标委员会推荐意见", validators=[DataRequired("请填写推荐意见"),
                                                              Fits(EvaluationResult.recommendation)])
    submit = SubmitField("完成评标，形成评标结果")


class SignForm(Form):
    agrees = RadioField("我的意见", coerce=int, choices=choices([(1, "同意评标结果"), (0, "不同意，书面说明理由")]),
                        default=1, validators=[InputRequired("请选择意见"), Choice()])
    dissent = TextAreaField("不同意见及理由（不同意时必填）", validators=[Fits(MemberSignoff.dissent)])
    submit = SubmitField("确认")


class PubliciseForm(Form):
    days = IntegerField("公示期（日）", default=3, validators=[
        InputRequired("请填写公示天数"),
        Fits(EvaluationResult.publicity_days, min=3, max=30, message="公示期须为 3–30 日")],
        description="条例第五十四条：公示期不得少于 3 日")
    submit = SubmitField("发布中标候选人公示")


class ObjectionForm(Form):
    text = TextAreaField("异议内容", validators=[DataRequired("请填写异议内容"), Fits(Objection.text)])
    file = UploadField(f"证明材料（{FILE_HELP}）", validators=[Fits(Objection.filename)])
    submit = SubmitField("提出异议")


class AnswerForm(Form):
    answer = TextAreaField("答复内容", validators=[DataRequired("请填写答复内容"), Fits(Objection.answer)])
    submit = SubmitField("答复")
