"""The pages: the ranked list, the decision form with its refusals at the field, the letter kept as
sent, the payments, and who may do what (a table)."""

import random

import pytest
from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beoordeling import queries as beoordeling_queries
from wijkportaal.initiatieven.models import Aanvraag, Criterium
from wijkportaal.subsidie import queries, services
from wijkportaal.subsidie.models import Besluit, Brief, Uitkomst

from .conftest import herlaad


def test_the_ranked_list_shows_the_best_first_with_what_is_left_after_each(
    db, client, auth, maak_beoordeeld, directeur, beoordelaars
):
    maak_beoordeeld("Eerste plan", 120_000_00)
    maak_beoordeeld("Tweede plan", 100_000_00)
    auth.login(directeur)
    html = client.get("/subsidie/ranglijst").get_data(as_text=True).replace("\u00a0", " ")
    assert "2 beoordeelde aanvragen" in html
    assert html.index("Eerste plan") < html.index("Tweede plan")  # equal scores: the oldest first
    assert "€ 80.000,00" in html  # 2026: 200.000 - 120.000 after the first
    assert "tekort € 20.000,00" in html  # after the second as well
    assert html.count("Besluiten<span") == 2


def test_the_ranking_puts_the_highest_total_first_and_knocked_out_ones_last(
    db, client, auth, maak_beoordeeld, directeur
):
    maak_beoordeeld("Knock-out", cijfers=(1, 1))  # every mean 1,00: below the minimum 1,50
    maak_beoordeeld("Voldoende", cijfers=(2, 2))  # 7 × 2 = 14
    maak_beoordeeld("Goed", cijfers=(3, 3))  # 7 × 3 = 21
    maak_beoordeeld("Verschil", cijfers=(1, 3))  # 14, with the disagreement flag; younger than Voldoende
    auth.login(directeur)
    html = client.get("/subsidie/ranglijst").get_data(as_text=True)
    volgorde = sorted(("Knock-out", "Voldoende", "Goed", "Verschil"), key=lambda t: html.index(f">{t}</a>"))
    assert volgorde == ["Goed", "Voldoende", "Verschil", "Knock-out"]
    assert html.count("knock-out</span>") == 1 and html.count("verschil beoordelaars</span>") == 1


def test_a_decision_through_the_form_leads_to_its_letter(
    db, client, auth, beoordeeld, directeur, bevestigingsformulier
):
    auth.login(directeur)
    url = f"/subsidie/{beoordeeld.id}/besluit"
    sleutel = 'name="sleutel" type="hidden" value="'
    formulier = client.get(url).get_data(as_text=True)
    data = {
        "uitkomst": "toekennen",
        "bedrag_2026": "40.000",
        "bedrag_2027": "35.000,50",
        "motivatie": "Sterk plan.",
        "sleutel": formulier.split(sleutel, 1)[1].split('"', 1)[0],
    }
    stap1 = client.post(url, data=data)
    html = stap1.get_data(as_text=True).replace("\u00a0", " ")
    assert stap1.status_code == 200
    assert "Toekenning bevestigen" in html and "Er is nog niets geboekt" in html
    assert "€ 75.000,50" in html and "vijfenzeventigduizend euro en vijftig cent" in html
    assert "€ 200.000,00 → <strong>€ 160.000,00</strong>" in html  # what is left on the line in 2026
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "beoordeeld"  # nothing decided yet
    assert db.exec(select(Besluit)).all() == []

    terug = client.post(url, data={**bevestigingsformulier(html), "actie": "terug"})
    assert terug.status_code == 200 and 'value="35.000,50"' in terug.get_data(as_text=True)

    antwoord = client.post(url, data=bevestigingsformulier(html))
    assert antwoord.status_code == 303 and antwoord.headers["Location"].endswith(
        f"/subsidie/{beoordeeld.id}/brief"
    )
    nogmaals = client.post(url, data=bevestigingsformulier(html))  # a second click, the back button
    assert nogmaals.status_code == 302 and nogmaals.headers["Location"].endswith(
        f"/subsidie/{beoordeeld.id}/brief"
    )
    assert len(db.exec(select(Besluit)).all()) == 1
    brief = client.get(f"/subsidie/{beoordeeld.id}/brief").get_data(as_text=True).replace("\u00a0", " ")
    assert "Dit was al geboekt; er is niets opnieuw geboekt." in brief
    for tekst in (
        "toe te kennen",
        "€ 75.000,50",
        "€ 40.000,00",
        "€ 35.000,50",
        "Sterk plan.",
        "Marieke Dorrestein",
    ):
        assert tekst in brief
    assert "gewogen totaal 17,50 van 21" in brief  # 7 judged criteria, weight 1, scored 2 and 3


