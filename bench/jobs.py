"""`python -m bench.jobs`: one run of every daily job, and the monthly digest for one SWV, at national scale.

The portal's national dataset (`bench/generate.py`, the same as `python -m bench`; `--reuse` keeps one of
the same scale) is copied to a temporary SQLite file, so the run's messages and `eenmalig` records do
not change it; then every registered job except the sender (`mail`, measured by `python -m bench.mail`)
runs once through `core.jobs.run_job`, as `flask jobs run-once --all` would, each timed on its own, and
the monthly digest's content is composed once more on its own. Targets: all daily jobs ≤ 60 s, the digest
≤ 5 s. Results: a table on stdout and bench/results/jobs.json.

Before the run, every wijk gets a pot of the last school year with its boards (up to three, each with a
bestuurder) and a contribution booked through the ledger, so `nieuw-schooljaar-potten` does its 1 August
work at national scale: close 1,500 pots, open 1,500 new ones, propose 1,500 carry-overs and mail the
bestuurders; afterwards the amounts proposed are checked against those paid in, and `ledger check` runs.
With DATABASE_URL (or --pg-url) pointing at PostgreSQL, the same is measured there too, on a freshly
generated dataset (the database's schema is dropped).
"""

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.ledger import table, verdict

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_DAGELIJKS_S = 60
TARGET_MAANDOVERZICHT_S = 5


BESTUREN_PER_POT = 3


def zaai_potten(app) -> dict[int, int]:
    """A pot of the last school year per wijk, its boards' bestuurders and a paid-in contribution each;
    returns pot id → cents paid in."""
    from datetime import date

    from sqlmodel import Session, select

    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.core import clock
    from wijkportaal.core.roles import Rol
    from wijkportaal.pot import services
    from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort
    from wijkportaal.wijken.models import Organisatie, Wijk

    jaar = clock.schooljaar_van(clock.today()) - 1
    ingelegd = {}
    with app.app_context(), Session(app.extensions["db_engine"]) as session:
        swv = session.exec(select(Gebruiker).where(Gebruiker.rol == Rol.SWV)).first()
        besturen: dict[int, list[int]] = {}
        for wijk_id, bestuur_id in session.exec(
            select(Organisatie.wijk_id, Organisatie.bestuur_id)
            .where(Organisatie.bestuur_id.is_not(None), Organisatie.wijk_id.is_not(None))
            .distinct()
            .order_by(Organisatie.wijk_id, Organisatie.bestuur_id)
        ):
            if len(besturen.setdefault(wijk_id, [])) < BESTUREN_PER_POT:
                besturen[wijk_id].append(bestuur_id)
        alle = sorted({b for bs in besturen.values() for b in bs})
        session.add_all(
            Gebruiker(
                email=f"bestuurder.b{b:04d}@bench.wijkportaal.nl",
                naam=f"Bestuurder {b}",
                rol=Rol.BESTUURDER,
                bestuur_id=b,
            )
            for b in alle
        )
        regels = list(Goedkeuringsregel)
        for i, wijk in enumerate(session.exec(select(Wijk).order_by(Wijk.id))):
            if not besturen.get(wijk.id):
                continue
            pot = services.open_pot(
                session,
                swv,
                naam=f"Pot {wijk.naam} {clock.schooljaar_label(jaar)}",
                periode_soort=PeriodeSoort.SCHOOLJAAR,
                jaar=jaar,
                wijk_ids=[wijk.id],
                bestuur_ids=besturen[wijk.id],
                regel=regels[i % len(regels)],
            )
            cents = 1_000_000 + 137 * wijk.id
            services.voeg_bijdrage_toe(
                session,
                swv,
                pot,
                bron=BronSoort.SWV,
                bestuur_id=None,
                partner_naam="",
                middelen="ondersteuningsmiddelen",
                bedrag_cents=cents,
                datum=date(jaar, 9, 1),
                toezegging=False,
                uiterlijk_op=None,
                sleutel=f"bench-pot-{wijk.id}",
            )
            ingelegd[pot.id] = cents
        session.commit()
    return ingelegd


def controleer_overhevelingen(app, ingelegd: dict[int, int]) -> dict:
    """The carry-overs the run proposed against what was paid in, and the ledger's own check."""
    from sqlmodel import Session, select

    from ledger import Ledger
    from wijkportaal.pot.models import Overheveling

    with app.app_context(), Session(app.extensions["db_engine"]) as session:
        voorgesteld = dict(session.exec(select(Overheveling.van_pot_id, Overheveling.bedrag_cents)).all())
        fouten = Ledger(session).check()
    return {
        "pots_seeded": len(ingelegd),
        "carry_overs": len(voorgesteld),
        "amounts_exact": voorgesteld == ingelegd,
        "ledger_check_errors": len(fouten),
    }


