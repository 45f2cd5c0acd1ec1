"""Staff handling of a finding, and the committee's decision on a referred one."""
from __future__ import annotations

from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from tender.findings.models import REASON_CHARS, CommitteeDecision, Finding
from tender.forms import Fits, Form


class StatusForm(Form):
    """One reason, two buttons: explained (kept out of the committee's hands) or referred to the committee."""

    reason = TextAreaField("理由", validators=[DataRequired("请填写理由"),
                                             Fits(Finding.status_reason, max_chars=REASON_CHARS)],
                           render_kw={"rows": 2})
    explain = SubmitField("标记为已说明")
    refer = SubmitField("提交评标委员会")


class CommitteeForm(Form):
    decision = SelectField("评标委员会决定", choices=CommitteeDecision.choices(), validators=[Fits(Finding.decision)])
    note = TextAreaField("理由", validators=[DataRequired("请填写评标委员会的理由"),
                                           Fits(Finding.decision_note, max_chars=REASON_CHARS)],
                         render_kw={"rows": 2})
    submit = SubmitField("记录决定")
