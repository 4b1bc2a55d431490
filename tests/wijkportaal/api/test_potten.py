"""The gedeelde pot in the JSON API: the UI's permission rules, idempotent writes, Dutch validation
messages, the approval flow, the transactions, and the OpenAPI description of it all."""

import threading
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlmodel import func, select

from ledger import Ledger
from wijkportaal.api import schemas
from wijkportaal.besluiten.models import VoorstelBesluit, VoorstelStatus
from wijkportaal.core.roles import Rol
from wijkportaal.pot import services
from wijkportaal.pot.models import (
    Bijdrage,
    Goedkeuringsregel,
    PeriodeSoort,
    Toekenning,
)

FIGURES = {"ingelegd", "toegezegd", "gereserveerd", "toegekend", "besteed", "beschikbaar"}


@pytest.fixture
def world(db, make_wijk, make_bestuur, make_org, make_user, api_as):
    """Osdorp's pot with boards Een and Twee and one approach; a second pot in Bos en Lommer for
    board Ander; callers for the SWV, every bestuurder and a schoolleider in Osdorp."""
    osdorp = make_wijk(naam="Osdorp", code="osdorp")
    bos = make_wijk(naam="Bos en Lommer", code="bos-en-lommer")
    b1, b2, ander = (
        make_bestuur("Stichting Een"),
        make_bestuur("Stichting Twee"),
        make_bestuur("Stichting Ander"),
    )
    make_org(osdorp, bestuur=b1, leerlingen=300)
    make_org(osdorp, bestuur=b2, leerlingen=100)
    make_org(bos, bestuur=ander, leerlingen=200)
    users = SimpleNamespace(
        swv=make_user(Rol.SWV),
        best1=make_user(Rol.BESTUURDER, bestuur=b1),
        best1b=make_user(Rol.BESTUURDER, bestuur=b1),
        best2=make_user(Rol.BESTUURDER, bestuur=b2),
        ander=make_user(Rol.BESTUURDER, bestuur=ander),
        leider=make_user(Rol.SCHOOLLEIDER, organisatie=make_org(osdorp)),
    )
    pot = services.open_pot(
        db,
        users.swv,
        naam="GKBU Osdorp 2025-2026",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[osdorp.id],
        bestuur_ids=[b1.id, b2.id],
        regel=Goedkeuringsregel.ALLE,
    )
    tweede = services.open_pot(
        db,
        users.swv,
        naam="GKBU Bos en Lommer 2025-2026",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[bos.id],
        bestuur_ids=[ander.id],
        regel=Goedkeuringsregel.ALLE,
    )
    aanpak = services.maak_aanpak(
        db,
        users.swv,
        pot,
        naam="Startklas Osdorp",
        doel="Een startklas voor nieuwkomers",
        doelgroep="Nieuwkomers",
        niveau="wijk",
        school_ids=[],
        budgetten={2025: 2_500_000, 2026: 1_000_000},
    )
    vreemde_aanpak = services.maak_aanpak(
        db,
        users.swv,
        tweede,
        naam="Taalversterking Bos en Lommer",
        doel="",
        doelgroep="",
        niveau="wijk",
        school_ids=[],
        budgetten={2025: 100_000},
    )
    db.commit()
    return SimpleNamespace(
        osdorp=osdorp,
        pot=pot,
        tweede=tweede,
        aanpak=aanpak,
        vreemde_aanpak=vreemde_aanpak,
        b1=b1,
        b2=b2,
        ander=ander,
        users=users,
        api=SimpleNamespace(**{name: api_as(u) for name, u in vars(users).items()}),
    )


def bijdrage(bestuur, bedrag="30.000,00", **extra):
    return {
        "bron": "bestuur",
        "bestuur_id": bestuur.id,
        "middelen": "ondersteuningsmiddelen",
        "bedrag": bedrag,
        "datum": "2025-09-01",
        **extra,
    }


def pot_balance(db, pot):
    db.expire_all()
    return Ledger(db).balance(pot.account_code)


def count(db, model) -> int:
    db.expire_all()
    return db.exec(select(func.count()).select_from(model)).one()


