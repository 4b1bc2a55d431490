"""The decision form (an amount per year of the round, nothing chosen beforehand), a payment, closing."""

from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from wijkportaal.core.forms import BedragField, Form, SleutelMixin, keuzes
from wijkportaal.subsidie.models import Uitkomst
from wijkportaal.subsidie.rules import MAX_MOTIVATIE, veld


class BesluitForm(SleutelMixin, Form):
    uitkomst = RadioField(
        "Besluit",
        choices=keuzes([(u.value, u.werkwoord) for u in Uitkomst]),
        validators=[InputRequired("Kies toekennen, afwijzen of aanhouden.")],
    )
    motivatie = TextAreaField(
        "Motivatie",
        validators=[
            InputRequired("Geef een motivatie bij het besluit; zij komt in de besluitbrief."),
            Length(max=MAX_MOTIVATIE),
        ],
        description="Komt letterlijk in de besluitbrief. Bij aanhouden: de vragen aan de aanvragers.",
    )

    def bedragen(self, jaren) -> dict[int, int | None]:
        return {j: getattr(self, veld(j)).cents for j in jaren}


def besluit_form(jaren) -> BesluitForm:
    """The decision form with an amount field per year of the round."""

    class Formulier(BesluitForm):
        pass

    for jaar in jaren:
        setattr(
            Formulier,
            veld(jaar),
            BedragField(f"Bedrag {jaar}", optional=True, description="Alleen bij toekennen; in euro's."),
        )
    return Formulier()


class BetalingForm(SleutelMixin, Form):
    jaar = SelectField("Jaar", coerce=int, validate_choice=True)
    bedrag = BedragField("Bedrag")
    omschrijving = StringField(
        "Omschrijving",
        validators=[InputRequired("Geef een omschrijving van de betaling."), Length(max=300)],
    )


class AfrondenForm(Form):
    reden = TextAreaField(
        "Reden",
        validators=[InputRequired("Geef een reden voor het afronden."), Length(max=1000)],
        default="Het initiatief is beëindigd.",
    )
