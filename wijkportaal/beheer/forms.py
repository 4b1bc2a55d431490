"""Forms of the beheer pages: users, passwords, API tokens and the filters of the lists."""

from datetime import date

from wtforms import BooleanField, DateField, EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from wijkportaal.auth.passwords import MIN_LENGTH
from wijkportaal.core.forms import AantalField, Form
from wijkportaal.core.jobs import MAX_MINUTEN, lees_tijdstip
from wijkportaal.core.roles import Rol

WACHTWOORD_HINT = (
    f"Minstens {MIN_LENGTH} tekens. Geef het wachtwoord persoonlijk of via een apart kanaal door."
)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _optional_int(value) -> int | None:
    """'' (no choice) becomes None; anything else must be an id."""
    if value is None or value == "":
        return None
    return int(value)


def _keuze(label: str, geen: str) -> SelectField:
    return SelectField(
        label,
        coerce=_optional_int,
        choices=[SelectChoice("", geen)],
        invalid_value_message="Kies een waarde uit de lijst.",
        invalid_choice_message="Kies een waarde uit de lijst.",
    )


WACHTWOORD_LENGTE = (
    Length(min=MIN_LENGTH, message=f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn."),
    Length(max=200, message="Gebruik hoogstens 200 tekens."),
)
ROL_KEUZES = [SelectChoice(r.value, r.label) for r in Rol]


class FilterForm(Form):
    """A GET form that filters a list: no CSRF token, values from the query string."""

    class Meta:
        csrf = False


def set_scope_keuzes(form, keuzes: dict) -> None:
    """Fill the scope selects with the besturen, schools, organisations and wijken from the database."""
    form.bestuur_id.choices = [SelectChoice("", "— geen bestuur —"), *keuzes["besturen"]]
    form.school_id.choices = [SelectChoice("", "— geen school —"), *keuzes["scholen"]]
    form.organisatie_id.choices = [SelectChoice("", "— geen organisatie —"), *keuzes["organisaties"]]
    form.wijk_id.choices = [SelectChoice("", "— geen wijk —"), *keuzes["wijken"]]


class _ScopeFields(Form):
    naam = StringField(
        "Naam",
        filters=[_strip],
        validators=[
            DataRequired("Vul de naam in."),
            Length(max=120, message="Gebruik hoogstens 120 tekens."),
        ],
    )
    rol = SelectField(
        "Rol",
        choices=ROL_KEUZES,
        invalid_choice_message="Kies een rol uit de lijst.",
    )
    bestuur_id = _keuze("Bestuur", "— geen bestuur —")
    school_id = _keuze("School", "— geen school —")
    organisatie_id = _keuze("Organisatie", "— geen organisatie —")
    wijk_id = _keuze("Wijk", "— geen wijk —")


class GebruikerNieuwForm(_ScopeFields):
    # No role preselected: a slip should not make someone a beheerder.
    rol = SelectField(
        "Rol",
        choices=[SelectChoice("", "— kies een rol —"), *ROL_KEUZES],
        validators=[DataRequired("Kies een rol.")],
        invalid_choice_message="Kies een rol uit de lijst.",
    )
    email = EmailField(
        "E-mailadres",
        filters=[_strip],
        validators=[
            DataRequired("Vul het e-mailadres in."),
            Length(max=254, message="Gebruik hoogstens 254 tekens."),
            Email("Vul een geldig e-mailadres in, zoals naam@school.nl."),
        ],
    )
    wachtwoord = PasswordField(
        "Eerste wachtwoord",
        validators=[DataRequired("Vul een wachtwoord in."), *WACHTWOORD_LENGTE],
    )
    herhaling = PasswordField(
        "Herhaal het wachtwoord",
        validators=[
            DataRequired("Herhaal het wachtwoord."),
            EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk."),
        ],
    )


class GebruikerForm(_ScopeFields):
    is_actief = BooleanField("Actief (mag inloggen)")


class WachtwoordForm(Form):
    wachtwoord = PasswordField(
        "Nieuw wachtwoord",
        validators=[DataRequired("Vul een wachtwoord in."), *WACHTWOORD_LENGTE],
    )
    herhaling = PasswordField(
        "Herhaal het nieuwe wachtwoord",
        validators=[
            DataRequired("Herhaal het wachtwoord."),
            EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk."),
        ],
    )


class TokenForm(Form):
    omschrijving = StringField(
        "Waarvoor is het token?",
        filters=[_strip],
        validators=[
            DataRequired("Beschrijf waarvoor het token is, bijvoorbeeld 'Dashboard gemeente'."),
            Length(max=120, message="Gebruik hoogstens 120 tekens."),
        ],
    )


class GebruikerFilterForm(FilterForm):
    rol = SelectField(
        "Rol",
        choices=[SelectChoice("", "Alle rollen"), *ROL_KEUZES],
        validators=[Optional()],
        invalid_choice_message="Kies een rol uit de lijst.",
    )
    zoek = StringField(
        "Zoek op naam of e-mailadres",
        filters=[_strip],
        validators=[Optional(), Length(max=100, message="Gebruik hoogstens 100 tekens.")],
    )


class DatumField(DateField):
    """A date as the browser's date picker sends it (2026-02-03) or as people type it (3-2-2026)."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(
            label,
            validators,
            format=["%Y-%m-%d", "%d-%m-%Y"],
            invalid_value_message="Vul een geldige datum in, zoals 31-12-2026.",
            **kwargs,
        )


class LogboekFilterForm(FilterForm):
    soort = SelectField(
        "Soort object",
        choices=[SelectChoice("", "Alle soorten")],
        validators=[Optional()],
        invalid_choice_message="Kies een waarde uit de lijst.",
    )
    gebruiker = _keuze("Door", "Iedereen")
    wijk = _keuze("Wijk", "Alle wijken")
    van = DatumField("Van", validators=[Optional()])
    tot = DatumField("Tot en met", validators=[Optional()])

    def set_keuzes(self, keuzes: dict) -> None:
        self.soort.choices = [SelectChoice("", "Alle soorten"), *keuzes["soorten"]]
        self.gebruiker.choices = [SelectChoice("", "Iedereen"), *keuzes["gebruikers"]]
        self.wijk.choices = [SelectChoice("", "Alle wijken"), *keuzes["wijken"]]

    def validate_tot(self, field) -> None:
        if isinstance(field.data, date) and isinstance(self.van.data, date) and field.data < self.van.data:
            raise ValidationError("Deze datum ligt vóór de datum bij 'Van'.")


KIES_SCHEMA = "Kies: elke dag op een vaste tijd, of steeds na een aantal minuten."


class TaakSchemaForm(Form):
    """When a scheduled job runs: daily at a time, or every so many minutes."""

    soort = SelectField(
        "Wanneer",
        choices=[
            SelectChoice("dagelijks", "Elke dag op een vaste tijd"),
            SelectChoice("interval", "Steeds na een aantal minuten"),
        ],
        invalid_choice_message=KIES_SCHEMA,
        invalid_value_message=KIES_SCHEMA,
    )
    tijdstip = StringField("Tijd (uu:mm)", filters=[_strip])
    minuten = AantalField(
        "Minuten",
        verplicht=False,
        maximum=MAX_MINUTEN,
        te_groot="Een interval is hoogstens een week (10080 minuten).",
    )

    def validate_tijdstip(self, field) -> None:
        if self.soort.data == "dagelijks":
            try:
                field.data = lees_tijdstip(field.data)
            except ValueError as fout:
                raise ValidationError(str(fout)) from fout

    def validate_minuten(self, field) -> None:
        if self.soort.data == "interval" and not field.data:
            raise ValidationError("Vul een aantal minuten in, minstens 1.")
