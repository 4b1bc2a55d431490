"""`python -m bench.kaart`: the map of the wijken at the demo's size and at national size, and the two imports.

1. The demo (23 wijken, schematic shapes) with at least 300 school markers: `/kaart/frame?laag=scholen`,
   `/kaart/frame?laag=overleg` and the page `/kaart`, server time p50/p95 and HTML size.
2. The same on 1,500 wijken (bench/generate.py at scale 1) with generated shapes of ~20-60 vertices and
   every school placed inside its wijk.
3. `flask import grenzen` on the real Amsterdam-Diemen file and `flask import duo` on DUO's national file,
   each timed as a whole command on a fresh migrated database holding the demo's 23 wijken.

Tiles are off (KAART_TEGELS "geen"): no network. Results: a table on stdout and bench/results/kaart.json.
"""

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import shapely
import sqlalchemy as sa
from sqlmodel import Session, select

from bench import generate
from bench.generate import PASSWORD, SWV_EMAIL
from bench.ledger import table, verdict
from bench.measure import WARMUP, QueryCounter, make_client, measure_route, memory
from maps.geometrie import naar_geojson
from maps.schematisch import punten_in, schematische_vormen
from wijkportaal import create_app, migrate
from wijkportaal.wijken.models import Organisatie, OrganisatieSoort, Wijk
from wijkportaal.wijken.services import vervang_grenzen

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARED = Path(os.environ.get("WIJKPORTAAL_TESTDATA", ROOT.parent / "shared" / "data"))
GEBIEDEN = SHARED / "amsterdam-diemen-gebieden-jetlag.geojson"
DUO_NL = SHARED / "duo-alle-vestigingen-bo-2021-10-01-nl.csv"
PC4_NL = SHARED / "nl-pc4-4pp-bobdenotter.csv"
KOPPELING = ROOT / "wijkportaal" / "demo" / "gebieden-koppeling.csv"
WIJKEN_CSV = ROOT / "wijkportaal" / "demo" / "wijken.csv"
FLASK = Path(sys.executable).parent / "flask"

MARKERS = 300  # school markers on the demo's map
ROUTES = {
    "frame_scholen": "/kaart/frame?laag=scholen",
    "frame_overleg": "/kaart/frame?laag=overleg",
    "pagina": "/kaart",
}
TARGET_MS = {"demo": 150, "landelijk": 1500}
TARGET_BYTES = 1_000_000  # the demo's HTML
TARGET_IMPORT_S = {"grenzen": 10, "duo": 30}
ROUTE_BUDGET_S = 90  # per route: fewer timed requests when one takes long (at least 10)
COMMAND_TIMEOUT_S = 300

# A rough outline of the Netherlands (lon, lat) for the national wijk shapes.
NEDERLAND = [
    (3.40, 51.37), (4.25, 51.37), (5.05, 51.47), (5.85, 51.15), (5.65, 50.77), (6.05, 50.78),
    (6.20, 51.40), (6.10, 51.85), (6.75, 51.90), (7.05, 52.25), (7.07, 52.65), (7.20, 53.25),
    (6.70, 53.48), (5.60, 53.42), (4.75, 53.20), (4.55, 52.50), (4.10, 52.00), (3.55, 51.70),
]  # fmt: skip


# -- databases


def sqlite_url(name: str) -> str:
    return generate.sqlite_url(f"kaart-{name}")


def fresh(url: str) -> None:
    """An empty database with the schema of the Alembic migrations."""
    generate.DATA.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        generate.ensure_postgres_database(url)
    migrate.upgrade(url)


def _app(url: str):
    return create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "KAART_TEGELS": "geen"})


def _cli(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=list(args))
    if result.exit_code != 0:
        raise SystemExit(f"flask {' '.join(args)} failed: {result.output}\n{result.exception!r}")


