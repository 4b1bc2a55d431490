"""The start page "Te doen" at scale: the director sees the ten oldest assessed applications and one
"En nog …" item leading to the ranked list; SWV staff see ten grants to pay and ten initiative signals,
each with a link to the full list. The clock stands still at 23 November 2026 (`frozen_now`)."""

from datetime import date

from tests.wijkportaal.pages.test_start import start
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven.models import Aanvraag, Status
from wijkportaal.subsidie import services
from wijkportaal.subsidie.models import Uitkomst

TE_DOEN = "Wat nu op u wacht"


def test_the_director_sees_ten_decisions_and_a_link_to_the_ranked_list_with_all(
    client, auth, frozen_now, maak_beoordeeld, directeur
):
    for n in range(12):
        maak_beoordeeld(f"Initiatief {n:02d}", per_jaar=1_000_00)
    lijst = start(client, auth, directeur)[TE_DOEN]
    besluiten = [i for i in lijst if i["titel"].startswith("Besluiten:")]
    assert [i["titel"] for i in besluiten] == [f"Besluiten: Initiatief {n:02d}" for n in range(10)]
    assert lijst[-1]["titel"] == "En nog 2 beoordeelde aanvragen"
    assert lijst[-1]["url"] == "/subsidie/ranglijst"
    ranglijst = client.get(lijst[-1]["url"]).get_data(as_text=True)
    assert "12 beoordeelde aanvragen" in ranglijst
    assert all(f"Initiatief {n:02d}" in ranglijst for n in range(12))


def test_swv_staff_see_ten_grants_to_pay_and_a_link_to_the_granted_initiatives(
    client, auth, db, frozen_now, maak_beoordeeld, directeur, swv
):
    for n in range(11):
        aanvraag = maak_beoordeeld(f"Initiatief {n:02d}", per_jaar=1_000_00)
        services.beslis(
            db, directeur, aanvraag, Uitkomst.TOEKENNEN, "Goed plan.", {2026: 500_00, 2027: 500_00}
        )
    db.commit()
    lijst = start(client, auth, swv)[TE_DOEN]
    betalen = [i for i in lijst if i["titel"].startswith("Betalen:")]
    assert len(betalen) == 10
    [rest] = [i for i in lijst if i["titel"] == "En nog 1 subsidie om te betalen"]
    assert lijst.index(rest) == lijst.index(betalen[-1]) + 1
    assert rest["url"] == "/initiatieven/overzicht?status=toegekend"
    overzicht = client.get(rest["url"]).get_data(as_text=True)
    assert "11 aanvragen" in overzicht
    assert all(f"Initiatief {n:02d}" in overzicht for n in range(11))


def test_swv_staff_see_the_ten_oldest_signals_and_a_link_to_all_of_them(
    client, auth, db, frozen_now, ronde, noord, swv
):
    for n in range(8):  # each ends within three months and is late with its interim report: two signals
        db.add(
            Aanvraag(
                ronde_id=ronde.id,
                aanvrager_id=noord.schoolleider.id,
                status=Status.TOEGEKEND,
                titel=f"Initiatief {n:02d}",
                startdatum=date(2026, 1, 1 + n),
                einddatum=date(2027, 1, 31),
            )
        )
    db.commit()
    signalen = initiatieven_queries.signalen(db, date(2026, 11, 23))
    assert len(signalen) == 16
    lijst = start(client, auth, swv)[TE_DOEN]
    items = [i for i in lijst if i["soort"] == "Nieuw initiatief" and not i["titel"].startswith("En nog")]
    assert [i["titel"] for i in items] == [f"{s.wat}: {s.aanvraag.titel}" for s in signalen[:10]]
    [rest] = [i for i in lijst if i["titel"].startswith("En nog")]
    assert rest["titel"] == "En nog 6 signalen over initiatieven"
    pagina = client.get(rest["url"]).get_data(as_text=True)
    assert pagina.count("Tussentijdse evaluatie te laat") + pagina.count("Eindigt binnen drie maanden") == 16
    beperkt = client.get("/initiatieven/overzicht").get_data(as_text=True)
    assert "toon alle signalen" not in beperkt  # 16 fit in the overview's 25
