"""Forms of the expertise register, the voorzieningen, the taxonomy and the norm, with Dutch messages."""

from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from wijkportaal.core.forms import AantalField, CheckboxesField, Form, SleutelMixin, keuzes
from wijkportaal.expertise.models import Eenheid, VoorzieningSoort, Vorm

VERPLICHT = "Dit veld is verplicht."
DATUM = "Vul een geldige datum in."
KIES_UIT_LIJST = "Kies alleen uit de genoemde mogelijkheden."


def _max(n: int) -> Length:
    return Length(max=n, message=f"Maximaal {n} tekens.")


class KeuzesField(SelectMultipleField):
    """A multiple choice as a <select multiple> with option groups (long lists such as schools)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", KIES_UIT_LIJST)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(KIES_UIT_LIJST) from exc


class GeldigheidMixin:
    geldig_van = DateField("Geldig vanaf", validators=[InputRequired(DATUM)])
    geldig_tot = DateField(
        "Geldig tot en met", validators=[Optional()], description="Leeg: tot nader bericht."
    )

    def validate_geldig_tot(self, field) -> None:
        if field.data and self.geldig_van.data and field.data < self.geldig_van.data:
            raise ValidationError("De einddatum ligt vóór de begindatum; kies een latere datum.")


class ContactMixin:
    contact_naam = StringField("Contactpersoon", validators=[Optional(), _max(120)])
    contact_email = StringField(
        "E-mailadres",
        validators=[Optional(), _max(254), Email("Vul een geldig e-mailadres in, zoals naam@school.nl.")],
    )


class ExpertiseForm(SleutelMixin, GeldigheidMixin, ContactMixin, Form):
    aanbieder_id = SelectField("Aanbieder", coerce=int, validators=[DataRequired("Kies een aanbieder.")])
    domein_id = SelectField("Domein", coerce=int, validators=[DataRequired("Kies een domein.")])
    vorm = SelectField(
        "Vorm", choices=keuzes((v.value, v.label) for v in Vorm), validators=[DataRequired(VERPLICHT)]
    )
    omschrijving = TextAreaField("Omschrijving", validators=[Optional(), _max(5000)])
    capaciteit = AantalField("Capaciteit")
    eenheid = SelectField(
        "Eenheid",
        choices=keuzes((e.value, e.label) for e in Eenheid),
        validators=[DataRequired(VERPLICHT)],
    )
    wachttijd_weken = AantalField(
        "Wachttijd (weken)", verplicht=False, maximum=520, description="0 = geen wachttijd; leeg = onbekend."
    )
    wijk_ids = CheckboxesField("Wijken", coerce=int, validators=[Optional()])
    school_ids = KeuzesField(
        "Scholen",
        coerce=int,
        validators=[Optional()],
        render_kw={"size": 10},
        description="Alleen nodig als het aanbod niet voor alle scholen van een wijk is. "
        "Houd Ctrl (of ⌘) ingedrukt om meer scholen te kiezen.",
    )
    contact_telefoon = StringField("Telefoon", validators=[Optional(), _max(40)])

    def validate(self, extra_validators=None) -> bool:
        geldig = super().validate(extra_validators)
        if not (self.wijk_ids.data or self.school_ids.data):
            self.school_ids.errors.append("Kies minstens één wijk of school die dit aanbod bedient.")
            return False
        return geldig


class VoorzieningForm(SleutelMixin, GeldigheidMixin, ContactMixin, Form):
    naam = StringField("Naam", validators=[DataRequired(VERPLICHT), _max(200)])
    soort = SelectField(
        "Soort",
        choices=keuzes((s.value, s.label) for s in VoorzieningSoort),
        validators=[DataRequired(VERPLICHT)],
    )
    locatie_id = SelectField("Locatie (school)", coerce=int, validators=[DataRequired("Kies een school.")])
    domein_id = SelectField("Domein", coerce=int, validators=[Optional()])
    doelgroep = StringField("Doelgroep", validators=[Optional(), _max(500)])
    plaatsen = AantalField("Plaatsen")
    plaatsen_bezet = AantalField("Plaatsen bezet")
    financiering = StringField(
        "Financiering",
        validators=[Optional(), _max(200)],
        description="Bijvoorbeeld SWV-middelen, gemeente, eigen middelen of een gedeelde pot.",
    )
    aanpak_id = SelectField("Aanpak uit een gedeelde pot", coerce=int, validators=[Optional()])
    wijk_ids = CheckboxesField("Wijken", coerce=int, validators=[Optional()])

    def validate_plaatsen_bezet(self, field) -> None:
        bezet, plaatsen = field.data, self.plaatsen.data
        if isinstance(bezet, int) and isinstance(plaatsen, int) and bezet > plaatsen:
            raise ValidationError("Er kunnen niet meer plaatsen bezet zijn dan er plaatsen zijn.")

    def validate(self, extra_validators=None) -> bool:
        geldig = super().validate(extra_validators)
        if not self.wijk_ids.data:
            self.wijk_ids.errors.append("Kies minstens één wijk die deze voorziening gebruikt.")
            return False
        return geldig


class BeeindigForm(Form):
    geldig_tot = DateField("Laatste dag", validators=[InputRequired(DATUM)])


class DomeinForm(SleutelMixin, Form):
    naam = StringField("Naam", validators=[DataRequired(VERPLICHT), _max(120)])
    omschrijving = TextAreaField("Omschrijving", validators=[Optional(), _max(1000)])
    volgorde = AantalField("Volgorde", verplicht=False, maximum=1000, description="Lager staat eerder.")
    is_actief = BooleanField("In gebruik", default=True)


class DekkingsnormForm(Form):
    min_uren_per_1000 = AantalField(
        "Minimaal uur per week per 1.000 leerlingen",
        maximum=10_000,
        description="Expertise in uren per week, per 1.000 leerlingen van de wijk.",
    )
    min_plaatsen_per_1000 = AantalField(
        "Minimaal plaatsen per 1.000 leerlingen",
        maximum=10_000,
        description="Plaatsen in groepen en voorzieningen, per 1.000 leerlingen van de wijk.",
    )