def demo_dataset(url: str) -> dict:
    """The demo data, schools added inside their wijk's shape up to MARKERS, and the bench's SWV login."""
    fresh(url)
    app = _app(url)
    _cli(app, "demo-data")
    _cli(
        app,
        "user",
        "create",
        "--email",
        SWV_EMAIL,
        "--naam",
        "Bench SWV",
        "--rol",
        "swv",
        "--password",
        PASSWORD,
    )
    engine = app.extensions["db_engine"]
    with Session(engine) as db:
        scholen = [
            o for o in db.exec(select(Organisatie).where(Organisatie.lat.is_not(None))) if o.soort.is_school
        ]
        vormen = {
            wijk_id: shapely.from_geojson(geometrie)
            for wijk_id, geometrie in db.execute(sa.text("SELECT wijk_id, geometrie FROM wijkgrenzen"))
        }
        tekort = max(0, MARKERS - len(scholen))
        rng = random.Random(300)
        wijk_ids = sorted(vormen)
        for i in range(tekort):
            wijk_id = rng.choice(wijk_ids)
            ((lon, lat),) = punten_in(vormen[wijk_id], 1, f"bench-school-{i}")
            db.add(
                Organisatie(
                    naam=f"Benchschool {i + 1}",
                    soort=OrganisatieSoort.BASISSCHOOL,
                    wijk_id=wijk_id,
                    leerlingen=rng.randint(80, 650),
                    lat=lat,
                    lon=lon,
                )
            )
        db.commit()
        voorzieningen = db.execute(sa.text("SELECT count(*) FROM voorzieningen")).scalar_one()
    engine.dispose()
    return {
        "wijken": len(vormen),
        "scholen_demo": len(scholen),
        "scholen_toegevoegd": tekort,
        "voorzieningen": voorzieningen,
    }


def national_dataset(url: str, scale: float, reuse: bool) -> dict:
    """bench/generate.py's dataset, then a wiggly Voronoi shape per wijk and every school placed inside it."""
    meta = generate.ensure(url, scale, reuse, log=lambda _line: None)
    t0 = time.perf_counter()
    engine = _app(url).extensions["db_engine"]
    with Session(engine) as db:
        wijken = list(db.exec(select(Wijk.id, Wijk.code).order_by(Wijk.id)))
        vormen = wijkvormen([code for _, code in wijken])
        vervang_grenzen(
            db,
            {wijk_id: naar_geojson(vormen[code]) for wijk_id, code in wijken},
            bron="bench.kaart: gegenereerde vormen",
            is_schematisch=True,
        )
        codes = dict(wijken)
        scholen = db.execute(
            sa.text(
                "SELECT id, wijk_id FROM organisaties WHERE soort IN ('basisschool', 'sbo', 'so') "
                "AND wijk_id IS NOT NULL ORDER BY wijk_id, id"
            )
        ).all()
        per_wijk: dict[int, list[int]] = {}
        for school_id, wijk_id in scholen:
            per_wijk.setdefault(wijk_id, []).append(school_id)
        posities = []
        for wijk_id, ids in per_wijk.items():
            punten = punten_in(vormen[codes[wijk_id]], len(ids), f"bench:{wijk_id}", marge=0.002)
            posities += [
                {"i": school_id, "lon": lon, "lat": lat}
                for school_id, (lon, lat) in zip(ids, punten, strict=True)
            ]
        db.execute(sa.text("UPDATE organisaties SET lat = :lat, lon = :lon WHERE id = :i"), posities)
        db.commit()
    engine.dispose()
    hoekpunten = [len(shapely.get_coordinates(v)) for v in vormen.values()]
    return {
        "scale": scale,
        "generated_at": meta["generated_at"],
        "wijken": len(wijken),
        "scholen_op_kaart": len(posities),
        "vertices": {
            "min": min(hoekpunten),
            "mean": round(sum(hoekpunten) / len(hoekpunten), 1),
            "max": max(hoekpunten),
        },
        "shapes_seconds": round(time.perf_counter() - t0, 1),
    }


def wijkvormen(codes: list[str], seed: int = 1500) -> dict[str, shapely.Geometry]:
    """One realistic-looking shape per code across the Netherlands: Voronoi cells around random centres,
    their edges cut into ~2 km pieces and bent by one smooth displacement field shared by all cells, so
    neighbours still meet without gaps or overlaps. About 20-60 vertices per shape."""
    rng = random.Random(seed)
    omtrek = shapely.Polygon(NEDERLAND)
    minx, miny, maxx, maxy = omtrek.bounds
    centra: dict[str, tuple[float, float]] = {}
    shapely.prepare(omtrek)
    while len(centra) < len(codes):
        x, y = round(rng.uniform(minx, maxx), 5), round(rng.uniform(miny, maxy), 5)
        if shapely.contains_xy(omtrek, x, y):
            centra[codes[len(centra)]] = (x, y)
    cellen = schematische_vormen(centra, NEDERLAND)
    stap = math.sqrt(omtrek.area / len(codes)) / 7  # about seven pieces per edge of an average cell
    fase = [rng.uniform(0, 2 * math.pi) for _ in range(4)]

    def buig(xy: np.ndarray) -> np.ndarray:
        x, y = xy[:, 0], xy[:, 1]
        golf = stap * 0.35  # amplitude x wave number stays < 1: the field folds nothing over
        dx = golf * (np.sin(y * 23 + fase[0]) + 0.5 * np.sin(y * 61 + fase[1]))
        dy = golf * (np.sin(x * 19 + fase[2]) + 0.5 * np.sin(x * 53 + fase[3]))
        return np.column_stack([x + dx, y + dy])

    return {
        code: shapely.transform(shapely.segmentize(cel, stap), buig).simplify(0)
        for code, cel in cellen.items()
    }


