"""The forms of nieuwe initiatieven. Free text goes through the shared base (which refuses BSN-like
numbers); amounts through `BedragField` (exact cents, never negative, at most two decimals)."""

from decimal import Decimal, InvalidOperation

from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from wijkportaal.core.forms import AantalField, BedragField, CheckboxesField, Form, LichteKeuzeField, keuzes
from wijkportaal.initiatieven import rules
from wijkportaal.initiatieven.models import Ambitie, Kostensoort, Rapportsoort, Vervolg

DATUM = "Vul een geldige datum in."
JAAR = NumberRange(2020, 2100, "Vul een jaar in, zoals 2026.")


def _tekst(label: str, **kw):
    return TextAreaField(
        label, validators=[Optional(), Length(max=10_000, message="Gebruik hoogstens 10.000 tekens.")], **kw
    )


class RondeForm(Form):
    naam = StringField("Naam", validators=[InputRequired("Geef de ronde een naam."), Length(max=120)])
    deadline = DateField("Deadline voor indienen", validators=[InputRequired(DATUM)])
    eerste_jaar = IntegerField("Eerste begrotingsjaar", validators=[InputRequired("Vul een jaar in."), JAAR])
    laatste_jaar = IntegerField(
        "Laatste begrotingsjaar", validators=[InputRequired("Vul een jaar in."), JAAR]
    )
    knock_out_minimum = StringField(
        "Knock-outminimum (gemiddelde score 0-3)",
        default="1,50",
        validators=[InputRequired("Vul een minimum in.")],
    )
    zonder_bsn_controle = ("knock_out_minimum",)

    def validate_knock_out_minimum(self, field) -> None:
        try:
            waarde = Decimal((field.data or "").strip().replace(",", "."))
        except InvalidOperation:
            raise ValidationError("Vul een getal tussen 0 en 3 in, zoals 1,50.") from None
        if not waarde.is_finite() or not 0 <= waarde <= 3 or waarde != waarde.quantize(Decimal("0.01")):
            raise ValidationError("Vul een getal tussen 0 en 3 in, met hoogstens twee decimalen.")
        field.honderdsten = int(waarde * 100)


class RondeWijzigForm(RondeForm):
    is_open = BooleanField("Open voor aanvragen")


class CriteriumForm(Form):
    tekst = TextAreaField(
        "Tekst", validators=[InputRequired("Vul de tekst van het criterium in."), Length(max=2000)]
    )
    gewicht = AantalField("Gewicht", maximum=100)
    rubriek_0 = StringField("Score 0", validators=[InputRequired("Vul de omschrijving in."), Length(max=500)])
    rubriek_1 = StringField("Score 1", validators=[InputRequired("Vul de omschrijving in."), Length(max=500)])
    rubriek_2 = StringField("Score 2", validators=[InputRequired("Vul de omschrijving in."), Length(max=500)])
    rubriek_3 = StringField("Score 3", validators=[InputRequired("Vul de omschrijving in."), Length(max=500)])


class PlanForm(Form):
    """Every section of the plan; a draft may leave some empty, submitting may not."""

    titel = StringField(
        "Titel", validators=[Optional(), Length(max=200, message="Gebruik hoogstens 200 tekens.")]
    )
    samenvatting = _tekst("Samenvatting")
    wijken = CheckboxesField("Wijk(en)", coerce=int)
    ambities = CheckboxesField(
        "Ambities van het ondersteuningsplan", choices=keuzes((a.value, a.label) for a in Ambitie)
    )
    doelgroep = _tekst("Doelgroep")
    verwacht_aantal_leerlingen = AantalField("Verwacht aantal leerlingen", verplicht=False)
    doelen = _tekst("Doelen")
    werkwijze = _tekst("Werkwijze")
    startdatum = DateField("Startdatum", validators=[Optional()], format=["%Y-%m-%d", "%d-%m-%Y"])
    einddatum = DateField("Einddatum", validators=[Optional()], format=["%Y-%m-%d", "%d-%m-%Y"])
    resultaten = _tekst("Beoogde resultaten")
    evaluatie = _tekst("Evaluatie")
    kennisdeling = _tekst("Kennisdeling binnen het netwerk")
    onderbouwing = _tekst(
        "Waarom het hier nodig is",
        description="Bijvoorbeeld een hiaat in het aanbod van de wijk of een agendapunt van het wijkoverleg.",
    )
    hiaat = SelectField(
        "Hiaat in het aanbod dat dit initiatief vult (optioneel)",
        validators=[Optional()],
        description="De hiaten van de gekozen wijken volgens de dekkingsmatrix.",
    )
    agendapunt = SelectField(
        "Agendapunt van het wijkoverleg (optioneel)",
        coerce=lambda v: int(v) if v else None,
        validators=[Optional()],
        description="De agendapunten van het afgelopen jaar in het wijkoverleg van de gekozen wijken.",
    )
    themas = CheckboxesField(
        "Thema's",
        coerce=int,
        description="De thema's van de wijkoverleggen waar het initiatief aan werkt; de kennisbank zoekt erop.",
    )
    afspraken = _tekst("Afspraken met de andere scholen en besturen in de wijk")
    duurzaamheid = _tekst(
        "Duurzaamheid: na de twee jaar",
        description="Hoe gaat het verder zonder subsidie van het samenwerkingsverband?",
    )

    # The plan's text sections come from `rules.SECTIES`; these are the other values the form saves.
    WAARDEN = ("verwacht_aantal_leerlingen", "startdatum", "einddatum")

    def waarden(self) -> dict:
        """The plan's columns as the service saves them: text stripped ("" when empty), the rest or None."""
        tekst = {naam: (getattr(self, naam).data or "").strip() for naam, _ in rules.SECTIES}
        wijk_id, _, domein_id = (self.hiaat.data or "").partition(":")
        hiaat = {
            "hiaat_wijk_id": int(wijk_id) if domein_id else None,
            "hiaat_domein_id": int(domein_id) if domein_id else None,
        }
        waarden = {naam: getattr(self, naam).data for naam in self.WAARDEN}
        return {**tekst, **waarden, **hiaat, "agendapunt_id": self.agendapunt.data or None}

    def validate_einddatum(self, field) -> None:
        if field.data and self.startdatum.data and field.data <= self.startdatum.data:
            raise ValidationError("De einddatum moet na de startdatum liggen.")


