"""Creating, finding and changing users in the beheer pages."""

import html
import re

import pytest
from sqlmodel import func, select

from wijkportaal.auth.models import Gebruiker, Sessie
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import OrganisatieSoort

GOED_WACHTWOORD = "een-lang-wachtwoord"


def error_for(response, field_id: str) -> str:
    """The Dutch message shown next to the field, or '' when there is none."""
    match = re.search(
        rf'<p class="error" id="{field_id}-error">(.*?)</p>', response.get_data(as_text=True), re.S
    )
    return html.unescape(match.group(1)) if match else ""


def count(db, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def beheerder(client, auth, make_user):
    user = make_user(Rol.BEHEERDER, naam="Bea Beheer")
    auth.login(user)
    return user


def nieuw(**overrides) -> dict:
    data = {
        "email": "nieuw@school.nl",
        "naam": "Nina Nieuw",
        "rol": "swv",
        "wachtwoord": GOED_WACHTWOORD,
        "herhaling": GOED_WACHTWOORD,
    }
    data.update(overrides)
    return data


def test_create_user_with_scope_and_audit(client, db, beheerder, make_bestuur, make_wijk):
    bestuur, wijk = make_bestuur(), make_wijk()
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data=nieuw(
            email=" Bert@Bestuur.NL ", rol="bestuurder", bestuur_id=str(bestuur.id), wijk_id=str(wijk.id)
        ),
    )
    assert response.status_code == 302
    user = db.exec(select(Gebruiker).where(Gebruiker.email == "bert@bestuur.nl")).one()
    assert (user.rol, user.bestuur_id, user.wijk_id, user.organisatie_id) == (
        Rol.BESTUURDER,
        bestuur.id,
        wijk.id,
        None,
    )
    assert response.headers["Location"] == f"/beheer/gebruikers/{user.id}"
    regel = db.exec(select(AuditRegel).where(AuditRegel.object_soort == "gebruikers")).one()
    assert (regel.gebruiker_id, regel.object_id, regel.actie) == (beheerder.id, user.id, "aangemaakt")
    assert GOED_WACHTWOORD not in str(regel.wijzigingen)
    # The new user can log in with the first password.
    client.post("/uitloggen")
    assert (
        client.post("/inloggen", data={"email": user.email, "wachtwoord": GOED_WACHTWOORD}).status_code == 302
    )


def test_scope_that_does_not_fit_the_role_is_dropped(
    client, db, beheerder, make_bestuur, make_wijk, make_org
):
    school = make_org(make_wijk())
    response = client.post(
        "/beheer/gebruikers/nieuw",
        data=nieuw(rol="schoolleider", school_id=str(school.id), bestuur_id=str(make_bestuur().id)),
    )
    assert response.status_code == 302
    user = db.exec(select(Gebruiker).where(Gebruiker.email == "nieuw@school.nl")).one()
    assert (user.organisatie_id, user.bestuur_id) == (school.id, None)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"naam": ""}, "naam", "Vul de naam in."),
        ({"naam": "   "}, "naam", "Vul de naam in."),
        ({"naam": "x" * 100_000}, "naam", "Gebruik hoogstens 120 tekens."),
        ({"naam": "Jan 111222333"}, "naam", "op een burgerservicenummer (BSN) lijkt"),
        ({"email": "geen-e-mailadres"}, "email", "Vul een geldig e-mailadres in"),
        # checked by email-validator: a domain without a dot, a space, a second header smuggled in
        ({"email": "jan@school"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": "jan de vries@school.nl"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": "jan@school.nl\r\nBcc: x@evil.example"}, "email", "Vul een geldig e-mailadres in"),
        ({"email": ""}, "email", "Vul het e-mailadres in."),
        ({"wachtwoord": "kort", "herhaling": "kort"}, "wachtwoord", "minstens 12 tekens"),
        ({"herhaling": "iets-heel-anders"}, "herhaling", "niet gelijk"),
        ({"rol": "koning"}, "rol", "Kies een rol uit de lijst."),
        ({"rol": ""}, "rol", "Kies een rol."),
        ({"rol": "bestuurder"}, "bestuur_id", "Een bestuurder hoort bij een bestuur: kies het bestuur."),
        ({"rol": "schoolleider"}, "school_id", "Een schoolleider hoort bij een school: kies de school."),
        ({"rol": "partner"}, "organisatie_id", "Een partner hoort bij een organisatie: kies de organisatie."),
        ({"bestuur_id": "999999", "rol": "bestuurder"}, "bestuur_id", "Kies een waarde uit de lijst."),
        ({"wijk_id": "abc"}, "wijk_id", "Kies een waarde uit de lijst."),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_bad_input_is_refused_with_a_dutch_message(client, db, beheerder, overrides, field, message):
    before = (count(db, Gebruiker), count(db, AuditRegel))
    response = client.post("/beheer/gebruikers/nieuw", data=nieuw(**overrides))
    assert response.status_code == 422
    assert message in error_for(response, field)
    assert "Niet opgeslagen" in response.get_data(as_text=True)
    assert (count(db, Gebruiker), count(db, AuditRegel)) == before


