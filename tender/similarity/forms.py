"""Uploading to the legal library and asking for a comparison."""
from flask_wtf.file import FileRequired
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Optional

from tender.forms import Choice, Fits, Form, UploadField
from tender.similarity.models import Comparison, SimilarityDocument

FILE_HELP = "PDF、Word（.docx）或 UTF-8 文本（.txt）"


class LibraryForm(Form):
    title = StringField("名称（如《物业管理条例》）", validators=[DataRequired("请填写名称"),
                                                         Fits(SimilarityDocument.title)])
    file = UploadField(f"文件（{FILE_HELP}）", validators=[FileRequired("请选择文件"),
                                                         Fits(SimilarityDocument.filename)])
    submit = SubmitField("加入法规标准库")


class CompareForm(Form):
    doc_a = SelectField("文件 A（从文件库选择）", coerce=int, validators=[Optional(), Choice()])
    # An uploaded file's name also becomes its title.
    file_a = UploadField(f"或上传文件 A（{FILE_HELP}）", validators=[Fits(SimilarityDocument.title)])
    doc_b = SelectField("文件 B（从文件库选择）", coerce=int, validators=[Optional(), Choice()])
    file_b = UploadField(f"或上传文件 B（{FILE_HELP}）", validators=[Fits(SimilarityDocument.title)])
    tender = SelectField("扣除招标文件原文（可选）", coerce=int, validators=[Optional(), Choice()])
    use_library = BooleanField("扣除法规标准库中的文本", default=True, validators=[Fits(Comparison.use_library)])
    submit = SubmitField("开始比对")
