"""The pages of nieuwe initiatieven as applicants and SWV staff see them, and what bad input does."""

from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.initiatieven.models import Aanvraag, Cofinanciering, Deelnemer, Kostenregel, Status

from .conftest import herlaad


def _tekst(response) -> str:
    return response.get_data(as_text=True).replace("\u00a0", " ")


def test_a_school_leader_starts_a_draft_in_the_open_round(client, auth, db, ronde, noord):
    auth.login(noord.schoolleider)
    response = client.post("/initiatieven/nieuw")
    assert response.status_code == 303
    aanvraag = db.exec(select(Aanvraag)).one()
    assert (aanvraag.status, aanvraag.aanvrager_id) == (Status.CONCEPT, noord.schoolleider.id)
    html = _tekst(client.get(response.location))
    assert "Deze aanvraag kan nog niet worden ingediend. Nog nodig:" in html
    assert "Vul de sectie ‘Doelgroep’ in." in html
    assert "nu 1." in html


def test_the_checklist_names_the_board_that_has_not_confirmed(client, auth, concept, noord):
    auth.login(noord.schoolleider)
    html = _tekst(client.get(f"/initiatieven/{concept.id}"))
    assert "Wacht nog op bevestiging van: Stichting Zuid." in html
    assert "Aanvraag indienen" not in html


def test_the_invited_board_confirms_and_then_the_application_can_be_submitted(
    client, auth, db, concept, noord, zuid
):
    auth.login(zuid.bestuurder)
    assert "Uw bestuur is uitgenodigd" in _tekst(client.get(f"/initiatieven/{concept.id}"))
    assert client.post(f"/initiatieven/{concept.id}/deelname/bevestigen").status_code == 303
    assert db.exec(select(Deelnemer).where(Deelnemer.bestuur_id == zuid.bestuur.id)).one().is_bevestigd
    auth.logout()
    auth.login(noord.schoolleider)
    assert "Alle formele criteria zijn in orde." in _tekst(client.get(f"/initiatieven/{concept.id}"))
    assert client.post(f"/initiatieven/{concept.id}/indienen").status_code == 303
    assert herlaad(db, concept).status is Status.INGEDIEND
    html = _tekst(client.get(f"/initiatieven/{concept.id}"))
    assert "Plan bewaren" not in html and "Een bestuur uitnodigen" not in html


def test_submitting_a_failing_application_changes_nothing_and_says_why(client, auth, db, concept, noord):
    auth.login(noord.schoolleider)
    response = client.post(f"/initiatieven/{concept.id}/indienen", follow_redirects=True)
    assert "De aanvraag kan nog niet worden ingediend. Nog nodig:" in _tekst(response)
    assert herlaad(db, concept).status is Status.CONCEPT


def test_an_end_before_the_start_is_refused_at_the_field(client, auth, db, concept, noord):
    auth.login(noord.schoolleider)
    response = client.post(
        f"/initiatieven/{concept.id}/plan",
        data={"titel": "Anders", "startdatum": "2026-08-01", "einddatum": "2026-07-01"},
    )
    assert response.status_code == 422
    assert 'id="einddatum-error">De einddatum moet na de startdatum liggen.' in _tekst(response)
    assert herlaad(db, concept).titel == "Samen sterk in de wijk"


def test_a_run_over_two_years_is_refused_at_the_field(client, auth, db, concept, noord):
    auth.login(noord.schoolleider)
    response = client.post(
        f"/initiatieven/{concept.id}/plan",
        data={"titel": "Anders", "startdatum": "2026-08-01", "einddatum": "2028-08-01"},
    )
    assert response.status_code == 422
    assert "De looptijd is langer dan 24 maanden: de einddatum is uiterlijk 31-07-2028." in _tekst(response)
    assert herlaad(db, concept).titel == "Samen sterk in de wijk"


def test_a_bsn_like_number_in_a_section_is_refused(client, auth, db, concept, noord):
    auth.login(noord.schoolleider)
    response = client.post(f"/initiatieven/{concept.id}/plan", data={"doelgroep": "Leerling 111222333"})
    assert response.status_code == 422
    assert herlaad(db, concept).doelgroep.startswith("Leerlingen van groep 5")