def test_duplicate_email_is_refused(client, db, beheerder, make_user):
    make_user(Rol.SWV, email="bestaat@school.nl")
    before = count(db, Gebruiker)
    response = client.post("/beheer/gebruikers/nieuw", data=nieuw(email="Bestaat@School.nl"))
    assert response.status_code == 422
    assert error_for(response, "email") == "Er bestaat al een gebruiker met dit e-mailadres."
    assert count(db, Gebruiker) == before


def test_schoolleider_needs_a_school_not_another_organisation(client, db, beheerder, make_org, make_wijk):
    okt = make_org(make_wijk(), OrganisatieSoort.OKT)
    response = client.post("/beheer/gebruikers/nieuw", data=nieuw(rol="schoolleider", school_id=str(okt.id)))
    # The OKT is not among the schools, so the select refuses it.
    assert response.status_code == 422
    assert error_for(response, "school_id")


def test_list_filters_by_rol_and_searches_naam_and_email(client, beheerder, make_user):
    make_user(Rol.SWV, naam="Sanne Staf", email="sanne@swv.nl")
    make_user(Rol.PARTNER, naam="Piet Partner", email="piet@okt.nl")
    make_user(Rol.PARTNER, naam="100%_Procent", email="procent@okt.nl")

    def names(url):
        return client.get(url).get_data(as_text=True)

    text = names("/beheer/gebruikers?rol=partner")
    assert "Piet Partner" in text and "Sanne Staf" not in text
    text = names("/beheer/gebruikers?zoek=SWV.NL")
    assert "Sanne Staf" in text and "Piet Partner" not in text
    text = names("/beheer/gebruikers?zoek=%25_")
    assert "100%_Procent" in text and "Piet Partner" not in text
    response = client.get("/beheer/gebruikers?rol=koning")
    assert response.status_code == 422
    assert "Kies een rol uit de lijst." in error_for(response, "rol")


def test_list_is_paged(client, beheerder, make_user):
    for i in range(55):
        make_user(Rol.PARTNER, naam=f"Partner {i:02d}")
    first = client.get("/beheer/gebruikers?rol=partner").get_data(as_text=True)
    assert "1–50 van 55" in first and "Partner 00" in first and "Partner 54" not in first
    assert "pagina=2" in first and "rol=partner" in first
    second = client.get("/beheer/gebruikers?rol=partner&pagina=2").get_data(as_text=True)
    assert "Partner 54" in second and "Partner 00" not in second


def test_edit_user_records_old_and_new(client, db, beheerder, make_user, make_bestuur):
    user = make_user(Rol.SWV, naam="Oude Naam")
    bestuur = make_bestuur()
    page = client.get(f"/beheer/gebruikers/{user.id}")
    assert page.status_code == 200 and "Oude Naam" in page.get_data(as_text=True)
    response = client.post(
        f"/beheer/gebruikers/{user.id}",
        data={"naam": "Nieuwe Naam", "rol": "bestuurder", "bestuur_id": str(bestuur.id), "is_actief": "y"},
    )
    assert response.status_code == 302
    db.refresh(user)
    assert (user.naam, user.rol, user.bestuur_id, user.is_actief) == (
        "Nieuwe Naam",
        Rol.BESTUURDER,
        bestuur.id,
        True,
    )
    regel = db.exec(select(AuditRegel).where(AuditRegel.actie == "gewijzigd")).one()
    assert regel.wijzigingen["naam"] == ["Oude Naam", "Nieuwe Naam"]
    assert regel.wijzigingen["rol"] == ["swv", "bestuurder"]
    assert regel.gebruiker_id == beheerder.id


