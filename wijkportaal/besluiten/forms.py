"""The one decision form: akkoord or afgewezen, with a reason that rejecting needs."""

from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from wijkportaal.besluiten.models import BesluitKeuze
from wijkportaal.core.forms import Form, keuzes


class BesluitForm(Form):
    besluit = SelectField(
        "Besluit",
        choices=keuzes((m.value, m.value) for m in BesluitKeuze),
        validators=[DataRequired("Dit veld is verplicht.")],
    )
    toelichting = TextAreaField(
        "Toelichting",
        validators=[Optional(), Length(max=2000)],
        description="Verplicht bij afwijzen.",
    )