def test_saving_the_plan_keeps_wijken_and_ambities(client, auth, db, concept, noord, zuid):
    auth.login(noord.schoolleider)
    response = client.post(
        f"/initiatieven/{concept.id}/plan",
        data={"titel": "Nieuwe titel", "wijken": [str(zuid.school.wijk_id)], "ambities": ["2", "4"]},
    )
    assert response.status_code == 303
    html = _tekst(client.get(f"/initiatieven/{concept.id}"))
    assert 'value="Nieuwe titel"' in html
    assert "Vul de sectie ‘Doelgroep’ in." in html  # an empty section in a draft is saved, and named


def test_one_board_twice_is_refused_at_the_field_in_the_page(client, auth, db, concept, noord, zuid):
    auth.login(noord.schoolleider)
    response = client.post(f"/initiatieven/{concept.id}/deelnemers", data={"bestuur_id": zuid.bestuur.id})
    assert response.status_code == 422
    assert "Dit bestuur doet al mee aan de aanvraag; een bestuur doet één keer mee." in _tekst(response)
    assert len(db.exec(select(Deelnemer).where(Deelnemer.aanvraag_id == concept.id)).all()) == 2


def test_amounts_are_exact_and_negative_or_three_decimals_are_refused(client, auth, db, concept, noord):
    auth.login(noord.schoolleider)
    for bedrag, melding in (
        ("-5,00", "Het bedrag moet positief zijn."),
        ("12,345", "Een bedrag heeft hoogstens twee cijfers achter de komma."),
    ):
        response = client.post(
            f"/initiatieven/{concept.id}/kosten",
            data={"jaar": "2026", "soort": "materiaal", "bedrag": bedrag},
        )
        assert response.status_code == 422
        assert melding in _tekst(response)
    assert len(db.exec(select(Kostenregel).where(Kostenregel.aanvraag_id == concept.id)).all()) == 2
    response = client.post(
        f"/initiatieven/{concept.id}/cofinanciering",
        data={"bron": "Gemeente", "jaar": "2027", "bedrag": "1.234,56"},
    )
    assert response.status_code == 303
    assert (
        db.exec(select(Cofinanciering.bedrag_cents).where(Cofinanciering.bron == "Gemeente")).one() == 123456
    )
    assert "€ 58.765,44" in _tekst(client.get(f"/initiatieven/{concept.id}"))  # 60.000 − 1.234,56 in 2027


