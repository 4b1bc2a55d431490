"""`python -m bench.initiatieven`: nieuwe initiatieven at national scale on PostgreSQL.

On the portal's national dataset (`bench/generate.py`, as `python -m bench`; `--reuse` keeps one of the
same scale) it adds a begroting (a "Nieuwe initiatieven" line of € 100 mln a year and 20 other lines),
five rounds (2022-2026, the last one open), 10,000 applications over them (two boards, a wijk, an
ambition and two cost lines each), two assessors who submitted scores on the seven judged criteria for
3,572 of them (50,008 scores), and 2,000 grants decided through the real service (`subsidie.services.
beslis`: the decision workflow, two ledger commitments per grant, the letter). The application rows go
in with SQLAlchemy Core executemany; the grants one by one, as the director would make them.

It measures, with Flask's test client (server-side latency, as `python -m bench`), p50/p95 of:
the director's ranked list (`/subsidie/ranglijst`, the open round's assessed applications), the SWV
overview (`/initiatieven/overzicht`), the begroting page (`/begroting?jaar=2026`), the kennisbank as a
school leader (`/initiatieven/kennisbank`, 2,000 funded initiatives in pages of 50) and the start page
"Te doen" (`/`) as SWV staff and as the director, all with a target p95 ≤ 150 ms; and the query count of
an application page (`/initiatieven/<id>`, a granted one, as SWV staff) with 1,000 and with 10,000
applications loaded, which must be the same.

`--measure-only`: when the database already holds the applications and grants (a finished earlier run),
skip generating and loading and only measure (the 1,000-application query count is then not measured).
Results: a table on stdout and bench/results/initiatieven.json."""

import argparse
import json
import os
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from bench import generate
from bench.ledger import table, verdict
from bench.measure import percentile

RESULTS = Path(__file__).resolve().parent / "results"
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/wp_bench")
TARGET_MS = 150
AANVRAGEN = 10_000
BEOORDEELD = 3_572  # × 2 assessors × 7 judged criteria = 50,008 scores
TOEKENNINGEN = 2_000
RONDES = (2022, 2023, 2024, 2025, 2026)
DIRECTEUR = "directeur@bench.wijkportaal.nl"
SEED = 9


def _app(url: str):
    from wijkportaal import create_app

    return create_app(
        {"DATABASE_URL": url, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False}
    )


def voorbereiden(session) -> dict:
    """The begroting, the rounds, the director and the assessors."""
    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.auth.passwords import hash_password
    from wijkportaal.begroting import services as begroting
    from wijkportaal.begroting.models import Groep, Regel
    from wijkportaal.core.roles import Rol
    from wijkportaal.initiatieven import services as initiatieven

    regels = {}
    for g in range(5):
        groep = Groep(naam="Samenwerking in de wijk en regio" if g == 0 else f"Groep {g}", volgorde=g)
        session.add(groep)
        session.flush()
        for r in range(5 if g else 1):
            regel = Regel(
                groep_id=groep.id, naam="Nieuwe initiatieven" if g == 0 else f"Regel {g}.{r}", volgorde=r
            )
            session.add(regel)
            session.flush()
            regels[regel.naam] = regel
            for jaar in range(2022, 2029):
                begroting.stel_bedrag_vast(
                    session, None, regel, jaar, 100_000_000_00 if g == 0 else 2_000_000_00
                )
    lijn = regels["Nieuwe initiatieven"]
    wachtwoord = hash_password(generate.PASSWORD)
    directeur = Gebruiker(
        email=DIRECTEUR, naam="Directeur Bench", rol=Rol.DIRECTEUR, wachtwoord_hash=wachtwoord
    )
    session.add(directeur)
    beoordelaars = [
        Gebruiker(email=f"beoordelaar.{i}@bench.wijkportaal.nl", naam=f"Beoordelaar {i}", rol=Rol.BEOORDELAAR)
        for i in range(20)
    ]
    session.add_all(beoordelaars)
    session.flush()
    rondes = []
    for jaar in RONDES:
        ronde = initiatieven.open_ronde(
            session, None, f"Ronde {jaar}", date(jaar, 3, 1), jaar, jaar + 1, 150, lijn.id
        )
        ronde.is_open = jaar == RONDES[-1]
        rondes.append(ronde)
    session.flush()
    return {
        "directeur": directeur.id,
        "beoordelaars": [b.id for b in beoordelaars],
        "rondes": [r.id for r in rondes],
    }


