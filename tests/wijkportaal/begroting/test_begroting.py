"""The meerjarenbegroting: imported from a file shaped like §7.5 of the Ondersteuningsplan, booked in the
ledger, and the commitments and payments the initiatives will make against it."""

import pytest
from sqlmodel import func, select

from ledger import Ledger
from wijkportaal.begroting import queries, services
from wijkportaal.begroting.models import Groep, Regel, Wijziging
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.errors import Weigering
from wijkportaal.core.roles import Rol

from .conftest import PLAN

SAMENWERKING = "Samenwerking in de wijk en regio"
NIEUW = "Nieuwe initiatieven"

# §7.5, "LASTEN": the subtotals and the total as the plan prints them, in whole euros.
SUBTOTALEN = {
    "Inclusief onderwijs": [2_597_103, 2_475_897, 2_930_737, 3_385_771, 3_841_006],
    SAMENWERKING: [150_000, 266_000, 266_000, 266_000, 266_000],
    "Een vorm van onderwijs voor elk kind": [1_527_111, 1_326_233, 859_756, 658_878, 458_000],
    "Een doorgaande lijn": [201_114, 298_425, 250_806, 223_258, 203_258],
    "Project hoogbegaafdheid": [1_346_662, 300_000, 300_000, 300_000, 300_000],
    "Binnenplaats": [25_000, 27_000, 29_000, 31_000, 33_000],
    "Professionalisering": [50_000, 50_000, 50_000, 50_000, 50_000],
    "Poortwachter dyslexie": [70_000, 71_644, 73_816, 76_054, 78_358],
}
# The plan prints 4.990.960 as the 2028 total, but its own subtotals add up to 4.990.961 (a rounding
# difference in the plan's spreadsheet); the portal computes the total, so it shows 4.990.961.
TOTAAL = [5_966_990, 4_815_199, 4_760_115, 4_990_961, 5_229_622]
JAREN = [2025, 2026, 2027, 2028, 2029]


def _tekst(s: str) -> str:
    return s.replace("\u00a0", " ")


def _regel(db, naam, groep=SAMENWERKING) -> Regel:
    return queries.regel(db, groep, naam)


def _tel(db, model) -> int:
    return db.exec(select(func.count()).select_from(model)).one()


@pytest.mark.parametrize("i", range(5), ids=[str(j) for j in JAREN])
def test_the_plans_subtotals_and_total_come_out_to_the_cent(db, plan_ingelezen, i):
    overzicht = queries.overzicht(db, JAREN[i])
    assert {g.naam: g.bedragen.begroot for g in overzicht.groepen} == {
        naam: euros[i] * 100 for naam, euros in SUBTOTALEN.items()
    }
    assert overzicht.totaal.begroot == TOTAAL[i] * 100
    assert overzicht.totaal.resterend == TOTAAL[i] * 100  # nothing committed yet
    assert [g.naam for g in overzicht.groepen] == list(SUBTOTALEN)  # the file's order


def test_the_lines_of_samenwerking_in_2026(db, plan_ingelezen):
    [groep] = [g for g in queries.overzicht(db, 2026).groepen if g.naam == SAMENWERKING]
    assert [(r.naam, r.bedragen.begroot) for r in groep.regels] == [
        ("Bouwen aan expertisenetwerken SO", 0),
        (NIEUW, 20_000_000),
        ("Netwerk van wijken", 800_000),
        ("Cockpits gebiedsgericht samenwerken", 5_800_000),
    ]


def test_the_import_says_what_it_added(plan_ingelezen):
    assert "Nieuwe groep: Samenwerking in de wijk en regio" in plan_ingelezen.output
    assert "Nieuwe regel: Samenwerking in de wijk en regio / Nieuwe initiatieven" in plan_ingelezen.output
    assert "2026 Samenwerking in de wijk en regio / Nieuwe initiatieven: € 0,00 wordt € 200.000,00" in (
        _tekst(plan_ingelezen.output)
    )
    # 28 lines × 5 years = 140 amounts, of which 31 are '-' (nothing: no change from nothing)
    assert "8 nieuwe groep(en), 28 nieuwe regel(s), 109 bedrag(en) gewijzigd." in plan_ingelezen.output