def test_swv_opens_a_round_with_the_criteria_and_changes_a_weight(client, auth, db, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.post(
        "/initiatieven/rondes",
        data={
            "naam": "Ronde 2026",
            "deadline": "2026-03-01",
            "eerste_jaar": "2026",
            "laatste_jaar": "2027",
            "knock_out_minimum": "1,5",
        },
    )
    assert response.status_code == 303
    html = _tekst(client.get(response.location))
    assert "Het nieuwe initiatief is breed toegankelijk voor leerlingen uit de buurt of wijk." in html
    from wijkportaal.initiatieven.models import Criterium, Ronde

    ronde = db.exec(select(Ronde)).one()
    assert ronde.knock_out_minimum_honderdsten == 150
    c = db.exec(select(Criterium).where(Criterium.nummer == 3)).one()
    response = client.post(
        f"/initiatieven/rondes/{ronde.id}/criteria/{c.id}",
        data={
            f"c{c.id}-tekst": c.tekst,
            f"c{c.id}-gewicht": "2",
            f"c{c.id}-rubriek_0": "niet",
            f"c{c.id}-rubriek_1": "onvoldoende",
            f"c{c.id}-rubriek_2": "voldoende",
            f"c{c.id}-rubriek_3": "goed",
        },
    )
    assert response.status_code == 303
    db.expire_all()
    assert db.get(Criterium, c.id).gewicht == 2


def test_a_knock_out_minimum_beyond_the_scale_is_refused(client, auth, db, make_user):
    auth.login(make_user(Rol.SWV))
    response = client.post(
        "/initiatieven/rondes",
        data={
            "naam": "Ronde X",
            "deadline": "2026-03-01",
            "eerste_jaar": "2026",
            "laatste_jaar": "2027",
            "knock_out_minimum": "3,5",
        },
    )
    assert response.status_code == 422
    assert "Vul een getal tussen 0 en 3 in, met hoogstens twee decimalen." in _tekst(response)


def test_the_overview_and_its_exports(client, auth, db, bevestigd, make_user):
    auth.login(make_user(Rol.SWV))
    html = _tekst(client.get("/initiatieven/overzicht?status=concept"))
    assert "Samen sterk in de wijk" in html and "€ 30.000,00" in html
    assert "Samen sterk in de wijk" not in _tekst(client.get("/initiatieven/overzicht?status=toegekend"))
    csv = client.get("/initiatieven/overzicht.csv")
    assert csv.status_code == 200 and "Gevraagd 2026" in csv.get_data(as_text=True)
    assert client.get("/initiatieven/overzicht.xlsx").status_code == 200


def test_the_overview_filters_by_wijk_and_ignores_an_unknown_one(
    client, auth, db, bevestigd, noord, make_user
):
    auth.login(make_user(Rol.SWV))
    eigen = _tekst(client.get(f"/initiatieven/overzicht?wijk={noord.school.wijk_id}"))
    assert "Samen sterk in de wijk" in eigen and f'<option value="{noord.school.wijk_id}" selected>' in eigen
    onbekend = client.get("/initiatieven/overzicht?wijk=999999")
    assert onbekend.status_code == 200
    html = _tekst(onbekend)
    assert "Samen sterk in de wijk" in html and "Not a valid choice" not in html  # no filter, no English


def test_a_funded_initiative_is_on_its_wijk_page_and_in_the_kennisbank(
    client, auth, db, bevestigd, noord, partij
):
    from wijkportaal.initiatieven import services
    from wijkportaal.wijken.models import Wijk

    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, bevestigd, status, None)
    db.commit()
    ander = partij("Oost")
    auth.login(ander.schoolleider)
    wijk = db.get(Wijk, noord.school.wijk_id)
    html = _tekst(client.get(f"/initiatieven/kennisbank?wijk={wijk.id}"))
    assert "Samen sterk in de wijk" in html and "Minder thuiszitters." in html
    assert "Samen sterk in de wijk" not in _tekst(
        client.get(f"/initiatieven/kennisbank?wijk={ander.school.wijk_id}")
    )
    assert "Samen sterk in de wijk" in _tekst(
        client.get("/initiatieven/kennisbank?ambitie=1&zoek=thuiszitters")
    )
    assert (
        client.get(f"/initiatieven/{bevestigd.id}").status_code == 403
    )  # the application itself stays closed
    auth.logout()
    auth.login(noord.schoolleider)
    assert "Samen sterk in de wijk" in _tekst(client.get(f"/wijken/{wijk.code}"))


def test_the_applicants_report_and_the_final_report_needs_what_comes_next(client, auth, db, bevestigd, noord):
    from wijkportaal.initiatieven import services
    from wijkportaal.initiatieven.models import Rapportage

    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, bevestigd, status, None)
    db.commit()
    auth.login(noord.schoolleider)
    url = f"/initiatieven/{bevestigd.id}/rapportage/eind"
    response = client.post(
        url, data={"resultaten": "Goed", "bereikte_leerlingen": "20", "evaluatie": "Positief"}
    )
    assert response.status_code == 422 and "Kies wat er na de twee jaar gebeurt." in _tekst(response)
    response = client.post(
        url,
        data={
            "resultaten": "Goed",
            "bereikte_leerlingen": "20",
            "evaluatie": "Positief",
            "vervolg": "partners",
        },
    )
    assert response.status_code == 303
    assert db.exec(select(Rapportage.bereikte_leerlingen)).one() == 20
    assert "Voortgezet door partners" in _tekst(client.get(f"/initiatieven/{bevestigd.id}"))


