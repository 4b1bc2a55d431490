"""The demo's gedeelde potten: Geen Kind de Buurt Uit in Osdorp and Bos en Lommer, made through the services."""

import shutil
from collections import Counter
from datetime import date

import pytest
from sqlmodel import Session, func, select

import wijkportaal.demo as demo_pakket
from ledger import Ledger, ReservationStatus
from wijkportaal.auth.models import Gebruiker, Login
from wijkportaal.besluiten.models import BesluitKeuze, Voorstel, VoorstelBesluit, VoorstelStatus
from wijkportaal.besluiten.queries import wachtend_op
from wijkportaal.core import clock
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.db import make_engine
from wijkportaal.core.roles import Rol
from wijkportaal.demo import DEMO_PASSWORD, load_demo
from wijkportaal.demo.potten import load_potten
from wijkportaal.pot.models import (
    Aanpak,
    AanpakBudget,
    AanpakSchool,
    Besteding,
    Bijdrage,
    BronSoort,
    Goedkeuringsregel,
    Pot,
    PotBestuur,
    PotWijk,
    Toekenning,
)
from wijkportaal.pot.permissions import can_decide
from wijkportaal.pot.services import UITGAVEN, toegekend_en_besteed
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Wijk

DEMO_BESTUURDER = "bestuurder@demo.wijkportaal.nl"
WIJKEN = {
    "osdorp": ("Osdorp", Goedkeuringsregel.ALLE, 4, {"Startklas Osdorp", "Expertteam gedrag Osdorp"}),
    "bos-en-lommer": (
        "Bos en Lommer",
        Goedkeuringsregel.GEWOGEN,
        5,
        {"Taalversterking Bos en Lommer", "Thuiszitterspreventie Bos en Lommer"},
    ),
}


def _invoke(app, runner, *args):
    with app.app_context():
        return runner.invoke(args=list(args))


@pytest.fixture
def demo_uitvoer(app, runner):
    """What `flask demo-data` prints, run in this test; the other tests read the demo copied from the
    run's template (the `demo` fixture of tests/conftest.py)."""
    result = _invoke(app, runner, "demo-data")
    assert result.exit_code == 0, result.output
    return result


def _user(db: Session, email: str) -> Gebruiker:
    return db.exec(select(Gebruiker).where(Gebruiker.email == email)).one()


def _potten(db: Session, code: str) -> list[Pot]:
    wijk = db.exec(select(Wijk).where(Wijk.code == code)).one()
    return list(
        db.exec(
            select(Pot)
            .join(PotWijk, PotWijk.pot_id == Pot.id)
            .where(PotWijk.wijk_id == wijk.id)
            .order_by(Pot.id)
        )
    )


def _grootste_besturen(db: Session, code: str, aantal: int) -> list[int]:
    wijk = db.exec(select(Wijk).where(Wijk.code == code)).one()
    leerlingen = Counter()
    for school in db.exec(
        select(Organisatie).where(
            Organisatie.wijk_id == wijk.id, Organisatie.soort == OrganisatieSoort.BASISSCHOOL
        )
    ):
        leerlingen[school.bestuur_id] += school.leerlingen
    return [b for b, _ in sorted(leerlingen.items(), key=lambda r: (-r[1], r[0]))[:aantal]]


@pytest.mark.parametrize("code", list(WIJKEN))
def test_a_pot_per_school_year_with_the_largest_boards(demo, db, code):
    naam, regel, aantal, _ = WIJKEN[code]
    jaar = clock.schooljaar_van(clock.today())
    potten = _potten(db, code)
    assert [p.naam for p in potten] == [
        f"Geen Kind de Buurt Uit {naam} {clock.schooljaar_label(j)}" for j in (jaar - 1, jaar)
    ]
    demo_bestuur = _user(db, DEMO_BESTUURDER).bestuur_id
    assert db.get(Bestuur, demo_bestuur).naam == "Stichting Zonnewijzer Onderwijs"
    verwacht = set(_grootste_besturen(db, code, aantal))
    assert demo_bestuur in verwacht  # the demo board is among the largest in both wijken
    for pot, j in zip(potten, (jaar - 1, jaar), strict=True):
        assert pot.regel == regel
        assert (pot.periode_start, pot.periode_eind) == clock.schooljaar_grenzen(j)
        assert set(db.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id))) == verwacht
        assert len(list(db.exec(select(PotWijk).where(PotWijk.pot_id == pot.id)))) == 1
    for bestuur_id in verwacht:  # each board acts through exactly one bestuurder
        (bestuurder,) = db.exec(
            select(Gebruiker).where(Gebruiker.rol == Rol.BESTUURDER, Gebruiker.bestuur_id == bestuur_id)
        ).all()
        assert bestuurder.email.startswith("bestuurder") and bestuurder.email.endswith("@demo.wijkportaal.nl")


