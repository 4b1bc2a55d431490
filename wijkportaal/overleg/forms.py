"""Forms of the wijkoverleg; every rule is checked on the server, with Dutch messages next to the field."""

from datetime import datetime

from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from wijkportaal.core import clock
from wijkportaal.core.forms import CheckboxesField, SleutelMixin, keuzes
from wijkportaal.core.forms import Form as FlaskForm

VERPLICHT = "Dit veld is verplicht."


def _length(maximum: int):
    return Length(max=maximum, message=f"Maximaal {maximum} tekens.")


class RedenMixin:
    """A reason, required when the agenda has already been agreed (the change becomes an amendment)."""

    reden = StringField(
        "Reden van de wijziging",
        validators=[Optional(), _length(500)],
        description="Verplicht als de agenda al is vastgesteld: de wijziging wordt dan als amendement vastgelegd.",
    )


class BijeenkomstForm(SleutelMixin, RedenMixin, FlaskForm):
    datum = DateField("Datum", validators=[InputRequired("Vul een geldige datum in (dd-mm-jjjj).")])
    starttijd = TimeField("Begintijd", validators=[InputRequired("Vul een geldige begintijd in (uu:mm).")])
    eindtijd = TimeField("Eindtijd", validators=[InputRequired("Vul een geldige eindtijd in (uu:mm).")])
    locatie = StringField(
        "Locatie", validators=[Optional(), _length(200)], description="Adres of school en lokaal."
    )
    online_link = URLField(
        "Online link",
        validators=[
            Optional(),
            _length(500),
            URL(require_tld=True, message="Vul een volledige link in (https://…)."),
        ],
    )

    def __init__(self, *args, nieuw: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.nieuw = nieuw

    @property
    def start(self) -> datetime | None:
        if self.datum.data and self.starttijd.data:
            return datetime.combine(self.datum.data, self.starttijd.data)
        return None

    @property
    def eind(self) -> datetime | None:
        if self.datum.data and self.eindtijd.data:
            return datetime.combine(self.datum.data, self.eindtijd.data)
        return None

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.start and self.eind and self.eind <= self.start:
            self.eindtijd.errors.append("De eindtijd moet na de begintijd liggen.")
            ok = False
        if self.nieuw and self.start and self.start < clock.now():
            self.datum.errors.append("Een nieuwe bijeenkomst kan niet in het verleden liggen.")
            ok = False
        if not (self.locatie.data or "").strip() and not (self.online_link.data or "").strip():
            self.locatie.errors.append("Vul een locatie of een online link in.")
            ok = False
        return ok


class AgendapuntForm(SleutelMixin, RedenMixin, FlaskForm):
    titel = StringField("Titel", validators=[DataRequired(VERPLICHT), _length(200)])
    thema_ids = CheckboxesField("Thema's", coerce=int, validators=[Optional()])
    eigenaar = StringField(
        "Eigenaar",
        validators=[Optional(), _length(120)],
        description="Wie brengt het punt in (naam en organisatie).",
    )
    minuten = IntegerField(
        "Tijd (minuten)",
        default=15,
        validators=[
            InputRequired("Vul het aantal minuten in."),
            NumberRange(1, 240, "Kies 1 tot 240 minuten."),
        ],
    )
    beschrijving = TextAreaField("Toelichting", validators=[Optional(), _length(5000)])


class AgendaVaststellenForm(FlaskForm):
    """Agreeing an agenda while members' proposals are open takes a confirmation (a second step
    without JavaScript): the box carries how many open proposals the chair saw."""

    bevestig = BooleanField("Ik stel de agenda vast hoewel er voorstellen openstaan")
    voorstellen = HiddenField()

    def zet_aantal(self, n: int) -> None:
        from wijkportaal.core.web import aantal

        self.voorstellen.data = str(n)
        self.bevestig.label.text = (
            f"Ik stel de agenda vast hoewel er {aantal(n, 'voorstel', 'voorstellen')} "
            f"{aantal(n, 'openstaat', 'openstaan', toon_getal=False)}"
        )

    @property
    def gezien(self) -> int:
        """How many open proposals the chair confirmed; 0 without the box ticked."""
        if not self.bevestig.data:
            return 0
        waarde = (self.voorstellen.data or "").strip()
        return int(waarde) if waarde.isdigit() and len(waarde) < 6 else 0


class NotulenForm(FlaskForm):
    notulen = TextAreaField("Notulen", validators=[Optional(), _length(20000)])


class BesluitForm(SleutelMixin, FlaskForm):
    tekst = TextAreaField("Besluit", validators=[DataRequired(VERPLICHT), _length(2000)])
    agendapunt_id = SelectField("Bij agendapunt", coerce=int, validators=[Optional()])


class ActiepuntForm(SleutelMixin, FlaskForm):
    omschrijving = StringField("Actie", validators=[DataRequired(VERPLICHT), _length(500)])
    eigenaar = StringField("Eigenaar", validators=[DataRequired(VERPLICHT), _length(120)])
    deadline = DateField("Uiterlijk op", validators=[InputRequired("Vul een geldige datum in (dd-mm-jjjj).")])
    agendapunt_id = SelectField("Bij agendapunt", coerce=int, validators=[Optional()])

    def __init__(self, *args, vroegste=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.vroegste = vroegste

    def validate_deadline(self, field) -> None:
        if self.vroegste and field.data and field.data < self.vroegste:
            raise ValidationError("De deadline kan niet vóór de bijeenkomst liggen.")


class ActiepuntStatusForm(FlaskForm):
    status = SelectField(
        "Status",
        choices=keuzes([("open", "Open"), ("afgerond", "Afgerond"), ("vervallen", "Vervallen")]),
        validators=[DataRequired(VERPLICHT)],
    )


class RedenForm(FlaskForm):
    reden = StringField("Reden", validators=[DataRequired("Geef een reden."), _length(500)])


class HiaatForm(FlaskForm):
    """One click puts a gap on the agenda; a reason is needed only once that agenda is agreed."""

    reden = StringField("Reden (de agenda is al vastgesteld)", validators=[Optional(), _length(500)])


class LidForm(FlaskForm):
    organisatie_id = SelectField(
        "Organisatie toevoegen", coerce=int, validators=[DataRequired("Kies een organisatie.")]
    )


class SecretarisForm(FlaskForm):
    secretaris_id = SelectField("Secretaris", coerce=int, validators=[Optional()])


class InstellenForm(FlaskForm):
    voorzitter_id = SelectField("Voorzitter", coerce=int, validators=[DataRequired("Kies een voorzitter.")])


class ThemaForm(SleutelMixin, FlaskForm):
    naam = StringField("Naam", validators=[DataRequired(VERPLICHT), _length(120)])
    omschrijving = TextAreaField("Omschrijving", validators=[Optional(), _length(1000)])


class VerplichtForm(FlaskForm):
    thema_ids = CheckboxesField("Verplichte thema's", coerce=int, validators=[Optional()])


class NormForm(FlaskForm):
    periode_maanden = IntegerField(
        "Periode (maanden)",
        validators=[InputRequired(VERPLICHT), NumberRange(1, 36, "Kies 1 tot 36 maanden.")],
    )
    min_bijeenkomsten = IntegerField(
        "Minimaal aantal bijeenkomsten in die periode",
        validators=[InputRequired(VERPLICHT), NumberRange(1, 50, "Kies 1 tot 50.")],
    )
    max_dagen_sinds_laatste = IntegerField(
        "Laatste bijeenkomst hoogstens zoveel dagen geleden",
        validators=[InputRequired(VERPLICHT), NumberRange(1, 730, "Kies 1 tot 730 dagen.")],
    )
    min_pct_vastgesteld = IntegerField(
        "Minimaal % met vooraf vastgestelde agenda",
        validators=[InputRequired(VERPLICHT), NumberRange(0, 100, "Kies 0 tot 100.")],
    )
    min_pct_okt_so = IntegerField(
        "Minimaal % met OKT én speciaal onderwijs aanwezig",
        validators=[InputRequired(VERPLICHT), NumberRange(0, 100, "Kies 0 tot 100.")],
    )