def test_importing_the_same_file_again_changes_nothing(db, importeer, plan_ingelezen, runner):
    voor = (_tel(db, Groep), _tel(db, Regel), _tel(db, Wijziging), _tel(db, AuditRegel))
    transacties = len(list(Ledger(db).iter_transactions()))
    result = importeer(PLAN)
    assert result.exit_code == 0, result.output
    assert "de begroting was al gelijk aan dit bestand; er is niets veranderd" in result.output
    db.expire_all()
    assert (_tel(db, Groep), _tel(db, Regel), _tel(db, Wijziging), _tel(db, AuditRegel)) == voor
    assert len(list(Ledger(db).iter_transactions())) == transacties


def test_a_changed_amount_is_recorded_with_who_and_when(db, importeer, plan_ingelezen, make_user, tmp_path):
    swv = make_user(Rol.SWV)
    gewijzigd = tmp_path / "begroting.csv"
    gewijzigd.write_text(
        "groep;regel;2026;2027\nSamenwerking in de wijk en regio;Nieuwe initiatieven;250.000;200.000\n"
    )
    result = importeer(gewijzigd, door=swv)
    assert result.exit_code == 0, result.output
    assert "2026 Samenwerking in de wijk en regio / Nieuwe initiatieven: € 200.000,00 wordt € 250.000,00" in (
        _tekst(result.output)
    )
    assert "0 nieuwe groep(en), 0 nieuwe regel(s), 1 bedrag(en) gewijzigd." in result.output
    regel = _regel(db, NIEUW)
    laatste = queries.wijzigingen(db, regel.id, 2026)[-1]
    assert (laatste.oud_cents, laatste.nieuw_cents, laatste.gebruiker_id, laatste.bron) == (
        20_000_000,
        25_000_000,
        swv.id,
        "begroting.csv",
    )
    assert laatste.op is not None and laatste.transaction_id is not None
    audit = db.exec(
        select(AuditRegel)
        .where(AuditRegel.object_soort == "begroting_wijzigingen")
        .order_by(AuditRegel.id.desc())
    ).first()
    assert (audit.gebruiker_id, audit.actie) == (swv.id, "begroting gewijzigd")
    assert audit.wijzigingen["bedrag_cents"] == [20_000_000, 25_000_000]
    # only the difference was booked: the budget is € 250.000, not € 450.000
    assert queries.overzicht(db, 2026).totaal.begroot == (TOTAAL[1] + 50_000) * 100
    # the other groups' lines, absent from this file, stay as they were
    assert queries.overzicht(db, 2027).totaal.begroot == TOTAAL[2] * 100


def test_a_file_with_an_error_changes_nothing(db, importeer, plan_ingelezen, tmp_path):
    slecht = tmp_path / "slecht.csv"
    slecht.write_text(
        "groep;regel;2026\nSamenwerking in de wijk en regio;Nieuwe initiatieven;300.000\n"
        "Binnenplaats;Binnenplaats;27.000,123\n"
    )
    voor = _tel(db, Wijziging)
    result = importeer(slecht)
    assert result.exit_code == 1
    assert "Rij 3, 2026: Een bedrag heeft hoogstens twee cijfers achter de komma." in result.output
    assert "slecht.csv is niet ingelezen: er is niets veranderd." in result.output
    db.expire_all()
    assert _tel(db, Wijziging) == voor
    assert queries.overzicht(db, 2026).totaal.begroot == TOTAAL[1] * 100


def test_the_ledger_check_passes_after_the_import(plan_ingelezen, runner):
    result = runner.invoke(args=["ledger", "check"])
    assert result.exit_code == 0, result.output
    assert "Grootboek in orde" in result.output


def test_the_beancount_export_covers_the_begroting(plan_ingelezen, runner):
    result = runner.invoke(args=["ledger", "export"])
    assert result.exit_code == 0, result.output
    assert "Assets:Begroting:2026:Regel-" in result.output


def test_commit_pay_and_the_overview(db, plan_ingelezen, make_user):
    swv = make_user(Rol.SWV)
    regel = _regel(db, NIEUW)
    services.zeg_toe(db, swv, regel, 2026, 12_000_000, "Initiatief A", "init-a")
    services.betaal(db, swv, regel, 2026, 4_000_000, "Initiatief A, eerste tranche", "init-a-1")
    services.zeg_toe(db, swv, regel, 2026, 5_000_000, "Initiatief B", "init-b")
    services.geef_vrij(db, swv, regel, 2026, 1_000_000, "Initiatief B, niet besteed", "init-b-vrij")
    db.commit()
    [groep] = [g for g in queries.overzicht(db, 2026).groepen if g.naam == SAMENWERKING]
    [nieuw] = [r for r in groep.regels if r.naam == NIEUW]
    assert nieuw.bedragen.als_dict() == {
        "begroot": 20_000_000,
        "toegezegd": 16_000_000,
        "betaald": 4_000_000,
        "resterend": 4_000_000,
    }
    assert groep.bedragen.als_dict() == {
        "begroot": 26_600_000,
        "toegezegd": 16_000_000,
        "betaald": 4_000_000,
        "resterend": 10_600_000,
    }


