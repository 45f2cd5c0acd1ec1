"""The autosaved cell (posted as JSON), the chair's return, and staff naming the chair."""
from wtforms import DecimalField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Optional

from scoring.evaluation.method import MAX_COUNT
from tender.evaluation.models import ScoreCell, ScoreSheet
from tender.forms import Choice, Fits, Form


class CellForm(Form):
    bid_id = IntegerField("投标人", validators=[InputRequired("缺少投标人"), Fits(ScoreCell.bid_id, min=1)])
    criterion = StringField("评分项", validators=[DataRequired("缺少评分项"), Fits(ScoreCell.criterion)])
    score = DecimalField("得分", places=2, validators=[Optional(), Fits(ScoreCell.score, min=0)])
    count = IntegerField("数量", validators=[Optional(), Fits(ScoreCell.count, min=0, max=MAX_COUNT)])
    reason = StringField("理由", validators=[Fits(ScoreCell.reason)])
    version = IntegerField("版本", validators=[InputRequired("缺少版本号，请刷新页面"), Fits(ScoreCell.version, min=0)])


class SubmitSheetForm(Form):
    submit = SubmitField("提交评分表（提交后不能修改）")


class ReturnForm(Form):
    reason = StringField("退回理由", validators=[DataRequired("请填写退回理由"), Fits(ScoreSheet.return_reason)])
    submit = SubmitField("退回评分表")


class ChairForm(Form):
    expert = SelectField("评标委员会负责人", coerce=int, choices=[],
                         validators=[InputRequired("请选择负责人"), Choice()])
    submit = SubmitField("确定负责人")
