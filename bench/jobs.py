"""`python -m bench.jobs`: one run of every daily job, and the monthly digest for one SWV, at national scale.

The portal's national dataset (`bench/generate.py`, the same as `python -m bench`; `--reuse` keeps one of
the same scale) is copied to a temporary SQLite file, so the run's messages and `eenmalig` records do
not change it; then every registered job except the sender (`mail`, measured by `python -m bench.mail`)
runs once through `core.jobs.run_job`, as `flask jobs run-once --all` would, each timed on its own, and
the monthly digest's content is composed once more on its own. Targets: all daily jobs ≤ 60 s, the digest
≤ 5 s. Results: a table on stdout and bench/results/jobs.json.
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


def meet(url: str) -> dict:
    from sqlmodel import Session, func, select

    from wijkportaal import create_app
    from wijkportaal.core import jobs
    from wijkportaal.mail.models import Bericht
    from wijkportaal.pages.jobs import stel_samen

    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url, "BASE_URL": "https://wijkportaal.bench"})
    try:
        per_job = {}
        t_alle = time.perf_counter()
        for naam, job in jobs.registered(app).items():
            if naam == "mail":
                continue
            t = time.perf_counter()
            uitkomst = jobs.run_job(app, job)
            per_job[naam] = {
                "seconds": round(time.perf_counter() - t, 2),
                "ok": uitkomst.gelukt,
                "result": uitkomst.regel,
            }
        alle_s = time.perf_counter() - t_alle
        with app.app_context(), Session(app.extensions["db_engine"]) as session:
            t = time.perf_counter()
            overzicht = stel_samen(session)
            digest_s = time.perf_counter() - t
            berichten = session.exec(select(func.count()).select_from(Bericht)).one()
    finally:
        app.extensions["db_engine"].dispose()
    return {
        "all_daily_jobs_seconds": round(alle_s, 2),
        "jobs": per_job,
        "monthly_digest_seconds": round(digest_s, 2),
        "digest_lines": {k: len(v) for k, v in vars(overzicht).items() if isinstance(v, list)},
        "messages_queued": int(berichten),
        "load_average": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.jobs", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="shrink the dataset, e.g. 0.02 for a quick run"
    )
    parser.add_argument("--reuse", action="store_true", help="keep an existing dataset of the same scale")
    args = parser.parse_args(argv)

    url = generate.sqlite_url()
    print(f"== sqlite: dataset at scale {args.scale}", flush=True)
    meta = generate.ensure(url, args.scale, args.reuse)
    with tempfile.TemporaryDirectory() as tmp:
        kopie = Path(tmp) / "jobs.sqlite"
        shutil.copy(url.removeprefix("sqlite:///"), kopie)
        r = meet(f"sqlite:///{kopie}")
    regels = [
        (
            f"all daily jobs, {len(r['jobs'])} jobs",
            "sqlite",
            f"{r['all_daily_jobs_seconds']:.1f} s",
            f"≤ {TARGET_DAGELIJKS_S} s",
            verdict(
                r["all_daily_jobs_seconds"] <= TARGET_DAGELIJKS_S and all(j["ok"] for j in r["jobs"].values())
            ),
        ),
        (
            "monthly digest, one SWV",
            "sqlite",
            f"{r['monthly_digest_seconds']:.2f} s",
            f"≤ {TARGET_MAANDOVERZICHT_S} s",
            verdict(r["monthly_digest_seconds"] <= TARGET_MAANDOVERZICHT_S),
        ),
    ]
    regels += [
        (f"  {naam}", "sqlite", f"{j['seconds']:.2f} s", "—", j["result"][:60])
        for naam, j in r["jobs"].items()
    ]
    print(table(regels))
    print(
        f"dataset: {meta['rows'].get('wijken', '?')} wijken, {meta['rows'].get('bijeenkomsten', '?')} bijeenkomsten"
    )
    print(f"messages queued by the run: {r['messages_queued']:,}")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "jobs.json").write_text(json.dumps({"sqlite": r, "dataset": meta}, indent=2))
    return 0 if all(row[4] != "FAIL" for row in regels[:2]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
