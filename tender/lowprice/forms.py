"""The low-price forms: run the check, request a clarification, upload evidence, answer, decide."""
from flask_wtf.file import FileRequired
from wtforms import DateTimeLocalField, RadioField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from tender.forms import Fits, Form, UploadField
from tender.lowprice.models import LowPriceDecision, LowPriceEvidence, LowPriceRequest

DT = "%Y-%m-%dT%H:%M"


class CheckForm(Form):
    submit = SubmitField("按评分办法进行异常低价审查")


class RequestForm(Form):
    question = TextAreaField("要求说明的问题", render_kw={"rows": 4}, validators=[
        DataRequired("请填写要求投标人说明的问题"), Fits(LowPriceRequest.question)],
        default="贵公司投标报价明显低于其他投标报价，请书面说明报价的构成和合理性（人工成本、社会保险、物料及管理费用等），"
                "并提供能够证明的材料（如工资发放记录、社保缴费证明、同类项目合同）。")
    deadline = DateTimeLocalField("答复截止时间（北京时间）", format=DT, validators=[
        InputRequired("请填写答复截止时间"), Fits(LowPriceRequest.deadline)])
    submit = SubmitField("发出书面澄清要求")


class EvidenceForm(Form):
    file = UploadField("证明材料（PDF 或 Word .docx）", validators=[
        FileRequired("请选择文件"), Fits(LowPriceEvidence.filename)])
    submit = SubmitField("上传证明材料")


class AnswerForm(Form):
    answer = TextAreaField("书面说明", render_kw={"rows": 8}, validators=[
        DataRequired("请填写书面说明"), Fits(LowPriceRequest.answer)])
    submit = SubmitField("提交书面说明（提交后不能修改）")


class DecisionForm(Form):
    decision = RadioField("评标委员会结论", choices=LowPriceDecision.choices(), validators=[
        InputRequired("请选择评标委员会的结论"), Fits(LowPriceRequest.decision)])
    note = TextAreaField("理由", render_kw={"rows": 4}, validators=[
        DataRequired("请填写理由"), Fits(LowPriceRequest.decision_note)])
    submit = SubmitField("记录评标委员会结论")
