"""The monthly digest for SWV staff: once a month to each of them, with every section, whatever reruns."""

from datetime import date, datetime, timedelta

from sqlmodel import select

from tests.wijkportaal.conftest import draai_job
from wijkportaal.core.clock import TZ
from wijkportaal.core.roles import Rol
from wijkportaal.mail.models import Bericht
from wijkportaal.overleg.models import Actiepunt, Thema, VerplichtThema
from wijkportaal.pages import jobs as pages_jobs
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import Goedkeuringsregel, PeriodeSoort

EERSTE = datetime(2026, 12, 1, 7, 30, tzinfo=TZ)


KLOK_START = EERSTE  # the `klok` fixture's moment


def draai(app) -> str:
    return draai_job(app, pages_jobs.MAANDOVERZICHT)


def overzichten(db) -> list[Bericht]:
    db.expire_all()
    return list(db.exec(select(Bericht).where(Bericht.soort == "maandoverzicht").order_by(Bericht.id)))


def test_the_monthly_digest_goes_once_a_month_to_swv_staff_with_every_section(
    app, db, klok, make_overleg, make_bijeenkomst, make_user, make_domein, make_bestuur, bewaar
):
    actief = make_overleg()
    stil = make_overleg()
    b = make_bijeenkomst(actief.overleg, days=-10)
    bewaar(
        Actiepunt(
            wijkoverleg_id=actief.overleg.id,
            bijeenkomst_id=b.id,
            omschrijving="Zorgroute beschrijven",
            eigenaar="SO",
            deadline=date(2026, 11, 20),
        )
    )
    thema = bewaar(Thema(naam="Thuiszitten"))
    bewaar(VerplichtThema(schooljaar=2026, thema_id=thema.id))
    make_domein(naam="Gedrag")
    swv = [make_user(Rol.SWV, naam="Sanne Swv"), make_user(Rol.SWV, naam="Tom Swv")]
    make_user(Rol.DIRECTEUR)  # does not follow the wijken day to day
    bestuur = make_bestuur()
    pot_services.open_pot(
        db,
        swv[0],
        naam="GKBU 2026-2027",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2026,
        wijk_ids=[actief.wijk.id],
        bestuur_ids=[bestuur.id],
        regel=Goedkeuringsregel.ALLE,
    )
    db.commit()

    assert draai(app) == "2 maandoverzichten verstuurd"
    assert draai(app).startswith("0 maandoverzichten")
    berichten = overzichten(db)
    assert sorted(m.adres for m in berichten) == sorted(u.email for u in swv)
    tekst = berichten[0].tekst
    assert berichten[0].onderwerp == "Maandoverzicht van de wijken, december 2026"
    assert "Status gewijzigd sinds vorige maand:" in tekst
    assert f"Langer dan 90 dagen geen bijeenkomst: {stil.wijk.naam} (laatste: nooit)" in tekst
    assert f"{actief.wijk.naam} (Thuiszitten)" in tekst and f"{stil.wijk.naam} (Thuiszitten)" in tekst
    assert f"Te late actiepunten: {actief.wijk.naam} (1)" in tekst
    assert f"{actief.wijk.naam} (Gedrag)" in tekst
    assert "Saldo van de potten: GKBU 2026-2027: €\xa00,00 beschikbaar, €\xa00,00 gereserveerd" in tekst
    assert berichten[0].link.endswith("/overzicht")

    klok.shift(timedelta(days=1))
    assert draai(app).startswith("0 maandoverzichten")
    klok.move_to(datetime(2027, 1, 1, 7, 30, tzinfo=TZ))
    assert draai(app) == "2 maandoverzichten verstuurd"
    assert len(overzichten(db)) == 4
