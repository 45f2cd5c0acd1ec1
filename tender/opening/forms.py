"""The 开标密钥 page (set up, change, reset an officer key) and the passphrase entered at an opening."""
from wtforms import PasswordField, StringField, SubmitField, ValidationError
from wtforms.validators import DataRequired, EqualTo, Length

from tender.forms import Form, Free

NEVER_STORED = Free(128, "只用于解开开标密钥，不保存")
PASSPHRASE_RULE = [DataRequired("请输入开标口令"), Length(min=10, max=128, message="开标口令长度须为 10–128 个字符")]
RESET_WORD = "确认重置"


class OfficerKeyForm(Form):
    passphrase = PasswordField("开标口令", validators=[*PASSPHRASE_RULE, NEVER_STORED])
    confirm = PasswordField("再次输入开标口令", validators=[EqualTo("passphrase", "两次输入的口令不一致"),
                                                     NEVER_STORED])
    submit = SubmitField("设置开标密钥")


class ChangePassphraseForm(Form):
    current_passphrase = PasswordField("当前开标口令", validators=[DataRequired("请输入当前开标口令"), NEVER_STORED])
    new_passphrase = PasswordField("新开标口令", validators=[*PASSPHRASE_RULE, NEVER_STORED])
    confirm = PasswordField("再次输入新口令", validators=[EqualTo("new_passphrase", "两次输入的口令不一致"),
                                                   NEVER_STORED])
    submit = SubmitField("修改口令")


class ResetKeyForm(Form):
    passphrase = PasswordField("新的开标口令", validators=[*PASSPHRASE_RULE, NEVER_STORED])
    confirm = PasswordField("再次输入新口令", validators=[EqualTo("passphrase", "两次输入的口令不一致"), NEVER_STORED])
    acknowledge = StringField(f"请输入“{RESET_WORD}”", validators=[
        DataRequired(f"请输入“{RESET_WORD}”以确认"), Free(20, "只用于确认")])
    submit = SubmitField("重置开标密钥")

    def validate_acknowledge(self, field) -> None:
        if field.data.strip() != RESET_WORD:
            raise ValidationError(f"请输入“{RESET_WORD}”以确认")


class UnsealForm(Form):
    passphrase = PasswordField("您的开标口令", validators=[DataRequired("请输入开标口令"), NEVER_STORED])
    submit = SubmitField("提交密钥份额")