def meet(url: str) -> dict:
    from sqlmodel import Session, func, select

    from wijkportaal import create_app
    from wijkportaal.core import jobs
    from wijkportaal.mail.models import Bericht
    from wijkportaal.pages.jobs import stel_samen

    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "BASE_URL": "https://wijkportaal.bench"})
    try:
        t = time.perf_counter()
        ingelegd = zaai_potten(app)
        zaaien_s = time.perf_counter() - t
        per_job = {}
        t_alle = time.perf_counter()
        for naam, job in jobs.registered(app).items():
            if naam == "mail":
                continue
            t, cpu = time.perf_counter(), time.process_time()
            uitkomst = jobs.run_job(app, job)
            per_job[naam] = {
                "seconds": round(time.perf_counter() - t, 2),
                # this process's CPU alone (not the database server's): the part the load does not inflate
                "cpu_seconds": round(time.process_time() - cpu, 2),
                "ok": uitkomst.gelukt,
                "result": uitkomst.regel,
            }
        alle_s = time.perf_counter() - t_alle
        with app.app_context(), Session(app.extensions["db_engine"]) as session:
            t = time.perf_counter()
            overzicht = stel_samen(session)
            digest_s = time.perf_counter() - t
            berichten = session.exec(select(func.count()).select_from(Bericht)).one()
        potten = controleer_overhevelingen(app, ingelegd)
    finally:
        app.extensions["db_engine"].dispose()
    return {
        "all_daily_jobs_seconds": round(alle_s, 2),
        "jobs": per_job,
        "monthly_digest_seconds": round(digest_s, 2),
        "digest_lines": {k: len(v) for k, v in vars(overzicht).items() if isinstance(v, list)},
        "messages_queued": int(berichten),
        "load_average": os.getloadavg()[0],
        "pots": {**potten, "seed_seconds": round(zaaien_s, 1)},
    }


def regels_van(backend: str, r: dict) -> list[tuple]:
    p = r["pots"]
    return [
        (
            f"all daily jobs, {len(r['jobs'])} jobs",
            backend,
            f"{r['all_daily_jobs_seconds']:.1f} s",
            f"≤ {TARGET_DAGELIJKS_S} s",
            verdict(
                r["all_daily_jobs_seconds"] <= TARGET_DAGELIJKS_S and all(j["ok"] for j in r["jobs"].values())
            ),
        ),
        (
            "monthly digest, one SWV",
            backend,
            f"{r['monthly_digest_seconds']:.2f} s",
            f"≤ {TARGET_MAANDOVERZICHT_S} s",
            verdict(r["monthly_digest_seconds"] <= TARGET_MAANDOVERZICHT_S),
        ),
        (
            f"carry-overs: {p['carry_overs']:,} of {p['pots_seeded']:,} pots, amounts exact, ledger check",
            backend,
            f"{p['carry_overs']:,}",
            f"{p['pots_seeded']:,}",
            verdict(
                p["carry_overs"] == p["pots_seeded"] and p["amounts_exact"] and not p["ledger_check_errors"]
            ),
        ),
    ] + [
        (f"  {naam}", backend, f"{j['seconds']:.2f} s (CPU {j['cpu_seconds']:.2f} s)", "—", j["result"][:60])
        for naam, j in r["jobs"].items()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.jobs", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="shrink the dataset, e.g. 0.02 for a quick run"
    )
    parser.add_argument("--reuse", action="store_true", help="keep an existing dataset of the same scale")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("DATABASE_URL")
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else None,
        help="also measure on this PostgreSQL database, generated afresh (default: DATABASE_URL when it is one)",
    )
    args = parser.parse_args(argv)

    url = generate.sqlite_url()
    print(f"== sqlite: dataset at scale {args.scale}", flush=True)
    meta = generate.ensure(url, args.scale, args.reuse)
    resultaten = {}
    with tempfile.TemporaryDirectory() as tmp:
        kopie = Path(tmp) / "jobs.sqlite"
        shutil.copy(url.removeprefix("sqlite:///"), kopie)
        resultaten["sqlite"] = meet(f"sqlite:///{kopie}")
    if args.pg_url:
        print(f"== postgresql: dataset at scale {args.scale}, generated afresh", flush=True)
        generate.generate(args.pg_url, args.scale)
        resultaten["postgresql"] = meet(args.pg_url)
    regels = [regel for backend, r in resultaten.items() for regel in regels_van(backend, r)]
    print(table(regels))
    print(
        f"dataset: {meta['rows'].get('wijken', '?')} wijken, {meta['rows'].get('bijeenkomsten', '?')} bijeenkomsten"
    )
    for backend, r in resultaten.items():
        print(f"{backend}: messages queued by the run: {r['messages_queued']:,}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "jobs.json").write_text(json.dumps({**resultaten, "dataset": meta}, indent=2))
    return 0 if all(row[4] != "FAIL" for row in regels if not row[0].startswith("  ")) else 1


if __name__ == "__main__":
    raise SystemExit(main())