def test_a_rejection_is_confirmed_without_an_amount(db, client, auth, beoordeeld, directeur, bevestigd):
    auth.login(directeur)
    url = f"/subsidie/{beoordeeld.id}/besluit"
    stap1 = client.post(url, data={"uitkomst": "afwijzen", "motivatie": "Past niet.", "sleutel": "k"})
    html = stap1.get_data(as_text=True)
    assert "Besluit bevestigen" in html and "Klopt het besluit?" in html and "Bedrag" not in html
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "beoordeeld"
    antwoord = bevestigd(url, {"uitkomst": "afwijzen", "motivatie": "Past niet.", "sleutel": "k"})
    assert antwoord.status_code == 303
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "afgewezen"


def test_the_ranking_in_sql_agrees_with_the_assessing_rules(db, ronde, maak_beoordeeld):
    """The ranked list orders in SQL (every application of the round, one query); the figures it shows
    come from beoordeling.rules. With unequal weights and scores per criterion both give one order:
    knocked-out ones last, then the highest weighted total, then the oldest."""
    gewichten = iter((1, 2, 3, 1, 2, 3, 1, 2, 3, 1))
    for c in db.exec(select(Criterium).where(Criterium.ronde_id == ronde.id).order_by(Criterium.id)):
        c.gewicht = next(gewichten)
    db.commit()
    rng = random.Random(7)
    for n in range(8):
        maak_beoordeeld(
            f"Plan {n}",
            cijfers=tuple(tuple(rng.choice((1, 2, 2, 3, 3)) for _ in range(7)) for _ in range(2)),
        )
    lijst = queries.ranglijst(db)
    uitslagen = beoordeling_queries.uitslagen(db, [r.aanvraag.id for r in lijst.rijen])
    verwacht = sorted(uitslagen.values(), key=lambda u: (u.knock_out, -(u.totaal or 0), u.aanvraag_id))
    assert [r.aanvraag.id for r in lijst.rijen] == [u.aanvraag_id for u in verwacht]
    assert len({u.totaal for u in verwacht}) > 4 and any(u.knock_out for u in verwacht)  # a real test


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"uitkomst": "toekennen", "bedrag_2026": "1e5", "motivatie": "Goed"}, "bedrag_2026-error"),
        ({"uitkomst": "toekennen", "bedrag_2026": "100,001", "motivatie": "Goed"}, "bedrag_2026-error"),
        ({"uitkomst": "toekennen", "bedrag_2026": "-5", "motivatie": "Goed"}, "bedrag_2026-error"),
        ({"uitkomst": "toekennen", "bedrag_2026": "250.000", "motivatie": "Goed"}, "bedrag_2026-error"),
        ({"uitkomst": "toekennen", "bedrag_2026": "10", "motivatie": ""}, "motivatie-error"),
        ({"uitkomst": "misschien", "motivatie": "Goed"}, "uitkomst-error"),
        ({"motivatie": "Goed"}, "uitkomst-error"),
    ],
)
def test_bad_input_is_refused_at_the_field_and_nothing_changes(
    db, client, auth, beoordeeld, directeur, data, fout
):
    auth.login(directeur)
    for actie in ("", "bevestigen"):  # the form's own button, and a forged confirmation
        antwoord = client.post(
            f"/subsidie/{beoordeeld.id}/besluit", data={**data, "sleutel": "s", "actie": actie}
        )
        assert antwoord.status_code == 422
        assert f'id="{fout}"' in antwoord.get_data(as_text=True)
    assert herlaad(db, Aanvraag, beoordeeld.id).status == "beoordeeld"
    assert db.exec(select(Besluit)).all() == []


def test_a_decision_above_what_is_left_is_refused_at_the_years_field(
    db, client, auth, maak_beoordeeld, directeur
):
    groot = maak_beoordeeld("Groot", 190_000_00)
    klein = maak_beoordeeld("Klein", 20_000_00)
    services.beslis(db, directeur, groot, Uitkomst.TOEKENNEN, "Goed", {2026: 190_000_00})
    db.commit()
    auth.login(directeur)
    antwoord = client.post(
        f"/subsidie/{klein.id}/besluit",
        data={"uitkomst": "toekennen", "bedrag_2026": "10.000,01", "motivatie": "Goed", "sleutel": "s"},
    )
    html = antwoord.get_data(as_text=True).replace("\u00a0", " ")
    assert antwoord.status_code == 422
    assert 'id="bedrag_2026-error">Er is € 10.000,00 beschikbaar' in html
    assert herlaad(db, Aanvraag, klein.id).status == "beoordeeld"


def _brief(antwoord) -> str:
    """The letter itself, without the page around it (whose script nonce differs per request)."""
    html = antwoord.get_data(as_text=True)
    return html[html.index("<article") : html.index("</article>")]