# -- measuring


def measure_map(url: str, requests: int) -> dict:
    """The three routes through Flask's test client as the bench's SWV user (bench.measure's helpers)."""
    load_before = os.getloadavg()
    app, client = make_client(url)
    app.config["KAART_TEGELS"] = "geen"
    counter = QueryCounter(app.extensions["db_engine"])
    routes = []
    for name, path in ROUTES.items():
        t0 = time.perf_counter()
        first = client.get(path)
        eerste_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        client.get(path)
        n = max(10, min(requests, int(ROUTE_BUDGET_S / max(time.perf_counter() - t0, 1e-3))))
        result = measure_route(client, counter, name, [path] * (n + WARMUP), pending_if_404=False)
        result.pop("_queries", None)
        result.pop("_times", None)
        result.update(first_ms=round(eerste_ms, 1), first_status=first.status_code, requested=requests)
        routes.append(result)
    with app.extensions["db_engine"].connect() as conn:
        aantal = conn.execute(sa.text("SELECT count(*) FROM wijken")).scalar_one()
    app.extensions["db_engine"].dispose()
    return {
        "url": url,
        "wijken": aantal,
        "routes": routes,
        "memory": memory(),
        "loadavg": {"before": load_before, "after": os.getloadavg()},
    }


def time_command(args: list[str], url: str) -> dict:
    """One `flask …` command as a process of its own, wall-clock time from start to exit."""
    env = {
        **os.environ,
        "FLASK_APP": "wijkportaal",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench",
        "KAART_TEGELS": "geen",
        "WIJKPORTAAL_INSTANCE": str(generate.DATA / "instance"),  # as bench.ledger.flask: no key in instance/
    }
    t0 = time.perf_counter()
    try:
        done = subprocess.run(
            [str(FLASK), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        return {"command": "flask " + " ".join(args), "seconds": None, "exit": "timeout"}
    return {
        "command": "flask " + " ".join(str(a).replace(str(ROOT) + "/", "") for a in args),
        "seconds": round(time.perf_counter() - t0, 2),
        "exit": done.returncode,
        "output": [
            r for r in (done.stdout + done.stderr).splitlines() if r.strip() and not r.startswith(" ")
        ][-8:],
    }


def imports(url: str) -> dict:
    """Both imports on a fresh database with the demo's 23 wijken; the boundaries first, so DUO's schools
    are placed in wijken as in production."""
    fresh(url)
    wijken = time_command(["wijken", "import", str(WIJKEN_CSV)], url)
    if wijken["exit"] != 0:
        raise SystemExit(f"Loading the demo wijken failed: {wijken}")
    grenzen = time_command(["import", "grenzen", str(GEBIEDEN), "--koppeling", str(KOPPELING)], url)
    duo = time_command(["import", "duo", str(DUO_NL), "--postcodes", str(PC4_NL)], url)
    engine = sa.create_engine(
        url if url.startswith("sqlite") else "postgresql+psycopg://" + url.split("://", 1)[1]
    )
    with engine.connect() as conn:
        vormen = [
            shapely.from_geojson(g) for (g,) in conn.execute(sa.text("SELECT geometrie FROM wijkgrenzen"))
        ]
        scholen = conn.execute(sa.text("SELECT count(*) FROM organisaties WHERE bron = 'duo'")).scalar_one()
    engine.dispose()
    hoekpunten = [len(shapely.get_coordinates(v)) for v in vormen]
    return {
        "grenzen": grenzen,
        "duo": duo,
        "stored_boundaries": len(vormen),
        "stored_vertices": {
            "min": min(hoekpunten, default=0),
            "mean": round(sum(hoekpunten) / max(len(hoekpunten), 1), 1),
            "max": max(hoekpunten, default=0),
        },
        "duo_scholen": scholen,
    }


# -- report


def rows(runs: list[dict], importruns: list[dict]) -> list[tuple[str, str, str, str, str]]:
    """(measure, backend, result, target, verdict) per route and dataset, then per import."""
    lines = []
    for run in runs:
        target = TARGET_MS[run["dataset"]]
        for r in run["routes"]:
            measure = f"GET {ROUTES[r['name']]}, {run['wijken']:,} wijken"
            if r["status"] != "ok":
                lines.append((measure, run["backend"], f"HTTP {r.get('http_status')}", "", "ERROR"))
                continue
            demo = run["dataset"] == "demo"
            lines.append(
                (
                    measure,
                    run["backend"],
                    f"p50 {r['p50_ms']:.1f} / p95 {r['p95_ms']:.1f} ms (n {r['n']}, 1st {r['first_ms']:.0f} ms), "
                    f"{r['bytes_mean'] / 1000:,.0f} kB, {r['queries']['max']} queries",
                    f"p95 ≤ {target:,} ms" + (", ≤ 1 MB" if demo else ""),
                    verdict(r["p95_ms"] <= target and (not demo or r["bytes_mean"] <= TARGET_BYTES)),
                )
            )
    for run in importruns:
        for name in ("grenzen", "duo"):
            c = run[name]
            ok = c["exit"] == 0 and c["seconds"] is not None and c["seconds"] <= TARGET_IMPORT_S[name]
            lines.append(
                (
                    f"flask import {name} (whole command)",
                    run["backend"],
                    f"{c['seconds']:.2f} s" if c["seconds"] is not None else "timeout",
                    f"≤ {TARGET_IMPORT_S[name]} s",
                    verdict(ok) if c["exit"] in (0, "timeout") else f"ERROR (exit {c['exit']})",
                )
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.kaart", description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per route (default 50)")
    parser.add_argument(
        "--quick", action="store_true", help="10 requests, 300 wijken for the national case (about a minute)"
    )
    parser.add_argument(
        "--pg-url", help="also measure on this PostgreSQL database (its schema public is dropped)"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse bench/data/kaart-landelijk.sqlite if generated"
    )
    args = parser.parse_args(argv)
    requests = 10 if args.quick else args.requests
    scale = 0.2 if args.quick else 1.0
    started = time.perf_counter()
    backends = {"sqlite": None, **({"postgresql": args.pg_url} if args.pg_url else {})}

    runs, importruns, datasets = [], [], {}
    for backend, pg in backends.items():
        url = pg or sqlite_url("demo")
        print(f"== {backend}: demo data with {MARKERS} school markers", flush=True)
        t0 = time.perf_counter()
        datasets[f"demo/{backend}"] = demo_dataset(url)
        print(f"   ready in {time.perf_counter() - t0:.0f} s; measuring", flush=True)
        runs.append({**measure_map(url, requests), "dataset": "demo", "backend": backend})

        url = pg or sqlite_url("landelijk")
        print(f"== {backend}: national dataset at scale {scale} with generated shapes", flush=True)
        t0 = time.perf_counter()
        datasets[f"landelijk/{backend}"] = national_dataset(url, scale, args.reuse and pg is None)
        print(f"   ready in {time.perf_counter() - t0:.0f} s; measuring", flush=True)
        runs.append({**measure_map(url, requests), "dataset": "landelijk", "backend": backend})

        url = pg or sqlite_url("import")
        print(f"== {backend}: flask import grenzen and flask import duo on a fresh database", flush=True)
        importruns.append({**imports(url), "backend": backend})

    print()
    print(table(rows(runs, importruns)))
    print()
    for name, d in datasets.items():
        print(f"{name}: {json.dumps(d)}")
    for run in importruns:
        v = run["stored_vertices"]
        print(
            f"{run['backend']}: imported {run['stored_boundaries']} real boundaries "
            f"({v['min']}/{v['mean']}/{v['max']} vertices min/mean/max), {run['duo_scholen']} DUO schools"
        )
        for name in ("grenzen", "duo"):
            for regel in run[name]["output"]:
                print(f"  {name}: {regel}")
    for run in runs:
        load = run["loadavg"]
        print(
            f"Load average during {run['dataset']}/{run['backend']}: {load['before'][0]:.1f} → {load['after'][0]:.1f} "
            f"on {os.cpu_count()} CPUs; VmHWM {run['memory']['vmhwm_mb']} MB"
        )
    print(f"Total {time.perf_counter() - started:.0f} s")

    RESULTS.mkdir(exist_ok=True)
    result = {
        "command": "python -m bench.kaart " + " ".join(argv if argv is not None else sys.argv[1:]),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "targets": {"p95_ms": TARGET_MS, "demo_html_bytes": TARGET_BYTES, "import_s": TARGET_IMPORT_S},
        "datasets": datasets,
        "runs": runs,
        "imports": importruns,
    }
    (RESULTS / "kaart.json").write_text(json.dumps(result, indent=2, default=str))
    print(f"Written to {RESULTS / 'kaart.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
