from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import select

from wijkportaal.auth import services
from wijkportaal.auth.models import ApiToken
from wijkportaal.core import clock
from wijkportaal.core.roles import Rol
from wijkportaal.overleg.models import (
    Actiepunt,
    Agendapunt,
    AgendapuntThema,
    Lidmaatschap,
    Thema,
    VerplichtThema,
)
from wijkportaal.wijken.models import OrganisatieSoort, Regio

STATUS_FIELDS = {
    "code",
    "naam",
    "regio",
    "overleg_status",
    "status_redenen",
    "laatste_bijeenkomst",
    "bijeenkomsten_dit_schooljaar",
    "ontbrekende_themas",
    "te_late_actiepunten",
}


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def codes(response) -> set[str]:
    return {w["code"] for w in response.json}


@pytest.fixture
def functionerend(make_overleg, make_bijeenkomst):
    """An overleg that meets the default bar: four held meetings, agendas agreed, OKT and SO present."""
    o = make_overleg()
    for days in (-10, -40, -70, -100):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=(o.school, o.okt, o.so))
    return o


# Authentication


@pytest.mark.parametrize("path", ["/api/v1/wijken", "/api/v1/wijken/any"])
def test_no_credentials_gets_json_401(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.is_json
    assert response.json["fout"] == "Niet ingelogd"


def test_session_cookie_works(client, auth, make_user, make_wijk):
    wijk = make_wijk()
    auth.login(make_user(Rol.SWV))
    response = client.get("/api/v1/wijken")
    assert response.status_code == 200
    assert codes(response) == {wijk.code}
    assert response.headers["Cache-Control"] == "no-store"


def test_bearer_token_works(client, make_user, make_wijk, make_token):
    wijk = make_wijk()
    token = make_token(make_user(Rol.SWV))
    response = client.get("/api/v1/wijken", headers=bearer(token))
    assert response.status_code == 200
    assert codes(response) == {wijk.code}
    assert client.get(f"/api/v1/wijken/{wijk.code}", headers=bearer(token)).status_code == 200


def test_revoked_token_gets_401(client, db, make_user, make_wijk, make_token):
    make_wijk()
    user = make_user(Rol.SWV)
    token = make_token(user)
    assert client.get("/api/v1/wijken", headers=bearer(token)).status_code == 200
    record = db.exec(select(ApiToken).where(ApiToken.gebruiker_id == user.id)).one()
    services.revoke_token(db, record, door=make_user(Rol.BEHEERDER))
    db.commit()
    response = client.get("/api/v1/wijken", headers=bearer(token))
    assert response.status_code == 401
    assert response.is_json


@pytest.mark.parametrize("header", ["Bearer wp_onzin", "Bearer ", "Basic dXNlcjpwdw==", "wp_onzin"])
def test_bad_authorization_header_gets_401(client, make_wijk, header):
    make_wijk()
    assert client.get("/api/v1/wijken", headers={"Authorization": header}).status_code == 401


def test_token_of_deactivated_user_gets_401(client, db, make_user, make_wijk, make_token):
    make_wijk()
    user = make_user(Rol.SWV)
    token = make_token(user)
    user.is_actief = False
    db.add(user)
    db.commit()
    assert client.get("/api/v1/wijken", headers=bearer(token)).status_code == 401


# Who sees which wijken


def test_swv_sees_every_wijk(client, make_user, make_wijk, make_overleg, make_token):
    wijken = [make_wijk(), make_overleg().wijk, make_overleg().wijk]
    token = make_token(make_user(Rol.SWV))
    assert codes(client.get("/api/v1/wijken", headers=bearer(token))) == {w.code for w in wijken}


def test_schoolleider_sees_only_own_wijk(client, make_overleg, make_wijk, make_token):
    own, other = make_overleg(), make_overleg()
    make_wijk()
    token = make_token(own.voorzitter)
    assert codes(client.get("/api/v1/wijken", headers=bearer(token))) == {own.wijk.code}
    assert client.get(f"/api/v1/wijken/{own.wijk.code}", headers=bearer(token)).status_code == 200
    response = client.get(f"/api/v1/wijken/{other.wijk.code}", headers=bearer(token))
    assert response.status_code == 403
    assert response.is_json
    assert other.wijk.naam not in response.get_data(as_text=True)


def test_bestuurder_sees_the_wijken_of_its_schools(
    client, make_user, make_wijk, make_org, make_bestuur, make_token
):
    bestuur = make_bestuur()
    a, b, other = make_wijk(), make_wijk(), make_wijk()
    make_org(a, bestuur=bestuur)
    make_org(b, bestuur=bestuur)
    make_org(other)
    token = make_token(make_user(Rol.BESTUURDER, bestuur=bestuur))
    assert codes(client.get("/api/v1/wijken", headers=bearer(token))) == {a.code, b.code}
    assert client.get(f"/api/v1/wijken/{other.code}", headers=bearer(token)).status_code == 403


def test_partner_sees_the_wijken_it_is_member_of(client, make_user, make_overleg, make_token):
    own, other = make_overleg(), make_overleg()
    token = make_token(make_user(Rol.PARTNER, organisatie=own.okt))
    assert codes(client.get("/api/v1/wijken", headers=bearer(token))) == {own.wijk.code}
    assert client.get(f"/api/v1/wijken/{other.wijk.code}", headers=bearer(token)).status_code == 403


def test_user_without_scope_sees_nothing(client, make_user, make_overleg, make_token):
    make_overleg()
    token = make_token(make_user(Rol.PARTNER))
    response = client.get("/api/v1/wijken", headers=bearer(token))
    assert response.status_code == 200
    assert response.json == []


def test_unknown_wijk_is_json_404(client, make_user, make_token):
    response = client.get("/api/v1/wijken/bestaat-niet", headers=bearer(make_token(make_user(Rol.SWV))))
    assert response.status_code == 404
    assert set(response.json) == {"fout", "toelichting"}


def test_api_is_read_only(client, make_user, make_wijk, make_token):
    wijk = make_wijk()
    token = make_token(make_user(Rol.SWV))
    assert client.post("/api/v1/wijken", headers=bearer(token)).status_code == 405
    assert client.delete(f"/api/v1/wijken/{wijk.code}", headers=bearer(token)).status_code == 405


# What the API says about a wijk


def test_wijk_without_overleg_is_geen_with_a_reason(client, make_user, make_wijk, make_token):
    wijk = make_wijk(naam="Gaasperdam")
    token = make_token(make_user(Rol.SWV))
    [item] = client.get("/api/v1/wijken", headers=bearer(token)).json
    assert set(item) == STATUS_FIELDS
    assert item["naam"] == "Gaasperdam"
    assert item["overleg_status"] == "geen"
    assert item["status_redenen"] == ["Er is (nog) geen wijkoverleg ingesteld."]
    assert item["laatste_bijeenkomst"] is None
    assert item["bijeenkomsten_dit_schooljaar"] == 0
    assert item["te_late_actiepunten"] == 0

    detail = client.get(f"/api/v1/wijken/{wijk.code}", headers=bearer(token)).json
    assert {k: detail[k] for k in STATUS_FIELDS} == item
    assert detail["voorzitter"] is None
    assert detail["leden"] == detail["bijeenkomsten"] == detail["open_actiepunten"] == []


def test_new_overleg_is_opstartend_with_its_reasons(client, make_user, make_overleg, make_token):
    o = make_overleg()
    [item] = client.get("/api/v1/wijken", headers=bearer(make_token(make_user(Rol.SWV)))).json
    assert item["code"] == o.wijk.code
    assert item["overleg_status"] == "opstartend"
    assert "Nog geen bijeenkomst gehouden." in item["status_redenen"]
    assert any("minimaal 4" in reden for reden in item["status_redenen"])


@pytest.fixture
def drie_wijken(frozen_now, make_wijk, make_overleg, make_bijeenkomst):
    """On 23 November 2026: Gaasperdam has no overleg; Osdorp met four times in the last twelve months
    (three of them in this school year, from 1 August), always with an agreed agenda and OKT and SO;
    Slotervaart met twice, once without an agreed agenda and without SO."""
    make_wijk(naam="Gaasperdam", code="gaasperdam")
    osdorp = make_overleg(make_wijk(naam="Osdorp", code="osdorp"))
    for start in ("2026-11-13 15:30", "2026-10-01 15:30", "2026-08-20 15:30", "2026-07-01 15:30"):
        make_bijeenkomst(
            osdorp.overleg,
            start=datetime.fromisoformat(start),
            vastgesteld=True,
            aanwezig=(osdorp.okt, osdorp.so),
        )
    slotervaart = make_overleg(make_wijk(naam="Slotervaart", code="slotervaart"))
    make_bijeenkomst(slotervaart.overleg, start=datetime(2026, 5, 7, 9, 0), aanwezig=(slotervaart.okt,))
    make_bijeenkomst(
        slotervaart.overleg,
        start=datetime(2026, 10, 24, 9, 0),
        vastgesteld=True,
        aanwezig=(slotervaart.okt, slotervaart.so),
    )


def test_each_wijk_gets_its_status_reasons_and_figures(client, make_user, drie_wijken, make_token):
    items = client.get("/api/v1/wijken", headers=bearer(make_token(make_user(Rol.SWV)))).json
    samenvatting = {
        i["code"]: (
            i["overleg_status"],
            i["status_redenen"],
            i["laatste_bijeenkomst"],
            i["bijeenkomsten_dit_schooljaar"],
            i["te_late_actiepunten"],
        )
        for i in items
    }
    assert samenvatting == {
        "gaasperdam": ("geen", ["Er is (nog) geen wijkoverleg ingesteld."], None, 0, 0),
        "osdorp": ("functionerend", [], "2026-11-13", 3, 0),
        "slotervaart": (
            "opstartend",
            [
                "2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4).",
                "Agenda vooraf vastgesteld bij 50 % van de bijeenkomsten (minimaal 75 %).",
            ],
            "2026-10-24",
            1,
            0,
        ),
    }


def test_the_detail_repeats_the_status_of_the_list(client, make_user, drie_wijken, make_token):
    token = make_token(make_user(Rol.SWV))
    detail = client.get("/api/v1/wijken/slotervaart", headers=bearer(token)).json
    assert detail["overleg_status"] == "opstartend"
    assert detail["status_redenen"] == [
        "2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4).",
        "Agenda vooraf vastgesteld bij 50 % van de bijeenkomsten (minimaal 75 %).",
    ]
    assert detail["laatste_bijeenkomst"] == "2026-10-24"
    assert detail["bijeenkomsten_dit_schooljaar"] == 1
    assert [b["start"][:10] for b in detail["bijeenkomsten"]] == ["2026-05-07", "2026-10-24"]


def test_functioning_overleg_names_its_regio(client, make_user, make_wijk, make_overleg, make_token, db):
    regio = Regio(code="nieuw-west", naam="Nieuw-West")
    db.add(regio)
    db.commit()
    make_overleg(make_wijk(naam="Osdorp", code="osdorp", regio=regio))
    [item] = client.get("/api/v1/wijken", headers=bearer(make_token(make_user(Rol.SWV)))).json
    assert (item["code"], item["naam"], item["regio"]) == ("osdorp", "Osdorp", "Nieuw-West")


def test_missing_required_themes(client, db, make_user, functionerend, make_bijeenkomst, make_token):
    jaar = clock.schooljaar_van(clock.today())
    themas = {}
    for naam in ("Thuiszitten", "Jonge kind"):
        themas[naam] = Thema(naam=naam)
        db.add(themas[naam])
        db.flush()
        db.add(VerplichtThema(schooljaar=jaar, thema_id=themas[naam].id))
    db.commit()
    b = make_bijeenkomst(functionerend.overleg, days=-5, vastgesteld=True, agendapunten=["Thuiszitters"])
    agendapunt = db.exec(select(Agendapunt).where(Agendapunt.bijeenkomst_id == b.id)).one()
    db.add(AgendapuntThema(agendapunt_id=agendapunt.id, thema_id=themas["Thuiszitten"].id))
    db.commit()
    [item] = client.get("/api/v1/wijken", headers=bearer(make_token(make_user(Rol.SWV)))).json
    assert item["ontbrekende_themas"] == ["Jonge kind"]


def test_detail_lists_members_meetings_and_open_actions(
    client, db, make_user, make_overleg, make_bijeenkomst, make_org, make_token
):
    o = make_overleg()
    leerplicht = make_org(o.wijk, OrganisatieSoort.LEERPLICHT, naam="Leerplicht Test")
    db.add(Lidmaatschap(wijkoverleg_id=o.overleg.id, organisatie_id=leerplicht.id))
    held = make_bijeenkomst(o.overleg, days=-20, vastgesteld=True)
    komend = make_bijeenkomst(o.overleg, days=14)
    komend.online_link = "https://meet.example.nl/wijk"
    db.add(komend)
    vandaag = clock.today()
    for omschrijving, deadline in (
        ("Te laat", vandaag - timedelta(days=3)),
        ("Op tijd", vandaag + timedelta(days=9)),
    ):
        db.add(
            Actiepunt(
                wijkoverleg_id=o.overleg.id,
                bijeenkomst_id=held.id,
                omschrijving=omschrijving,
                eigenaar="OKT",
                deadline=deadline,
            )
        )
    db.commit()

    response = client.get(f"/api/v1/wijken/{o.wijk.code}", headers=bearer(make_token(o.voorzitter)))
    assert response.status_code == 200
    detail = response.json
    assert detail["voorzitter"] == o.voorzitter.naam
    assert {(lid["naam"], lid["soort"]) for lid in detail["leden"]} == {
        (o.school.naam, "basisschool"),
        (o.okt.naam, "okt"),
        (o.so.naam, "so"),
        ("Leerplicht Test", "leerplicht"),
    }
    assert [b["id"] for b in detail["bijeenkomsten"]] == [held.id, komend.id]
    eerste, tweede = detail["bijeenkomsten"]
    # Amsterdam wall-clock time with its offset (November: +01:00), as the document says
    assert eerste["start"] == held.start.isoformat() + "+01:00"
    assert datetime.fromisoformat(eerste["eind"]) == held.eind.replace(tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert eerste["agenda_vastgesteld"] is True
    assert tweede["agenda_vastgesteld"] is False
    assert tweede["online_link"] == "https://meet.example.nl/wijk"
    assert tweede["locatie"] == "Testschool, lokaal 3"
    assert tweede["geannuleerd"] is False
    assert detail["open_actiepunten"] == [
        {
            "omschrijving": "Te laat",
            "eigenaar": "OKT",
            "deadline": (vandaag - timedelta(days=3)).isoformat(),
            "te_laat": True,
        },
        {
            "omschrijving": "Op tijd",
            "eigenaar": "OKT",
            "deadline": (vandaag + timedelta(days=9)).isoformat(),
            "te_laat": False,
        },
    ]
    assert detail["te_late_actiepunten"] == 1
    assert date.fromisoformat(detail["laatste_bijeenkomst"]) == held.start.date()


def test_list_runs_a_fixed_number_of_queries(client, app, make_user, make_overleg, make_wijk, make_token):
    token = make_token(make_user(Rol.SWV))
    statements = []

    def count(_conn, _cursor, statement, *_args):
        if (
            statement.lstrip().upper().startswith("SELECT")
        ):  # the token's last-used stamp may or may not change
            statements.append(statement)

    sa.event.listen(app.extensions["db_engine"], "before_cursor_execute", count)

    def queries_for_list() -> int:
        statements.clear()
        assert client.get("/api/v1/wijken", headers=bearer(token)).status_code == 200
        return len(statements)

    make_overleg()
    make_wijk()
    few = queries_for_list()
    for _ in range(4):
        make_overleg()
        make_wijk()
    assert queries_for_list() == few


# CSRF: cookie-authenticated writes need a token, Bearer-authenticated ones do not


@pytest.fixture
def csrf_app(app):
    """The app with CSRF protection on and a stand-in write endpoint in the API blueprint."""
    app.add_url_rule("/api/v1/_proef", endpoint="api.proef", view_func=lambda: {"ok": True}, methods=["POST"])
    return app


def test_bearer_request_needs_no_csrf_token(csrf_app, client, make_user, make_token):
    token = make_token(make_user(Rol.SWV))
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    assert client.post("/api/v1/_proef", headers=bearer(token)).status_code == 200


def test_cookie_request_needs_a_csrf_token(csrf_app, client, auth, make_user, make_token):
    user = make_user(Rol.SWV)
    auth.login(user)
    csrf_app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/api/v1/_proef")
    assert response.status_code == 400
    assert response.json["fout"] == "CSRF"
    # A Bearer header does not lift the check while the cookie is what logs the caller in.
    response = client.post("/api/v1/_proef", headers=bearer("wp_onzin"))
    assert response.status_code == 400