def test_the_letter_stays_as_sent(db, client, auth, beoordeeld, directeur, noord):
    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Sterk plan.", {2026: 30_000_00})
    db.commit()
    auth.login(noord.schoolleider)
    eerst = _brief(client.get(f"/subsidie/{beoordeeld.id}/brief"))
    # afterwards the names, the criteria's wording and the director's name change
    herlaad(db, Gebruiker, noord.schoolleider.id).naam = "Een andere naam"
    herlaad(db, Gebruiker, directeur.id).naam = "Een nieuwe directeur"
    for c in db.exec(select(Criterium)):
        c.tekst = "Nieuwe formulering"
    db.commit()
    daarna = _brief(client.get(f"/subsidie/{beoordeeld.id}/brief"))
    assert eerst == daarna
    assert "Schoolleider Noord" in daarna and "Marieke Dorrestein" in daarna
    assert "Nieuwe formulering" not in daarna
    assert len(db.exec(select(Brief)).all()) == 1


def test_a_payment_beyond_the_commitment_is_refused_at_the_field(
    db, client, auth, beoordeeld, directeur, swv, bevestigingsformulier
):
    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Goed", {2026: 30_000_00})
    db.commit()
    auth.login(swv)
    stap1 = client.post(
        f"/subsidie/{beoordeeld.id}/betaling",
        data={"jaar": "2026", "bedrag": "25.000", "omschrijving": "Tranche 1", "sleutel": "a"},
    )
    html = stap1.get_data(as_text=True).replace("\u00a0", " ")
    assert "Betaling bevestigen" in html and "vijfentwintigduizend euro" in html
    assert "€ 30.000,00 → <strong>€ 5.000,00</strong>" in html
    assert "Tranche 1" not in client.get(f"/subsidie/{beoordeeld.id}").get_data(as_text=True)
    goed = client.post(f"/subsidie/{beoordeeld.id}/betaling", data=bevestigingsformulier(html))
    assert goed.status_code == 303
    nogmaals = client.post(f"/subsidie/{beoordeeld.id}/betaling", data=bevestigingsformulier(html))
    assert nogmaals.status_code == 302  # the repeat lands on the first payment; nothing is paid twice
    te_veel = client.post(
        f"/subsidie/{beoordeeld.id}/betaling",
        data={"jaar": "2026", "bedrag": "5.000,01", "omschrijving": "Tranche 2", "sleutel": "b"},
    )
    html = te_veel.get_data(as_text=True).replace("\u00a0", " ")
    assert te_veel.status_code == 422
    assert 'id="bedrag-error">Er staat voor 2026 nog € 5.000,00 open' in html
    pagina = client.get(f"/subsidie/{beoordeeld.id}").get_data(as_text=True).replace("\u00a0", " ")
    assert "Betaling € 25.000,00 (2026) — Tranche 1" in pagina
    assert "Tranche 2" not in pagina


def test_granted_amounts_per_year_are_in_the_api_and_the_begroting(
    db, beoordeeld, directeur, make_token, client
):
    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Goed", {2026: 30_000_00, 2027: 10_000_00})
    db.commit()
    kop = {"Authorization": f"Bearer {make_token(directeur)}"}
    aanvraag = client.get(f"/api/v1/initiatieven/{beoordeeld.id}", headers=kop).get_json()
    assert aanvraag["status"] == "toegekend"
    assert aanvraag["bedragen"] == [
        {"jaar": 2026, "gevraagd": 5_000_000, "toegekend": 3_000_000},
        {"jaar": 2027, "gevraagd": 5_000_000, "toegekend": 1_000_000},
    ]
    begroting = client.get("/api/v1/begroting?jaar=2026", headers=kop).get_json()
    assert begroting["totaal"] == {
        "begroot": 20_000_000,
        "toegezegd": 3_000_000,
        "betaald": 0,
        "resterend": 17_000_000,
    }


# Who may do what: each row a person, each column what they try, with the status they get.

RANGLIJST, BESLUIT_ZIEN, BESLISSEN, BRIEF, SUBSIDIE, BETALEN = range(6)

MATRIX = {
    #                       ranglijst besluit beslissen brief subsidie betalen
    "directeur": (200, 200, 303, 200, 200, 403),
    "swv-medewerker": (200, 403, 403, 200, 200, 303),
    "aanvrager": (403, 403, 403, 200, 200, 403),
    "bevestigde medeaanvrager": (403, 403, 403, 200, 200, 403),
    "andere school": (403, 403, 403, 403, 403, 403),
    "beoordelaar": (403, 403, 403, 403, 403, 403),
}