def fund(world, db):
    """Both boards pay in: 30,000 + 10,000 euro."""
    w = world
    assert w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1), "b1").status_code == 201
    assert w.api.best2.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b2, "10000"), "b2").status_code == 201
    assert pot_balance(db, w.pot).posted == 4_000_000


def propose(world, bedrag="25.000,00", sleutel="t1", api=None, **extra):
    body = {"aanpak_id": world.aanpak.id, "bedrag": bedrag, "toelichting": "Schooljaar 2025-2026", **extra}
    return (api or world.api.best1).post(f"/potten/{world.pot.id}/toekenningen", body, sleutel)


# Reading, filtered by role


def test_list_is_filtered_like_the_pot_pages(world):
    w = world
    ids = lambda response: {p["id"] for p in response.json}  # noqa: E731
    assert ids(w.api.swv.get("/potten")) == {w.pot.id, w.tweede.id}
    assert ids(w.api.best1.get("/potten")) == {w.pot.id}
    assert ids(w.api.ander.get("/potten")) == {w.tweede.id}
    assert ids(w.api.leider.get("/potten")) == {w.pot.id}  # through the wijk of the school

    [item] = w.api.best1.get("/potten").json
    assert item == {
        "id": w.pot.id,
        "naam": "GKBU Osdorp 2025-2026",
        "periode_soort": "schooljaar",
        "periode_start": "2025-08-01",
        "periode_eind": "2026-07-31",
        "regel": "alle",
        "wijken": ["osdorp"],
        **dict.fromkeys(FIGURES, 0),
    }


@pytest.mark.parametrize("path", ["/api/v1/potten", "/api/v1/potten/1", "/api/v1/potten/1/transacties"])
def test_no_credentials_gets_json_401(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.json["fout"] == "Niet ingelogd"


def test_detail_for_participants_403_for_others_404_unknown(world):
    w = world
    assert w.api.swv.get(f"/potten/{w.pot.id}").status_code == 200
    assert w.api.best2.get(f"/potten/{w.pot.id}").status_code == 200
    for path in (f"/potten/{w.pot.id}", f"/potten/{w.pot.id}/transacties"):
        response = w.api.ander.get(path)
        assert response.status_code == 403
        assert set(response.json) == {"fout", "toelichting"}
        assert "Osdorp" not in response.get_data(as_text=True)
    assert w.api.swv.get("/potten/999999").status_code == 404
    assert w.api.swv.get("/potten/999999/transacties").status_code == 404


def test_detail_has_figures_boards_approaches_and_allocations(world, db):
    w = world
    fund(w, db)
    assert (
        w.api.swv.post(
            f"/potten/{w.pot.id}/bijdragen",
            {
                "bron": "gemeente",
                "middelen": "cofinanciering",
                "bedrag": "5.000",
                "datum": "2025-09-15",
                "toezegging": True,
                "uiterlijk_op": "2025-12-31",
            },
            "toezegging",
        ).status_code
        == 201
    )
    toekenning = propose(w).json

    detail = w.api.best2.get(f"/potten/{w.pot.id}").json
    assert {k: detail[k] for k in FIGURES} == {
        "ingelegd": 4_000_000,
        "toegezegd": 500_000,
        "gereserveerd": 2_500_000,
        "toegekend": 0,
        "besteed": 0,
        "beschikbaar": 1_500_000,
    }
    assert [(b["naam"], b["ingelegd"], b["aandeel"]) for b in detail["besturen"]] == [
        ("Stichting Een", 3_000_000, 0.75),
        ("Stichting Twee", 1_000_000, 0.25),
    ]
    assert [b["eerlijk_aandeel"] for b in detail["besturen"]] == [0.75, 0.25]
    [aanpak] = detail["aanpakken"]
    assert aanpak == {
        "id": w.aanpak.id,
        "naam": "Startklas Osdorp",
        "niveau": "wijk",
        "budget_per_jaar": [{"jaar": 2025, "bedrag": 2_500_000}, {"jaar": 2026, "bedrag": 1_000_000}],
        "budget_totaal": 3_500_000,
        "toegekend": 0,
        "besteed": 0,
    }
    [t] = detail["toekenningen"]
    assert t == toekenning
    assert t["status"] == "open" and t["bedrag"] == 2_500_000 and t["aanpak"] == "Startklas Osdorp"
    assert [(b["bestuur"], b["besluit"]) for b in t["besluiten"]] == [
        ("Stichting Een", None),
        ("Stichting Twee", None),
    ]
    # The list shows the same figures.
    [item] = [p for p in w.api.swv.get("/potten").json if p["id"] == w.pot.id]
    assert {k: item[k] for k in FIGURES} == {k: detail[k] for k in FIGURES}


def test_list_runs_a_fixed_number_of_queries(world, app, db):
    w = world
    statements = []
    sa.event.listen(
        app.extensions["db_engine"],
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: (
            statements.append(statement) if statement.lstrip().upper().startswith("SELECT") else None
        ),
    )

    def queries_for_list(expected: int) -> int:
        statements.clear()
        response = w.api.swv.get("/potten")
        assert response.status_code == 200 and len(response.json) == expected
        return len(statements)

    few = queries_for_list(2)
    for n in range(4):
        services.open_pot(
            db,
            w.users.swv,
            naam=f"Extra {n}",
            periode_soort=PeriodeSoort.KALENDERJAAR,
            jaar=2026,
            wijk_ids=[w.osdorp.id],
            bestuur_ids=[w.b1.id],
            regel=Goedkeuringsregel.MEERDERHEID,
        )
    db.commit()
    assert queries_for_list(6) == few


# Contributions: idempotent, validated, permitted


def test_repeating_a_contribution_posts_once(world, db):
    w = world
    first = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1), "sleutel-1")
    assert first.status_code == 201
    assert first.json["bedrag"] == 3_000_000
    assert first.json["bron"] == "bestuur" and first.json["bestuur_id"] == w.b1.id
    assert first.json["transactie_id"] is not None and first.json["betaald_op"] == "2025-09-01"
    # The same key and content (the amount in the other notation), again and again: the original.
    for bedrag in ("30.000,00", "30000.00", "30000"):
        again = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, bedrag), "sleutel-1")
        assert again.status_code == 200
        assert again.json == first.json
    assert count(db, Bijdrage) == 1
    assert pot_balance(db, w.pot).posted == 3_000_000
    assert len(w.api.best1.get(f"/potten/{w.pot.id}/transacties").json) == 1