def test_contributions_from_boards_the_swv_and_the_municipality(demo, db):
    vandaag = clock.today()
    for pot in db.exec(select(Pot)):
        bijdragen = list(db.exec(select(Bijdrage).where(Bijdrage.pot_id == pot.id)))
        besturen = set(db.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id)))
        ondersteuning = {b.bestuur_id for b in bijdragen if b.middelen == "ondersteuningsmiddelen"}
        assert ondersteuning == besturen
        assert sum(b.middelen == "eigen middelen" for b in bijdragen) == 2
        bronnen = Counter(b.bron_soort for b in bijdragen if not b.is_toezegging)
        assert bronnen[BronSoort.SWV] == 1 and bronnen[BronSoort.GEMEENTE] == 1
        assert all(b.datum <= vandaag for b in bijdragen)
        assert all(1_000_00 <= b.bedrag_cents <= 100_000_00 for b in bijdragen)  # tens of thousands of euros
        betaald = [b for b in bijdragen if not b.is_toezegging]
        assert all(b.transaction_id is not None and b.betaald_op == b.datum for b in betaald)

    toezeggingen = list(db.exec(select(Bijdrage).where(Bijdrage.is_toezegging)))
    assert len(toezeggingen) == 1
    (toezegging,) = toezeggingen
    assert toezegging.transaction_id is None and toezegging.betaald_op is None
    assert toezegging.bron_soort == BronSoort.GEMEENTE and toezegging.uiterlijk_op > vandaag


def test_two_approved_approaches_per_wijk_within_budget(demo, db):
    book = Ledger(db)
    vandaag = clock.today()
    for code, (_, _, _, namen) in WIJKEN.items():
        for stap, pot in enumerate(_potten(db, code)):
            aanpakken = list(db.exec(select(Aanpak).where(Aanpak.pot_id == pot.id)))
            goedgekeurd = set()
            for aanpak in aanpakken:
                toekenningen = list(db.exec(select(Toekenning).where(Toekenning.aanpak_id == aanpak.id)))
                goed = [t for t in toekenningen if t.status == VoorstelStatus.GOEDGEKEURD]
                if not goed:
                    continue
                goedgekeurd.add(aanpak.naam)
                toegekend, besteed = toegekend_en_besteed(db, aanpak)
                assert toegekend == sum(t.bedrag_cents for t in goed)
                budget = db.exec(select(AanpakBudget).where(AanpakBudget.aanpak_id == aanpak.id)).one()
                assert (
                    budget.jaar == clock.schooljaar_van(pot.periode_start)
                    and budget.bedrag_cents == toegekend
                )
                assert 20_000_00 <= toegekend <= 150_000_00
                assert 0 <= besteed <= toegekend
                if stap == 0:  # last school year: almost all of it spent
                    assert besteed >= toegekend * 0.85
                assert book.balance(aanpak.account_code).posted == toegekend - besteed
                assert all(t.transaction_id is not None for t in goed)
                bestedingen = list(db.exec(select(Besteding).where(Besteding.aanpak_id == aanpak.id)))
                assert all(b.factuurreferentie and b.datum <= vandaag for b in bestedingen)
                assert all(pot.periode_start <= b.datum <= pot.periode_eind for b in bestedingen)
                assert (
                    db.exec(
                        select(func.count())
                        .select_from(AanpakSchool)
                        .where(AanpakSchool.aanpak_id == aanpak.id)
                    ).one()
                    >= 1
                )
            assert goedgekeurd == namen

    totaal = db.exec(select(func.sum(Besteding.bedrag_cents))).one()
    assert totaal > 0 and book.balance(UITGAVEN).posted == totaal


def test_pot_balances_follow_the_contributions_and_allocations(demo, db):
    book = Ledger(db)
    for pot in db.exec(select(Pot)):
        ingelegd = db.exec(
            select(func.sum(Bijdrage.bedrag_cents)).where(
                Bijdrage.pot_id == pot.id, Bijdrage.transaction_id.is_not(None)
            )
        ).one()
        toekenningen = list(db.exec(select(Toekenning).where(Toekenning.pot_id == pot.id)))
        toegekend = sum(t.bedrag_cents for t in toekenningen if t.status == VoorstelStatus.GOEDGEKEURD)
        open_ = sum(t.bedrag_cents for t in toekenningen if t.status == VoorstelStatus.OPEN)
        saldo = book.balance(pot.account_code)
        assert saldo.posted == ingelegd - toegekend
        assert saldo.reserved == open_
        assert saldo.available > 0


