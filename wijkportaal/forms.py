"""The base form: WTForms' own messages in Dutch (its bundled 'nl' translations)."""

from flask_wtf import FlaskForm
from wtforms import SelectChoice, StringField
from wtforms.validators import ValidationError

from wijkportaal.invoer import lees_aantal


class Form(FlaskForm):
    class Meta:
        locales = ("nl_NL", "nl")


def keuzes(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class AantalField(StringField):
    """A whole number ≥ 0, typed as text so '3,5' and '-2' get a clear Dutch message (and stay in the
    field to correct); after validation `data` is the int (None when left empty and not required)."""

    def __init__(
        self, *args, verplicht: bool = True, maximum: int = 100_000, te_groot: str | None = None, **kw
    ):
        super().__init__(*args, **kw)
        self.verplicht, self.maximum, self.te_groot = verplicht, maximum, te_groot
        if verplicht:
            self.flags.required = True

    def pre_validate(self, form) -> None:
        if not self.verplicht and not str(self.data or "").strip():
            self.data = None
            return
        try:
            self.data = lees_aantal(self.data, self.maximum, self.te_groot)
        except ValueError as fout:
            raise ValidationError(str(fout)) from fout