def test_same_key_other_content_is_409_and_posts_nothing(world, db):
    w = world
    assert w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1), "k").status_code == 201
    for other in (bijdrage(w.b1, "30.000,01"), bijdrage(w.b1, middelen="eigen middelen")):
        response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", other, "k")
        assert response.status_code == 409
        assert "Idempotency-Key" in response.json["toelichting"]
    # ... also on another endpoint.
    assert propose(w, bedrag="100", sleutel="k").status_code == 409
    assert count(db, Bijdrage) == 1
    assert count(db, Toekenning) == 0
    assert pot_balance(db, w.pot).posted == 3_000_000


def test_keys_belong_to_their_caller(world, db):
    w = world
    assert w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, "100"), "k").status_code == 201
    assert w.api.best2.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b2, "200"), "k").status_code == 201
    assert pot_balance(db, w.pot).posted == 30_000


@pytest.mark.parametrize("headers", [{}, {"Idempotency-Key": ""}, {"Idempotency-Key": "x" * 101}])
def test_missing_or_bad_key_is_400(world, db, headers):
    w = world
    response = w.api.best1.client.post(
        f"/api/v1/potten/{w.pot.id}/bijdragen",
        json=bijdrage(w.b1),
        headers={**w.api.best1.headers, **headers},
    )
    assert response.status_code == 400
    assert response.is_json
    assert "Idempotency-Key" in response.json["toelichting"]
    assert count(db, Bijdrage) == 0
    response = w.api.best1.post(f"/potten/{w.pot.id}/toekenningen", {"aanpak_id": w.aanpak.id, "bedrag": "1"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("bedrag", "message"),
    [
        ("0", "groter zijn dan nul"),
        ("-5", "positief"),
        ("1,234", "twee cijfers achter de komma"),
        ("12,345", "twee cijfers achter de komma"),
        (12.5, "kommagetal"),
        (12.0, "kommagetal"),
        (1234, "als tekst"),
        ("abc", "geen geldig bedrag"),
        ("", "Vul een bedrag in"),
        ("1e5", "zonder e-notatie"),
        ("12.5", "bedoeld als 12,50 of als 12.500"),
        ("99999999999999999999", "te groot"),
        (None, "als tekst"),
        (True, "als tekst"),
    ],
)
def test_bad_amounts_are_422_and_nothing_is_posted(world, db, bedrag, message):
    w = world
    response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, bedrag), "k")
    assert response.status_code == 422
    assert set(response.json) == {"fout", "toelichting", "velden"}
    assert message in response.json["velden"]["bedrag"]
    assert count(db, Bijdrage) == 0
    assert pot_balance(db, w.pot).posted == 0
    # An allocation with a bad amount reserves nothing either.
    fund(w, db)
    response = propose(w, bedrag=bedrag, sleutel="t")
    assert response.status_code == 422
    assert message in response.json["velden"]["bedrag"]
    assert pot_balance(db, w.pot).reserved == 0
    assert count(db, Toekenning) == 0


