"""The base form: Chinese validation messages everywhere."""
from flask_wtf import FlaskForm


class Form(FlaskForm):
    class Meta:
        locales = ["zh_CN", "zh"]
