"""The notification settings (one choice per message type) and the beheerder's bounce form."""

from wtforms import EmailField, RadioField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from wijkportaal.core.forms import Form
from wijkportaal.core.forms import keuzes as choices
from wijkportaal.mail.models import Frequentie
from wijkportaal.mail.rules import instelbare_soorten, keuzes


class BounceForm(Form):
    adres = EmailField(
        "E-mailadres",
        validators=[
            DataRequired("Vul het e-mailadres in."),
            Email("Vul een geldig e-mailadres in, zoals naam@school.nl."),
            Length(max=254),
        ],
    )
    reden = StringField("Reden (de foutmelding van de bounce)", validators=[Optional(), Length(max=500)])


class VoorkeurenForm(Form):
    """Built per request by `voorkeuren_form`: one radio group per configurable type."""


def voorkeuren_form(huidig: dict[str, Frequentie], **kw) -> VoorkeurenForm:
    velden = {}
    for s in instelbare_soorten():
        velden[s.naam] = RadioField(
            s.label,
            choices=choices((f.value, f.label) for f in keuzes(s)),
            default=huidig.get(s.naam, s.standaard).value,
            validate_choice=True,
            description="Vraagt iets van u: kan niet uit." if s.moet_handelen else "",
        )
    form_cls = type("VoorkeurenForm", (VoorkeurenForm,), velden)
    return form_cls(**kw)