@pytest.mark.parametrize(
    ("change", "veld", "message"),
    [
        ({"datum": "1-9-2025"}, "datum", "JJJJ-MM-DD"),
        ({"datum": None}, "datum", "JJJJ-MM-DD"),
        ({"bron": "bank"}, "bron", "Kies uit 'bestuur', 'swv', 'vrijval', 'gemeente' of 'partner'."),
        ({"toezegging": "ja"}, "toezegging", "true of false"),
        ({"bestuur_id": "1"}, "bestuur_id", "geheel getal"),
        ({"middelen": "  "}, "middelen", "Vul dit veld in"),
        ({"rekening": "pot:1"}, "rekening", "bestaat niet"),
        ({"bestuur_id": None}, "bestuur_id", "Kies het bestuur"),
        ({"toezegging": True}, "uiterlijk_op", "uiterste betaaldatum"),
        ({"toezegging": True, "uiterlijk_op": "2025-08-01"}, "uiterlijk_op", "uiterste betaaldatum"),
    ],
)
def test_invalid_fields_are_422_with_dutch_messages(world, db, change, veld, message):
    w = world
    body = {**bijdrage(w.b1), **change}
    response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", body, "k")
    assert response.status_code == 422, response.json
    assert message in response.json["velden"][veld]
    assert count(db, Bijdrage) == 0


def test_missing_fields_and_bad_json(world, db):
    w = world
    response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", {}, "k")
    assert response.status_code == 422
    assert response.json["velden"] == {
        "bron": "Dit veld is verplicht.",
        "middelen": "Dit veld is verplicht.",
        "bedrag": "Dit veld is verplicht.",
        "datum": "Dit veld is verplicht.",
    }
    for body in (b"{niet json", b"[1, 2]", b""):
        response = w.api.best1.client.post(
            f"/api/v1/potten/{w.pot.id}/bijdragen",
            data=body,
            content_type="application/json",
            headers={**w.api.best1.headers, "Idempotency-Key": "k"},
        )
        assert response.status_code == 400
        assert "JSON" in response.json["toelichting"]
    assert count(db, Bijdrage) == 0


