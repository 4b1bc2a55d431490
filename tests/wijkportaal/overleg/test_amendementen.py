"""After the agenda is agreed, a change is an amendment that records what changed, field by field
(old → new), and the meeting page lists it readably."""

import html

import pytest
from sqlmodel import select

from wijkportaal.overleg.models import Agendapunt, AgendapuntThema, Amendement, Thema


@pytest.fixture
def themas(bewaar):
    return bewaar(Thema(naam="Jonge kind")), bewaar(Thema(naam="Thuiszitten"))


@pytest.fixture
def vastgesteld(make_overleg, make_bijeenkomst, db, bewaar, themas, client, auth):
    """A meeting in a week whose agreed agenda holds one item; the chair is logged in."""
    o = make_overleg()
    o.b = make_bijeenkomst(o.overleg, days=7, vastgesteld=True)
    o.punt = bewaar(
        Agendapunt(bijeenkomst_id=o.b.id, titel="Thuiszitters in de wijk", eigenaar="OKT", minuten=20)
    )
    bewaar(AgendapuntThema(agendapunt_id=o.punt.id, thema_id=themas[0].id))
    auth.login(o.voorzitter)
    return o


def pagina(client, b) -> str:
    return html.unescape(client.get(f"/bijeenkomsten/{b.id}").get_data(as_text=True))


def test_every_changed_field_is_recorded_old_to_new_and_shown(client, db, vastgesteld, themas):
    punt = vastgesteld.punt
    response = client.post(
        f"/agendapunten/{punt.id}/bewerken",
        data={
            "titel": "Thuiszitters en verzuim",
            "eigenaar": "Leerplicht Amsterdam",
            "minuten": 30,
            "beschrijving": "Met cijfers van leerplicht.",
            "thema_ids": [themas[0].id, themas[1].id],
            "reden": "Verzoek leerplicht",
        },
    )
    assert response.status_code == 302
    amendement = db.exec(select(Amendement)).one()
    assert amendement.omschrijving == "Agendapunt gewijzigd: Thuiszitters in de wijk"
    assert amendement.wijzigingen == [
        {"veld": "titel", "oud": "Thuiszitters in de wijk", "nieuw": "Thuiszitters en verzuim"},
        {"veld": "eigenaar", "oud": "OKT", "nieuw": "Leerplicht Amsterdam"},
        {"veld": "minuten", "oud": 20, "nieuw": 30},
        {"veld": "beschrijving", "oud": "", "nieuw": "Met cijfers van leerplicht."},
        {"veld": "themas", "oud": ["Jonge kind"], "nieuw": ["Jonge kind", "Thuiszitten"]},
    ]
    page = pagina(client, vastgesteld.b)
    for regel in (
        "Titel: 'Thuiszitters in de wijk' → 'Thuiszitters en verzuim'",
        "Eigenaar: 'OKT' → 'Leerplicht Amsterdam'",
        "Tijd (minuten): 20 → 30",
        "Toelichting: (leeg) → 'Met cijfers van leerplicht.'",
        "Thema's: 'Jonge kind' → 'Jonge kind, Thuiszitten'",
    ):
        assert f"<li>{regel}</li>" in page
    assert "Reden: Verzoek leerplicht" in page


def test_only_what_changed_is_recorded(client, db, vastgesteld, themas):
    punt = vastgesteld.punt
    data = {"titel": punt.titel, "eigenaar": "OKT Osdorp", "minuten": 20, "thema_ids": [themas[0].id]}
    assert client.post(f"/agendapunten/{punt.id}/bewerken", data={**data, "reden": "Naam"}).status_code == 302
    assert db.exec(select(Amendement.wijzigingen)).one() == [
        {"veld": "eigenaar", "oud": "OKT", "nieuw": "OKT Osdorp"}
    ]
    page = pagina(client, vastgesteld.b)
    assert "<li>Eigenaar: 'OKT' → 'OKT Osdorp'</li>" in page and "Titel:" not in page


def test_a_refused_change_records_nothing(client, db, vastgesteld, themas):
    punt = vastgesteld.punt
    data = {"titel": "Anders", "minuten": 20, "thema_ids": [themas[1].id]}
    assert client.post(f"/agendapunten/{punt.id}/bewerken", data=data).status_code == 422
    db.expire_all()
    assert db.exec(select(Amendement)).all() == []
    assert db.get(Agendapunt, punt.id).titel == "Thuiszitters in de wijk"
    assert db.exec(select(AgendapuntThema.thema_id)).all() == [themas[0].id]


def test_moving_a_meeting_records_place_and_time_old_to_new(client, db, vastgesteld):
    b = vastgesteld.b
    nieuw_begin = b.start.replace(hour=9, minute=0)
    response = client.post(
        f"/bijeenkomsten/{b.id}/bewerken",
        data={
            "datum": b.start.date().isoformat(),
            "starttijd": "09:00",
            "eindtijd": b.eind.strftime("%H:%M"),
            "locatie": "OBS De Wilgenhof, aula",
            "reden": "Lokaal bezet",
        },
    )
    assert response.status_code == 302
    assert db.exec(select(Amendement.wijzigingen)).one() == [
        {
            "veld": "start",
            "oud": b.start.isoformat(timespec="minutes"),
            "nieuw": nieuw_begin.isoformat(timespec="minutes"),
        },
        {"veld": "locatie", "oud": "Testschool, lokaal 3", "nieuw": "OBS De Wilgenhof, aula"},
    ]
    page = pagina(client, b)
    assert "<li>Locatie: 'Testschool, lokaal 3' → 'OBS De Wilgenhof, aula'</li>" in page
    assert "15:30' → '" in page and "09:00'</li>" in page


def test_before_the_agenda_is_agreed_a_change_is_no_amendment(
    client, db, make_overleg, make_bijeenkomst, auth
):
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7, agendapunten=["Opening"])
    punt = db.exec(select(Agendapunt)).one()
    auth.login(o.voorzitter)
    response = client.post(f"/agendapunten/{punt.id}/bewerken", data={"titel": "Welkom", "minuten": 10})
    assert response.status_code == 302
    assert db.exec(select(Amendement)).all() == []
    assert "Wijzigingen na vaststelling" not in pagina(client, b)
