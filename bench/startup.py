"""`python -m bench.startup`: how long a process needs before it can answer, and the memory it holds then.

1. `create_app()` in fresh interpreters, the import of `wijkportaal` included (median of `--runs`): wall and
   CPU time, and which heavy libraries it loaded.
2. `gunicorn -w 1 'wijkportaal:create_app()'` on a free 127.0.0.1 port, with an instance folder in a temp
   folder holding a migrated SQLite database: the time from starting gunicorn to the first answer of
   `GET /inloggen`, the worker's CPU time by then, and its VmRSS and VmHWM right after (median of `--runs`).
   The same for a bare Flask app, the floor.

Wall times grow with the machine's load (printed); the CPU times hardly do. Results: a table on stdout and
bench/results/startup.json.
"""

import argparse
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.ledger import table, verdict

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
GUNICORN = Path(sys.executable).parent / "gunicorn"
HEAVY = ("folium", "pandas", "numpy", "alembic", "openpyxl", "geopandas", "matplotlib")
TARGET_CREATE_APP_S = 1.0
TARGET_WORKER_RSS_MB = 100
START_TIMEOUT_S = 60

CREATE_APP = textwrap.dedent(
    """
    import json, sys, time
    t = time.perf_counter()
    from wijkportaal import create_app
    create_app()
    seconds = time.perf_counter() - t
    cpu_seconds = time.process_time()  # the interpreter's own start included (~0.02 s)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "heavy": [m for m in %r if m in sys.modules]}))
    """
)
BARE_APP = textwrap.dedent(
    """
    from flask import Flask

    app = Flask(__name__)


    @app.get("/inloggen")
    def inloggen():
        return "<form></form>"
    """
)


def instance(folder: Path) -> dict[str, str]:
    """An instance folder with a migrated SQLite database; the environment that points the app at it."""
    from wijkportaal import migrate

    folder.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(f"sqlite:///{folder / 'wijkportaal.sqlite'}")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    return {**env, "WIJKPORTAAL_INSTANCE": str(folder)}


def create_app_once(env: dict[str, str], cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CREATE_APP % (HEAVY,)],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"create_app() failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def status_mb(pid: int, key: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise KeyError(key)


def cpu_s(pid: int) -> float:
    """User and system CPU time of a process so far: unlike wall time, hardly affected by a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 3)


def gunicorn_once(app: str, env: dict[str, str], cwd: Path) -> dict:
    """Start one gunicorn worker, wait for its first answer to /inloggen, read its memory, stop it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/inloggen"
    command = [str(GUNICORN), "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning", app]
    start = time.perf_counter()
    master = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if master.poll() is not None:
                raise SystemExit(
                    f"gunicorn stopped (exit {master.returncode}):\n{master.stderr.read().decode()}"
                )
            if time.perf_counter() - start > START_TIMEOUT_S:
                raise SystemExit(f"gunicorn gave no answer within {START_TIMEOUT_S} s")
            try:
                with urllib.request.urlopen(url, timeout=START_TIMEOUT_S) as answer:
                    status = answer.status
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.01)
        first_response_s = time.perf_counter() - start
        workers = children(master.pid)
        if len(workers) != 1:
            raise SystemExit(f"expected one gunicorn worker, found {workers}")
        return {
            "status": status,
            "first_response_s": round(first_response_s, 3),
            "worker_cpu_s": cpu_s(workers[0]),
            "worker_vmrss_mb": status_mb(workers[0], "VmRSS"),
            "worker_vmhwm_mb": status_mb(workers[0], "VmHWM"),
            "master_vmrss_mb": status_mb(master.pid, "VmRSS"),
        }
    finally:
        master.send_signal(signal.SIGTERM)
        try:
            master.wait(timeout=30)
        except subprocess.TimeoutExpired:
            master.kill()
            master.wait()
        master.stderr.close()


def row(
    label: str, runs: list[dict], key: str, unit: str, target: float | None = None, backend: str = "sqlite"
):
    """A table line: the median of `key` over the runs (each run in brackets), against an upper bound."""
    digits = 2 if unit == "s" else 0
    median = statistics.median(r[key] for r in runs)
    each = ", ".join(f"{r[key]:.{digits}f}" for r in runs)
    return (
        label,
        backend,
        f"{median:.{digits}f} {unit} ({each})",
        "—" if target is None else f"≤ {target:g} {unit}",
        verdict(None if target is None else median <= target),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per measure (default 5)")
    args = parser.parse_args(argv)

    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="wp-startup-") as tmp:
        tmp = Path(tmp)
        env = instance(tmp / "instance")
        (tmp / "kaal.py").write_text(BARE_APP)
        create = [create_app_once(env, tmp) for _ in range(args.runs)]
        worker = [gunicorn_once("wijkportaal:create_app()", env, tmp) for _ in range(args.runs)]
        bare = [gunicorn_once("kaal:app", env, tmp) for _ in range(args.runs)]
    load = (*load, *os.getloadavg())

    heavy = sorted({m for r in create for m in r["heavy"]})
    lines = [
        row("create_app(), import included", create, "seconds", "s", TARGET_CREATE_APP_S),
        row("create_app(): CPU time", create, "cpu_seconds", "s"),
        ("heavy libraries it loaded", "—", ", ".join(heavy) or "none", "none", verdict(not heavy)),
        row("gunicorn -w 1: first answer", worker, "first_response_s", "s"),
        row("gunicorn -w 1: worker CPU time by then", worker, "worker_cpu_s", "s"),
        row("gunicorn -w 1: worker VmRSS", worker, "worker_vmrss_mb", "MB", TARGET_WORKER_RSS_MB),
        row("gunicorn -w 1: worker VmHWM", worker, "worker_vmhwm_mb", "MB"),
        row("floor, a bare Flask app: first answer", bare, "first_response_s", "s", backend="—"),
        row("floor, a bare Flask app: worker CPU time", bare, "worker_cpu_s", "s", backend="—"),
        row("floor, a bare Flask app: worker VmRSS", bare, "worker_vmrss_mb", "MB", backend="—"),
    ]
    print(table(lines))
    print(f"\nload average before / after: {load[0]:.1f} / {load[3]:.1f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": load,
        "create_app": create,
        "gunicorn_worker": worker,
        "bare_flask": bare,
        "heavy_loaded": heavy,
    }
    (RESULTS / "startup.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