def test_contributions_follow_the_ui_permissions(world, db):
    w = world
    path = f"/potten/{w.pot.id}/bijdragen"
    # A board records its own contribution only; the SWV the SWV's, vrijval and co-financing.
    assert w.api.best1.post(path, bijdrage(w.b2), "a").status_code == 403
    vrijval = {"bron": "vrijval", "middelen": "vrijval", "bedrag": "1000", "datum": "2025-09-01"}
    assert w.api.best1.post(path, vrijval, "b").status_code == 403
    assert w.api.swv.post(path, bijdrage(w.b1), "c").status_code == 403
    # Not taking part, or not seeing the pot.
    assert w.api.leider.post(path, bijdrage(w.b1), "d").status_code == 403
    assert w.api.ander.post(path, bijdrage(w.b1), "e").status_code == 403
    assert w.api.swv.post("/potten/999999/bijdragen", vrijval, "f").status_code == 404
    assert count(db, Bijdrage) == 0

    # Vrijval only enters a pot after the boards agree (the monitor's proposal), never directly.
    response = w.api.swv.post(path, vrijval, "g")
    assert response.status_code == 422 and "instemming van de besturen" in response.get_data(as_text=True)
    gemeente = {**vrijval, "bron": "gemeente", "middelen": "cofinanciering"}
    response = w.api.swv.post(path, gemeente, "g2")
    assert response.status_code == 201
    assert response.json["bron"] == "gemeente" and response.json["bestuur_id"] is None
    partner = {**vrijval, "bron": "partner", "partner_naam": ""}
    response = w.api.swv.post(path, partner, "h")
    assert response.status_code == 422
    assert response.json["velden"] == {"partner_naam": "Vul de naam van de partner in."}
    assert pot_balance(db, w.pot).posted == 100_000


def test_a_pledge_is_not_posted_until_paid(world, db):
    w = world
    response = w.api.best1.post(
        f"/potten/{w.pot.id}/bijdragen",
        bijdrage(w.b1, "2.500", toezegging=True, uiterlijk_op="2025-12-01"),
        "pledge",
    )
    assert response.status_code == 201
    assert response.json["toezegging"] is True
    assert response.json["transactie_id"] is None and response.json["betaald_op"] is None
    again = w.api.best1.post(
        f"/potten/{w.pot.id}/bijdragen",
        bijdrage(w.b1, "2.500", toezegging=True, uiterlijk_op="2025-12-01"),
        "pledge",
    )
    assert again.status_code == 200 and again.json == response.json
    assert count(db, Bijdrage) == 1
    detail = w.api.best1.get(f"/potten/{w.pot.id}").json
    assert (detail["toegezegd"], detail["ingelegd"]) == (250_000, 0)
    assert pot_balance(db, w.pot).posted == 0


# Allocations and decisions


def test_full_approval_via_the_api_posts_the_reservation(world, db):
    w = world
    fund(w, db)
    response = propose(w)
    assert response.status_code == 201
    t = response.json
    assert (t["status"], t["bedrag"], t["transactie_id"]) == ("open", 2_500_000, None)
    assert propose(w).json == t  # the repeat: the original, nothing reserved twice
    assert propose(w).status_code == 200
    b = pot_balance(db, w.pot)
    assert (b.posted, b.reserved, b.available) == (4_000_000, 2_500_000, 1_500_000)
    besluit = f"/toekenningen/{t['id']}/besluit"

    # The proposer cannot decide on their own proposal; a board outside the pot cannot decide at all.
    assert w.api.best1.post(besluit, {"besluit": "akkoord"}).status_code == 403
    assert w.api.ander.post(besluit, {"besluit": "akkoord"}).status_code == 403
    assert w.api.swv.post(besluit, {"besluit": "akkoord"}).status_code == 403
    assert w.api.leider.post(besluit, {"besluit": "akkoord"}).status_code == 403
    assert w.api.best2.post("/toekenningen/999999/besluit", {"besluit": "akkoord"}).status_code == 404

    response = w.api.best2.post(besluit, {"besluit": "akkoord", "toelichting": "Goed plan"})
    assert response.status_code == 200
    assert response.json["status"] == "open"  # rule "alle": board Een has not decided yet
    again = w.api.best2.post(besluit, {"besluit": "akkoord"})
    assert again.status_code == 422 and "al besloten" in again.json["toelichting"]

    response = w.api.best1b.post(besluit, {"besluit": "akkoord"})  # another bestuurder of board Een
    assert response.status_code == 200
    approved = response.json
    assert approved["status"] == "goedgekeurd"
    assert approved["transactie_id"] is not None and approved["afgerond_op"] is not None
    assert {(b["bestuur"], b["besluit"], b["toelichting"]) for b in approved["besluiten"]} == {
        ("Stichting Een", "akkoord", ""),
        ("Stichting Twee", "akkoord", "Goed plan"),
    }
    assert all(b["op"] for b in approved["besluiten"])
    b = pot_balance(db, w.pot)
    assert (b.posted, b.reserved, b.available) == (1_500_000, 0, 1_500_000)
    assert Ledger(db).balance(w.aanpak.account_code).posted == 2_500_000
    # Decided: no further decisions.
    assert w.api.best2.post(besluit, {"besluit": "afgewezen", "toelichting": "Toch niet"}).status_code == 403

    detail = w.api.best1.get(f"/potten/{w.pot.id}").json
    assert (detail["toegekend"], detail["gereserveerd"], detail["beschikbaar"]) == (2_500_000, 0, 1_500_000)
    assert detail["aanpakken"][0]["toegekend"] == 2_500_000

    # The transactions endpoint lists the allocation and both contributions, newest first.
    transacties = w.api.best2.get(f"/potten/{w.pot.id}/transacties").json
    assert [t["id"] for t in transacties] == sorted((t["id"] for t in transacties), reverse=True)
    assert len(transacties) == 3
    nieuwste = transacties[0]
    assert nieuwste["id"] == approved["transactie_id"]
    assert sorted((p["rekening"], p["centen"]) for p in nieuwste["boekingen"]) == sorted(
        [(w.pot.account_code, -2_500_000), (w.aanpak.account_code, 2_500_000)]
    )
    assert "Startklas Osdorp" in nieuwste["omschrijving"]
    assert nieuwste["draait_terug"] is None
    assert nieuwste["vorige_hash"] == transacties[1]["hash"]
    assert all(sum(p["centen"] for p in t["boekingen"]) == 0 for t in transacties)
    assert Ledger(db).check() == []


