"""The demo data: the real wijk structure, fictional organisations, and 19 functioning overleggen on any day."""

import re
import shutil
from collections import Counter
from datetime import date, datetime, time

import pytest
from sqlmodel import Session, func, select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.core.db import make_engine
from wijkportaal.core.privacy import bevat_bsn
from wijkportaal.core.roles import Rol
from wijkportaal.demo import DEMO_LOGINS, DEMO_PASSWORD, GEEN_OVERLEG, OPSTARTEND, load_demo
from wijkportaal.overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Overlegnorm,
    Thema,
    VerplichtThema,
    Wijkoverleg,
)
from wijkportaal.overleg.queries import wijk_statussen
from wijkportaal.overleg.rules import OverlegStatus
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Regio, Wijk

REGIOS = {
    "Centrum en Zuid": {
        "Centrum-West",
        "Centrum-Oost",
        "Oud-Zuid",
        "Buitenveldert, Zuidas",
        "De Pijp, Rivierenbuurt",
    },
    "Noord": {"Oud-Noord", "Noord-West", "Noord-Oost"},
    "Oost en Diemen": {
        "Oud-Oost",
        "Indische Buurt, Oostelijk Havengebied",
        "Watergraafsmeer",
        "IJburg, Zeeburgereiland",
        "Diemen",
    },
    "West binnen de Ring": {"Westerpark", "Bos en Lommer", "Oud-West, De Baarsjes"},
    "West buiten de Ring": {
        "Geuzenveld, Slotermeer",
        "Osdorp",
        "De Aker, Sloten, Nieuw-Sloten",
        "Slotervaart",
    },
    "Zuidoost": {"Bijlmer-Centrum", "Bijlmer-Oost", "Gaasperdam"},
}
TABELLEN = [Regio, Wijk, Bestuur, Organisatie, Gebruiker, Wijkoverleg, Bijeenkomst, Agendapunt, Actiepunt]


def _invoke(app, runner, *args):
    # demo-data is a plain click command: the `flask` CLI pushes an app context for it, the test runner does not.
    with app.app_context():
        return runner.invoke(args=list(args))


@pytest.fixture
def demo_uitvoer(app, runner):
    """What `flask demo-data` prints, run in this test; the other tests read the demo copied from the
    run's template (the `demo` fixture of tests/conftest.py)."""
    result = _invoke(app, runner, "demo-data")
    assert result.exit_code == 0, result.output
    return result


def _count(db: Session, model, *where) -> int:
    return db.exec(select(func.count()).select_from(model).where(*where)).one()


def _snapshot(db: Session) -> dict[str, int]:
    db.rollback()  # end the read transaction, so the counts see what other sessions committed
    return {model.__tablename__: _count(db, model) for model in TABELLEN}


def _status_per_code(db: Session, moment: datetime | None = None) -> dict[str, OverlegStatus]:
    codes = dict(db.exec(select(Wijk.id, Wijk.code)).all())
    return {codes[wijk_id]: s.status for wijk_id, s in wijk_statussen(db, moment=moment).items()}


def _wijk(db: Session, code: str) -> Wijk:
    return db.exec(select(Wijk).where(Wijk.code == code)).one()


def _user(db: Session, email: str) -> Gebruiker:
    return db.exec(select(Gebruiker).where(Gebruiker.email == email)).one()


def test_demo_data_loads_the_23_wijken_in_6_regios(demo_uitvoer, db):
    assert "Demo-data geladen" in demo_uitvoer.output
    for email, _ in DEMO_LOGINS:
        assert email in demo_uitvoer.output
    regios = dict(db.exec(select(Regio.id, Regio.naam)).all())
    per_regio: dict[str, set[str]] = {}
    for wijk in db.exec(select(Wijk)):
        per_regio.setdefault(regios[wijk.regio_id], set()).add(wijk.naam)
    assert per_regio == REGIOS


def test_demo_data_has_fictional_boards_schools_and_partners(demo, db):
    orgs = list(db.exec(select(Organisatie)))
    soorten = Counter(o.soort for o in orgs)
    scholen = [o for o in orgs if o.soort.is_school]
    assert 235 <= len(scholen) <= 265
    assert soorten[OrganisatieSoort.SBO] >= 6 and soorten[OrganisatieSoort.SO] >= 6
    assert soorten[OrganisatieSoort.OKT] == 23
    assert soorten[OrganisatieSoort.JGZ] == 6 and soorten[OrganisatieSoort.LEERPLICHT] == 2
    assert soorten[OrganisatieSoort.ZORGAANBIEDER] >= 2
    assert all(80 <= s.leerlingen <= 550 for s in scholen)
    assert all(re.fullmatch(r"DM\d{4}-\d{2}", s.code) for s in scholen)
    assert len({s.naam for s in scholen}) == len(scholen)
    regulier = Counter(s.wijk_id for s in scholen if s.soort == OrganisatieSoort.BASISSCHOOL)
    assert len(regulier) == 23 and all(8 <= n <= 13 for n in regulier.values())

    besturen = list(db.exec(select(Bestuur)))
    assert 35 <= len(besturen) <= 45
    met_scholen = {s.bestuur_id for s in scholen}
    assert all(b.id in met_scholen for b in besturen), "every bestuur has at least one school"