class UitnodigingForm(Form):
    bestuur_id = SelectField("Bestuur", coerce=int, validators=[InputRequired("Kies een bestuur.")])
    school_id = SelectField(
        "School (optioneel)", coerce=lambda v: int(v) if v else None, validators=[Optional()]
    )


class PartnerForm(Form):
    naam = StringField(
        "Partner", validators=[InputRequired("Vul de naam van de partner in."), Length(max=200)]
    )
    rol = StringField("Rol in het initiatief", validators=[Optional(), Length(max=500)])


class DeelplanForm(Form):
    titel = StringField(
        "Titel van het deelplan", validators=[InputRequired("Geef het deelplan een titel."), Length(max=200)]
    )
    beschrijving = _tekst("Beschrijving")


class KostenForm(Form):
    jaar = IntegerField("Jaar", validators=[InputRequired("Vul een jaar in."), JAAR])
    soort = SelectField("Categorie", choices=keuzes((k.value, k.label) for k in Kostensoort))
    omschrijving = StringField("Omschrijving", validators=[Optional(), Length(max=300)])
    bedrag = BedragField("Bedrag (€)")
    deelplan_id = SelectField("Hoort bij", coerce=lambda v: int(v) if v else None, validators=[Optional()])


class CofinancieringForm(Form):
    bron = StringField("Bron", validators=[InputRequired("Vul de bron in."), Length(max=200)])
    jaar = IntegerField("Jaar", validators=[InputRequired("Vul een jaar in."), JAAR])
    bedrag = BedragField("Bedrag (€)")
    deelplan_id = SelectField("Hoort bij", coerce=lambda v: int(v) if v else None, validators=[Optional()])


class RapportageForm(Form):
    resultaten = TextAreaField(
        "Resultaten ten opzichte van de doelen",
        validators=[InputRequired("Beschrijf de resultaten."), Length(max=10_000)],
    )
    bereikte_leerlingen = AantalField("Bereikte leerlingen (aantal)")
    evaluatie = TextAreaField(
        "Evaluatie", validators=[InputRequired("Vul de evaluatie in."), Length(max=10_000)]
    )
    vervolg = SelectField(
        "Na de twee jaar",
        choices=keuzes([("", "—"), *((v.value, v.label) for v in Vervolg)]),
        validators=[Optional()],
    )
    toelichting_vervolg = _tekst("Toelichting op het vervolg")

    def __init__(self, *args, soort: Rapportsoort, **kw):
        super().__init__(*args, **kw)
        self.soort = soort

    def validate_vervolg(self, field) -> None:
        if self.soort is Rapportsoort.EIND and not field.data:
            raise ValidationError("Kies wat er na de twee jaar gebeurt.")


class FilterForm(Form):
    class Meta:
        csrf = False

    status = SelectField("Status", validators=[Optional()])
    wijk = LichteKeuzeField("Wijk", validators=[Optional()])
    ambitie = SelectField("Ambitie", validators=[Optional()])
    ronde = SelectField("Ronde", validators=[Optional()])
    thema = SelectField("Thema", validators=[Optional()])
    zoek = StringField("Zoeken", validators=[Optional(), Length(max=100)])