def test_every_decision_is_akkoord_by_the_boards_own_bestuurder(demo, db):
    besluiten = [
        b
        for b in db.exec(select(VoorstelBesluit))
        if db.get(Voorstel, b.voorstel_id).soort != "initiatief"  # the director decides those alone
    ]
    assert besluiten
    for besluit in besluiten:
        voorstel = db.get(Voorstel, besluit.voorstel_id)
        gebruiker = db.get(Gebruiker, besluit.gebruiker_id)
        assert besluit.keuze == BesluitKeuze.AKKOORD
        assert gebruiker.rol == Rol.BESTUURDER and gebruiker.bestuur_id == besluit.bestuur_id
        assert gebruiker.id != voorstel.voorgesteld_door_id
    for toekenning in db.exec(select(Toekenning)):
        voorstel = db.get(Voorstel, toekenning.voorstel_id)
        assert db.get(Gebruiker, voorstel.voorgesteld_door_id).rol == Rol.SWV
        pot = db.get(Pot, toekenning.pot_id)
        besturen = set(db.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id)))
        besloten = {b.bestuur_id for b in besluiten if b.voorstel_id == toekenning.voorstel_id}
        if toekenning.status == VoorstelStatus.GOEDGEKEURD and pot.regel == Goedkeuringsregel.ALLE:
            assert besloten == besturen
        if pot.regel == Goedkeuringsregel.GEWOGEN:  # a weighted majority settles it, not everyone needs to
            assert 2 <= len(besloten) <= len(besturen)


def test_one_allocation_waits_for_the_demo_bestuurder(demo, db, client):
    bestuurder = _user(db, DEMO_BESTUURDER)
    (wachtend,) = db.exec(select(Toekenning).where(Toekenning.status == VoorstelStatus.OPEN)).all()
    assert db.get(Voorstel, wachtend.voorstel_id).vervalt_op > clock.now()
    assert [w.voorstel.id for w in wachtend_op(db, Login(bestuurder))] == [wachtend.voorstel_id]
    assert can_decide(db, Login(bestuurder), wachtend)
    pot = db.get(Pot, wachtend.pot_id)
    besturen = set(db.exec(select(PotBestuur.bestuur_id).where(PotBestuur.pot_id == pot.id)))
    besloten = set(
        db.exec(select(VoorstelBesluit.bestuur_id).where(VoorstelBesluit.voorstel_id == wachtend.voorstel_id))
    )
    assert besloten == besturen - {bestuurder.bestuur_id}
    for anders in db.exec(
        select(Gebruiker).where(Gebruiker.rol == Rol.BESTUURDER, Gebruiker.id != bestuurder.id)
    ):
        assert wachtend_op(db, Login(anders)) == []
    assert Ledger(db).reservation(wachtend.reservation_id).status == ReservationStatus.PENDING

    aanpak = db.get(Aanpak, wachtend.aanpak_id)
    client.post("/inloggen", data={"email": DEMO_BESTUURDER, "wachtwoord": DEMO_PASSWORD})
    assert aanpak.naam in client.get("/wijken").get_data(as_text=True)


def test_the_demo_bestuurder_sees_the_pots_and_approves(demo, db, client):
    """The pot pages render with the demo data, and one decision completes the waiting allocation."""
    client.post("/inloggen", data={"email": DEMO_BESTUURDER, "wachtwoord": DEMO_PASSWORD})
    assert client.get("/potten").status_code == 200
    for pot in db.exec(select(Pot)):
        pagina = client.get(f"/potten/{pot.id}")
        assert pagina.status_code == 200 and pot.naam in pagina.get_data(as_text=True)
    for aanpak in db.exec(select(Aanpak)):
        assert client.get(f"/aanpakken/{aanpak.id}").status_code == 200

    wachtend = db.exec(select(Toekenning).where(Toekenning.status == VoorstelStatus.OPEN)).one()
    assert client.get(f"/toekenningen/{wachtend.id}").status_code == 200
    response = client.post(f"/toekenningen/{wachtend.id}", data={"besluit": "akkoord", "toelichting": ""})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Toekenning, wachtend.id).status == VoorstelStatus.GOEDGEKEURD
    assert wachtend_op(db, Login(_user(db, DEMO_BESTUURDER))) == []
    assert Ledger(db).check() == []


def test_a_bestuurder_of_another_board_can_log_in(demo, db, client):
    gebruiker = _user(db, "bestuurder.stichting-vlieger-onderwijsgroep@demo.wijkportaal.nl")
    assert gebruiker.rol == Rol.BESTUURDER
    response = client.post("/inloggen", data={"email": gebruiker.email, "wachtwoord": DEMO_PASSWORD})
    assert response.status_code == 302 and "/inloggen" not in response.headers["Location"]
    pot = _potten(db, "bos-en-lommer")[-1]
    assert client.get(f"/potten/{pot.id}").status_code == 200


