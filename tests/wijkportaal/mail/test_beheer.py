"""The beheerder's mail page: failed and held messages with a resend button, bounced addresses; who may
reach it, as a table of request × role with the effect of each write."""

from datetime import datetime
from types import SimpleNamespace

import pytest
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.mail import verzender
from wijkportaal.mail.models import Bericht, BerichtStatus, Bounce


@pytest.fixture
def wereld(db, make_user, plaats):
    """A failed message to An Lid, a bounced address, and a user of every role."""
    lid = make_user(Rol.SCHOOLLEIDER, naam="An Lid", email="an@school.nl")
    bericht = plaats(lid)
    bericht.status, bericht.pogingen, bericht.laatste_fout = BerichtStatus.MISLUKT, 5, "451 Even niet"
    bounce = Bounce(adres="weg@school.nl", reden="550 Mailbox onbekend")
    db.add_all([bericht, bounce])
    db.commit()
    return SimpleNamespace(
        bericht=bericht, bounce=bounce, gebruikers={(rol.value, None): make_user(rol) for rol in Rol}
    )


def _verwacht(toegestaan: int) -> dict[str, int]:
    return {"anoniem": 302, **{rol.value: toegestaan if rol is Rol.BEHEERDER else 403 for rol in Rol}}


def status_is(status):
    def check(w, db):
        assert db.get(Bericht, w.bericht.id).status is status

    return check


TOEGANG = [
    {"methode": "GET", "url": "/beheer/mail", "verwacht": _verwacht(200)},
    {
        "methode": "POST",
        "url": "/beheer/mail/{w.bericht.id}/opnieuw",
        "verwacht": _verwacht(303),
        "wel": status_is(BerichtStatus.WACHTEND),
        "niet": status_is(BerichtStatus.MISLUKT),
    },
    {
        "methode": "POST",
        "url": "/beheer/mail/bounces",
        "data": {"adres": "nieuw@school.nl", "reden": "550"},
        "verwacht": _verwacht(303),
        "rijen": (Bounce, lambda w: [Bounce.adres == "nieuw@school.nl"]),
        "wel": 1,
        "niet": 0,
    },
    {
        "methode": "POST",
        "url": "/beheer/mail/bounces/{w.bounce.id}/opheffen",
        "verwacht": _verwacht(303),
        "rijen": (Bounce, lambda w: [Bounce.adres == "weg@school.nl"]),
        "wel": 0,
        "niet": 1,
    },
]


def test_toegang(regel, wereld, voer_uit):
    voer_uit(regel, wereld)


def test_the_beheerder_sees_failed_messages_and_bounces_and_resends_once(
    app, db, client, auth, make_user, wereld, postbus
):
    beheerder = make_user(Rol.BEHEERDER)
    auth.login(beheerder)
    pagina = client.get("/beheer/mail").get_data(as_text=True)
    assert "an@school.nl" in pagina and "Mislukt" in pagina and "451 Even niet" in pagina
    assert "Opnieuw versturen" in pagina
    assert "weg@school.nl" in pagina and "550 Mailbox onbekend" in pagina
    assert 'href="/beheer/mail"' in pagina  # in the menu

    for _ in range(2):
        assert client.post(f"/beheer/mail/{wereld.bericht.id}/opnieuw").status_code == 303
    verzender.verstuur_wachtende(app)
    client.post(f"/beheer/mail/{wereld.bericht.id}/opnieuw")
    verzender.verstuur_wachtende(app)

    assert [o.rcpt_tos for o in postbus.ontvangen] == [["an@school.nl"]]
    db.expire_all()
    assert db.get(Bericht, wereld.bericht.id).status is BerichtStatus.VERZONDEN
    assert "Geen mislukte, vastgehouden of opnieuw te proberen berichten." in client.get(
        "/beheer/mail"
    ).get_data(as_text=True)