def laad_aanvragen(engine, context: dict, van: int, tot: int, rng: random.Random) -> dict:
    """Applications number `van` … `tot - 1`: ronde i % 5; the first BEOORDEELD of all are scored and
    assessed (status beoordeeld), the rest spread over the other statuses."""
    from sqlmodel import SQLModel

    t = SQLModel.metadata.tables
    with engine.begin() as conn:
        aanvragers = [
            r[0]
            for r in conn.execute(
                sa.text("SELECT id FROM gebruikers WHERE rol = 'schoolleider' ORDER BY id LIMIT 2000")
            )
        ]
        besturen = [r[0] for r in conn.execute(sa.text("SELECT id FROM besturen ORDER BY id"))]
        wijken = [r[0] for r in conn.execute(sa.text("SELECT id FROM wijken ORDER BY id"))]
        criteria = {}
        for rid, cid in conn.execute(
            sa.text(
                "SELECT ronde_id, id FROM initiatief_criteria WHERE soort = 'inhoudelijk' ORDER BY nummer"
            )
        ):
            criteria.setdefault(rid, []).append(cid)
        volgend = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM aanvragen")).scalar()
        nu = datetime(2026, 11, 1, 12)
        aanvragen, kosten, deelnemers, wijk_rijen, ambities, toewijzingen, scores = [], [], [], [], [], [], []
        overig = ["concept", "ingediend", "in_beoordeling", "afgewezen", "aangehouden"]
        beoordeeld_ids = []
        for n in range(van, tot):
            aid = volgend + 1 + (n - van)
            ronde_nr = n % len(RONDES)
            jaar = RONDES[ronde_nr]
            status = "beoordeeld" if n < BEOORDEELD else overig[n % len(overig)]
            aanvragen.append(
                {
                    "id": aid,
                    "ronde_id": context["rondes"][ronde_nr],
                    "versie": 1,
                    "status": status,
                    "aanvrager_id": aanvragers[n % len(aanvragers)],
                    "titel": f"Initiatief {n:05d}",
                    "samenvatting": "Een gezamenlijke aanpak.",
                    "doelgroep": "Groep 1-8.",
                    "verwacht_aantal_leerlingen": 30,
                    "doelen": "Doelen.",
                    "werkwijze": "Werkwijze.",
                    "resultaten": "Resultaten.",
                    "evaluatie": "Evaluatie.",
                    "kennisdeling": "Kennisdeling.",
                    "onderbouwing": "Onderbouwing.",
                    "afspraken": "Afspraken.",
                    "duurzaamheid": "Duurzaamheid.",
                    "startdatum": date(jaar, 8, 1),
                    "einddatum": date(jaar + 2, 7, 31),
                    "aangemaakt_op": nu,
                    "gewijzigd_op": nu - timedelta(minutes=n),
                    "ingediend_op": None if status == "concept" else nu,
                }
            )
            for j in (jaar, jaar + 1):
                kosten.append(
                    {
                        "aanvraag_id": aid,
                        "jaar": j,
                        "soort": "personeel",
                        "omschrijving": "Specialist",
                        "bedrag_cents": rng.randrange(10_000, 60_000) * 100,
                    }
                )
            b1, b2 = rng.sample(besturen, 2)
            for b, hoofd in ((b1, True), (b2, False)):
                deelnemers.append(
                    {
                        "aanvraag_id": aid,
                        "bestuur_id": b,
                        "is_hoofdaanvrager": hoofd,
                        "is_bevestigd": True,
                        "uitgenodigd_op": nu,
                        "bevestigd_op": nu,
                    }
                )
            wijk_rijen.append({"aanvraag_id": aid, "wijk_id": wijken[n % len(wijken)]})
            ambities.append({"aanvraag_id": aid, "ambitie": str(1 + n % 4)})
            if status == "beoordeeld":
                beoordeeld_ids.append(aid)
                for k, bid in enumerate(rng.sample(context["beoordelaars"], 2)):
                    toewijzingen.append(
                        {
                            "aanvraag_id": aid,
                            "beoordelaar_id": bid,
                            "deadline": date(2026, 12, 1),
                            "toegewezen_op": nu,
                            "verklaring": "geen_conflict",
                            "verklaard_op": nu,
                            "afzien_reden": "",
                            "advies": "toekennen",
                            "advies_toelichting": "",
                            "ingediend_op": nu,
                            "_scores": [rng.randint(1 + k, 3) for _ in range(7)],
                        }
                    )
        conn.execute(sa.insert(t["aanvragen"]), aanvragen)
        for naam, rijen in (
            ("aanvraag_kostenregels", kosten),
            ("aanvraag_deelnemers", deelnemers),
            ("aanvraag_wijken", wijk_rijen),
            ("aanvraag_ambities", ambities),
        ):
            conn.execute(sa.insert(t[naam]), rijen)
        ronde_van = {a["id"]: a["ronde_id"] for a in aanvragen}
        for tw in toewijzingen:
            cijfers = tw.pop("_scores")
            tid = conn.execute(
                sa.insert(t["beoordeling_toewijzingen"]).returning(t["beoordeling_toewijzingen"].c.id), tw
            ).scalar()
            for cid, s in zip(criteria[ronde_van[tw["aanvraag_id"]]], cijfers, strict=True):
                scores.append(
                    {
                        "toewijzing_id": tid,
                        "criterium_id": cid,
                        "score": s,
                        "motivering": "" if s >= 2 else "Te weinig uitgewerkt.",
                        "gegeven_op": nu,
                    }
                )
        if scores:
            conn.execute(sa.insert(t["beoordeling_scores"]), scores)
        conn.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('aanvragen', 'id'), (SELECT max(id) FROM aanvragen))"
        )
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    return {"aanvragen": len(aanvragen), "scores": len(scores), "beoordeeld": beoordeeld_ids}


