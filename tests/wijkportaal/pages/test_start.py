"""The start page "Te doen": per role what waits for the user, most urgent first, each item linking to
where it is done; the empty state; and the registry a feature adds its provider to.

The clock stands still at Monday 23 November 2026, 12:00 (`frozen_now`)."""

import html
import re
from datetime import date, datetime

import pytest

from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Vorm
from wijkportaal.overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    Thema,
    VerplichtThema,
)
from wijkportaal.pages import te_doen
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import BronSoort

SECTIE = re.compile(
    r'<h2 id="lijst-\d+">(.*?)(?: <span class="subtitle">.*?</span>)?</h2>(.*?)</section>', re.S
)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def _tekst(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def lijsten(page: str) -> dict[str, list[dict]]:
    """The start page's lists as a user reads them: heading → items (soort, badges, titel, url, detail)."""
    result = {}
    for kop, inhoud in SECTIE.findall(page):
        items = []
        for li in ITEM.findall(inhoud):
            link = re.search(r'<a class="te-doen-link" href="([^"]*)">(.*?)</a>', li, re.S)
            detail = re.search(r'<p class="te-doen-detail muted">(.*?)</p>', li, re.S)
            items.append(
                {
                    "soort": _tekst(re.search(r'<span class="tag">(.*?)</span>', li).group(1)),
                    "badges": [_tekst(b) for b in re.findall(r'<span class="badge[^"]*">(.*?)</span>', li)],
                    "titel": _tekst(link.group(2)),
                    "url": html.unescape(link.group(1)),
                    "detail": _tekst(detail.group(1)) if detail else "",
                }
            )
        result[_tekst(kop)] = items
    return result


def start(client, auth, user) -> dict[str, list[dict]]:
    """Log in as `user` (after logging out whoever was in) and read the start page."""
    auth.logout()
    auth.login(user)
    response = client.get("/")
    assert response.status_code == 200
    return lijsten(response.get_data(as_text=True))


def titels(items: list[dict]) -> list[str]:
    return [i["titel"] for i in items]


def test_the_start_page_needs_a_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/inloggen" in response.headers["Location"]


def test_login_lands_on_te_doen_with_the_link_first_in_the_menu(client, auth, make_user):
    response = auth.login(make_user(Rol.SCHOOLLEIDER))
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    menu = page[page.index('aria-label="Hoofdmenu"') :]
    links = re.findall(r"<a href=\"([^\"]+)\"[^>]*>([^<]+)</a>", menu)
    assert links[:2] == [("/", "Te doen"), ("/wijken", "Wijken")]
    assert '<a href="/" aria-current="page">Te doen</a>' in page


@pytest.mark.parametrize("rol", [Rol.BEOORDELAAR, Rol.DIRECTEUR, Rol.SCHOOLLEIDER, Rol.BEHEERDER])
def test_nothing_waiting_says_so_kindly(client, auth, make_user, rol):
    auth.login(make_user(rol))
    page = client.get("/").get_data(as_text=True)
    assert lijsten(page) == {"Wat nu op u wacht": []}
    assert "Niets te doen: er wacht nu niets op u." in page
    # The routes to everything else stay one click away.
    for href in ('href="/wijken"', 'href="/kaart"', 'href="/expertise"'):
        assert href in page


@pytest.fixture
def voorzitter_wereld(
    db, bewaar, frozen_now, make_overleg, make_wijk, make_bijeenkomst, make_user, make_domein
):
    """Osdorp's overleg on 23 November 2026: a draft agenda for Thursday with a member's proposal, a
    meeting of 10 November with one item still without minutes, minutes of 6 October not yet agreed,
    actions of the chair and of others, a required theme not yet discussed and a domain nobody offers."""
    o = make_overleg(make_wijk(naam="Osdorp", code="osdorp"))
    o.partner = make_user(Rol.PARTNER, organisatie=o.okt, naam="Lotte Jansma")
    o.komend = make_bijeenkomst(o.overleg, start=datetime(2026, 11, 26, 15, 30))
    bewaar(
        Agendapunt(
            bijeenkomst_id=o.komend.id,
            titel="Nieuw aanbod oudergesprekken",
            status=AgendapuntStatus.VOORGESTELD,
            voorgesteld_door_id=o.partner.id,
        )
    )
    oktober = make_bijeenkomst(o.overleg, start=datetime(2026, 10, 6, 15, 30), vastgesteld=True)
    november = make_bijeenkomst(
        o.overleg,
        start=datetime(2026, 11, 10, 15, 30),
        vastgesteld=True,
        agendapunten=["Opening", "Thuiszitters"],
    )
    opening = db.get(Agendapunt, november.id and _punt_id(db, november.id, "Opening"))
    opening.notulen = "De voorzitter opent."
    bewaar(opening)

    def actie(omschrijving, eigenaar, deadline, status=ActiepuntStatus.OPEN):
        return bewaar(
            Actiepunt(
                wijkoverleg_id=o.overleg.id,
                bijeenkomst_id=oktober.id,
                omschrijving=omschrijving,
                eigenaar=eigenaar,
                deadline=deadline,
                status=status,
            )
        )

    actie("Leerplicht uitnodigen", o.voorzitter.naam, date(2026, 11, 20))
    actie("Schoolplan delen", o.school.naam.upper(), date(2026, 12, 18))
    actie("Folder OKT rondsturen", o.okt.naam, date(2026, 11, 1))  # someone else's
    actie("Zaal reserveren", o.voorzitter.naam, date(2026, 11, 1), ActiepuntStatus.AFGEROND)
    thema = bewaar(Thema(naam="Dekkend aanbod"))
    bewaar(VerplichtThema(schooljaar=2026, thema_id=thema.id))
    make_domein("Autisme")
    o.oktober, o.november = oktober, november
    return o


def _punt_id(db, bijeenkomst_id, titel):
    from sqlmodel import select

    return db.exec(
        select(Agendapunt.id).where(Agendapunt.bijeenkomst_id == bijeenkomst_id, Agendapunt.titel == titel)
    ).one()


def test_the_chair_sees_the_overleg_most_urgent_first(client, auth, voorzitter_wereld):
    o = voorzitter_wereld
    items = start(client, auth, o.voorzitter)["Wat nu op u wacht"]
    assert titels(items) == [
        "Leerplicht uitnodigen",
        "Notulen vaststellen van de bijeenkomst van di 6 oktober 2026",
        "Notulen vastleggen van de bijeenkomst van di 10 november 2026",
        "Agenda vaststellen voor de bijeenkomst van do 26 november 2026 15:30",
        "Voorstel beoordelen: Nieuw aanbod oudergesprekken",
        "Schoolplan delen",
        "Verplichte thema's nog niet besproken: Dekkend aanbod",
        "Hiaten in het aanbod van Osdorp: 1 expertisegebied",
    ]
    per_titel = {i["titel"]: i for i in items}
    actie = per_titel["Leerplicht uitnodigen"]
    assert actie["soort"] == "Actiepunt" and actie["badges"] == ["te laat"]
    assert actie["detail"] == f"Osdorp · {o.voorzitter.naam} · uiterlijk vr 20 november 2026"
    assert actie["url"] == f"/bijeenkomsten/{o.oktober.id}#actiepunten"
    agenda = per_titel["Agenda vaststellen voor de bijeenkomst van do 26 november 2026 15:30"]
    assert agenda["badges"] == ["binnenkort", "concept-agenda"]
    assert agenda["detail"] == "Osdorp · nog 3 dagen"
    assert agenda["url"] == f"/bijeenkomsten/{o.komend.id}"
    voorstel = per_titel["Voorstel beoordelen: Nieuw aanbod oudergesprekken"]
    assert (
        voorstel["detail"]
        == "Osdorp · voorgesteld door Lotte Jansma voor de bijeenkomst van do 26 november 2026"
    )
    assert voorstel["url"] == f"/bijeenkomsten/{o.komend.id}#voorstellen-kop"
    notulen = per_titel["Notulen vastleggen van de bijeenkomst van di 10 november 2026"]
    assert (
        notulen["detail"] == "Osdorp · 1 van de 2 agendapunten zonder notulen · uiterlijk di 24 november 2026"
    )
    assert notulen["url"] == f"/bijeenkomsten/{o.november.id}#agenda"
    assert per_titel["Schoolplan delen"]["badges"] == []
    assert per_titel["Verplichte thema's nog niet besproken: Dekkend aanbod"]["url"] == (
        f"/bijeenkomsten/{o.komend.id}#nieuw-punt-kop"
    )
    hiaten = per_titel["Hiaten in het aanbod van Osdorp: 1 expertisegebied"]
    assert hiaten["detail"] == "Autisme (ontbreekt)" and hiaten["url"] == "/wijken/osdorp#hiaten-kop"


def test_the_secretary_sees_what_the_chair_sees(client, auth, db, bewaar, voorzitter_wereld, make_user):
    o = voorzitter_wereld
    o.overleg.secretaris_id = make_user(Rol.SCHOOLLEIDER, organisatie=o.so).id
    bewaar(o.overleg)
    items = start(client, auth, db.get(type(o.voorzitter), o.overleg.secretaris_id))["Wat nu op u wacht"]
    assert "Agenda vaststellen voor de bijeenkomst van do 26 november 2026 15:30" in titels(items)
    assert "Leerplicht uitnodigen" not in titels(items)  # the chair's own action, not the secretary's


def test_a_chair_without_a_planned_meeting_is_asked_to_plan_one(
    client, auth, frozen_now, make_overleg, make_wijk
):
    o = make_overleg(make_wijk(naam="Geuzenveld", code="geuzenveld"))
    items = start(client, auth, o.voorzitter)["Wat nu op u wacht"]
    assert [(i["titel"], i["url"], i["detail"]) for i in items] == [
        (
            "Plan de volgende bijeenkomst van Geuzenveld",
            "/wijken/geuzenveld/bijeenkomsten/nieuw",
            "Er is geen bijeenkomst gepland.",
        )
    ]


def test_a_chair_whose_school_offers_expertise_also_sees_it(
    client, auth, voorzitter_wereld, make_expertise, make_domein
):
    o = voorzitter_wereld
    make_expertise(
        o.school, make_domein("Dyslexie"), wijken=[o.wijk], capaciteit=6, wachttijd=0, vorm=Vorm.TRAINING
    )
    gezien = start(client, auth, o.voorzitter)
    assert list(gezien) == ["Wat nu op u wacht", "Mijn aanbod"]
    assert len(gezien["Wat nu op u wacht"]) == 8
    assert [(i["titel"], i["detail"], i["badges"]) for i in gezien["Mijn aanbod"]] == [
        ("Dyslexie: training en scholing", "6 uur per week, geen wachttijd · zonder einddatum", ["loopt"])
    ]


def test_the_partner_sees_the_meetings_of_their_wijk_and_their_own_offers(
    client,
    auth,
    frozen_now,
    make_overleg,
    make_wijk,
    make_bijeenkomst,
    make_user,
    make_expertise,
    make_domein,
    bewaar,
):
    o = make_overleg(make_wijk(naam="Osdorp", code="osdorp"))
    partner = make_user(Rol.PARTNER, organisatie=o.okt)
    komend = make_bijeenkomst(o.overleg, start=datetime(2026, 12, 3, 15, 30))
    make_bijeenkomst(o.overleg, start=datetime(2027, 1, 14, 15, 30))  # more than six weeks ahead
    geannuleerd = make_bijeenkomst(o.overleg, start=datetime(2026, 12, 1, 15, 30))
    geannuleerd.is_geannuleerd = True
    bewaar(geannuleerd)
    make_bijeenkomst(make_overleg().overleg, start=datetime(2026, 12, 2, 15, 30))  # not their overleg
    lopend = make_expertise(o.okt, make_domein("Gedrag"), wijken=[o.wijk], capaciteit=4, wachttijd=3)
    beeindigd = make_expertise(
        o.okt,
        make_domein("Autisme"),
        wijken=[o.wijk],
        wachttijd=None,
        vorm=Vorm.AMBULANTE_BEGELEIDING,
        geldig_tot=date(2026, 6, 30),
    )
    gezien = start(client, auth, partner)
    assert [(i["titel"], i["url"], i["badges"], i["detail"]) for i in gezien["Wat nu op u wacht"]] == [
        (
            "Bijeenkomst wijkoverleg Osdorp: do 3 december 2026 15:30",
            f"/bijeenkomsten/{komend.id}",
            ["concept-agenda"],
            "Testschool, lokaal 3 · nog 10 dagen · u kunt nog agendapunten voorstellen",
        )
    ]
    assert [(i["titel"], i["url"], i["badges"], i["detail"]) for i in gezien["Mijn aanbod"]] == [
        (
            "Gedrag: consultatie",
            f"/expertise/{lopend.id}",
            ["loopt"],
            "4 uur per week, wachttijd 3 weken · zonder einddatum",
        ),
        (
            "Autisme: ambulante begeleiding",
            f"/expertise/{beeindigd.id}",
            ["beëindigd"],
            "4 uur per week, wachttijd onbekend · beëindigd op di 30 juni 2026",
        ),
    ]


@pytest.fixture
def geld(db, frozen_now, potten):
    """Pot A on 23 November 2026: € 10.000 from the SWV and € 3.000 from Stichting Een paid in; pledges of
    Een (€ 1.000, due 20 November) and Twee (€ 2.500, due 31 December); the SWV proposes € 4.000 for
    Startklas, to decide by Friday 27 November 17:00, and € 1.000 for Taalklas, by 31 December."""
    p = potten

    def bijdrage(user, bron, bestuur, cents, toezegging=False, uiterlijk=None, sleutel=""):
        pot_services.voeg_bijdrage_toe(
            db,
            user,
            p.a,
            bron=bron,
            bestuur_id=bestuur.id if bestuur else None,
            partner_naam="",
            middelen="ondersteuningsmiddelen",
            bedrag_cents=cents,
            datum=date(2026, 9, 1),
            toezegging=toezegging,
            uiterlijk_op=uiterlijk,
            sleutel=sleutel,
        )

    bijdrage(p.swv, BronSoort.SWV, None, 1_000_000, sleutel="swv")
    bijdrage(p.best_een, BronSoort.BESTUUR, p.een, 300_000, sleutel="een")
    bijdrage(p.best_een, BronSoort.BESTUUR, p.een, 100_000, True, date(2026, 11, 20), "een-toezegging")
    bijdrage(p.best_twee, BronSoort.BESTUUR, p.twee, 250_000, True, date(2026, 12, 31), "twee-toezegging")

    def aanpak(naam):
        return pot_services.maak_aanpak(
            db,
            p.swv,
            p.a,
            naam=naam,
            doel="",
            doelgroep="",
            niveau="wijk",
            school_ids=[],
            budgetten={2026: 500_000},
        )

    def voorstel(naam, cents, vervalt_op):
        return pot_services.stel_toekenning_voor(
            db,
            p.swv,
            p.a,
            aanpak(naam),
            bedrag_cents=cents,
            toelichting="",
            vervalt_op=vervalt_op,
            sleutel=naam,
        )

    p.startklas = voorstel("Startklas", 400_000, datetime(2026, 11, 27, 17, 0))
    p.taalklas = voorstel("Taalklas", 100_000, datetime(2026, 12, 31, 17, 0))
    db.commit()
    return p


def test_the_bestuurder_sees_decisions_with_the_figures_and_unpaid_pledges(client, auth, geld):
    p = geld
    items = start(client, auth, p.best_een)["Wat nu op u wacht"]
    assert [(i["soort"], i["titel"], i["badges"]) for i in items] == [
        ("Toezegging", "Toezegging betalen: € 1.000,00 aan GKBU Osdorp 2025-2026", ["te laat"]),
        ("Besluit", "Besluiten over Startklas: € 4.000,00", ["binnenkort"]),
        ("Besluit", "Besluiten over Taalklas: € 1.000,00", []),
    ]
    assert items[0]["detail"] == "ondersteuningsmiddelen · uiterlijk vr 20 november 2026"
    assert re.fullmatch(
        r"/bijdragen/\d+/betalen\?stap=bevestigen", items[0]["url"]
    )  # straight to "Bevestigen"
    # € 13.000 paid in, € 5.000 reserved by the two proposals; Een paid € 3.000 of € 13.000.
    assert items[1]["detail"] == (
        "besluit uiterlijk vr 27 november 2026 17:00 · gevraagd € 4.000,00 · nog beschikbaar in de pot "
        "€ 8.000,00 · uw bestuur legde € 3.000,00 in (23,08 % van de pot) · Toekenning uit een pot, uit "
        "GKBU Osdorp 2025-2026"
    )
    assert items[1]["url"] == f"/toekenningen/{p.startklas.id}"


def test_a_pledge_is_paid_from_its_item_with_one_more_click(
    client, auth, geld, bevestigingsformulier, pot_saldo, momentopname
):
    """The item opens the confirmation of "paid today"; "Bevestigen" books it and the item leaves the list."""
    p = geld
    url = start(client, auth, p.best_een)["Wat nu op u wacht"][0]["url"]
    voor, tabellen = pot_saldo(p.a), momentopname("ledger_transactions", "bijdragen")
    pagina = client.get(url)
    tekst = " ".join(re.sub(r"<[^>]+>", " ", pagina.get_data(as_text=True)).split()).replace("\xa0", " ")
    assert pagina.status_code == 200
    for verwacht in (
        "Betaling van een toezegging bevestigen",
        "Er is nog niets geboekt.",
        "€ 1.000,00 — duizend euro",
        "Betaald op ma 23 november 2026",
    ):
        assert verwacht in tekst
    assert momentopname("ledger_transactions", "bijdragen") == tabellen  # opening it booked nothing
    response = client.post(url, data=bevestigingsformulier(pagina.get_data(as_text=True)))
    assert (response.status_code, response.location) == (302, f"/potten/{p.a.id}")
    assert pot_saldo(p.a) == voor + 100_000
    assert [
        t for t in titels(start(client, auth, p.best_een)["Wat nu op u wacht"]) if "€ 1.000,00 aan" in t
    ] == []
    # The link once more: paid already, so no confirmation page, and nothing booked again.
    opnieuw = client.get(url)
    assert opnieuw.status_code == 422
    assert "Deze toezegging is al betaald." in opnieuw.get_data(as_text=True)
    assert 'value="bevestigen"' not in opnieuw.get_data(as_text=True)
    assert pot_saldo(p.a) == voor + 100_000


def test_each_board_sees_only_its_own_pledges(client, auth, geld):
    items = start(client, auth, geld.best_twee)["Wat nu op u wacht"]
    assert titels(items) == [
        "Besluiten over Startklas: € 4.000,00",
        "Besluiten over Taalklas: € 1.000,00",
        "Toezegging betalen: € 2.500,00 aan GKBU Osdorp 2025-2026",
    ]
    assert "uw bestuur legde € 0,00 in (0 % van de pot)" in items[0]["detail"]


def test_a_decided_proposal_leaves_the_list(client, auth, db, geld):
    from wijkportaal.besluiten.models import BesluitKeuze

    pot_services.neem_besluit(
        db,
        geld.best_een,
        geld.startklas,
        bestuur_id=geld.een.id,
        besluit=BesluitKeuze.AKKOORD,
        toelichting="",
    )
    db.commit()
    assert "Besluiten over Startklas: € 4.000,00" not in titels(
        start(client, auth, geld.best_een)["Wat nu op u wacht"]
    )


def test_swv_staff_see_allocations_about_to_expire_and_vrijval_waiting(bevestigd, client, auth, geld):
    p = geld
    for jaar, sbo, so in ((2023, "20", "10"), (2024, "18", "9")):
        auth.login(p.swv)
        data = {"wijk_id": p.osdorp.id, "schooljaar": jaar, "sbo": sbo, "so": so}
        assert client.post("/monitor/aantallen", data=data).status_code == 302
    response = bevestigd("/monitor/osdorp/vrijval", {"schooljaar": 2024, "pot_id": p.a.id, "toelichting": ""})
    assert response.status_code == 302
    auth.logout()
    items = start(client, auth, p.swv)["Wat nu op u wacht"]
    assert [(i["soort"], i["titel"], i["badges"]) for i in items] == [
        ("Wijkoverleg", "Nog nooit een bijeenkomst in Bos en Lommer", ["te laat"]),
        ("Wijkoverleg", "Nog nooit een bijeenkomst in Osdorp", ["te laat"]),
        ("Toekenning", "Toekenning verloopt: Startklas", ["binnenkort"]),
        ("Vrijval", "Vrijval Osdorp 2024-2025 wacht op de besturen", []),
    ]
    assert items[2]["detail"] == (
        "€ 4.000,00 uit GKBU Osdorp 2025-2026 · 0 van de 2 besturen hebben besloten · verloopt vr 27 november 2026 17:00"
    )
    assert items[2]["url"] == f"/toekenningen/{p.startklas.id}"
    assert items[3]["detail"].startswith("€ 49.000,00 naar GKBU Osdorp 2025-2026 · voorgesteld op ")
    assert re.fullmatch(r"/monitor/vrijval/\d+", items[3]["url"])
    # The boards see the vrijval among their decisions.
    assert "Besluiten over Vrijval Osdorp 2024-2025: € 49.000,00" in titels(
        start(client, auth, p.best_een)["Wat nu op u wacht"]
    )


def test_the_director_and_the_assessor_see_none_of_the_swv_signals(client, auth, geld, make_user):
    assert start(client, auth, geld.directeur) == {"Wat nu op u wacht": []}
    assert start(client, auth, make_user(Rol.BEOORDELAAR)) == {"Wat nu op u wacht": []}


def test_swv_staff_see_a_status_that_dropped_and_wijken_without_a_recent_meeting(
    client, auth, frozen_now, make_overleg, make_wijk, make_bijeenkomst, make_user
):
    """Slotervaart met on 28 April, 26 May, 23 June and 21 July 2026: functioning on 24 October (last
    meeting 95 days before), but on 23 November the last meeting is 125 days ago."""
    slotervaart = make_overleg(make_wijk(naam="Slotervaart", code="slotervaart"))
    for dag in (date(2026, 4, 28), date(2026, 5, 26), date(2026, 6, 23), date(2026, 7, 21)):
        make_bijeenkomst(
            slotervaart.overleg,
            start=datetime.combine(dag, datetime.min.time()).replace(hour=15, minute=30),
            vastgesteld=True,
            aanwezig=(slotervaart.okt, slotervaart.so),
        )
    recent = make_overleg(make_wijk(naam="Noord-West", code="noord-west"))
    make_bijeenkomst(recent.overleg, start=datetime(2026, 11, 3, 15, 30), vastgesteld=True)
    make_wijk(naam="IJburg", code="ijburg")
    items = start(client, auth, make_user(Rol.SWV))["Wat nu op u wacht"]
    assert [(i["titel"], i["badges"], i["url"]) for i in items] == [
        ("Geen bijeenkomst in Slotervaart sinds di 21 juli 2026", ["te laat"], "/wijken/slotervaart"),
        ("Nog nooit een bijeenkomst in IJburg", ["te laat"], "/wijken/ijburg"),
        (
            "Status Slotervaart gedaald van functionerend naar opstartend",
            ["binnenkort"],
            "/wijken/slotervaart",
        ),
    ]
    assert items[1]["detail"] == "Er is (nog) geen wijkoverleg ingesteld."
    assert items[2]["detail"] == "Laatste bijeenkomst 125 dagen geleden (maximaal 120)."


def test_a_feature_adds_its_items_with_one_line_in_the_registry(client, auth, make_user, monkeypatch):
    """What the nieuwe initiatieven feature will do: register a provider, and its items appear."""

    def initiatieven(session, user):
        return [
            te_doen.Item(titel="Initiatief Buurtklas beoordelen", url="/initiatieven/1", soort="Initiatief")
        ]

    monkeypatch.setattr(te_doen, "LEVERANCIERS", [*te_doen.LEVERANCIERS, initiatieven])
    assert start(client, auth, make_user(Rol.BEOORDELAAR))["Wat nu op u wacht"] == [
        {
            "soort": "Initiatief",
            "badges": [],
            "titel": "Initiatief Buurtklas beoordelen",
            "url": "/initiatieven/1",
            "detail": "",
        }
    ]


def test_the_chairs_wijk_page_leads_with_the_overleg(client, auth, voorzitter_wereld):
    """The next meeting, the plan button and the open actions come before the map in the page."""
    auth.login(voorzitter_wereld.voorzitter)
    page = client.get("/wijken/osdorp").get_data(as_text=True)
    kaart = page.index('<iframe class="kaart-frame')
    for eerder in (
        "Volgende bijeenkomst",
        "do 26 november 2026 15:30",
        "Bijeenkomst plannen",
        "Openstaande actiepunten",
        "Leerplicht uitnodigen",
    ):
        assert page.index(eerder) < kaart, eerder
    assert "(nog 3 dagen)" in page


def test_an_agreed_agenda_shows_the_next_meeting_without_asking_anything(
    client, auth, frozen_now, make_overleg, make_wijk, make_bijeenkomst, make_user
):
    o = make_overleg(make_wijk(naam="Osdorp", code="osdorp"))
    b = make_bijeenkomst(o.overleg, start=datetime(2026, 12, 15, 15, 30), vastgesteld=True)
    items = start(client, auth, o.voorzitter)["Wat nu op u wacht"]
    assert [(i["titel"], i["badges"], i["detail"], i["url"]) for i in items] == [
        (
            "Volgende bijeenkomst: di 15 december 2026 15:30",
            ["agenda vastgesteld"],
            "Osdorp · nog 22 dagen",
            f"/bijeenkomsten/{b.id}",
        )
    ]
    # A school leader of a member school who does not run the overleg sees it as a member.
    lid = make_user(Rol.SCHOOLLEIDER, organisatie=o.so)
    assert [
        (i["titel"], i["badges"], i["detail"]) for i in start(client, auth, lid)["Wat nu op u wacht"]
    ] == [
        (
            "Bijeenkomst wijkoverleg Osdorp: di 15 december 2026 15:30",
            ["agenda vastgesteld"],
            "Testschool, lokaal 3 · nog 22 dagen",
        )
    ]


def test_swv_staff_see_ten_wijken_without_a_meeting_and_a_link_to_the_overview(
    client, auth, frozen_now, make_wijk, make_user
):
    for n in range(12):
        make_wijk(naam=f"Wijk {n:02d}", code=f"wijk-{n:02d}")
    items = start(client, auth, make_user(Rol.SWV))["Wat nu op u wacht"]
    assert titels(items) == [f"Nog nooit een bijeenkomst in Wijk {n:02d}" for n in range(10)] + [
        "En nog 2 wijken zonder recente bijeenkomst"
    ]
    assert items[-1]["badges"] == []
    overzicht = client.get(items[-1]["url"]).get_data(as_text=True)
    assert all(f"Wijk {n:02d}" in overzicht for n in range(12))
    pagina = client.get("/").get_data(as_text=True)
    assert '<h2 id="lijst-1">Wat nu op u wacht <span class="subtitle">(12)</span></h2>' in pagina
