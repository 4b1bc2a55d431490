"""The one decision form: akkoord or afwijzen, nothing chosen beforehand, with a reason that rejecting needs."""

from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from wijkportaal.besluiten.models import BesluitKeuze
from wijkportaal.core.forms import Form, keuzes

REDEN_NODIG = "Geef een reden als u afwijst."


class BesluitForm(Form):
    besluit = RadioField(
        "Besluit",
        choices=keuzes([(BesluitKeuze.AKKOORD.value, "Akkoord"), (BesluitKeuze.AFGEWEZEN.value, "Afwijzen")]),
        validators=[InputRequired("Kies akkoord of afwijzen.")],
    )
    toelichting = TextAreaField(
        "Toelichting",
        validators=[Optional(), Length(max=2000)],
        description="Verplicht bij afwijzen: de reden.",
    )

    def validate_toelichting(self, field) -> None:
        if self.besluit.data == BesluitKeuze.AFGEWEZEN.value and not (field.data or "").strip():
            raise ValidationError(REDEN_NODIG)
