"""Forms of the monitor: counts are whole numbers of 0 or more, amounts are parsed exactly into cents."""

from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from wijkportaal.core.forms import AantalField, BedragField, Form, SleutelMixin
from wijkportaal.monitor.services import AANTAL_MAX, TE_GROOT


def _aantal(label: str, **kw) -> AantalField:
    return AantalField(label, maximum=AANTAL_MAX, te_groot=TE_GROOT, **kw)


class TellingForm(Form):
    wijk_id = SelectField("Wijk", coerce=int, validators=[DataRequired("Kies een wijk.")])
    schooljaar = SelectField("Schooljaar", coerce=int, validators=[InputRequired("Kies een schooljaar.")])
    sbo = _aantal("Verwijzingen naar SBO", description="Aantal toelaatbaarheidsverklaringen (TLV's) SBO.")
    so = _aantal("Verwijzingen naar SO", description="Aantal toelaatbaarheidsverklaringen (TLV's) SO.")


class ReductiedoelForm(Form):
    schooljaar = SelectField("Schooljaar", coerce=int, validators=[InputRequired("Kies een schooljaar.")])
    procent = IntegerField(
        "Daling ten opzichte van het jaar ervoor (%)",
        validators=[
            InputRequired("Vul een percentage in."),
            NumberRange(0, 100, "Kies een percentage van 0 tot en met 100."),
        ],
    )


class KostenForm(Form):
    sbo = BedragField("Gemiddelde kosten per SBO-verwijzing per jaar (€)")
    so = BedragField("Gemiddelde kosten per SO-verwijzing per jaar (€)")


class VrijvalForm(SleutelMixin, Form):
    schooljaar = SelectField("Schooljaar", coerce=int, validators=[InputRequired("Kies een schooljaar.")])
    pot_id = SelectField("Naar de pot", coerce=int, validators=[DataRequired("Kies een pot.")])
    toelichting = TextAreaField(
        "Toelichting",
        validators=[Optional(), Length(max=2000, message="Gebruik hoogstens 2000 tekens.")],
    )