def ken_toe(app, context: dict, aanvraag_ids: list[int]) -> float:
    """Grant each through the real decision service, committing every 100; returns the seconds taken."""
    from sqlmodel import Session

    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.initiatieven.models import Aanvraag
    from wijkportaal.subsidie import services
    from wijkportaal.subsidie.models import Uitkomst

    t0 = time.perf_counter()
    with app.app_context(), Session(app.extensions["db_engine"], expire_on_commit=False) as session:
        directeur = session.get(Gebruiker, context["directeur"])
        for i, aid in enumerate(aanvraag_ids, start=1):
            aanvraag = session.get(Aanvraag, aid)
            jaar = aanvraag.startdatum.year
            services.beslis(
                session,
                directeur,
                aanvraag,
                Uitkomst.TOEKENNEN,
                "Toegekend (bench).",
                {jaar: 10_000_00, jaar + 1: 5_000_00},
            )
            if i % 100 == 0:
                session.commit()
        session.commit()
    return time.perf_counter() - t0


def _geladen(url: str) -> bool:
    """Whether the database already holds this benchmark's applications and grants (for --measure-only)."""
    if generate.load_meta(url) is None:
        return False
    engine = generate._engine(url)
    try:
        with engine.connect() as conn:
            aanvragen = conn.execute(sa.text("SELECT count(*) FROM aanvragen")).scalar()
            toekenningen = conn.execute(
                sa.text("SELECT count(DISTINCT aanvraag_id) FROM subsidie_toekenningen")
            ).scalar()
            directeur = conn.execute(
                sa.text("SELECT count(*) FROM gebruikers WHERE email = :e"), {"e": DIRECTEUR}
            ).scalar()
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()
    return aanvragen >= AANVRAGEN and toekenningen >= TOEKENNINGEN and directeur == 1


class Teller:
    def __init__(self, engine):
        self.n = 0
        event.listen(engine, "before_cursor_execute", self._tel)

    def _tel(self, *_args):
        self.n += 1


def _login(app, email: str):
    client = app.test_client()
    antwoord = client.post("/inloggen", data={"email": email, "wachtwoord": generate.PASSWORD})
    if antwoord.status_code != 302:
        raise SystemExit(f"Inloggen als {email} mislukt: HTTP {antwoord.status_code}")
    return client


def tijden(client, pad: str, aantal: int) -> dict:
    for _ in range(5):
        status = client.get(pad).status_code
    ms = []
    for _ in range(aantal):
        t0 = time.perf_counter()
        status = client.get(pad).status_code
        ms.append((time.perf_counter() - t0) * 1000)
    return {
        "path": pad,
        "http_status": status,
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
    }


