"""`python -m bench.beoordeling`: the combined scores (`beoordeling.queries.uitslagen`) of every application
at the issue's scale, on PostgreSQL.

A fresh database gets the schema (Alembic), one round with §7.4's criteria, 10,000 applications and, for
3,600 of them, two assessors who each scored the seven judged criteria (50,400 scores), written with
`INSERT … SELECT generate_series` in seconds. Then `uitslagen` of all 10,000 ids, and of a page of 50, is
timed (p50/p95 over the runs) and its SQL statements are counted: the count must not grow with the number
of ids. Results: a table on stdout and bench/results/beoordeling.json.
"""

import argparse
import json
import time
from pathlib import Path

import sqlalchemy as sa

from bench.measure import percentile

RESULTS = Path(__file__).resolve().parent / "results"
PG_URL = "postgresql://postgres@127.0.0.1:5432/wp_bench_beoordeling"
AANVRAGEN = 10_000
BEOORDEELD = 3_600  # × 2 assessors × 7 judged criteria = 50,400 scores


def _opnieuw(url: str) -> None:
    u = sa.engine.make_url(url)
    beheer = sa.create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with beheer.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{u.database}"'))
    beheer.dispose()


def vul(url: str) -> None:
    from sqlmodel import Session

    from wijkportaal import create_app, migrate
    from wijkportaal.initiatieven import services

    _opnieuw(url)
    migrate.upgrade(url)
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url})
    engine = app.extensions["db_engine"]
    with app.app_context(), Session(engine) as db:
        from datetime import date

        ronde = services.open_ronde(db, None, "Ronde 2026", date(2099, 1, 1), 2026, 2027)
        db.commit()
        ronde_id = ronde.id
    with engine.begin() as conn:
        q = lambda sql, **kw: conn.execute(sa.text(sql), kw)  # noqa: E731
        q(
            "INSERT INTO gebruikers (email, naam, rol, is_actief, aangemaakt_op) "
            "SELECT 'b' || i || '@bench', 'Beoordelaar ' || i, 'beoordelaar', true, now() "
            "FROM generate_series(1, 40) i"
        )
        q(
            "INSERT INTO aanvragen (ronde_id, versie, status, aanvrager_id, titel, samenvatting, doelgroep, "
            "doelen, werkwijze, resultaten, evaluatie, kennisdeling, onderbouwing, afspraken, duurzaamheid, "
            "aangemaakt_op, gewijzigd_op) "
            "SELECT :r, 1, CASE WHEN i <= :b THEN 'beoordeeld' ELSE 'ingediend' END, "
            "(SELECT min(id) FROM gebruikers), 'Aanvraag ' || i, '', '', '', '', '', '', '', '', '', '', "
            "now(), now() FROM generate_series(1, :n) i",
            r=ronde_id,
            b=BEOORDEELD,
            n=AANVRAGEN,
        )
        q(
            "INSERT INTO beoordeling_toewijzingen (aanvraag_id, beoordelaar_id, deadline, toegewezen_op, "
            "verklaring, verklaard_op, afzien_reden, advies, advies_toelichting, ingediend_op) "
            "SELECT a.id, (SELECT min(id) FROM gebruikers) + ((a.id * 2 + k) % 40), DATE '2099-01-01', "
            "now(), 'geen_conflict', now(), '', CASE WHEN k = 0 THEN 'toekennen' ELSE 'aanhouden' END, '', "
            "now() FROM aanvragen a CROSS JOIN generate_series(0, 1) k WHERE a.status = 'beoordeeld'"
        )
        q(
            "INSERT INTO beoordeling_scores (toewijzing_id, criterium_id, score, motivering, gegeven_op) "
            "SELECT t.id, c.id, (t.id + c.nummer) % 4, 'Motivering', now() "
            "FROM beoordeling_toewijzingen t CROSS JOIN initiatief_criteria c "
            "WHERE c.ronde_id = :r AND c.soort = 'inhoudelijk'",
            r=ronde_id,
        )
        q("ANALYZE")
    engine.dispose()


def meet(url: str, runs: int) -> dict:
    from sqlmodel import Session, func, select

    from wijkportaal import create_app
    from wijkportaal.beoordeling import queries
    from wijkportaal.beoordeling.models import Score
    from wijkportaal.initiatieven.models import Aanvraag

    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url})
    engine = app.extensions["db_engine"]
    statements = [0]
    sa.event.listen(engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
    uitkomst = {}
    with app.app_context(), Session(engine) as db:
        ids = list(db.exec(select(Aanvraag.id).order_by(Aanvraag.id)))
        uitkomst["aanvragen"] = len(ids)
        uitkomst["scores"] = db.exec(select(func.count()).select_from(Score)).one()
        for naam, deel in (("alle", ids), ("pagina van 50", ids[:50])):
            tijden, tellingen = [], []
            for _ in range(runs):
                statements[0] = 0
                t = time.perf_counter()
                uitslagen = queries.uitslagen(db, deel)
                tijden.append((time.perf_counter() - t) * 1000)
                tellingen.append(statements[0])
                db.expire_all()
            uitkomst[naam] = {
                "ids": len(deel),
                "p50_ms": round(percentile(tijden, 50), 1),
                "p95_ms": round(percentile(tijden, 95), 1),
                "queries": max(tellingen),
                "met_verschil": sum(1 for u in uitslagen.values() if u.verschil),
                "knock_out": sum(1 for u in uitslagen.values() if u.knock_out),
            }
    engine.dispose()
    return uitkomst


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.beoordeling", description=__doc__)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the database filled by an earlier run")
    args = parser.parse_args(argv)
    if not args.reuse:
        t = time.perf_counter()
        vul(args.pg_url)
        print(f"gevuld in {time.perf_counter() - t:.1f} s")
    uitkomst = meet(args.pg_url, args.runs)
    print(f"{uitkomst['aanvragen']} aanvragen, {uitkomst['scores']} scores")
    print(f"{'uitslagen van':<16} {'ids':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for naam in ("alle", "pagina van 50"):
        r = uitkomst[naam]
        print(f"{naam:<16} {r['ids']:>6} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['queries']:>8}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "beoordeling.json").write_text(json.dumps(uitkomst, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