def test_edit_with_bad_scope_changes_nothing(client, db, beheerder, make_user):
    user = make_user(Rol.SWV, naam="Blijft Zo")
    before = count(db, AuditRegel)
    response = client.post(
        f"/beheer/gebruikers/{user.id}", data={"naam": "Anders", "rol": "bestuurder", "is_actief": "y"}
    )
    assert response.status_code == 422
    assert "kies het bestuur" in error_for(response, "bestuur_id")
    db.refresh(user)
    assert (user.naam, user.rol) == ("Blijft Zo", Rol.SWV)
    assert count(db, AuditRegel) == before


def test_deactivating_ends_the_users_sessions(app, client, db, beheerder, make_user, make_wijk):
    make_wijk()
    user = make_user(Rol.SWV, naam="Weg Gaand")
    other = app.test_client()
    other.post("/inloggen", data={"email": user.email, "wachtwoord": "test-wachtwoord-123"})
    assert other.get("/beheer/logboek").status_code == 200

    response = client.post(f"/beheer/gebruikers/{user.id}", data={"naam": user.naam, "rol": "swv"})
    assert response.status_code == 302
    db.refresh(user)
    assert user.is_actief is False
    assert all(
        s.beeindigd_op is not None for s in db.exec(select(Sessie).where(Sessie.gebruiker_id == user.id))
    )
    response = other.get("/beheer/logboek")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")
    # And they cannot log in again until reactivated.
    assert (
        other.post("/inloggen", data={"email": user.email, "wachtwoord": "test-wachtwoord-123"}).status_code
        == 422
    )

    client.post(f"/beheer/gebruikers/{user.id}", data={"naam": user.naam, "rol": "swv", "is_actief": "y"})
    assert (
        other.post("/inloggen", data={"email": user.email, "wachtwoord": "test-wachtwoord-123"}).status_code
        == 302
    )


def test_beheerder_cannot_deactivate_or_demote_themselves(client, db, beheerder):
    response = client.post(
        f"/beheer/gebruikers/{beheerder.id}", data={"naam": beheerder.naam, "rol": "beheerder"}
    )
    assert response.status_code == 422
    assert error_for(response, "is_actief") == "U kunt uw eigen account niet op inactief zetten."
    response = client.post(
        f"/beheer/gebruikers/{beheerder.id}", data={"naam": beheerder.naam, "rol": "swv", "is_actief": "y"}
    )
    assert response.status_code == 422
    assert "eigen rol" in error_for(response, "rol")
    db.refresh(beheerder)
    assert (beheerder.is_actief, beheerder.rol) == (True, Rol.BEHEERDER)
    # Their own name they may change.
    response = client.post(
        f"/beheer/gebruikers/{beheerder.id}", data={"naam": "Bea B.", "rol": "beheerder", "is_actief": "y"}
    )
    assert response.status_code == 302
    assert client.get("/beheer/gebruikers").status_code == 200


def test_set_password(app, client, db, beheerder, make_user):
    user = make_user(Rol.SWV)
    url = f"/beheer/gebruikers/{user.id}/wachtwoord"
    response = client.post(url, data={"wachtwoord": "kort", "herhaling": "kort"})
    assert response.status_code == 422
    assert "minstens 12 tekens" in error_for(response, "wachtwoord")
    response = client.post(url, data={"wachtwoord": GOED_WACHTWOORD, "herhaling": GOED_WACHTWOORD})
    assert response.status_code == 302
    regel = db.exec(select(AuditRegel).where(AuditRegel.actie == "wachtwoord gewijzigd")).one()
    assert (regel.object_id, regel.gebruiker_id) == (user.id, beheerder.id)
    other = app.test_client()
    assert (
        other.post("/inloggen", data={"email": user.email, "wachtwoord": GOED_WACHTWOORD}).status_code == 302
    )


def test_pages_are_accessible_html(client, beheerder, make_user):
    user = make_user(Rol.SWV)
    for url in (
        "/beheer/gebruikers",
        "/beheer/gebruikers/nieuw",
        f"/beheer/gebruikers/{user.id}",
        "/beheer/logboek",
    ):
        text = client.get(url).get_data(as_text=True)
        assert "<main" in text and "<h1>" in text
        assert "style=" not in text and not re.search(r"<script(?![^>]*\ssrc=)", text)  # no inline script
        # Every visible input and select has a label pointing at it.
        for ident in re.findall(r'<(?:input|select)(?![^>]*type="hidden")[^>]*\bid="([^"]+)"', text):
            assert f'for="{ident}"' in text or re.search(rf'<label[^>]*>\s*<input[^>]*id="{ident}"', text), (
                ident
            )
