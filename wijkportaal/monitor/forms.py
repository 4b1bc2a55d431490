"""Forms of the monitor: counts are whole numbers of 0 or more, amounts are parsed exactly into cents."""

from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from wijkportaal.forms import Form
from wijkportaal.monitor.services import MonitorFout, lees_aantal
from wijkportaal.pot.forms import BedragField
from wijkportaal.privacy import GeenBSN


class AantalField(StringField):
    """A number of referrals; `waarde` holds the int after validation."""

    waarde: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.flags.required = True  # checked in pre_validate, with the same message as the CSV import

    def pre_validate(self, form) -> None:
        self.waarde = None
        try:
            self.waarde = lees_aantal(self.data)
        except MonitorFout as fout:
            raise ValidationError(str(fout)) from fout


class TellingForm(Form):
    wijk_id = SelectField("Wijk", coerce=int, validators=[DataRequired("Kies een wijk.")])
    schooljaar = SelectField("Schooljaar", coerce=int, validators=[InputRequired("Kies een schooljaar.")])
    sbo = AantalField("Verwijzingen naar SBO", description="Aantal toelaatbaarheidsverklaringen (TLV's) SBO.")
    so = AantalField("Verwijzingen naar SO", description="Aantal toelaatbaarheidsverklaringen (TLV's) SO.")


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


class VrijvalForm(Form):
    schooljaar = SelectField("Schooljaar", coerce=int, validators=[InputRequired("Kies een schooljaar.")])
    pot_id = SelectField("Naar de pot", coerce=int, validators=[DataRequired("Kies een pot.")])
    toelichting = TextAreaField(
        "Toelichting",
        validators=[Optional(), Length(max=2000, message="Gebruik hoogstens 2000 tekens."), GeenBSN()],
    )
