"""Confirming a commitment (as extracted, edited or typed), generating a contract version, recording a measurement."""
from wtforms import DateField, DecimalField, HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Optional

from scoring.commitments.schema import Comparator, Indicator, Period, Unit
from tender.contracts.context import FeeRegime
from tender.contracts.models import ConfirmedCommitment, Contract, Measurement
from tender.forms import Fits, Form, choices

RANGE = "须为 0 至 9,999,999,999.99 之间的数字"
COMPARATORS = {Comparator.AT_LEAST: "≥（以上、不低于、不少于）", Comparator.AT_MOST: "≤（之内、以内、不超过）",
               Comparator.MORE_THAN: ">（超过）", Comparator.LESS_THAN: "<（不满、不足）",
               Comparator.EQUAL: "=（达到该数值）"}


class CommitmentForm(Form):
    indicator = SelectField("指标", choices=choices((i.value, i.label) for i in Indicator),
                            validators=[DataRequired("请选择指标"), Fits(ConfirmedCommitment.indicator)])
    comparator = SelectField("比较", choices=choices((c.value, label) for c, label in COMPARATORS.items()),
                             validators=[DataRequired("请选择比较方式"), Fits(ConfirmedCommitment.comparator)])
    value = DecimalField("目标值", places=2, validators=[
        InputRequired("请填写目标值"), Fits(ConfirmedCommitment.value, min=0, message="目标值" + RANGE)])
    unit = SelectField("单位", choices=choices((u.value, u.value) for u in Unit),
                       validators=[DataRequired("请选择单位"), Fits(ConfirmedCommitment.unit)])
    period = SelectField("频次周期", choices=choices([("", "—"), *((p.value, f"每{p.value}") for p in Period)]),
                         validators=[Fits(ConfirmedCommitment.period)])
    deadline = StringField("期限（如：两年内）", validators=[Fits(ConfirmedCommitment.deadline)])
    method = StringField("测定方法（留空按指标的通用公式）", validators=[Fits(ConfirmedCommitment.method)])
    penalty = StringField("对应违约责任条款（留空按指标默认）", validators=[Fits(ConfirmedCommitment.penalty_clause)])
    page = IntegerField("来源页码", validators=[Optional(), Fits(ConfirmedCommitment.page, min=1)])
    source = HiddenField(validators=[Fits(ConfirmedCommitment.source)])
    submit = SubmitField("确认此承诺")


class ProposalForm(CommitmentForm):
    """An extracted commitment: confirmed as shown (or as edited), or dropped as no commitment at all."""

    drop = SubmitField("不采用")


class DraftForm(Form):
    fee_regime = SelectField("收费方式", choices=choices((r.value, r.label) for r in FeeRegime),
                             validators=[DataRequired("请选择收费方式"), Fits(Contract.fee_regime)])
    remuneration = StringField("酬金（酬金制填写金额或提取比例）", validators=[Fits(Contract.remuneration)])
    term_start = DateField("服务期限开始日期", validators=[DataRequired("请填写开始日期（如 2027-07-01）"),
                                                  Fits(Contract.term_start)])
    term_months = IntegerField("服务期限（月）", default=36, validators=[
        InputRequired("请填写服务期限"), Fits(Contract.term_months, min=1, max=240, message="服务期限须为 1–240 个月")])
    submit = SubmitField("生成合同")


class MeasurementForm(Form):
    value = DecimalField("测量值", places=2, validators=[
        InputRequired("请填写测量值"), Fits(Measurement.value, min=0, message="测量值" + RANGE)])
    unit = SelectField("单位", choices=choices((u.value, u.value) for u in Unit),
                       validators=[DataRequired("请选择单位"), Fits(Measurement.unit)])
    period_start = DateField("统计期间自", validators=[DataRequired("请填写统计期间的开始日期"),
                                                  Fits(Measurement.period_start)])
    period_end = DateField("至", validators=[DataRequired("请填写统计期间的结束日期"), Fits(Measurement.period_end)])
    note = StringField("说明（如：第 3 季度满意度调查，回收问卷 420 份）", validators=[Fits(Measurement.note)])
    submit = SubmitField("记录")
