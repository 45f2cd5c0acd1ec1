"""The price form, the deposit record and the plain buttons of the bid page.

The price form's values are sealed to the tender key, never stored as typed, so its
fields declare `Free` limits; `tender.bids.price` checks every row and number.
"""
from wtforms import DateField, DecimalField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Optional

from tender.bids.models import Bid, DepositMethod
from tender.forms import Fits, Form, Free

SEALED = "密封后保存，开标前任何人不可读"


class PriceForm(Form):
    annual_total = StringField("年度投标总价（元/年）", validators=[Free(20, SEALED)])
    fees = TextAreaField("收费标准（每行：物业类型 | 元/月·㎡ | 计费面积㎡（可选））", render_kw={"rows": 4},
                         validators=[Free(1000, SEALED)],
                         description="物业类型如住宅、商业、办公、车库；例如：住宅 | 2.80 | 30000")
    staffing = TextAreaField("人员配置（每行：岗位 | 人数 | 月工资（元））", render_kw={"rows": 5},
                             validators=[Free(1000, SEALED)], description="例如：项目经理 | 1 | 12000")
    submit = SubmitField("密封保存报价一览表")


class DepositForm(Form):
    amount = DecimalField("保证金金额（元）", places=2, validators=[
        DataRequired("请填写保证金金额"), Fits(Bid.deposit_amount, min=0)])
    method = SelectField("缴纳方式", choices=DepositMethod.choices(), validators=[Fits(Bid.deposit_method)])
    paid_on = DateField("缴纳日期", validators=[DataRequired("请填写缴纳日期"), Fits(Bid.deposit_paid_on)])
    reference = StringField("银行流水号或保函编号", validators=[Optional(), Fits(Bid.deposit_reference)])
    submit = SubmitField("保存保证金信息")


class SimpleForm(Form):
    """A button: only the CSRF token."""
