"""The base form: Chinese validation messages everywhere."""
from flask_wtf import FlaskForm
from wtforms import SelectChoice


class Form(FlaskForm):
    class Meta:
        locales = ["zh_CN", "zh"]


def choices(pairs) -> list[SelectChoice]:
    """WTForms 3.3 deprecates (value, label) tuples."""
    return [SelectChoice(value, label) for value, label in pairs]