def test_mail_to_a_bounced_address_is_held_and_shown(
    app, db, client, auth, make_user, plaats, postbus, runner
):
    lid = make_user(Rol.SCHOOLLEIDER, email="Bas@School.nl")
    result = runner.invoke(args=["mail", "bounce", "bas@school.nl", "--reden", "550 onbekend"])
    assert result.exit_code == 0, result.output
    bericht = plaats(lid)

    assert verzender.verstuur_wachtende(app).aantallen["vastgehouden"] == 1
    assert postbus.ontvangen == []
    auth.login(make_user(Rol.BEHEERDER))
    pagina = client.get("/beheer/mail").get_data(as_text=True)
    assert "Bas@School.nl" in pagina and "Vastgehouden" in pagina

    # held while the address is marked: resending is refused with the reason
    antwoord = client.post(f"/beheer/mail/{bericht.id}/opnieuw", follow_redirects=True)
    assert "staat als onbestelbaar gemarkeerd" in antwoord.get_data(as_text=True)
    db.expire_all()
    assert db.get(Bericht, bericht.id).status is BerichtStatus.VASTGEHOUDEN

    assert runner.invoke(args=["mail", "bounce", "bas@school.nl", "--opheffen"]).exit_code == 0
    client.post(f"/beheer/mail/{bericht.id}/opnieuw")
    assert verzender.verstuur_wachtende(app).aantallen["verzonden"] == 1
    assert [o.rcpt_tos for o in postbus.ontvangen] == [["Bas@School.nl"]]


def test_an_invalid_address_is_refused_at_the_field(db, client, auth, make_user):
    auth.login(make_user(Rol.BEHEERDER))
    antwoord = client.post("/beheer/mail/bounces", data={"adres": "geen-adres", "reden": ""})
    assert antwoord.status_code == 422
    assert "Vul een geldig e-mailadres in" in antwoord.get_data(as_text=True)
    assert db.exec(select(Bounce)).all() == []


def test_resending_needs_the_forms_csrf_token(strict_app, password_hash):
    from sqlmodel import Session

    from wijkportaal.auth.models import Gebruiker

    with Session(strict_app.extensions["db_engine"]) as db:
        db.add(Gebruiker(email="b@test.nl", naam="B", rol=Rol.BEHEERDER, wachtwoord_hash=password_hash))
        bericht = Bericht(
            adres="x@school.nl",
            soort="uitnodiging",
            onderwerp="x",
            tekst="x",
            html="x",
            status=BerichtStatus.MISLUKT,
        )
        db.add(bericht)
        db.commit()
        bericht_id = bericht.id
    client = strict_app.test_client()
    strict_app.config["WTF_CSRF_ENABLED"] = False
    assert (
        client.post("/inloggen", data={"email": "b@test.nl", "wachtwoord": "test-wachtwoord-123"}).status_code
        == 302
    )
    strict_app.config["WTF_CSRF_ENABLED"] = True
    geweigerd = client.post(f"/beheer/mail/{bericht_id}/opnieuw")
    assert geweigerd.status_code == 400 and "Formulier verlopen" in geweigerd.get_data(as_text=True)
    with Session(strict_app.extensions["db_engine"]) as db:
        assert db.get(Bericht, bericht_id).status is BerichtStatus.MISLUKT


def test_a_message_the_server_refused_shows_with_its_next_attempt(
    app, db, client, auth, make_user, plaats, postbus
):
    import time_machine

    from wijkportaal.core.clock import TZ

    beheerder = make_user(Rol.BEHEERDER)
    with time_machine.travel(datetime(2026, 12, 7, 9, 0, tzinfo=TZ), tick=False):
        bericht = plaats(make_user(Rol.SCHOOLLEIDER, email="lid@school.nl"))
        postbus.weiger = "451 4.3.0 Even niet"
        verzender.verstuur_wachtende(app)
        auth.login(beheerder)
        pagina = client.get("/beheer/mail").get_data(as_text=True)
    assert "lid@school.nl" in pagina and "451 4.3.0 Even niet" in pagina and "Wachtend" in pagina
    assert "Volgende poging ma 7 december 2026 09:01" in pagina
    assert f'action="/beheer/mail/{bericht.id}/opnieuw"' not in pagina


def test_the_users_page_says_when_their_address_bounced(db, client, auth, make_user, runner):
    lid = make_user(Rol.SCHOOLLEIDER, email="weg@school.nl")
    auth.login(make_user(Rol.BEHEERDER))
    assert "onbestelbaar" not in client.get(f"/beheer/gebruikers/{lid.id}").get_data(as_text=True)
    runner.invoke(args=["mail", "bounce", "weg@school.nl"])
    pagina = client.get(f"/beheer/gebruikers/{lid.id}").get_data(as_text=True)
    assert "onbestelbaar</strong>: e-mail aan dit adres wordt vastgehouden" in pagina
