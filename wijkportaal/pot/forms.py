"""Forms of the gedeelde pot. Amounts are parsed exactly (Decimal → cents) with Dutch messages."""

from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from wijkportaal.core.forms import BedragField, CheckboxesField, Form, SleutelMixin, keuzes
from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort

VERPLICHT = "Dit veld is verplicht."


def _keuzes(enum_cls) -> list:
    return keuzes((m.value, getattr(m, "label", m.value)) for m in enum_cls)


class PotForm(SleutelMixin, Form):
    naam = StringField(
        "Naam", validators=[DataRequired(VERPLICHT), Length(max=200, message="Maximaal 200 tekens.")]
    )
    periode_soort = SelectField(
        "Periode", choices=_keuzes(PeriodeSoort), validators=[DataRequired(VERPLICHT)]
    )
    jaar = IntegerField(
        "Jaar",
        validators=[
            InputRequired("Vul een jaar in."),
            NumberRange(2020, 2100, "Kies een jaar tussen 2020 en 2100."),
        ],
        description="Het schooljaar begint in dit jaar (2025 = 2025-2026).",
    )
    wijk_ids = CheckboxesField("Wijken", coerce=int, validators=[Optional()])
    bestuur_ids = CheckboxesField("Deelnemende besturen", coerce=int, validators=[Optional()])
    regel = SelectField(
        "Goedkeuringsregel", choices=_keuzes(Goedkeuringsregel), validators=[DataRequired(VERPLICHT)]
    )


class BijdrageForm(SleutelMixin, Form):
    bron = SelectField(
        "Van wie",
        choices=keuzes(
            (m.value, m.label) for m in BronSoort if m != BronSoort.VRIJVAL
        ),  # vrijval: via the monitor
        validators=[DataRequired(VERPLICHT)],
    )
    bestuur_id = SelectField("Bestuur", coerce=int, validators=[Optional()])
    partner_naam = StringField(
        "Naam partner", validators=[Optional(), Length(max=200, message="Maximaal 200 tekens.")]
    )
    middelen = StringField(
        "Bron van het geld",
        validators=[DataRequired(VERPLICHT), Length(max=120)],
        description="Bijvoorbeeld eigen middelen, ondersteuningsmiddelen, NPO.",
    )
    bedrag = BedragField("Bedrag (€)")
    datum = DateField("Datum", validators=[InputRequired("Vul een geldige datum in.")])
    soort = SelectField(
        "Soort",
        choices=keuzes([("ingelegd", "Ingelegd (betaald)"), ("toezegging", "Toezegging (nog te betalen)")]),
        validators=[DataRequired(VERPLICHT)],
    )
    uiterlijk_op = DateField("Uiterlijk betaald op (bij een toezegging)", validators=[Optional()])


class BetaalForm(SleutelMixin, Form):
    datum = DateField("Betaald op", validators=[InputRequired("Vul een geldige datum in.")])


class AanpakForm(SleutelMixin, Form):
    naam = StringField(
        "Naam", validators=[DataRequired(VERPLICHT), Length(max=200, message="Maximaal 200 tekens.")]
    )
    doel = TextAreaField("Doel", validators=[Optional(), Length(max=5000)])
    doelgroep = StringField("Doelgroep", validators=[Optional(), Length(max=500)])
    niveau = SelectField("Niveau", validators=[DataRequired(VERPLICHT)])
    school_ids = CheckboxesField("Betrokken scholen", coerce=int, validators=[Optional()])
    budget_jaar1 = BedragField("Budget eerste jaar (€)")
    budget_jaar2 = BedragField("Budget tweede jaar (€)", optional=True)


class ToekenningForm(SleutelMixin, Form):
    aanpak_id = SelectField("Aanpak", coerce=int, validators=[DataRequired("Kies een aanpak.")])
    bedrag = BedragField("Bedrag (€)")
    toelichting = TextAreaField("Toelichting", validators=[Optional(), Length(max=5000)])
    termijn_dagen = IntegerField(
        "Besluiten binnen (dagen)",
        default=14,
        validators=[InputRequired(VERPLICHT), NumberRange(1, 90, "Kies 1 tot 90 dagen.")],
    )


class BestedingForm(SleutelMixin, Form):
    datum = DateField("Datum", validators=[InputRequired("Vul een geldige datum in.")])
    omschrijving = StringField("Omschrijving", validators=[DataRequired(VERPLICHT), Length(max=400)])
    factuurreferentie = StringField("Factuurnummer", validators=[Optional(), Length(max=120)])
    bedrag = BedragField("Bedrag (€)")
