"""Expert profile, declared relation, draw and conflict declaration forms."""
from wtforms import BooleanField, IntegerField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired

from tender.committee.models import SPECIALTIES, CommitteeDraw, ConflictDeclaration, ExpertProfile, ExpertRelation
from tender.forms import Choice, Fits, Form, choices


class ProfileForm(Form):
    specialty = SelectField("专业", choices=choices((s, s) for s in SPECIALTIES),
                            validators=[Fits(ExpertProfile.specialty)])
    organisation = StringField("工作单位", validators=[Fits(ExpertProfile.organisation)])
    external = BooleanField("外部专家（否则为招标人代表，不参加随机抽取）", default=True,
                            validators=[Fits(ExpertProfile.external)])
    in_pool = BooleanField("在库（可被抽取）", default=True, validators=[Fits(ExpertProfile.in_pool)])
    submit = SubmitField("保存")


class RelationForm(Form):
    company_name = StringField("单位名称", validators=[DataRequired("请填写单位名称"),
                                                   Fits(ExpertRelation.company_name)],
                               description="投标人库中的公司或招标人（建设单位）的全称")
    relation = StringField("关系说明", validators=[DataRequired("请说明关系"), Fits(ExpertRelation.relation)],
                           description="例如：近亲属任该公司总经理；曾在该公司任职；持有该公司股份")
    submit = SubmitField("申报关联关系")


class DrawForm(Form):
    size = IntegerField("委员会人数（含招标人代表）", default=5, validators=[
        InputRequired("请填写委员会人数"), Fits(CommitteeDraw.size, min=1, max=99, message="须为 1–99 之间的整数")])
    representatives = IntegerField("招标人代表人数（不抽取）", default=0, validators=[
        InputRequired("请填写招标人代表人数"),
        Fits(CommitteeDraw.representatives, min=0, max=98, message="须为 0–98 之间的整数")])
    reserve_count = IntegerField("备选专家人数", default=2, validators=[
        InputRequired("请填写备选专家人数"),
        Fits(CommitteeDraw.reserve_count, min=0, max=20, message="须为 0–20 之间的整数")])
    submit = SubmitField("随机抽取评标委员会")


class DeclareForm(Form):
    conflict = RadioField("利害关系", coerce=int, choices=choices([(0, "无利害关系"), (1, "有利害关系")]),
                          validators=[InputRequired("请选择是否存在利害关系"),
                                      Choice()])
    company_name = StringField("相关单位", validators=[Fits(ConflictDeclaration.company_name)])
    reason = StringField("理由", validators=[Fits(ConflictDeclaration.reason)])
    submit = SubmitField("签署声明")

