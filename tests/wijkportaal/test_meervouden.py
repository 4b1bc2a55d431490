"""Dutch plurals from one rule (`core.web.aantal`): '1 school', '2 scholen', '1 ontbreekt', '1 plaats per
1.000', '1 punt', on the pages that show them and in the messages that say them."""

import html
import re
from datetime import date
from decimal import Decimal

import pytest

from wijkportaal.core.roles import Rol
from wijkportaal.core.web import aantal
from wijkportaal.expertise.models import Dekkingsnorm
from wijkportaal.overleg.rules import Feiten, Norm, beoordeel
from wijkportaal.wijken.models import OrganisatieSoort


@pytest.mark.parametrize(
    ("n", "verwacht"),
    [
        (0, "0 scholen"),
        (1, "1 school"),
        (2, "2 scholen"),
        (1000, "1.000 scholen"),
        (Decimal("1.5"), "1,5 scholen"),
        (Decimal("1.00"), "1 school"),
        (None, "0 scholen"),
    ],
)
def test_one_rule_for_every_count(n, verwacht):
    assert aantal(n, "school", "scholen") == verwacht


def test_the_word_alone_agrees_with_the_count():
    assert [aantal(n, "ontbreekt", "ontbreken", toon_getal=False) for n in (0, 1, 2)] == [
        "ontbreken",
        "ontbreekt",
        "ontbreken",
    ]


def test_reasons_count_meetings_months_and_days_rightly():
    norm = Norm(periode_maanden=1, min_bijeenkomsten=4, max_dagen_sinds_laatste=0)
    _, redenen = beoordeel(norm, Feiten(True, gehouden=1, laatste=date(2026, 11, 22)), date(2026, 11, 23))
    assert "1 bijeenkomst gehouden in de laatste 1 maand (minimaal 4)." in redenen
    assert "Laatste bijeenkomst 1 dag geleden (maximaal 0)." in redenen
    _, redenen = beoordeel(Norm(), Feiten(True, gehouden=2, laatste=date(2026, 11, 21)), date(2026, 11, 23))
    assert "2 bijeenkomsten gehouden in de laatste 12 maanden (minimaal 4)." in redenen


def pagina(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    tekst = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))  # the text a reader sees
    return " ".join(html.unescape(tekst).split())


def test_wijk_page_counts_schools_per_board(client, auth, make_wijk, make_org, make_bestuur, make_user):
    wijk = make_wijk()
    een, twee = make_bestuur("Stichting Een"), make_bestuur("Stichting Twee")
    make_org(wijk, bestuur=een, leerlingen=1)
    make_org(wijk, bestuur=twee, leerlingen=100)
    make_org(wijk, bestuur=twee, leerlingen=100)
    auth.login(make_user(Rol.SWV))
    page = pagina(client, f"/wijken/{wijk.code}")
    assert "Stichting Een (1 school)" in page and "Stichting Twee (2 scholen)" in page
    assert "(1 school)" not in page.replace("Stichting Een (1 school)", "")
    assert "Scholen (3, 201 leerlingen)" in page


def test_coverage_says_1_ontbreekt_and_1_plaats_per_1000(client, auth, make_wijk, make_user, make_domein, db):
    wijk = make_wijk()
    make_domein("Autisme")
    auth.login(make_user(Rol.SWV))
    page = pagina(client, f"/wijken/{wijk.code}")
    assert "Van de 1 expertisegebied: 0 gedekt, 0 dun, 1 ontbreekt." in page
    assert "of 1 plaats per 1.000 leerlingen" in page  # the default norm
    assert "bij minstens 2 uur per week of 1 plaats per 1.000 leerlingen" in pagina(
        client, "/expertise/dekking"
    )
    make_domein("Gedrag")
    db.add(Dekkingsnorm(min_uren_per_1000=2, min_plaatsen_per_1000=2))
    db.commit()
    page = pagina(client, f"/wijken/{wijk.code}")
    assert "Van de 2 expertisegebieden: 0 gedekt, 0 dun, 2 ontbreken." in page
    assert "of 2 plaatsen per 1.000 leerlingen" in page


def test_meeting_page_counts_items_and_minutes(client, auth, make_overleg, make_bijeenkomst, db):
    o = make_overleg()
    een = make_bijeenkomst(o.overleg, days=7, agendapunten=["Opening"])
    twee = make_bijeenkomst(o.overleg, days=14, agendapunten=["Opening", "Rondvraag"])
    auth.login(o.voorzitter)
    assert "Agenda 1 punt, 15 minuten" in pagina(client, f"/bijeenkomsten/{een.id}")
    assert "Agenda 2 punten, 30 minuten" in pagina(client, f"/bijeenkomsten/{twee.id}")


def test_overview_says_heeft_for_one_and_hebben_for_more(
    client, auth, make_user, make_overleg, make_bijeenkomst, make_wijk
):
    o = make_overleg()
    for days in (-200, -140, -80, -20):
        make_bijeenkomst(o.overleg, days=days, vastgesteld=True, aanwezig=[o.okt, o.so])
    make_wijk()
    auth.login(make_user(Rol.SWV))
    assert "1 van de 2 wijken heeft een functionerend wijkoverleg" in pagina(client, "/overzicht")
    assert "1 van de 2 wijken heeft een functionerend wijkoverleg" in pagina(client, "/wijken")


def test_norm_page_counts_in_the_singular_when_the_bar_is_one(client, auth, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.post(
        "/norm",
        data={
            "periode_maanden": 1,
            "min_bijeenkomsten": 1,
            "max_dagen_sinds_laatste": 1,
            "min_pct_vastgesteld": 75,
            "min_pct_okt_so": 50,
        },
    )
    assert response.status_code == 302
    assert "In de laatste 1 maand minstens 1 bijeenkomst gehouden, de laatste hoogstens 1 dag geleden" in (
        pagina(client, "/themas")
    )


def test_an_so_school_is_one_school_on_the_map_table(client, auth, make_wijk, make_org, make_user):
    wijk = make_wijk()
    make_org(wijk, OrganisatieSoort.SO, leerlingen=1)
    auth.login(make_user(Rol.SWV))
    response = client.get("/api/v1/kaart/scholen")
    assert response.status_code == 200
    assert "1 school, 1 leerling" in response.get_data(as_text=True)
