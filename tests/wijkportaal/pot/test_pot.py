"""Boards pool money in a pot, propose allocations, decide for their own board, and spend within budget."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import select

from ledger import Ledger
from wijkportaal.besluiten.models import Voorstel, VoorstelStatus
from wijkportaal.core.clock import now
from wijkportaal.core.roles import Rol
from wijkportaal.pot.models import Aanpak, Bijdrage, Pot, Toekenning


@pytest.fixture
def world(make_wijk, make_bestuur, make_org, make_user):
    wijk = make_wijk(naam="Osdorp", code="osdorp")
    b1, b2, ander = (
        make_bestuur("Stichting Een"),
        make_bestuur("Stichting Twee"),
        make_bestuur("Stichting Ander"),
    )
    make_org(wijk, bestuur=b1, leerlingen=300)
    make_org(wijk, bestuur=b2, leerlingen=100)
    return SimpleNamespace(
        wijk=wijk,
        b1=b1,
        b2=b2,
        swv=make_user(Rol.SWV),
        best1=make_user(Rol.BESTUURDER, bestuur=b1),
        best1b=make_user(Rol.BESTUURDER, bestuur=b1),
        best2=make_user(Rol.BESTUURDER, bestuur=b2),
        ander=make_user(Rol.BESTUURDER, bestuur=ander),
        leider=make_user(Rol.SCHOOLLEIDER, organisatie=make_org(wijk)),
    )


def open_pot(client, auth, world, regel="alle"):
    auth.login(world.swv)
    response = client.post(
        "/potten/nieuw",
        data={
            "naam": "GKBU Osdorp 2025-2026",
            "periode_soort": "schooljaar",
            "jaar": 2025,
            "wijk_ids": [world.wijk.id],
            "bestuur_ids": [world.b1.id, world.b2.id],
            "regel": regel,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout()
    return int(response.headers["Location"].rsplit("/", 1)[1])


def contribute(client, auth, user, pot_id, bestuur, bedrag, sleutel, **extra):
    auth.login(user)
    response = client.post(
        f"/potten/{pot_id}/bijdragen/nieuw",
        data={
            "bron": "bestuur",
            "bestuur_id": bestuur.id,
            "middelen": "ondersteuningsmiddelen",
            "bedrag": bedrag,
            "datum": "2025-09-01",
            "soort": "ingelegd",
            "sleutel": sleutel,
            **extra,
        },
    )
    auth.logout()
    return response


def balances(db, pot_id):
    db.expire_all()
    pot = db.get(Pot, pot_id)
    return Ledger(db).balance(pot.account_code)


def test_whole_flow_from_contribution_to_spending(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    assert contribute(client, auth, world.best1, pot_id, world.b1, "30.000,00", "k1").status_code == 302
    assert contribute(client, auth, world.best2, pot_id, world.b2, "10000", "k2").status_code == 302
    assert balances(db, pot_id).posted == 4_000_000

    auth.login(world.best1)
    response = client.post(
        f"/potten/{pot_id}/aanpakken/nieuw",
        data={"naam": "Startklas Osdorp", "niveau": "wijk", "budget_jaar1": "25.000", "budget_jaar2": ""},
    )
    assert response.status_code == 302
    aanpak = db.exec(select(Aanpak)).one()
    response = client.post(
        f"/potten/{pot_id}/toekenningen/nieuw",
        data={"aanpak_id": aanpak.id, "bedrag": "25.000,00", "termijn_dagen": 14, "sleutel": "t1"},
    )
    assert response.status_code == 302
    toekenning = db.exec(select(Toekenning)).one()
    assert balances(db, pot_id).available == 1_500_000  # reserved at once

    # The proposer cannot approve their own proposal.
    response = client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"})
    assert response.status_code == 403
    auth.logout()

    # Another board's bestuurder cannot decide; the participating board decides once.
    auth.login(world.ander)
    assert client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"}).status_code == 403
    auth.logout()
    auth.login(world.best2)
    assert "Te nemen besluiten" in client.get("/wijken").get_data(as_text=True)
    assert client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"}).status_code == 302
    again = client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"})
    assert again.status_code == 422 and "al besloten" in again.get_data(as_text=True)
    auth.logout()
    db.expire_all()
    # Rule "alle": board 1 has not decided (its bestuurder proposed), so still open.
    assert db.get(Toekenning, toekenning.id).status == VoorstelStatus.OPEN

    auth.login(world.best1b)  # another bestuurder of board 1 decides for it
    assert client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"}).status_code == 302
    db.expire_all()
    assert db.get(Toekenning, toekenning.id).status == VoorstelStatus.GOEDGEKEURD
    b = balances(db, pot_id)
    assert (b.posted, b.reserved) == (1_500_000, 0)

    # Spending within the approved budget is booked; beyond it is refused and nothing changes.
    ok = client.post(
        f"/aanpakken/{aanpak.id}/bestedingen",
        data={
            "datum": "2025-10-01",
            "omschrijving": "Leerkracht startklas september",
            "bedrag": "20.000",
            "sleutel": "s1",
        },
    )
    assert ok.status_code == 302
    refused = client.post(
        f"/aanpakken/{aanpak.id}/bestedingen",
        data={"datum": "2025-10-02", "omschrijving": "Te veel", "bedrag": "5.000,01", "sleutel": "s2"},
    )
    assert refused.status_code == 422
    assert "boven het goedgekeurde budget" in refused.get_data(as_text=True)
    assert Ledger(db).balance(aanpak.account_code).posted == 500_000
    assert Ledger(db).check() == []
    page = client.get(f"/potten/{pot_id}").get_data(as_text=True)
    assert "40.000,00" in page and "15.000,00" in page


@pytest.mark.parametrize(
    ("bedrag", "message"),
    [
        ("0", "groter zijn dan nul"),
        ("-5", "positief"),
        ("12,345", "twee cijfers achter de komma"),
        ("twaalf", "geen geldig bedrag"),
        ("", "Vul een bedrag in"),
        ("1e5", "zonder e-notatie"),
        ("12.5", "bedoeld als 12,50 of als 12.500"),
        ("99999999999999999999", "te groot"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_is_posted(client, auth, world, db, bedrag, message):
    pot_id = open_pot(client, auth, world)
    response = contribute(client, auth, world.best1, pot_id, world.b1, bedrag, "k1")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert balances(db, pot_id).posted == 0
    assert db.exec(select(Bijdrage)).all() == []


def test_a_bsn_in_a_pots_name_or_a_contributions_text_is_refused(client, auth, world, db):
    auth.login(world.swv)
    response = client.post(
        "/potten/nieuw",
        data={"naam": "Pot 111222333", "periode_soort": "schooljaar", "jaar": 2025, "regel": "alle"},
    )
    assert response.status_code == 422
    assert "burgerservicenummer" in response.get_data(as_text=True)
    assert db.exec(select(Pot)).all() == []
    auth.logout()
    pot_id = open_pot(client, auth, world)
    response = contribute(
        client, auth, world.best1, pot_id, world.b1, "100", "k1", middelen="BSN 111.222.333"
    )
    assert response.status_code == 422
    assert "burgerservicenummer" in response.get_data(as_text=True)
    assert db.exec(select(Bijdrage)).all() == []


def test_board_records_only_its_own_contribution(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    response = contribute(client, auth, world.best1, pot_id, world.b2, "100", "k1")
    assert response.status_code == 422
    assert balances(db, pot_id).posted == 0
    auth.login(world.ander)
    assert client.get(f"/potten/{pot_id}").status_code == 403
    assert client.get(f"/potten/{pot_id}/bijdragen/nieuw").status_code == 403


def test_submitting_the_same_form_twice_posts_once(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    contribute(client, auth, world.best1, pot_id, world.b1, "100", "same-key")
    contribute(client, auth, world.best1, pot_id, world.b1, "100", "same-key")
    assert balances(db, pot_id).posted == 10_000


def test_allocation_over_available_is_refused(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    contribute(client, auth, world.best1, pot_id, world.b1, "1.000", "k1")
    auth.login(world.swv)
    client.post(
        f"/potten/{pot_id}/aanpakken/nieuw", data={"naam": "Taal", "niveau": "wijk", "budget_jaar1": "5000"}
    )
    aanpak = db.exec(select(Aanpak)).one()
    response = client.post(
        f"/potten/{pot_id}/toekenningen/nieuw",
        data={"aanpak_id": aanpak.id, "bedrag": "1.000,01", "termijn_dagen": 14, "sleutel": "t1"},
    )
    assert response.status_code == 422
    assert "niet genoeg beschikbaar" in response.get_data(as_text=True)
    assert db.exec(select(Toekenning)).all() == []
    assert balances(db, pot_id).reserved == 0


def test_rejection_with_reason_releases_the_money(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    contribute(client, auth, world.best1, pot_id, world.b1, "1.000", "k1")
    auth.login(world.swv)
    client.post(
        f"/potten/{pot_id}/aanpakken/nieuw", data={"naam": "Taal", "niveau": "wijk", "budget_jaar1": "500"}
    )
    aanpak = db.exec(select(Aanpak)).one()
    client.post(
        f"/potten/{pot_id}/toekenningen/nieuw",
        data={"aanpak_id": aanpak.id, "bedrag": "500", "termijn_dagen": 14, "sleutel": "t1"},
    )
    auth.logout()
    toekenning = db.exec(select(Toekenning)).one()
    auth.login(world.best2)
    response = client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "afgewezen", "toelichting": ""})
    assert response.status_code == 422 and "Geef een reden" in response.get_data(as_text=True)
    assert (
        client.post(
            f"/toekenningen/{toekenning.id}",
            data={"besluit": "afgewezen", "toelichting": "Past niet in ons plan"},
        ).status_code
        == 302
    )
    db.expire_all()
    assert db.get(Toekenning, toekenning.id).status == VoorstelStatus.AFGEWEZEN
    assert balances(db, pot_id).available == 100_000


@pytest.mark.parametrize("vrijgeven", ["flask pot verlopen", "scheduled job"])
def test_decision_after_expiry_is_refused_and_the_job_releases(client, auth, world, db, app, vrijgeven):
    pot_id = open_pot(client, auth, world)
    contribute(client, auth, world.best1, pot_id, world.b1, "1.000", "k1")
    auth.login(world.swv)
    client.post(
        f"/potten/{pot_id}/aanpakken/nieuw", data={"naam": "Taal", "niveau": "wijk", "budget_jaar1": "500"}
    )
    aanpak = db.exec(select(Aanpak)).one()
    client.post(
        f"/potten/{pot_id}/toekenningen/nieuw",
        data={"aanpak_id": aanpak.id, "bedrag": "500", "termijn_dagen": 1, "sleutel": "t1"},
    )
    auth.logout()
    toekenning = db.exec(select(Toekenning)).one()
    voorstel = db.get(Voorstel, toekenning.voorstel_id)
    voorstel.vervalt_op = now() - timedelta(minutes=1)
    db.add(voorstel)
    db.commit()
    auth.login(world.best2)
    response = client.post(f"/toekenningen/{toekenning.id}", data={"besluit": "akkoord"})
    assert response.status_code == 422 and "verstreken" in response.get_data(as_text=True)
    if vrijgeven == "scheduled job":
        result = app.test_cli_runner().invoke(args=["jobs", "run-once", "verlopen"])
        assert result.exit_code == 0, result.output
        assert "1 verlopen toekenning vrijgegeven" in result.output
    else:
        result = app.test_cli_runner().invoke(args=["pot", "verlopen"])
        assert result.exit_code == 0, result.output
    db.expire_all()
    assert db.get(Toekenning, toekenning.id).status == VoorstelStatus.VERLOPEN
    assert balances(db, pot_id).reserved == 0


def test_pledge_shown_until_paid(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    response = contribute(
        client,
        auth,
        world.best1,
        pot_id,
        world.b1,
        "2.500",
        "k1",
        soort="toezegging",
        uiterlijk_op=(date.today() + timedelta(days=30)).isoformat(),
    )
    assert response.status_code == 302
    assert balances(db, pot_id).posted == 0
    bijdrage = db.exec(select(Bijdrage)).one()
    auth.login(world.best1)
    assert "toezegging" in client.get(f"/potten/{pot_id}").get_data(as_text=True)
    response = client.post(
        f"/bijdragen/{bijdrage.id}/betalen", data={"datum": date.today().isoformat(), "sleutel": "b1"}
    )
    assert response.status_code == 302
    assert balances(db, pot_id).posted == 250_000


def test_rule_is_fixed_once_money_is_in(db, world, client, auth):
    from wijkportaal.pot import services
    from wijkportaal.pot.models import Goedkeuringsregel

    pot_id = open_pot(client, auth, world)
    pot = db.get(Pot, pot_id)
    services.wijzig_regel(db, world.swv, pot, Goedkeuringsregel.MEERDERHEID)
    db.commit()
    contribute(client, auth, world.best1, pot_id, world.b1, "10", "k1")
    db.expire_all()
    with pytest.raises(services.PotFout, match="ligt vast"):
        services.wijzig_regel(db, world.swv, db.get(Pot, pot_id), Goedkeuringsregel.ALLE)


def test_resubmitted_forms_count_once(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    for _ in range(2):
        contribute(client, auth, world.best1, pot_id, world.b1, "100", "same-form")
    assert len(db.exec(select(Bijdrage)).all()) == 1
    auth.login(world.swv)
    assert "100,00" in client.get(f"/potten/{pot_id}").get_data(as_text=True)


def test_rule_can_be_changed_in_the_ui_until_money_is_in(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    auth.login(world.swv)
    assert client.post(f"/potten/{pot_id}/regel", data={"regel": "meerderheid"}).status_code == 302
    db.expire_all()
    assert db.get(Pot, pot_id).regel == "meerderheid"
    assert client.post(f"/potten/{pot_id}/regel", data={"regel": "koning"}).status_code == 303
    auth.logout()
    contribute(client, auth, world.best1, pot_id, world.b1, "10", "k1")
    auth.login(world.swv)
    page = client.post(f"/potten/{pot_id}/regel", data={"regel": "alle"}, follow_redirects=True)
    assert "ligt vast" in page.get_data(as_text=True)
    db.expire_all()
    assert db.get(Pot, pot_id).regel == "meerderheid"
    auth.logout()
    auth.login(world.ander)
    assert client.post(f"/potten/{pot_id}/regel", data={"regel": "alle"}).status_code == 403


def test_vrijval_only_through_the_boards_approval(client, auth, world, db):
    pot_id = open_pot(client, auth, world)
    auth.login(world.swv)
    response = client.post(
        f"/potten/{pot_id}/bijdragen/nieuw",
        data={
            "bron": "vrijval",
            "middelen": "vrijval",
            "bedrag": "1000",
            "datum": "2025-09-01",
            "soort": "ingelegd",
            "sleutel": "v1",
        },
    )
    assert response.status_code == 422
    assert balances(db, pot_id).posted == 0