def test_the_invited_board_finds_the_invitation_on_its_start_page(client, auth, concept, zuid, noord):
    auth.login(zuid.bestuurder)
    html = _tekst(client.get("/"))
    assert "Deelname bevestigen: Samen sterk in de wijk" in html
    auth.logout()
    auth.login(noord.bestuurder)  # the main applicant's board has confirmed already
    assert "Deelname bevestigen" not in _tekst(client.get("/"))


def _queries(app, client, url: str) -> int:
    import sqlalchemy as sa

    teller = []

    def tel(*_args):
        teller.append(1)

    sa.event.listen(app.extensions["db_engine"], "before_cursor_execute", tel)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa.event.remove(app.extensions["db_engine"], "before_cursor_execute", tel)
    return len(teller)


def test_the_query_count_of_pages_does_not_grow_with_the_number_of_applications(
    app, client, auth, db, ronde, bevestigd, noord, make_user
):
    from wijkportaal.initiatieven import services

    swv = make_user(Rol.SWV)
    auth.login(swv)
    pagina, overzicht = (
        _queries(app, client, f"/initiatieven/{bevestigd.id}"),
        _queries(app, client, "/initiatieven/overzicht"),
    )
    for _ in range(5):
        services.start_aanvraag(db, noord.schoolleider, ronde)
    db.commit()
    assert _queries(app, client, f"/initiatieven/{bevestigd.id}") == pagina
    assert _queries(app, client, "/initiatieven/overzicht") == overzicht


def test_the_map_layer_shows_the_funded_initiatives_per_wijk(client, auth, db, bevestigd, noord, make_user):
    from wijkportaal.initiatieven import services

    services.dien_in(db, bevestigd, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, bevestigd, status, None)
    db.commit()
    auth.login(make_user(Rol.SWV))
    response = client.get("/kaart?laag=initiatieven")
    assert response.status_code == 200
    assert "1 initiatief, € 0,00 toegekend" in _tekst(response)  # granting is the assessing feature's


def test_the_plan_names_a_coverage_gap_of_its_wijk(client, auth, db, concept, noord, make_domein):
    domein = make_domein("Autisme")
    auth.login(noord.schoolleider)
    html = _tekst(client.get(f"/initiatieven/{concept.id}"))
    waarde = f"{noord.school.wijk_id}:{domein.id}"
    assert f'<option value="{waarde}">' in html and "Autisme (ontbreekt)" in html
    data = {
        "titel": "Samen sterk in de wijk",
        "wijken": [str(noord.school.wijk_id)],
        "ambities": ["1"],
        "hiaat": waarde,
    }
    assert client.post(f"/initiatieven/{concept.id}/plan", data=data).status_code == 303
    aanvraag = herlaad(db, concept)
    assert (aanvraag.hiaat_wijk_id, aanvraag.hiaat_domein_id) == (noord.school.wijk_id, domein.id)
    response = client.post(f"/initiatieven/{concept.id}/plan", data={**data, "hiaat": "999:999"})
    assert response.status_code == 422 and "Not a valid choice" not in _tekst(response)


def _overleg_met_punt(db, wijk_id: int, titel: str):
    """A wijkoverleg of the wijk with a meeting a month ago and one agenda item."""
    from datetime import timedelta

    from wijkportaal.core import clock
    from wijkportaal.overleg.models import Agendapunt, Bijeenkomst, Wijkoverleg

    overleg = Wijkoverleg(wijk_id=wijk_id)
    db.add(overleg)
    db.flush()
    start = clock.now().replace(hour=15, minute=0, second=0, microsecond=0) - timedelta(days=30)
    b = Bijeenkomst(wijkoverleg_id=overleg.id, start=start, eind=start + timedelta(hours=2))
    db.add(b)
    db.flush()
    punt = Agendapunt(bijeenkomst_id=b.id, titel=titel)
    db.add(punt)
    db.commit()
    return punt


def _plan_formulier(aanvraag_wijk_id: int, **extra) -> dict:
    from .conftest import PLAN

    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in PLAN.items()}
    return {**data, "wijken": [str(aanvraag_wijk_id)], "ambities": ["1"], **extra}


