"""The notification settings (one choice per message type) and the beheerder's bounce form."""

from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from wijkportaal.auth.passwords import MIN_LENGTH
from wijkportaal.core.forms import Form
from wijkportaal.core.forms import keuzes as choices
from wijkportaal.mail.models import Frequentie
from wijkportaal.mail.rules import instelbare_soorten, keuzes


def _adres(label: str = "E-mailadres") -> EmailField:
    return EmailField(
        label,
        validators=[
            DataRequired("Vul het e-mailadres in."),
            Email("Vul een geldig e-mailadres in, zoals naam@school.nl."),
            Length(max=254),
        ],
    )


class BounceForm(Form):
    adres = _adres()
    reden = StringField("Reden (de foutmelding van de bounce)", validators=[Optional(), Length(max=500)])


class VoorkeurenForm(Form):
    """Built per request by `voorkeuren_form`: one radio group per configurable type."""


def voorkeuren_form(huidig: dict[str, Frequentie], rol=None, **kw) -> VoorkeurenForm:
    velden = {}
    for s in instelbare_soorten(rol):
        velden[s.naam] = RadioField(
            s.label,
            choices=choices((f.value, f.label) for f in keuzes(s)),
            default=huidig.get(s.naam, s.standaard).value,
            validate_choice=True,
            description="Vraagt iets van u: kan niet uit." if s.moet_handelen else "",
        )
    form_cls = type("VoorkeurenForm", (VoorkeurenForm,), velden)
    return form_cls(**kw)


class VergetenForm(Form):
    email = _adres("Uw e-mailadres")


class NieuwWachtwoordForm(Form):
    wachtwoord = PasswordField(
        "Nieuw wachtwoord",
        validators=[
            DataRequired("Vul een wachtwoord in."),
            Length(min=MIN_LENGTH, message=f"Het wachtwoord moet minstens {MIN_LENGTH} tekens lang zijn."),
            Length(max=200, message="Gebruik hoogstens 200 tekens."),
        ],
    )
    herhaling = PasswordField(
        "Herhaal het nieuwe wachtwoord",
        validators=[
            DataRequired("Herhaal het wachtwoord."),
            EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk."),
        ],
    )
