"""A gap in the wijk's support goes on the next meeting's agenda with one click, by the chair only."""

from datetime import date

import pytest
from sqlmodel import select

from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Dekkingsnorm, Domein, Eenheid, Expertise, ExpertiseWijk, Vorm
from wijkportaal.overleg.models import Agendapunt, AgendapuntThema, Amendement, Thema


@pytest.fixture
def opzet(db, make_overleg, make_org):
    """A wijk of 400 pupils with no autism offer and thin behaviour support (2.5 hours per 1,000, bar 5)."""
    ns = make_overleg()
    ns.thema = Thema(naam="Dekkend aanbod")
    ns.autisme = Domein(naam="Autisme", volgorde=1)
    ns.gedrag = Domein(naam="Gedrag", volgorde=2)
    db.add_all([ns.thema, ns.autisme, ns.gedrag, Dekkingsnorm(min_uren_per_1000=5)])
    db.commit()
    aanbod = Expertise(
        aanbieder_id=ns.so.id,
        domein_id=ns.gedrag.id,
        vorm=Vorm.CONSULTATIE,
        capaciteit=1,
        eenheid=Eenheid.UREN,
        geldig_van=date(2020, 1, 1),
    )
    db.add(aanbod)
    db.commit()
    db.add(ExpertiseWijk(expertise_id=aanbod.id, wijk_id=ns.wijk.id))
    db.commit()
    return ns


def _url(ns, domein):
    return f"/wijken/{ns.wijk.code}/hiaten/{domein.id}/agenda"


def _punten(db, b):
    return list(db.exec(select(Agendapunt).where(Agendapunt.bijeenkomst_id == b.id)))


def test_wijk_page_lists_the_gaps_missing_first(opzet, auth, client, make_bijeenkomst):
    make_bijeenkomst(opzet.overleg, days=7)
    auth.login(opzet.voorzitter)
    html = client.get(f"/wijken/{opzet.wijk.code}").get_data(as_text=True)
    assert "Dekkend aanbod: hiaten in de wijk" in html
    assert html.index("Autisme") < html.index("Gedrag")
    assert "ontbreekt" in html and "dun" in html
    assert html.count("Op de agenda") == 2
    assert "Aanbod vastleggen" in html  # a chair records what the wijk has


def test_chair_puts_a_gap_on_the_next_agenda_with_the_theme(opzet, auth, client, db, make_bijeenkomst):
    later = make_bijeenkomst(opzet.overleg, days=30)
    eerst = make_bijeenkomst(opzet.overleg, days=7)
    make_bijeenkomst(opzet.overleg, days=-7)
    auth.login(opzet.voorzitter)
    r = client.post(_url(opzet, opzet.gedrag))
    assert r.status_code == 303
    assert f"/bijeenkomsten/{eerst.id}" in r.headers["Location"]
    [punt] = _punten(db, eerst)
    assert punt.titel == "Hiaat in het aanbod: Gedrag"
    assert "dun" in punt.beschrijving and opzet.so.naam in punt.beschrijving
    assert db.exec(
        select(AgendapuntThema.thema_id).where(AgendapuntThema.agendapunt_id == punt.id)
    ).all() == [opzet.thema.id]
    assert _punten(db, later) == []
    # A second click does not add it twice.
    client.post(_url(opzet, opzet.gedrag))
    assert len(_punten(db, eerst)) == 1


def test_an_agreed_agenda_needs_a_reason(opzet, auth, client, db, make_bijeenkomst, momentopname):
    b = make_bijeenkomst(opzet.overleg, days=7, vastgesteld=True)
    auth.login(opzet.voorzitter)
    tabellen = ("agendapunten", "agendapunt_themas", "amendementen", "auditregels", "idempotentie")
    before = momentopname(*tabellen)
    r = client.post(_url(opzet, opzet.autisme), follow_redirects=True)
    assert "geef een reden" in r.get_data(as_text=True)
    assert momentopname(*tabellen) == before  # the wijk page's refusal (pages blueprint) changed nothing
    assert _punten(db, b) == []
    client.post(_url(opzet, opzet.autisme), data={"reden": "Besproken met het OKT"})
    assert [p.titel for p in _punten(db, b)] == ["Hiaat in het aanbod: Autisme"]
    assert db.exec(select(Amendement.reden).where(Amendement.bijeenkomst_id == b.id)).all() == [
        "Besproken met het OKT"
    ]


def test_without_a_planned_meeting_nothing_is_added(opzet, auth, client, db):
    auth.login(opzet.voorzitter)
    r = client.post(_url(opzet, opzet.autisme), follow_redirects=True)
    assert "Plan eerst een bijeenkomst" in r.get_data(as_text=True)
    assert db.exec(select(Agendapunt)).all() == []


@pytest.mark.parametrize("rol", [Rol.PARTNER, Rol.BESTUURDER, Rol.SWV])
def test_only_the_chair_or_secretary_may(opzet, auth, client, db, make_user, make_bijeenkomst, rol):
    b = make_bijeenkomst(opzet.overleg, days=7)
    user = make_user(rol, organisatie=opzet.okt if rol == Rol.PARTNER else None, wijk=opzet.wijk)
    auth.login(user)
    assert client.post(_url(opzet, opzet.autisme)).status_code == 403
    html = client.get(f"/wijken/{opzet.wijk.code}").get_data(as_text=True)
    assert "Op de agenda" not in html
    assert ("Aanbod vastleggen" in html) == (rol in (Rol.PARTNER, Rol.SWV))  # a bestuurder only reads
    assert _punten(db, b) == []


def test_unknown_domain_is_404(opzet, auth, client, make_bijeenkomst):
    make_bijeenkomst(opzet.overleg, days=7)
    auth.login(opzet.voorzitter)
    assert client.post(f"/wijken/{opzet.wijk.code}/hiaten/99999/agenda").status_code == 404