def test_committing_more_than_is_left_is_refused_in_euros(db, plan_ingelezen, make_user):
    swv = make_user(Rol.SWV)
    regel = _regel(db, NIEUW)
    services.zeg_toe(db, swv, regel, 2026, 15_000_000, "Initiatief A", "init-a")
    db.commit()
    with pytest.raises(Weigering) as fout:
        services.zeg_toe(db, swv, regel, 2026, 6_000_000, "Initiatief B", "init-b")
    assert _tekst(str(fout.value)) == (
        "Er is € 50.000,00 beschikbaar op 'Nieuwe initiatieven' in 2026; u vraagt € 60.000,00."
    )
    db.rollback()
    assert queries.overzicht(db, 2026).totaal.toegezegd == 15_000_000


def test_a_year_without_budget_has_nothing_to_commit(db, plan_ingelezen, make_user):
    regel = _regel(db, NIEUW)
    with pytest.raises(Weigering) as fout:
        services.zeg_toe(db, make_user(Rol.SWV), regel, 2025, 100, "Te vroeg", "init-2025")
    assert (
        _tekst(str(fout.value))
        == "Er is € 0,00 beschikbaar op 'Nieuwe initiatieven' in 2025; u vraagt € 1,00."
    )


def test_paying_more_than_is_committed_is_refused(db, plan_ingelezen, make_user):
    swv = make_user(Rol.SWV)
    regel = _regel(db, NIEUW)
    services.zeg_toe(db, swv, regel, 2026, 1_000_000, "Initiatief A", "init-a")
    with pytest.raises(Weigering) as fout:
        services.betaal(db, swv, regel, 2026, 1_000_001, "Te veel", "init-a-1")
    assert _tekst(str(fout.value)) == (
        "Er is € 10.000,00 toegezegd en nog niet betaald op 'Nieuwe initiatieven' in 2026; u vraagt € 10.000,01."
    )


def test_the_budget_cannot_go_below_what_is_committed(db, importeer, plan_ingelezen, make_user, tmp_path):
    swv = make_user(Rol.SWV)
    services.zeg_toe(db, swv, _regel(db, NIEUW), 2026, 15_000_000, "Initiatief A", "init-a")
    db.commit()
    lager = tmp_path / "lager.csv"
    lager.write_text(
        "groep;regel;2026\nBinnenplaats;Binnenplaats;30.000\n"
        "Samenwerking in de wijk en regio;Nieuwe initiatieven;100.000\n"
    )
    result = importeer(lager)
    assert result.exit_code == 1
    assert (
        "De begroting van 'Nieuwe initiatieven' in 2026 kan niet lager dan € 150.000,00: zoveel is al toegezegd."
        in _tekst(result.output)
    )
    db.expire_all()
    # nothing of the file was imported, also not the line before the refused one
    assert queries.overzicht(db, 2026).totaal.begroot == TOTAAL[1] * 100


def test_a_repeated_commitment_with_the_same_key_is_booked_once(db, plan_ingelezen, make_user):
    swv = make_user(Rol.SWV)
    regel = _regel(db, NIEUW)
    eerste = services.zeg_toe(db, swv, regel, 2026, 1_000_000, "Initiatief A", "init-a")
    tweede = services.zeg_toe(db, swv, regel, 2026, 1_000_000, "Initiatief A", "init-a")
    assert eerste.id == tweede.id
    assert queries.overzicht(db, 2026).totaal.toegezegd == 1_000_000


@pytest.mark.parametrize(
    ("cents", "melding"),
    [(0, "Het bedrag moet groter zijn dan nul."), (-5, "Het bedrag moet groter zijn dan nul.")],
)
def test_a_commitment_of_nothing_is_refused(db, plan_ingelezen, make_user, cents, melding):
    with pytest.raises(Weigering, match=melding):
        services.zeg_toe(db, make_user(Rol.SWV), _regel(db, NIEUW), 2026, cents, "Niets", "niets")