def test_the_services_left_an_audit_trail(demo, db):
    acties = Counter(
        (r.object_soort, r.actie)
        for r in db.exec(select(AuditRegel).where(AuditRegel.object_soort != "gebruikers"))
    )
    tel = lambda model: db.exec(select(func.count()).select_from(model)).one()  # noqa: E731
    assert acties["potten", "geopend"] == tel(Pot) == 4
    assert acties["bijdragen", "ingelegd"] + acties["bijdragen", "toegezegd"] == tel(Bijdrage)
    assert acties["toekenningen", "voorgesteld"] == tel(Toekenning)
    assert acties["toekenningen", "goedgekeurd"] == tel(Toekenning) - 1
    assert acties["bestedingen", "geboekt"] == tel(Besteding)


def test_the_ledger_checks_out(demo_uitvoer, app, runner, db):
    assert "4 gedeelde potten met" in demo_uitvoer.output
    assert Ledger(db).check() == []
    result = _invoke(app, runner, "ledger", "check")
    assert result.exit_code == 0, result.output
    assert "Grootboek in orde" in result.output


def _load(sqlite_template, path, today: date) -> Session:
    shutil.copy(sqlite_template, path)
    session = Session(make_engine(f"sqlite:///{path}"), expire_on_commit=False)
    load_demo(session, today)
    session.commit()
    return session


def _close(session: Session) -> None:
    session.close()
    session.bind.dispose()


@pytest.mark.parametrize(
    "today",
    [date(2025, 9, 1), date(2026, 8, 1), date(2028, 2, 29)],
    ids=str,
)
def test_any_load_day(sqlite_template, tmp_path, today):
    """Pots for the previous and the current school year; nothing dated after the load day."""
    session = _load(sqlite_template, tmp_path / "demo.sqlite", today)
    try:
        jaar = clock.schooljaar_van(today)
        namen = set(session.exec(select(Pot.naam)))
        assert f"Geen Kind de Buurt Uit Osdorp {clock.schooljaar_label(jaar)}" in namen
        assert f"Geen Kind de Buurt Uit Bos en Lommer {clock.schooljaar_label(jaar - 1)}" in namen
        assert Ledger(session).check() == []
        assert max(session.exec(select(Bijdrage.datum))) <= today
        assert max(session.exec(select(Besteding.datum))) <= today
        assert session.exec(select(Bijdrage.uiterlijk_op).where(Bijdrage.is_toezegging)).one() > today
        (wachtend,) = session.exec(select(Toekenning).where(Toekenning.status == VoorstelStatus.OPEN)).all()
        assert session.get(Voorstel, wachtend.voorstel_id).vervalt_op > clock.now()
        goedgekeurd = session.exec(
            select(func.count())
            .select_from(Toekenning)
            .where(Toekenning.status == VoorstelStatus.GOEDGEKEURD)
        ).one()
        assert goedgekeurd == 8
    finally:
        _close(session)


def test_the_same_day_gives_the_same_pots(sqlite_template, tmp_path):
    today = date(2026, 11, 23)

    def fingerprint(session):
        return (
            session.exec(
                select(PotBestuur.pot_id, PotBestuur.bestuur_id).order_by(
                    PotBestuur.pot_id, PotBestuur.bestuur_id
                )
            ).all(),
            session.exec(
                select(
                    Bijdrage.bestuur_id, Bijdrage.middelen, Bijdrage.bedrag_cents, Bijdrage.datum
                ).order_by(Bijdrage.id)
            ).all(),
            session.exec(
                select(Toekenning.aanpak_id, Toekenning.bedrag_cents, Toekenning.status).order_by(
                    Toekenning.id
                )
            ).all(),
            session.exec(
                select(VoorstelBesluit.bestuur_id, VoorstelBesluit.toelichting).order_by(VoorstelBesluit.id)
            ).all(),
            session.exec(
                select(Besteding.datum, Besteding.factuurreferentie, Besteding.bedrag_cents).order_by(
                    Besteding.id
                )
            ).all(),
            session.exec(select(Gebruiker.email, Gebruiker.naam).order_by(Gebruiker.id)).all(),
        )

    prints = []
    for name in ("a.sqlite", "b.sqlite"):
        session = _load(sqlite_template, tmp_path / name, today)
        prints.append(fingerprint(session))
        _close(session)
    assert prints[0] == prints[1]


def test_two_school_years_of_invoices_keep_the_ledger_sound(sqlite_template, tmp_path, monkeypatch):
    shutil.copy(sqlite_template, tmp_path / "demo.sqlite")
    session = Session(make_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}"), expire_on_commit=False)
    try:
        monkeypatch.setattr(demo_pakket, "load_potten", lambda *args: "")
        today = date(2027, 6, 30)  # nearly two full school years of invoices
        load_demo(session, today)
        load_potten(session, today)
        session.commit()
        assert Ledger(session).check() == []
    finally:
        _close(session)