def test_rejection_needs_a_reason_and_releases_the_money(world, db):
    w = world
    fund(w, db)
    t = propose(w, bedrag="1.000").json
    besluit = f"/toekenningen/{t['id']}/besluit"
    response = w.api.best2.post(besluit, {"besluit": "afgewezen"})
    assert response.status_code == 422
    assert response.json["velden"] == {"toelichting": "Geef een reden als u afwijst."}
    response = w.api.best2.post(besluit, {"besluit": "misschien"})
    assert response.status_code == 422
    assert response.json["velden"] == {"besluit": "Kies uit 'akkoord' of 'afgewezen'."}
    response = w.api.best2.post(besluit, {"besluit": "afgewezen", "toelichting": "Past niet in de begroting"})
    assert response.status_code == 200
    assert response.json["status"] == "afgewezen"
    b = pot_balance(db, w.pot)
    assert (b.posted, b.reserved) == (4_000_000, 0)
    assert count(db, VoorstelBesluit) == 1


def test_allocation_over_available_is_a_clear_422(world, db):
    w = world
    fund(w, db)
    response = propose(w, bedrag="40.000,01")
    assert response.status_code == 422
    assert response.json["fout"] == "Onvoldoende beschikbaar"
    melding = response.json["velden"]["bedrag"]
    assert melding.startswith("Er is niet genoeg beschikbaar in de pot") and "40.000,00" in melding
    assert response.json["toelichting"] == melding
    assert count(db, Toekenning) == 0
    assert pot_balance(db, w.pot).reserved == 0
    # The key was not used up by the refusal: a smaller amount under the same key goes through.
    assert propose(w, bedrag="40.000,00").status_code == 201