def test_the_plan_names_an_agenda_item_and_themes_and_the_kennisbank_finds_it_by_theme(
    client, auth, db, bevestigd, noord, partij
):
    from wijkportaal.initiatieven import services
    from wijkportaal.overleg.models import Thema

    punt = _overleg_met_punt(db, noord.school.wijk_id, "Thuiszitters in de wijk")
    thuiszitters, taal = Thema(naam="Thuiszitters"), Thema(naam="Taal")
    db.add_all([thuiszitters, taal])
    db.commit()
    auth.login(noord.schoolleider)
    formulier = client.get(f"/initiatieven/{bevestigd.id}")
    assert "Thuiszitters in de wijk" in _tekst(formulier)  # offered among the agenda items
    response = client.post(
        f"/initiatieven/{bevestigd.id}/plan",
        data=_plan_formulier(noord.school.wijk_id, agendapunt=str(punt.id), themas=[str(thuiszitters.id)]),
    )
    assert response.status_code == 303
    opgeslagen = herlaad(db, bevestigd)
    assert opgeslagen.agendapunt_id == punt.id
    services.dien_in(db, opgeslagen, noord.schoolleider)
    for status in (Status.IN_BEOORDELING, Status.BEOORDEELD, Status.TOEGEKEND):
        services.zet_status(db, opgeslagen, status, None)
    db.commit()
    html = _tekst(client.get(f"/initiatieven/{bevestigd.id}"))
    assert "Agendapunt van het wijkoverleg" in html and ": Thuiszitters in de wijk" in html
    assert "<dt>Thema's</dt><dd>Thuiszitters</dd>" in html.replace("&#39;", "'")
    ander = partij("Oost")
    auth.logout()
    auth.login(ander.schoolleider)
    assert "Samen sterk in de wijk" in _tekst(client.get(f"/initiatieven/kennisbank?thema={thuiszitters.id}"))
    assert "Samen sterk in de wijk" not in _tekst(client.get(f"/initiatieven/kennisbank?thema={taal.id}"))


def test_an_agenda_item_of_another_wijk_is_refused_at_the_field(client, auth, db, concept, noord, partij):
    elders = _overleg_met_punt(db, partij("West").school.wijk_id, "Niet van deze wijk")
    auth.login(noord.schoolleider)
    response = client.post(
        f"/initiatieven/{concept.id}/plan",
        data=_plan_formulier(noord.school.wijk_id, agendapunt=str(elders.id), titel="Anders"),
    )
    assert response.status_code == 422
    assert 'id="agendapunt-error">' in _tekst(response)
    opgeslagen = herlaad(db, concept)
    assert (opgeslagen.agendapunt_id, opgeslagen.titel) == (None, "Samen sterk in de wijk")


def test_a_new_version_keeps_the_themes(db, bevestigd, noord):
    from wijkportaal.initiatieven import queries, services
    from wijkportaal.initiatieven.models import Ambitie
    from wijkportaal.overleg.models import Thema

    thema = Thema(naam="Jonge kind")
    db.add(thema)
    db.flush()
    services.bewaar_plan(
        db,
        bevestigd,
        noord.schoolleider,
        {},
        [noord.school.wijk_id],
        [Ambitie.INCLUSIEF],
        thema_ids=[thema.id],
    )
    services.dien_in(db, bevestigd, noord.schoolleider)
    services.zet_status(db, bevestigd, Status.IN_BEOORDELING, None)
    services.zet_status(db, bevestigd, Status.BEOORDEELD, None)
    services.zet_status(db, bevestigd, Status.AANGEHOUDEN, None)
    kopie = services.nieuwe_versie(db, bevestigd, noord.schoolleider)
    assert [t.naam for t in queries.themas_van(db, kopie)] == ["Jonge kind"]