def test_demo_data_has_19_functioning_overleggen(demo, db):
    statussen = _status_per_code(db)
    assert Counter(statussen.values()) == {
        OverlegStatus.FUNCTIONEREND: 19,
        OverlegStatus.OPSTARTEND: 2,
        OverlegStatus.GEEN: 2,
    }
    assert {c for c, s in statussen.items() if s == OverlegStatus.OPSTARTEND} == set(OPSTARTEND)
    assert {c for c, s in statussen.items() if s == OverlegStatus.GEEN} == set(GEEN_OVERLEG)
    assert statussen["osdorp"] == OverlegStatus.FUNCTIONEREND


def test_osdorp_is_chaired_by_the_demo_schoolleider(demo, db):
    osdorp = _wijk(db, "osdorp")
    overleg = db.exec(select(Wijkoverleg).where(Wijkoverleg.wijk_id == osdorp.id)).one()
    schoolleider = _user(db, "schoolleider@demo.wijkportaal.nl")
    assert overleg.voorzitter_id == schoolleider.id
    assert schoolleider.rol == Rol.SCHOOLLEIDER
    school = db.get(Organisatie, schoolleider.organisatie_id)
    assert school.soort == OrganisatieSoort.BASISSCHOOL and school.wijk_id == osdorp.id

    leden = set(db.exec(select(Lidmaatschap.organisatie_id).where(Lidmaatschap.wijkoverleg_id == overleg.id)))
    partner = _user(db, "partner@demo.wijkportaal.nl")
    assert db.get(Organisatie, partner.organisatie_id).naam == "OKT Osdorp"
    assert {school.id, partner.organisatie_id} <= leden
    soorten = Counter(db.get(Organisatie, o).soort for o in leden)
    assert soorten[OrganisatieSoort.LEERPLICHT] == 1
    assert soorten[OrganisatieSoort.SBO] + soorten[OrganisatieSoort.SO] >= 1

    bestuurder = _user(db, "bestuurder@demo.wijkportaal.nl")
    wijken = set(db.exec(select(Organisatie.wijk_id).where(Organisatie.bestuur_id == bestuurder.bestuur_id)))
    assert osdorp.id in wijken and len(wijken) >= 4


def test_every_overleg_has_a_chair_and_the_others_have_none(demo, db):
    overleggen = list(db.exec(select(Wijkoverleg)))
    assert len(overleggen) == 21
    wijken = dict(db.exec(select(Wijk.id, Wijk.code)).all())
    for overleg in overleggen:
        voorzitter = db.get(Gebruiker, overleg.voorzitter_id)
        assert voorzitter.rol == Rol.SCHOOLLEIDER
        assert db.get(Organisatie, voorzitter.organisatie_id).wijk_id == overleg.wijk_id
        if wijken[overleg.wijk_id] != "osdorp":
            assert voorzitter.email == f"voorzitter.{wijken[overleg.wijk_id]}@demo.wijkportaal.nl"