@pytest.mark.parametrize("wie", MATRIX)
def test_permission_table(
    db, client, auth, maak_beoordeeld, directeur, swv, noord, zuid, partij, beoordelaars, wie
):
    te_beslissen = maak_beoordeeld("Te beslissen")
    besloten = maak_beoordeeld("Besloten")
    services.beslis(db, directeur, besloten, Uitkomst.TOEKENNEN, "Goed", {2026: 10_000_00})
    db.commit()
    gebruiker = {
        "directeur": directeur,
        "swv-medewerker": swv,
        "aanvrager": noord.schoolleider,
        "bevestigde medeaanvrager": zuid.bestuurder,
        "andere school": partij("Oost").schoolleider,
        "beoordelaar": beoordelaars[0],
    }[wie]
    auth.login(gebruiker)
    pogingen = [
        lambda: client.get("/subsidie/ranglijst"),
        lambda: client.get(f"/subsidie/{te_beslissen.id}/besluit"),
        lambda: client.post(
            f"/subsidie/{te_beslissen.id}/besluit",
            data={"uitkomst": "afwijzen", "motivatie": "Nee", "sleutel": "b", "actie": "bevestigen"},
        ),
        lambda: client.get(f"/subsidie/{besloten.id}/brief"),
        lambda: client.get(f"/subsidie/{besloten.id}"),
        lambda: client.post(
            f"/subsidie/{besloten.id}/betaling",
            data={
                "jaar": "2026",
                "bedrag": "100",
                "omschrijving": "T",
                "sleutel": "x",
                "actie": "bevestigen",
            },
        ),
    ]
    assert tuple(p().status_code for p in pogingen) == MATRIX[wie]
    verwacht = "afgewezen" if MATRIX[wie][BESLISSEN] == 303 else "beoordeeld"
    assert herlaad(db, Aanvraag, te_beslissen.id).status == verwacht


def test_unknown_and_huge_ids_give_404(client, auth, directeur):
    auth.login(directeur)
    for pad in ("/subsidie/999999/besluit", f"/subsidie/{10**20}/besluit", f"/subsidie/{10**20}/brief"):
        assert client.get(pad).status_code == 404


def test_not_logged_in_goes_to_the_login(client):
    assert client.get("/subsidie/ranglijst").status_code == 302


def test_the_directors_start_page_lists_what_to_decide(client, auth, beoordeeld, directeur):
    auth.login(directeur)
    html = client.get("/").get_data(as_text=True)
    assert f'href="/subsidie/{beoordeeld.id}/besluit"' in html
    assert "Besluiten: Samen sterk in de wijk" in html


def test_swv_start_page_lists_grants_to_pay(db, client, auth, beoordeeld, directeur, swv, monkeypatch):
    from datetime import datetime

    from wijkportaal.core import clock

    services.beslis(db, directeur, beoordeeld, Uitkomst.TOEKENNEN, "Goed", {2026: 30_000_00})
    db.commit()
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 12, 6, 9, 0))
    auth.login(swv)
    html = client.get("/").get_data(as_text=True).replace("\u00a0", " ")
    assert "Betalen: Samen sterk in de wijk" in html
    assert "nog te betalen tot en met 2026: € 30.000,00" in html


def test_the_decision_page_of_a_decided_application_leads_to_its_letter(
    db, client, auth, beoordeeld, directeur
):
    services.beslis(db, directeur, beoordeeld, Uitkomst.AFWIJZEN, "Past niet.")
    db.commit()
    auth.login(directeur)
    antwoord = client.get(f"/subsidie/{beoordeeld.id}/besluit", follow_redirects=True)
    html = antwoord.get_data(as_text=True)
    assert antwoord.request.path == f"/subsidie/{beoordeeld.id}/brief"
    assert "Over deze aanvraag is al besloten: afgewezen." in html
    opnieuw = client.post(
        f"/subsidie/{beoordeeld.id}/besluit",
        data={"uitkomst": "toekennen", "bedrag_2026": "10", "motivatie": "Toch wel", "sleutel": "n"},
    )
    assert opnieuw.status_code == 422
    assert "kan niet (meer) worden besloten: zij is afgewezen" in opnieuw.get_data(as_text=True)
    assert len(db.exec(select(Besluit)).all()) == 1


def test_a_bad_page_or_round_in_the_query_shows_the_first_page_of_the_open_round(
    client, auth, maak_beoordeeld, directeur
):
    maak_beoordeeld("Eerste plan")
    auth.login(directeur)
    for query in ("pagina=abc", "pagina=-3", "pagina=1e5", f"pagina={10**20}", "ronde=x", f"ronde={10**20}"):
        antwoord = client.get(f"/subsidie/ranglijst?{query}")
        assert antwoord.status_code == 200, query
        assert "Eerste plan" in antwoord.get_data(as_text=True), query