def queries_van(app, client, pad: str) -> int:
    teller = Teller(app.extensions["db_engine"])
    client.get(pad)
    teller.n = 0
    assert client.get(pad).status_code == 200, pad
    return teller.n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.initiatieven", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="the national dataset's scale")
    parser.add_argument(
        "--reuse", action="store_true", help="keep an existing national dataset of the same scale"
    )
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page")
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="when the database already holds the applications, only measure (no generating, no loading)",
    )
    args = parser.parse_args(argv)
    from sqlmodel import Session

    url = args.pg_url
    if args.measure_only and _geladen(url):
        from wijkportaal import migrate

        print("== postgresql: the applications are loaded; measuring only", flush=True)
        migrate.upgrade(url)
        meta = generate.load_meta(url)
        app = _app(url)
        engine = app.extensions["db_engine"]
        swv = _login(app, generate.SWV_EMAIL)
        with engine.connect() as conn:
            pagina_id = conn.execute(sa.text("SELECT min(aanvraag_id) FROM subsidie_toekenningen")).scalar()
        pad_aanvraag = f"/initiatieven/{pagina_id}"
        q_1k, te_kennen, laad_s, grant_s = None, [], 0.0, 0.0
    else:
        print(f"== postgresql: national dataset at scale {args.scale}", flush=True)
        meta = generate.ensure(url, args.scale, args.reuse)
        app = _app(url)
        engine = app.extensions["db_engine"]
        rng = random.Random(SEED)
        with app.app_context(), Session(engine, expire_on_commit=False) as session:
            context = voorbereiden(session)
            session.commit()

        t0 = time.perf_counter()
        eerste = laad_aanvragen(engine, context, 0, 1_000, rng)
        ken_toe(app, context, eerste["beoordeeld"][:200])
        swv = _login(app, generate.SWV_EMAIL)
        with engine.connect() as conn:
            pagina_id = conn.execute(sa.text("SELECT min(aanvraag_id) FROM subsidie_toekenningen")).scalar()
        pad_aanvraag = f"/initiatieven/{pagina_id}"
        q_1k = queries_van(app, swv, pad_aanvraag)
        print(f"  1,000 applications loaded, application page: {q_1k} queries", flush=True)

        rest = laad_aanvragen(engine, context, 1_000, AANVRAGEN, rng)
        alle_beoordeeld = eerste["beoordeeld"][200:] + rest["beoordeeld"]
        with engine.connect() as conn:
            in_open = {
                r[0]
                for r in conn.execute(
                    sa.text("SELECT id FROM aanvragen WHERE ronde_id = :r"), {"r": context["rondes"][-1]}
                )
            }
        # grant the older rounds' assessed applications first, so the open round keeps its ranked list
        te_kennen = [a for a in alle_beoordeeld if a not in in_open][: TOEKENNINGEN - 200]
        grant_s = ken_toe(app, context, te_kennen)
        laad_s = time.perf_counter() - t0
    with engine.connect() as conn:
        open_ronde = conn.execute(
            sa.text("SELECT id FROM initiatief_rondes WHERE is_open ORDER BY deadline DESC LIMIT 1")
        ).scalar()
        telling = {
            naam: conn.execute(sa.text(f"SELECT count(*) FROM {naam}")).scalar()
            for naam in ("aanvragen", "beoordeling_scores", "subsidie_toekenningen", "subsidie_besluiten")
        }
        telling["beoordeeld in de open ronde"] = conn.execute(
            sa.text("SELECT count(*) FROM aanvragen WHERE status = 'beoordeeld' AND ronde_id = :r"),
            {"r": open_ronde},
        ).scalar()
        telling["toegekende aanvragen"] = conn.execute(
            sa.text("SELECT count(DISTINCT aanvraag_id) FROM subsidie_toekenningen")
        ).scalar()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    q_10k = queries_van(app, swv, pad_aanvraag)

    directeur = _login(app, DIRECTEUR)
    schoolleider = _login(app, generate.CHAIR_EMAIL)
    routes = {
        "ranglijst": tijden(directeur, "/subsidie/ranglijst", args.requests),
        "overzicht": tijden(swv, "/initiatieven/overzicht", args.requests),
        "begroting": tijden(swv, "/begroting?jaar=2026", args.requests),
        "kennisbank": tijden(schoolleider, "/initiatieven/kennisbank", args.requests),
        "start (SWV)": tijden(swv, "/", args.requests),
        "start (directeur)": tijden(directeur, "/", args.requests),
    }
    engine.dispose()
    regels = [
        (
            f"GET {r['path']}" + (f" ({naam.split('(')[1]}" if "(" in naam else ""),
            "postgresql",
            f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ms",
            f"p95 ≤ {TARGET_MS} ms",
            verdict(r["http_status"] == 200 and r["p95_ms"] <= TARGET_MS),
        )
        for naam, r in routes.items()
    ]
    regels.append(
        (
            f"queries GET {pad_aanvraag}",
            "postgresql",
            f"{'not measured' if q_1k is None else q_1k} (1k) / {q_10k} (10k)",
            "equal",
            verdict(None if q_1k is None else q_1k == q_10k),
        )
    )
    print(table(regels))
    print(", ".join(f"{k}: {v:,}" for k, v in telling.items()))
    if te_kennen:
        print(
            f"loading and granting took {laad_s:.0f} s ({grant_s / len(te_kennen) * 1000:.0f} ms per grant)"
        )
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "initiatieven.json").write_text(
        json.dumps(
            {"routes": routes, "queries": {"1k": q_1k, "10k": q_10k}, "rows": telling, "dataset": meta},
            indent=2,
            default=str,
        )
    )
    return 0 if all("FAIL" not in r[4] for r in regels) else 1


if __name__ == "__main__":
    raise SystemExit(main())