def test_allocation_validation_and_permissions(world, db):
    w = world
    fund(w, db)
    path = f"/potten/{w.pot.id}/toekenningen"
    response = propose(w, aanpak_id=w.vreemde_aanpak.id)
    assert response.status_code == 422
    assert response.json["velden"] == {"aanpak_id": "Deze aanpak hoort niet bij deze pot."}
    assert propose(w, sleutel="x", aanpak_id=999999).json["velden"] == {
        "aanpak_id": "Deze aanpak bestaat niet."
    }
    for termijn in (0, 91, "14"):
        response = propose(w, sleutel=f"t{termijn}", termijn_dagen=termijn)
        assert response.status_code == 422
        assert "termijn_dagen" in response.json["velden"]
    response = propose(w, sleutel="bsn", toelichting="Leerling 111222333 krijgt een plek")
    assert response.status_code == 422
    assert "burgerservicenummer" in response.json["velden"]["toelichting"]
    # Only the SWV and participating boards propose.
    body = {"aanpak_id": w.aanpak.id, "bedrag": "100"}
    assert w.api.leider.post(path, body, "l").status_code == 403
    assert w.api.ander.post(path, body, "a").status_code == 403
    assert count(db, Toekenning) == 0
    assert pot_balance(db, w.pot).reserved == 0
    response = w.api.swv.post(path, body, "s")
    assert response.status_code == 201
    assert response.json["status"] == "open"


# Transactions


def test_transactions_are_paged_and_bounded(world, db):
    w = world
    for n in range(5):
        assert (
            w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, str(n + 1)), f"k{n}").status_code
            == 201
        )
    alle = w.api.best1.get(f"/potten/{w.pot.id}/transacties").json
    assert [t["id"] for t in alle] == sorted((t["id"] for t in alle), reverse=True)
    assert len(alle) == 5
    pagina = w.api.best1.get(f"/potten/{w.pot.id}/transacties?limit=2&offset=1").json
    assert [t["id"] for t in pagina] == [t["id"] for t in alle[1:3]]
    assert w.api.best1.get(f"/potten/{w.pot.id}/transacties?offset=5").json == []
    for query, veld in (
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=abc", "limit"),
        ("offset=-1", "offset"),
    ):
        response = w.api.best1.get(f"/potten/{w.pot.id}/transacties?{query}")
        assert response.status_code == 422
        assert veld in response.json["velden"]
    # The other pot's transactions are not this pot's.
    assert w.api.swv.get(f"/potten/{w.tweede.id}/transacties").json == []


# CSRF: the cookie needs a token, the Bearer token does not


def test_cookie_posts_need_csrf_bearer_posts_do_not(world, app, client, auth, db):
    w = world
    app.config["WTF_CSRF_ENABLED"] = True
    assert w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1), "bearer").status_code == 201
    app.config["WTF_CSRF_ENABLED"] = False
    auth.login(w.users.best2)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(
        f"/api/v1/potten/{w.pot.id}/bijdragen", json=bijdrage(w.b2), headers={"Idempotency-Key": "cookie"}
    )
    assert response.status_code == 400
    assert response.json["fout"] == "CSRF"
    assert count(db, Bijdrage) == 1
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.post(
        f"/api/v1/potten/{w.pot.id}/bijdragen", json=bijdrage(w.b2), headers={"Idempotency-Key": "cookie"}
    )
    assert response.status_code == 201


# The OpenAPI document


