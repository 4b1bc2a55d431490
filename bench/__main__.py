"""`python -m bench`: generate (or reuse) the datasets, measure every route per backend, print the figures."""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import generate

RESULTS = Path(__file__).resolve().parent / "results"
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/wp_bench")
SMALL_SCALE = 0.01
TARGETS_MS = {"gezondheid": None, "wijk": 50, "overzicht": 200, "api_wijken": 200}
LABELS = {
    "gezondheid": "GET /gezondheid (floor)",
    "wijk": "GET /wijken/<code>",
    "overzicht": "GET /overzicht",
    "api_wijken": "GET /api/v1/wijken",
}


def postgres_reachable(url: str) -> bool:
    import psycopg

    try:
        psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
    except psycopg.OperationalError:
        return False
    return True


def measure(url: str, requests: int, only: list[str] | None = None) -> dict:
    """Run bench.measure in a fresh process, so its memory is that of a web process serving the run."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [sys.executable, "-m", "bench.measure", url, "--requests", str(requests), "--out", out.name]
        for name in only or []:
            command += ["--only", name]
        done = subprocess.run(command, cwd=Path(__file__).resolve().parent.parent)
        if done.returncode != 0:
            raise SystemExit(f"Measuring {url} failed (exit {done.returncode}); see the traceback above.")
        return json.loads(Path(out.name).read_text())


def verdict(route: dict) -> str:
    target = TARGETS_MS[route["name"]]
    if route["status"] == "pending":
        return f"pending (HTTP {route['http_status']})"
    if route["status"] == "error":
        return f"ERROR (HTTP {route['http_status']})"
    if target is None:
        return "—"
    return "pass" if route["p95_ms"] <= target else "FAIL"


def table(runs: list[dict]) -> str:
    header = ("route", "backend", "n", "p50 ms", "p95 ms", "max ms", "queries/req", "target p95", "result")
    lines = [header]
    for run in runs:
        for route in run["routes"]:
            q = route.get("queries")
            queries = "" if not q else str(q["min"]) if q["min"] == q["max"] else f"{q['min']}-{q['max']}"
            target = TARGETS_MS[route["name"]]
            lines.append(
                (
                    LABELS[route["name"]],
                    run["backend"],
                    str(route["n"]),
                    f"{route['p50_ms']:.1f}" if "p50_ms" in route else "—",
                    f"{route['p95_ms']:.1f}" if "p95_ms" in route else "—",
                    f"{route['max_ms']:.1f}" if "max_ms" in route else "—",
                    queries or "—",
                    f"≤ {target} ms" if target else "—",
                    verdict(route),
                )
            )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for k, line in enumerate(lines):
        out.append(
            "  ".join(
                cell.ljust(w) if i < 2 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            )
        )
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--backend",
        choices=["sqlite", "postgresql", "both"],
        help="default: both when PostgreSQL is reachable, else sqlite",
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per route (default 200)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="shrink the dataset, e.g. 0.02 for a quick run"
    )
    parser.add_argument("--reuse", action="store_true", help="keep an existing dataset of the same scale")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL database (default {PG_URL})")
    args = parser.parse_args(argv)

    backend = args.backend or ("both" if postgres_reachable(args.pg_url) else "sqlite")
    urls = {"sqlite": generate.sqlite_url(), "postgresql": args.pg_url}
    backends = ["sqlite", "postgresql"] if backend == "both" else [backend]
    runs = []
    for name in backends:
        print(f"== {name}: dataset at scale {args.scale}", flush=True)
        t0 = time.perf_counter()
        meta = generate.ensure(urls[name], args.scale, args.reuse)
        print(
            f"   ready in {time.perf_counter() - t0:.0f} s; measuring {args.requests} requests per route",
            flush=True,
        )
        run = measure(urls[name], args.requests)
        run.update(backend=name, dataset=meta)
        runs.append(run)

    # The wijk page's query count must not grow with the number of wijken: count it on a tiny dataset too.
    small_url = generate.sqlite_url("small")
    print(f"== sqlite: small dataset at scale {SMALL_SCALE} for the query-count comparison", flush=True)
    small_meta = generate.generate(small_url, SMALL_SCALE, log=lambda _line: None)
    small = measure(small_url, 20, only=["wijk"])
    small_wijk = small["routes"][0]
    scaling = {"small_dataset_wijken": small["wijken"], "small": small_wijk.get("queries_per_group")}
    for run in runs:
        wijk = next(r for r in run["routes"] if r["name"] == "wijk")
        scaling[run["backend"]] = {
            "wijken": run["wijken"],
            "queries_per_group": wijk.get("queries_per_group"),
        }

    print()
    print(table(runs))
    print()
    for run in runs:
        mem = run["memory"]
        print(
            f"{run['backend']}: {run['wijken']:,} wijken; web process memory after the run: "
            f"VmRSS {mem['vmrss_mb']} MB (peak VmHWM {mem['vmhwm_mb']} MB)"
        )
    print("Where the time goes (one request's statements replayed with every row fetched, against p50):")
    for run in runs:
        for route in run["routes"]:
            if not route.get("sql"):
                continue
            slowest = route["sql"]["slowest"][0] if route["sql"]["slowest"] else None
            print(
                f"  {run['backend']:<10} {LABELS[route['name']]:<24} p50 {route['p50_ms']:7.1f} ms, "
                f"SQL {route['sql']['total_ms']:7.1f} ms"
                + (f"; slowest {slowest['ms']:.1f} ms: {slowest['sql'][:80]}…" if slowest else "")
            )
    for run in runs:
        wijk = next(r for r in run["routes"] if r["name"] == "wijk")
        if wijk.get("per_group"):
            met, zonder = wijk["per_group"]["met_overleg"], wijk["per_group"]["zonder_overleg"]
            print(
                f"  {run['backend']:<10} wijk pages with an overleg: {met['n']} requests, p50 {met['p50_ms']} ms; "
                f"without: {zonder['n']} requests, p50 {zonder['p50_ms']} ms"
            )
    for run in runs:
        load = run["loadavg"]
        print(
            f"Load average on {load['cpus']} CPUs during the {run['backend']} run: "
            f"{load['before'][0]:.1f} → {load['after'][0]:.1f} (other work on the machine inflates p95)"
        )
    print(
        f"Wijk page queries per request (with overleg / without), by dataset size: "
        f"{small['wijken']} wijken {fmt_groups(scaling['small'])}; "
        + "; ".join(
            f"{r['backend']} {r['wijken']:,} wijken {fmt_groups(scaling[r['backend']]['queries_per_group'])}"
            for r in runs
        )
    )

    RESULTS.mkdir(exist_ok=True)
    result = {
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "targets_p95_ms": TARGETS_MS,
        "runs": [{**run, "routes": [{**r, "result": verdict(r)} for r in run["routes"]]} for run in runs],
        "wijk_query_scaling": scaling,
        "small_dataset": {k: small_meta[k] for k in ("scale", "rows")},
    }
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, default=str))
    print(f"\nWritten to {RESULTS / 'latest.json'}")
    return 0


def fmt_groups(groups: dict | None) -> str:
    if not groups:
        return "(not measured)"
    return f"{groups.get('met_overleg') or '-'} / {groups.get('zonder_overleg') or '-'}"


if __name__ == "__main__":
    sys.exit(main())
