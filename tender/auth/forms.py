"""Login, self-registration of bidders and account creation by staff."""
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, Regexp

from tender.auth.models import User
from tender.bidders.models import Company
from tender.forms import Fits, Form, Free

PASSWORD_RULE = [DataRequired("请输入密码"), Length(min=10, max=128, message="密码长度须为 10–128 个字符")]
HASHED = Free(128, "只保存哈希值")
PHONE = Regexp(r"^[0-9+\-() ]{7,20}$", message="请输入有效的电话号码")


class LoginForm(Form):
    # No format check here: login only looks the account up, whatever address it was created with.
    email = StringField("邮箱", validators=[DataRequired("请输入邮箱"), Fits(User.email)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), HASHED])
    submit = SubmitField("登录")


class BidderRegistrationForm(Form):
    company_name = StringField("公司名称", validators=[DataRequired("请输入公司名称"), Fits(Company.name)])
    name = StringField("联系人姓名", validators=[DataRequired("请输入姓名"), Fits(User.name)])
    email = EmailField("邮箱（登录账号）", validators=[DataRequired("请输入邮箱"), Email("邮箱格式不正确"),
                                                 Fits(User.email)])
    phone = StringField("手机号码", validators=[DataRequired("请输入手机号码"), PHONE, Fits(User.phone)])
    password = PasswordField("密码", validators=[*PASSWORD_RULE, HASHED])
    confirm = PasswordField("确认密码", validators=[EqualTo("password", "两次输入的密码不一致"), HASHED])
    submit = SubmitField("注册")


class AccountForm(Form):
    name = StringField("姓名", validators=[DataRequired("请输入姓名"), Fits(User.name)])
    email = EmailField("邮箱（登录账号）", validators=[DataRequired("请输入邮箱"), Email("邮箱格式不正确"),
                                                 Fits(User.email)])
    phone = StringField("电话", validators=[Optional(), PHONE, Fits(User.phone)])
    role = SelectField("角色", choices=[], validators=[Fits(User.role)])
    password = PasswordField("初始密码", validators=[*PASSWORD_RULE, HASHED])
    submit = SubmitField("创建账号")


class PasswordForm(Form):
    current = PasswordField("当前密码", validators=[DataRequired("请输入当前密码"), HASHED])
    password = PasswordField("新密码", validators=[*PASSWORD_RULE, HASHED])
    confirm = PasswordField("确认新密码", validators=[EqualTo("password", "两次输入的密码不一致"), HASHED])
    submit = SubmitField("修改密码")
