"""Filters for browsing the audit trail, and the lookup of a checkpoint kept outside the system."""
from wtforms import DateField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tender.audit.models import AuditEntry
from tender.forms import Fits, Form, Free

SEARCH = "只用于搜索，不保存"


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    actor = StringField("操作人", validators=[Optional(), Free(200, SEARCH)])
    action = StringField("操作", validators=[Optional(), Free(64, SEARCH)])
    object_type = SelectField("对象类型", validators=[Optional(), Fits(AuditEntry.object_type)], choices=[])
    date_from = DateField("起始日期", validators=[Optional(), Fits(AuditEntry.at)])
    date_to = DateField("截止日期", validators=[Optional(), Fits(AuditEntry.at)])


class CheckpointCompareForm(Form):
    """Compare a head kept elsewhere (the daily mail, a printout) with the chain now."""

    class Meta:
        csrf = False  # a GET lookup changes nothing
        locales = ["zh_CN", "zh"]

    seq = IntegerField("序号", validators=[DataRequired(message="请填写序号。"), NumberRange(min=1),
                                         Fits(AuditEntry.seq)])
    digest = StringField("哈希", validators=[DataRequired(message="请填写哈希。"),
                                             Length(min=64, max=64, message="哈希应为 64 位十六进制字符。"),
                                             Free(64, "只用于核对，不保存")])
