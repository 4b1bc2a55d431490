"""The base form: WTForms' own messages in Dutch (its bundled 'nl' translations)."""

from flask_wtf import FlaskForm
from wtforms import SelectChoice


class Form(FlaskForm):
    class Meta:
        locales = ("nl_NL", "nl")


def keuzes(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]
