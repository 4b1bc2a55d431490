"""Migrations: the schema they build matches the models, and they go down as well as up."""

import json
from datetime import timedelta

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import wijkportaal.models  # noqa: F401  (every table on the metadata)
from wijkportaal import migrate
from wijkportaal.core.db import make_engine


def _diff(url: str, metadata: sa.MetaData = SQLModel.metadata) -> list:
    """What autogenerate would change, column types included (a VARCHAR where the model says
    INTEGER is drift too)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    engine.dispose()
    return diff


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return names - {"alembic_version"}


def test_migrations_match_the_models(database_url):
    assert _diff(database_url) == []


def test_a_column_type_that_differs_from_the_model_is_reported(database_url):
    """The comparison above is not blind to types: a model saying INTEGER for a text column shows."""
    changed = sa.MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["bijeenkomsten"].c.locatie.type = sa.Integer()
    [[change]] = _diff(database_url, changed)
    assert change[0] == "modify_type"
    assert (change[2], change[3]) == ("bijeenkomsten", "locatie")
    assert isinstance(change[6], sa.Integer)


def test_downgrade_to_base_and_up_again(database_url):
    assert "bijeenkomsten" in _tables(database_url)
    migrate.downgrade(database_url, "base")
    assert _tables(database_url) == set()
    migrate.upgrade(database_url)
    assert _diff(database_url) == []


def _rows(url: str, sql: str) -> list[tuple]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(sa.text(sql))]
    engine.dispose()
    return rows


# Decisions as the old tables kept them: payload, board, choice, reason, author, time.
OUDE_BESLUITEN = """
    SELECT 'toekenning', toekenning_id, bestuur_id, besluit, toelichting, gebruiker_id, op
    FROM toekenning_besluiten
    UNION ALL
    SELECT 'vrijval', voorstel_id, bestuur_id, besluit, toelichting, gebruiker_id, op FROM vrijval_besluiten
    ORDER BY 1, 2, 3"""
NIEUWE_BESLUITEN = """
    SELECT 'toekenning', t.id, b.bestuur_id, b.keuze, b.toelichting, b.gebruiker_id, b.op
    FROM voorstel_besluiten b JOIN toekenningen t ON t.voorstel_id = b.voorstel_id
    UNION ALL
    SELECT 'vrijval', v.id, b.bestuur_id, b.keuze, b.toelichting, b.gebruiker_id, b.op
    FROM voorstel_besluiten b JOIN vrijval_voorstellen v ON v.voorstel_id = b.voorstel_id
    ORDER BY 1, 2, 3"""
OUDE_PROCES = """
    SELECT 'toekenning', id, regel, status, voorgesteld_door_id, voorgesteld_op, vervalt_op, afgerond_op
    FROM toekenningen
    UNION ALL
    SELECT 'vrijval', id, regel, status, voorgesteld_door_id, voorgesteld_op, NULL, afgerond_op
    FROM vrijval_voorstellen
    ORDER BY 1, 2"""
NIEUW_PROCES = """
    SELECT 'toekenning', t.id, v.regel, t.status, v.voorgesteld_door_id, v.voorgesteld_op, v.vervalt_op,
           v.afgerond_op
    FROM toekenningen t JOIN voorstellen v ON v.id = t.voorstel_id
    UNION ALL
    SELECT 'vrijval', p.id, v.regel, p.status, v.voorgesteld_door_id, v.voorgesteld_op, v.vervalt_op,
           v.afgerond_op
    FROM vrijval_voorstellen p JOIN voorstellen v ON v.id = p.voorstel_id
    ORDER BY 1, 2"""


def test_decisions_survive_the_way_down_and_up(database_url, db, make_wijk, make_bestuur, make_user):
    """Migration 0010 keeps every decision with its author, time and reason, down to 0009 and back."""
    from datetime import date, datetime, timedelta

    from wijkportaal.besluiten import services as besluiten
    from wijkportaal.besluiten.models import BesluitKeuze, Besluitregel, Voorstel
    from wijkportaal.core.roles import Rol
    from wijkportaal.monitor.models import VrijvalVoorstel
    from wijkportaal.pot import services
    from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort

    wijk = make_wijk()
    b1, b2 = make_bestuur(), make_bestuur()
    swv = make_user(Rol.SWV)
    best1, best2 = make_user(Rol.BESTUURDER, bestuur=b1), make_user(Rol.BESTUURDER, bestuur=b2)
    pot = services.open_pot(
        db,
        swv,
        naam="Pot",
        periode_soort=PeriodeSoort.SCHOOLJAAR,
        jaar=2025,
        wijk_ids=[wijk.id],
        bestuur_ids=[b1.id, b2.id],
        regel=Goedkeuringsregel.ALLE,
    )
    services.voeg_bijdrage_toe(
        db,
        best1,
        pot,
        bron=BronSoort.BESTUUR,
        bestuur_id=b1.id,
        partner_naam="",
        middelen="eigen middelen",
        bedrag_cents=100_000,
        datum=date(2025, 10, 1),
        toezegging=False,
        uiterlijk_op=None,
        sleutel="in",
    )
    aanpak = services.maak_aanpak(
        db, swv, pot, naam="Taal", doel="", doelgroep="", niveau="wijk", school_ids=[], budgetten={2025: 1}
    )
    termijn = datetime.now().replace(microsecond=0) + timedelta(days=10)
    for i, besluiten_ in enumerate(
        [
            [(best1, BesluitKeuze.AKKOORD, ""), (best2, BesluitKeuze.AKKOORD, "Goed plan")],
            [],
            [(best2, BesluitKeuze.AFGEWEZEN, "Te duur")],
        ]
    ):
        t = services.stel_toekenning_voor(
            db, swv, pot, aanpak, bedrag_cents=1_000, toelichting="", vervalt_op=termijn, sleutel=f"t{i}"
        )
        for user, keuze, reden in besluiten_:
            services.neem_besluit(db, user, t, bestuur_id=user.bestuur_id, besluit=keuze, toelichting=reden)
    voorstel = besluiten.stel_voor(db, swv, soort="vrijval", regel=Besluitregel.ALLE, besturen=[b1.id, b2.id])
    vrijval = VrijvalVoorstel(
        voorstel_id=voorstel.id,
        wijk_id=wijk.id,
        schooljaar=2024,
        pot_id=pot.id,
        vermeden_sbo=1,
        vermeden_so=0,
        kosten_sbo_cents=500,
        kosten_so_cents=900,
        bedrag_cents=500,
    )
    db.add(vrijval)
    db.flush()
    besluiten.beslis(
        db,
        best2,
        db.get(Voorstel, voorstel.id),
        keuze=BesluitKeuze.AKKOORD,
        toelichting="Ja",
        bestuur_id=b2.id,
    )
    db.commit()
    db.close()

    besluiten_nu = _rows(database_url, NIEUWE_BESLUITEN)
    proces_nu = _rows(database_url, NIEUW_PROCES)
    assert len(besluiten_nu) == 4 and len(proces_nu) == 4
    migrate.downgrade(database_url, "0009")
    assert _rows(database_url, OUDE_BESLUITEN) == besluiten_nu
    assert _rows(database_url, OUDE_PROCES) == proces_nu
    migrate.upgrade(database_url)
    assert _rows(database_url, NIEUWE_BESLUITEN) == besluiten_nu
    assert _rows(database_url, NIEUW_PROCES) == proces_nu
    assert _rows(database_url, "SELECT voorstel_id, bestuur_id FROM voorstel_besturen ORDER BY 1, 2") == [
        (v, b) for v in range(1, 5) for b in sorted((b1.id, b2.id))
    ]
    assert _diff(database_url) == []


def test_old_amendments_keep_working_with_their_title_change(
    database_url, db, make_overleg, make_bijeenkomst
):
    """Migration 0011o reads the old title an amendment kept and records it as the title change, old →
    the title the next amendment of the item names, or the item's title now."""
    o = make_overleg()
    b = make_bijeenkomst(o.overleg, days=7, vastgesteld=True, agendapunten=["Verzuim en thuiszitten"])
    db.close()
    migrate.downgrade(database_url, "0010")
    engine = make_engine(database_url)
    with engine.begin() as conn:
        punt_id = conn.execute(sa.text("SELECT id FROM agendapunten")).scalar_one()
        for minuten, omschrijving in [
            (1, "Agendapunt gewijzigd: Thuiszitters"),
            (2, "Agendapunt gewijzigd: Thuiszitters in de wijk"),
            (3, "Agendapunt gewijzigd: Verzuim en thuiszitten"),  # something else changed, not the title
            (4, "Gewijzigd: locatie"),
        ]:
            conn.execute(
                sa.text(
                    "INSERT INTO amendementen (bijeenkomst_id, agendapunt_id, gebruiker_id, op, omschrijving, reden)"
                    " VALUES (:b, :p, :g, :op, :o, 'reden')"
                ),
                {
                    "b": b.id,
                    "p": None if minuten == 4 else punt_id,
                    "g": o.voorzitter.id,
                    "op": b.start.replace(minute=minuten) - timedelta(days=3),
                    "o": omschrijving,
                },
            )
    engine.dispose()
    migrate.upgrade(database_url)
    rows = _rows(database_url, "SELECT omschrijving, wijzigingen FROM amendementen ORDER BY op")
    wijzigingen = [(o_, json.loads(w) if isinstance(w, str) else w) for o_, w in rows]
    assert wijzigingen == [
        (
            "Agendapunt gewijzigd: Thuiszitters",
            [{"veld": "titel", "oud": "Thuiszitters", "nieuw": "Thuiszitters in de wijk"}],
        ),
        (
            "Agendapunt gewijzigd: Thuiszitters in de wijk",
            [{"veld": "titel", "oud": "Thuiszitters in de wijk", "nieuw": "Verzuim en thuiszitten"}],
        ),
        ("Agendapunt gewijzigd: Verzuim en thuiszitten", []),
        ("Gewijzigd: locatie", []),
    ]
    assert _diff(database_url) == []
    migrate.downgrade(database_url, "0010")
    assert len(_rows(database_url, "SELECT omschrijving FROM amendementen")) == 4
    migrate.upgrade(database_url)