def test_demo_users_can_log_in(demo, db, client):
    rollen = {_user(db, email).rol for email, _ in DEMO_LOGINS}
    assert rollen == set(Rol)
    for email, _ in DEMO_LOGINS:
        response = client.post("/inloggen", data={"email": email, "wachtwoord": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert "/inloggen" not in response.headers["Location"]
        client.post("/uitloggen")


@pytest.mark.parametrize(
    "email",
    ["schoolleider@demo.wijkportaal.nl", "partner@demo.wijkportaal.nl", "bestuurder@demo.wijkportaal.nl"],
)
def test_demo_users_in_osdorp_see_the_osdorp_page(demo, client, email):
    client.post("/inloggen", data={"email": email, "wachtwoord": DEMO_PASSWORD})
    assert client.get("/wijken/osdorp").status_code == 200


def test_meetings_have_a_history_and_an_upcoming_draft(demo, db):
    moment = clock.now()
    overleggen = list(db.exec(select(Wijkoverleg)))
    for overleg in overleggen:
        bijeenkomsten = list(
            db.exec(
                select(Bijeenkomst)
                .where(Bijeenkomst.wijkoverleg_id == overleg.id)
                .order_by(Bijeenkomst.start)
            )
        )
        komend = [b for b in bijeenkomsten if b.start > moment]
        gehouden = [b for b in bijeenkomsten if b.start <= moment]
        assert len(komend) == 1 and komend[0].agenda_vastgesteld_op is None
        punten = db.exec(select(Agendapunt).where(Agendapunt.bijeenkomst_id == komend[0].id)).all()
        assert 3 <= sum(p.status == AgendapuntStatus.AGENDA for p in punten) <= 4
        assert gehouden and all(b.notulen_vastgesteld_op for b in gehouden[:-1])
        assert gehouden[-1].notulen_vastgesteld_op is None
        assert all(b.eind > b.start and b.start.time() == time(15, 30) for b in bijeenkomsten)

    assert _count(db, Besluit) >= _count(db, Bijeenkomst, Bijeenkomst.start <= moment) // 2
    vandaag = moment.date()
    open_te_laat = _count(
        db, Actiepunt, Actiepunt.status == ActiepuntStatus.OPEN, Actiepunt.deadline < vandaag
    )
    assert 1 <= open_te_laat <= 50
    assert _count(db, Actiepunt, Actiepunt.status == ActiepuntStatus.AFGEROND) > open_te_laat

    partner = _user(db, "partner@demo.wijkportaal.nl")
    voorstel = db.exec(select(Agendapunt).where(Agendapunt.status == AgendapuntStatus.VOORGESTELD)).one()
    assert voorstel.voorgesteld_door_id == partner.id


def test_themes_and_norm(demo, db):
    assert _count(db, Thema) == 8
    jaar = clock.schooljaar_van(clock.today())
    verplicht = Counter(db.exec(select(VerplichtThema.schooljaar)))
    assert verplicht == {jaar: 4, jaar - 1: 4}
    assert _count(db, Overlegnorm) == 1


def test_demo_texts_hold_no_bsn_like_numbers(demo, db):
    teksten = [t for p in db.exec(select(Agendapunt)) for t in (p.titel, p.beschrijving, p.notulen)]
    teksten += list(db.exec(select(Besluit.tekst))) + list(db.exec(select(Actiepunt.omschrijving)))
    assert not [t for t in teksten if bevat_bsn(t)]


def test_demo_data_refuses_a_database_that_has_data(demo, app, runner, db):
    before = _snapshot(db)
    result = _invoke(app, runner, "demo-data")
    assert result.exit_code != 0
    assert "weigert" in result.output
    assert _snapshot(db) == before

    result = _invoke(app, runner, "demo-data", "--if-empty")
    assert result.exit_code == 0
    assert _snapshot(db) == before


def test_demo_logins_lists_the_demo_users(demo, app, runner):
    result = _invoke(app, runner, "demo-logins")
    assert result.exit_code == 0
    assert all(email in result.output for email, _ in DEMO_LOGINS)


def _load(sqlite_template, path, today: date) -> Session:
    shutil.copy(sqlite_template, path)
    session = Session(make_engine(f"sqlite:///{path}"), expire_on_commit=False)
    load_demo(session, today)
    session.commit()
    return session


@pytest.mark.parametrize(
    "today",
    [date(2026, 8, 1), date(2026, 12, 24), date(2027, 3, 15), date(2027, 7, 20), date(2028, 2, 29)],
    ids=str,
)
def test_19_functioning_on_any_day(sqlite_template, tmp_path, today):
    """Meetings are dated relative to the load day: start of the school year, holidays and leap days alike."""
    session = _load(sqlite_template, tmp_path / "demo.sqlite", today)
    try:
        for hour in (0, 23):
            statussen = _status_per_code(session, datetime.combine(today, time(hour)))
            assert Counter(statussen.values())[OverlegStatus.FUNCTIONEREND] == 19
            assert {c for c, s in statussen.items() if s == OverlegStatus.OPSTARTEND} == set(OPSTARTEND)
    finally:
        session.close()
        session.bind.dispose()


def test_the_same_day_gives_the_same_data(sqlite_template, tmp_path):
    today = date(2026, 11, 23)

    def fingerprint(session):
        return (
            session.exec(
                select(Organisatie.naam, Organisatie.code, Organisatie.leerlingen).order_by(Organisatie.id)
            ).all(),
            session.exec(select(Bijeenkomst.start, Bijeenkomst.locatie).order_by(Bijeenkomst.id)).all(),
            session.exec(select(Agendapunt.titel, Agendapunt.notulen).order_by(Agendapunt.id)).all(),
            session.exec(select(Actiepunt.status, Actiepunt.deadline).order_by(Actiepunt.id)).all(),
        )

    prints = []
    for name in ("a.sqlite", "b.sqlite"):
        session = _load(sqlite_template, tmp_path / name, today)
        prints.append(fingerprint(session))
        session.close()
        session.bind.dispose()
    assert prints[0] == prints[1]


def test_demo_monitor_counts_add_up_and_osdorp_is_on_course(app, runner, db):
    from sqlmodel import func, select

    from wijkportaal.monitor.models import Verwijzingstelling
    from wijkportaal.wijken.models import Wijk

    with app.app_context():
        assert runner.invoke(args=["demo-data"]).exit_code == 0
    basis = db.exec(
        select(func.sum(Verwijzingstelling.sbo + Verwijzingstelling.so)).where(
            Verwijzingstelling.schooljaar == 2023
        )
    ).one()
    assert 360 <= basis <= 390  # about the 373 a year of the Ondersteuningsplan
    osdorp = db.exec(select(Wijk).where(Wijk.code == "osdorp")).one()
    per_jaar = {
        r.schooljaar: r.sbo + r.so
        for r in db.exec(select(Verwijzingstelling).where(Verwijzingstelling.wijk_id == osdorp.id))
    }
    assert per_jaar[2024] < per_jaar[2023]
