"""Measure server-side latency and SQL queries per request on one database, in a process of its own.

Run by `python -m bench` once per backend (so the resident memory reported is that of a web process that
served the run, not of the generator), or by hand:

    .venv/bin/python -m bench.measure sqlite:///bench/data/bench.sqlite --requests 50
    .venv/bin/python -m bench.measure URL --profile /wijken/W0001      # cProfile of one route
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import re
import resource
import sys
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from bench.generate import PASSWORD, SWV_EMAIL
from wijkportaal import create_app

WARMUP = 5


class QueryCounter:
    """Counts statements on the app's engine; while `capturing`, also keeps them with their parameters."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.count = 0
        self.captured: list[tuple[str, object]] | None = None
        event.listen(engine, "before_cursor_execute", self._before)

    def _before(self, _conn, _cursor, statement, parameters, _context, _executemany):
        self.count += 1
        if self.captured is not None:
            self.captured.append((statement, parameters))

    def capture(self, client, path: str) -> list[tuple[str, object]]:
        self.captured = []
        try:
            client.get(path)
            return self.captured
        finally:
            self.captured = None


def replay(engine: sa.Engine, statements: list[tuple[str, object]], repeat: int = 3) -> list[dict]:
    """Run each read statement again on a raw connection, fetching every row (SQLite does its work while
    rows are fetched, so timing cursor.execute alone would hide it); median of `repeat` runs, slowest first."""
    rows = []
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for sql, params in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                cursor.execute(sql, params)
                cursor.fetchall()
                times.append((time.perf_counter() - t0) * 1000)
            rows.append(
                {
                    "ms": round(sorted(times)[len(times) // 2], 2),
                    "sql": _normalise(sql),
                    "raw": sql,
                    "params": params,
                }
            )
        raw.rollback()
    finally:
        raw.close()
    return sorted(rows, key=lambda r: -r["ms"])


def explain(engine: sa.Engine, sql: str, params) -> str:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(row[-1] for row in cursor.fetchall())
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())
    finally:
        raw.rollback()
        raw.close()


def _normalise(sql: str) -> str:
    sql = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r"\((?:\s*(?:\?|%\(\w+\)s(?:::\w+)?)\s*,?)+\)", "(…)", sql)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def memory() -> dict:
    """Resident memory of this process: now (VmRSS) and its peak (VmHWM). ru_maxrss is kept for reference,
    but on Linux it carries the parent's peak across fork and exec, so it overstates a fresh child."""
    status = Path("/proc/self/status")
    fields = {}
    if status.exists():
        for key in ("VmRSS", "VmHWM"):
            match = re.search(rf"{key}:\s+(\d+) kB", status.read_text())
            fields[key] = round(int(match.group(1)) / 1024, 1) if match else None
    return {
        "vmrss_mb": fields.get("VmRSS"),
        "vmhwm_mb": fields.get("VmHWM"),
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def make_client(url: str):
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    client = app.test_client()
    response = client.post("/inloggen", data={"email": SWV_EMAIL, "wachtwoord": PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Inloggen als {SWV_EMAIL} mislukt: HTTP {response.status_code}")
    return app, client


def wijk_codes(app) -> tuple[list[str], set[str]]:
    """All wijk codes, and those of wijken with a wijkoverleg."""
    with app.extensions["db_engine"].connect() as conn:
        codes = [r[0] for r in conn.execute(sa.text("SELECT code FROM wijken ORDER BY id"))]
        met = {
            r[0]
            for r in conn.execute(
                sa.text("SELECT w.code FROM wijken w JOIN wijkoverleggen o ON o.wijk_id = w.id")
            )
        }
    return codes, met


def measure_route(
    client,
    counter: QueryCounter,
    name: str,
    paths: list[str],
    pending_if_404: bool,
    sql_path: str | None = None,
) -> dict:
    """Warm up, then time every path in `paths` once; the result's status says ok, pending or error."""
    result = {
        "name": name,
        "route": paths[0] if len(set(paths)) == 1 else re.sub(r"[^/]+$", "<code>", paths[0]),
    }
    for path in paths[:WARMUP]:
        response = client.get(path)
        if response.status_code != 200:
            result["http_status"] = response.status_code
            if response.status_code == 404 and pending_if_404:
                result["status"] = "pending"
            else:
                result["status"] = "error"
                result["body"] = response.get_data(as_text=True)[:300]
            result["n"] = 0
            return result
    times, queries, sizes, failures = [], [], [], 0
    for path in paths[WARMUP:]:
        before = counter.count
        t0 = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        queries.append(counter.count - before)
        sizes.append(len(response.get_data()))
        failures += response.status_code != 200
    result.update(
        status="ok" if not failures else "error",
        http_status=200 if not failures else f"{failures} non-200",
        n=len(times),
        p50_ms=round(percentile(times, 50), 2),
        p95_ms=round(percentile(times, 95), 2),
        mean_ms=round(sum(times) / len(times), 2),
        max_ms=round(max(times), 2),
        queries={"min": min(queries), "max": max(queries), "mean": round(sum(queries) / len(queries), 1)},
        bytes_mean=round(sum(sizes) / len(sizes)),
    )
    statements = counter.capture(client, sql_path or paths[-1])
    timed = replay(counter.engine, statements)
    result["sql"] = {
        "path": sql_path or paths[-1],
        "total_ms": round(sum(r["ms"] for r in timed), 1),
        "slowest": [{"ms": r["ms"], "sql": r["sql"][:400]} for r in timed[:3]],
    }
    result["_queries"] = queries
    result["_times"] = times
    return result


def run(url: str, requests: int, only: list[str] | None = None) -> dict:
    load_before = os.getloadavg()
    app, client = make_client(url)
    counter = QueryCounter(app.extensions["db_engine"])
    codes, met_overleg = wijk_codes(app)
    rng = random.Random(7)
    sample = rng.sample(codes, min(len(codes), requests + WARMUP))
    wijk_paths = [f"/wijken/{c}" for c in sample]
    while len(wijk_paths) < requests + WARMUP:
        wijk_paths.append(f"/wijken/{rng.choice(codes)}")
    plan = [
        ("gezondheid", ["/gezondheid"] * (requests + WARMUP), False),
        ("wijk", wijk_paths, False),
        ("overzicht", ["/overzicht"] * (requests + WARMUP), True),
        ("api_wijken", ["/api/v1/wijken"] * (requests + WARMUP), True),
    ]
    routes = []
    for name, paths, pending_if_404 in plan:
        if only and name not in only:
            continue
        sql_path = (
            next((p for p in paths if p.rsplit("/", 1)[1] in met_overleg), None) if name == "wijk" else None
        )
        result = measure_route(client, counter, name, paths, pending_if_404, sql_path)
        if name == "wijk" and result["status"] == "ok":
            measured = wijk_paths[WARMUP:]
            per_group = {"met_overleg": [], "zonder_overleg": []}
            for path, n, ms in zip(measured, result["_queries"], result["_times"], strict=True):
                per_group[
                    "met_overleg" if path.rsplit("/", 1)[1] in met_overleg else "zonder_overleg"
                ].append((n, ms))
            result["queries_per_group"] = {k: sorted({n for n, _ in v}) for k, v in per_group.items()}
            result["per_group"] = {
                k: {"n": len(v), "p50_ms": round(percentile([ms for _, ms in v], 50), 2) if v else None}
                for k, v in per_group.items()
            }
            result["distinct_wijken"] = len(set(measured))
        result.pop("_queries", None)
        result.pop("_times", None)
        routes.append(result)
    return {
        "url": url,
        "wijken": len(codes),
        "routes": routes,
        "memory": memory(),
        "loadavg": {"before": load_before, "after": os.getloadavg(), "cpus": os.cpu_count()},
    }


def profile(url: str, path: str, requests: int) -> None:
    """cProfile `requests` GETs of one path, then time each of its statements and show the slowest plans."""
    app, client = make_client(url)
    counter = QueryCounter(app.extensions["db_engine"])
    for _ in range(WARMUP):
        client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    timed = replay(counter.engine, counter.capture(client, path))
    print(
        f"Statements of one request, replayed (median of 3, rows fetched): {sum(r['ms'] for r in timed):.1f} ms"
    )
    for row in timed:
        print(f"  {row['ms']:>8.2f} ms  {row['sql'][:160]}")
    for row in timed[:2]:
        print(f"\n-- plan of ({row['ms']} ms): {row['sql'][:2000]}\n")
        print(explain(counter.engine, row["raw"], row["params"]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.measure", description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL of a generated dataset")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--only", action="append", choices=["gezondheid", "wijk", "overzicht", "api_wijken"])
    parser.add_argument("--out", type=Path, help="write the JSON here (default: stdout)")
    parser.add_argument("--profile", metavar="PATH", help="profile one path instead of measuring")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.url, args.profile, args.requests)
        return
    result = run(args.url, args.requests, args.only)
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text)
    else:
        sys.stdout.write(text + "\n")


if __name__ == "__main__":
    main()
