"""Filters for browsing the audit trail."""
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Optional


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form changes nothing

    actor = StringField("操作人", validators=[Optional()])
    action = StringField("操作", validators=[Optional()])
    object_type = SelectField("对象类型", validators=[Optional()], choices=[])
    date_from = DateField("起始日期", validators=[Optional()])
    date_to = DateField("截止日期", validators=[Optional()])