def test_openapi_documents_the_pot_endpoints(client, world, db):
    doc = client.get("/api/v1/openapi.json").json
    paths = doc["paths"]
    assert {
        "/api/v1/potten": {"get"},
        "/api/v1/potten/{pot_id}": {"get"},
        "/api/v1/potten/{pot_id}/transacties": {"get"},
        "/api/v1/potten/{pot_id}/bijdragen": {"post"},
        "/api/v1/potten/{pot_id}/toekenningen": {"post"},
        "/api/v1/toekenningen/{toekenning_id}/besluit": {"post"},
    }.items() <= {path: set(ops) for path, ops in paths.items()}.items()
    components = doc["components"]["schemas"]

    def ref(schema):
        return schema["$ref"].removeprefix("#/components/schemas/")

    for path, model in (
        ("/api/v1/potten/{pot_id}/bijdragen", "BijdrageInvoer"),
        ("/api/v1/potten/{pot_id}/toekenningen", "ToekenningInvoer"),
        ("/api/v1/toekenningen/{toekenning_id}/besluit", "BesluitInvoer"),
    ):
        post = paths[path]["post"]
        body = post["requestBody"]
        assert body["required"] is True
        assert ref(body["content"]["application/json"]["schema"]) == model
        assert components[model]["additionalProperties"] is False
        assert {"401", "403", "404", "422"} <= set(post["responses"])
        assert ref(post["responses"]["422"]["content"]["application/json"]["schema"]) == "Validatiefout"
        headers = [p for p in post.get("parameters", []) if p["in"] == "header"]
        if model == "BesluitInvoer":
            assert headers == []
            assert "200" in post["responses"]
        else:
            assert [(h["name"], h["required"]) for h in headers] == [("Idempotency-Key", True)]
            assert {"200", "201", "400", "409"} <= set(post["responses"])
    bedrag = components["BijdrageInvoer"]["properties"]["bedrag"]
    assert bedrag["type"] == "string"
    assert set(components["BijdrageInvoer"]["required"]) == {"bron", "middelen", "bedrag", "datum"}
    assert set(components["BesluitKeuze"]["enum"]) == {"akkoord", "afgewezen"}
    query = {
        p["name"]: p
        for p in paths["/api/v1/potten/{pot_id}/transacties"]["get"]["parameters"]
        if p["in"] == "query"
    }
    assert query["limit"]["schema"]["maximum"] == 200 and query["offset"]["schema"]["minimum"] == 0
    detail = paths["/api/v1/potten/{pot_id}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ref(detail["schema"]) == "PotDetail"
    assert set(components["PotSamenvatting"]["properties"]) >= FIGURES
    assert set(components["PotDetail"]["properties"]) >= FIGURES
    assert set(components["Validatiefout"]["required"]) == {"fout", "toelichting", "velden"}


def test_responses_round_trip_through_the_documented_models(world, db):
    """What the endpoints return is exactly what their documented models describe."""
    w = world
    fund(w, db)
    t = propose(w).json
    w.api.best2.post(f"/toekenningen/{t['id']}/besluit", {"besluit": "akkoord"})
    for path, model in (
        ("/potten", list[schemas.PotSamenvatting]),
        (f"/potten/{w.pot.id}", schemas.PotDetail),
        (f"/potten/{w.pot.id}/transacties", list[schemas.Transactie]),
    ):
        data = w.api.swv.get(path).json
        adapter = TypeAdapter(model)
        assert adapter.dump_python(adapter.validate_python(data), mode="json") == data
    response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, "1"), "r")
    assert schemas.Bijdrage.model_validate(response.json).model_dump(mode="json") == response.json
    fout = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", bijdrage(w.b1, "0"), "r2").json
    assert schemas.Validatiefout.model_validate(fout).model_dump() == fout
    assert db.exec(select(Toekenning)).one().status == VoorstelStatus.OPEN


def test_concurrent_repeats_post_once(world, app, db):
    """Eight clients send the same request with the same key at once: one creates, the others get it back."""
    w = world
    assert w.api.best1.get("/potten").status_code == 200  # stamps the token, so requests only read it
    barrier = threading.Barrier(8)
    statuses, ids = [], set()

    def send():
        client = app.test_client()
        barrier.wait()
        response = client.post(
            f"/api/v1/potten/{w.pot.id}/bijdragen",
            json=bijdrage(w.b1, "1.000"),
            headers={**w.api.best1.headers, "Idempotency-Key": "race"},
        )
        statuses.append(response.status_code)
        ids.add(response.json.get("id"))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 7 + [201]
    assert len(ids) == 1
    assert count(db, Bijdrage) == 1
    assert pot_balance(db, w.pot).posted == 100_000


@pytest.mark.parametrize("veld", ["middelen", "partner_naam"])
def test_every_text_field_of_a_contribution_refuses_a_bsn(world, db, veld):
    """As in the forms, no text field takes a BSN-like number, not only the ones someone remembered."""
    w = world
    body = bijdrage(w.b1, **{veld: "leerling 111.222.333"})
    response = w.api.best1.post(f"/potten/{w.pot.id}/bijdragen", body, "bsn")
    assert response.status_code == 422
    assert "burgerservicenummer" in response.json["velden"][veld]
    assert count(db, Bijdrage) == 0
    assert pot_balance(db, w.pot).posted == 0
