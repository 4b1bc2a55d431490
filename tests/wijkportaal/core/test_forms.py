"""The base form checks every free-text field for a BSN-like number, so a new field is covered without
anyone remembering it; passwords, hidden fields, counts and amounts, and fields that opt out by name, are not."""

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, IntegerField, PasswordField, StringField, TextAreaField

from wijkportaal.core.forms import AantalField, BedragField, Form
from wijkportaal.core.privacy import BSN_MESSAGE

BSN = "111222333"


class NieuwForm(Form):
    """A form as a feature might add it tomorrow: no validator mentions the BSN."""

    naam = StringField("Naam")
    toelichting = TextAreaField("Toelichting")
    code = StringField("Code")
    wachtwoord = PasswordField("Wachtwoord")
    verborgen = HiddenField()
    aantal = AantalField("Aantal", maximum=10**9)
    bedrag = BedragField("Bedrag", optional=True)
    nummer = IntegerField("Nummer")

    zonder_bsn_controle = ("code",)


@pytest.fixture
def maak(app):
    with app.test_request_context(method="POST"):
        yield lambda **data: NieuwForm(formdata=MultiDict(data), meta={"csrf": False})


@pytest.mark.parametrize("veld", ["naam", "toelichting"])
def test_every_text_field_refuses_a_bsn_at_the_field(maak, veld):
    form = maak(**{"aantal": "1", veld: f"Leerling {BSN[:3]}.{BSN[3:6]}.{BSN[6:]}"})
    assert not form.validate()
    assert form.errors == {veld: [BSN_MESSAGE]}


def test_what_is_no_free_text_or_opts_out_is_not_checked(maak):
    form = maak(
        code=BSN, wachtwoord=BSN, verborgen=BSN, aantal=BSN, bedrag="111.222.333", nummer=BSN, naam="Gewoon"
    )
    assert form.validate(), form.errors