def test_the_kennisbank_is_paged_and_its_page_links_keep_the_filter(client, auth, db, ronde, noord):
    """53 funded initiatives about thuiszitters and two others: 50 on the first page, newest first, and
    the link to the second page keeps the search."""
    import html as html_module
    import re

    for n in range(55):
        db.add(
            Aanvraag(
                ronde_id=ronde.id,
                aanvrager_id=noord.schoolleider.id,
                status=Status.TOEGEKEND if n % 2 == 0 or n < 51 else Status.AFGEROND,
                titel=f"Thuiszitters {n:02d}" if n < 53 else f"Taalklas {n:02d}",
            )
        )
    db.commit()
    auth.login(noord.schoolleider)
    eerste = _tekst(client.get("/initiatieven/kennisbank?zoek=thuiszitters"))
    titels = re.findall(r'<h2 id="init-\d+">(.*?)</h2>', eerste)
    assert titels == [f"Thuiszitters {n:02d}" for n in range(52, 2, -1)]
    assert "53 gefinancierde initiatieven; pagina 1 van 2" in eerste
    assert "Vorige pagina" not in eerste
    volgende = html_module.unescape(re.search(r'<a href="([^"]*)">Volgende pagina</a>', eerste).group(1))
    assert "zoek=thuiszitters" in volgende and "pagina=2" in volgende
    tweede = _tekst(client.get(volgende))
    assert re.findall(r'<h2 id="init-\d+">(.*?)</h2>', tweede) == [
        "Thuiszitters 02",
        "Thuiszitters 01",
        "Thuiszitters 00",
    ]
    assert "pagina 2 van 2" in tweede and "Vorige pagina" in tweede and "Volgende pagina" not in tweede
    alle = _tekst(client.get("/initiatieven/kennisbank"))
    assert "55 gefinancierde initiatieven; pagina 1 van 2" in alle


def test_the_overview_shows_the_oldest_25_signals_and_all_of_them_on_request(
    client, auth, db, frozen_now, ronde, noord, make_user
):
    """Three rounds' worth of funded initiatives, some with their interim report in: the first signals
    read per group of dates are the first of the full list, and the overview links to all of them."""
    from datetime import date

    from wijkportaal.initiatieven import queries
    from wijkportaal.initiatieven.models import Rapportage, Rapportsoort

    for n in range(30):
        start, eind = [
            (date(2025, 8, 1), date(2026, 12, 31)),
            (date(2026, 1, 1), date(2027, 1, 31)),
            (date(2024, 8, 1), date(2026, 7, 31)),
        ][n % 3]
        aanvraag = Aanvraag(
            ronde_id=ronde.id,
            aanvrager_id=noord.schoolleider.id,
            status=Status.TOEGEKEND,
            titel=f"Initiatief {n:02d}",
            startdatum=start,
            einddatum=eind,
        )
        db.add(aanvraag)
        db.flush()
        if n % 4 == 0:
            db.add(
                Rapportage(
                    aanvraag_id=aanvraag.id,
                    soort=Rapportsoort.TUSSENTIJDS,
                    resultaten="Goed.",
                    bereikte_leerlingen=10,
                    evaluatie="Goed.",
                    ingediend_door_id=noord.schoolleider.id,
                )
            )
    db.commit()
    vandaag = date(2026, 11, 23)
    alle = queries.signalen(db, vandaag)
    assert len(alle) > 25
    for n in (1, 10, 25, len(alle) + 5):
        eerste, aantal = queries.eerste_signalen(db, vandaag, n)
        assert aantal == len(alle)
        assert [(s.datum, s.wat) for s in eerste] == [(s.datum, s.wat) for s in alle[:n]]
        laatste = eerste[-1].datum  # on the last date shown, another initiative may come first
        assert {(s.aanvraag.id, s.wat) for s in eerste if s.datum < laatste} == {
            (s.aanvraag.id, s.wat) for s in alle[:n] if s.datum < laatste
        }
    auth.login(make_user(Rol.SWV))
    html = _tekst(client.get("/initiatieven/overzicht"))
    assert html.count(" te laat (") + html.count("Eindigt binnen drie maanden (") == 25
    assert f"… en nog {len(alle) - 25} signalen, de oudste eerst hierboven" in html
    import html as html_module
    import re

    alle_url = html_module.unescape(re.search(r'<a href="([^"]*)">toon alle signalen</a>', html).group(1))
    volledig = _tekst(client.get(alle_url))
    assert volledig.count(" te laat (") + volledig.count("Eindigt binnen drie maanden (") == len(alle)
    assert "toon alle signalen" not in volledig
