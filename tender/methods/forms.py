"""The method pages' forms: pick a template, save the editor, amend after publication.

The editor's per-item inputs are not WTForms fields (their number follows the method);
`editing.py` reads them with the limits of `limits.py`.
"""
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField

from tender.forms import VERSION_TOKEN, Fits, Form, Free
from tender.methods.limits import REASON
from tender.methods.models import TenderMethod


class TemplateForm(Form):
    template = SelectField("评分办法模板", choices=[], validators=[Fits(TenderMethod.template)])
    version = HiddenField(validators=VERSION_TOKEN)
    submit = SubmitField("使用该模板")


class EditForm(Form):
    version = HiddenField(validators=VERSION_TOKEN)
    reason = TextAreaField("修改理由（已发布项目须填写，将作为澄清通知注册投标人）",
                           validators=[Free(REASON, "作为澄清的正文发布")])
    submit = SubmitField("保存评分办法")


def expected_version(form) -> int | None:
    return int(form.version.data) if form.version.data else None

