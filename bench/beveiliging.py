"""`python -m bench.beveiliging`: re-run the session, login and HTTP-header probes of issue 12 and count
what was refused.

Every probe drives the app in-process (Flask's test client, no network) on a fresh migrated SQLite database
in a temporary folder, and reads only what a browser or a client would see: status codes and headers. So it
runs unchanged on any checkout: `--checkout /path/to/main` probes that one's code instead of this one's
(the "checkout" in the results says which one ran).

1. `volgende`: a correct login with each open-redirect payload as `?volgende=`; a payload is refused when the
   browser would stay on the site (the Location resolved as a browser does: tab, CR and LF removed, a
   backslash read as a slash), and crashed on a 500.
2. Old sessions: log in, move the clock (31 minutes idle; active every 20 minutes for 13 hours; two years),
   and open a page; refused when it sends the user to the login page. A session 10 minutes idle must live.
3. Login limits with the production settings: 40 colleagues logging in correctly from one address (a
   school's NAT), 200 wrong passwords on one account from 200 addresses, and 200 from one address.
4. HSTS behind one TLS proxy (`TRUSTED_PROXIES=1`, `X-Forwarded-Proto: https`).
5. The health checks with the database gone (a PostgreSQL URL on a closed port).
6. Every CSV, XLSX and ICS download of the demo data: how many say `Cache-Control: no-store`, and how many
   name their charset twice.
"""

import argparse
import json
import re
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

RESULTS = Path(__file__).resolve().parent / "results"
PASSWORD = "probe-wachtwoord-123"
HOST = "localhost"

# Values of `volgende` as the view reads them (the query string is percent-encoded around them): the known
# bypasses, their encoded forms (as they arrive after one decoding) and control characters.
VOLGENDE_PAYLOADS = [
    "//evil.example/",
    "///evil.example/",
    "////evil.example/",
    "/\\evil.example/",
    "\\/evil.example/",
    "\\\\evil.example/",
    "/\\/evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "\t//evil.example/",
    " //evil.example/",
    "\x1f//evil.example/",
    "/\x00/evil.example/",
    "/\x0b/evil.example/",
    "//evil.example\\@localhost/",
    "//evil.example:443/",
    "//evil.example%2F",
    "%2F%2Fevil.example/",
    "/%2F/evil.example/",
    "%2F%5Cevil.example/",
    "/%5Cevil.example/",
    "/%09/evil.example/",
    "%252F%252Fevil.example/",
    "https://evil.example/",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
    "HTTPS://evil.example/",
    "http://evil.example/",
    "ftp://evil.example/",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "javascript%3Aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/\u3000/evil.example/",
    "/\uff0f/evil.example/",
    "\u2215\u2215evil.example/",
    "////evil.example",
    "\\\\evil.example",
    "/ /evil.example/",
    "/\x7f/evil.example/",
    "/\x85/evil.example/",
    "/\u200b/evil.example/",
    "/\u202e/evil.example/",
    "//evil.example\\@wijkportaal.example/",
    "/%2f/evil.example/",
    "/%5cevil.example/",
    "/%0A/evil.example/",
    "/%252F/evil.example/",
    "/%25252F/evil.example/",
    "/%2525252F/evil.example/",
    "evil.example",
    "wijken",
    "[::1]/",
    "//[",
    "/" + "a" * 5000,
]
# Where a user really wants to go back to: these must survive.
VOLGENDE_GEWOON = ["/wijken", "/potten/1/rapport?jaar=2026", "/kaart?laag=overleg&domein=3#kaart"]


def _app(database_url: str, instance: Path, **extra):
    from wijkportaal import create_app

    config = {
        "TESTING": True,
        "SECRET_KEY": "probe",
        "DATABASE_URL": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_BACKEND": "console",
    }
    config.update(extra)
    import os

    os.environ["WIJKPORTAAL_INSTANCE"] = str(instance)
    return create_app(config)


def _database(folder: Path) -> str:
    from wijkportaal import migrate

    url = f"sqlite:///{folder / 'probe.sqlite'}"
    migrate.upgrade(url)
    return url


def _cheap_hash() -> str:
    """Logins verify with the parameters stored in the hash: cheap ones keep 500 logins to seconds."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


def _users(app, n: int, rol: str = "swv") -> list[str]:
    from sqlmodel import Session

    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.core.roles import Rol

    wachtwoord_hash = _cheap_hash()
    emails = [f"collega{i}@probe.example" for i in range(n)]
    with Session(app.extensions["db_engine"]) as db:
        for email in emails:
            db.add(Gebruiker(email=email, naam=email, rol=Rol(rol), wachtwoord_hash=wachtwoord_hash))
        db.commit()
    return emails


def _browser_location(location: str) -> str:
    """The URL a browser goes to: WHATWG's parser removes tab, CR and LF, strips leading C0 controls and
    spaces, and reads a backslash as a slash in http(s) URLs."""
    cleaned = re.sub(r"[\t\r\n]", "", location).lstrip("".join(map(chr, range(33)))).replace("\\", "/")
    return urljoin(f"http://{HOST}/inloggen", cleaned)


def _left_site(location: str) -> bool:
    target = urlsplit(_browser_location(location))
    return target.scheme not in ("http", "https") or target.hostname != HOST


def probe_volgende(folder: Path) -> dict:
    app = _app(_database(folder), folder)
    [email] = _users(app, 1)
    refused = crashed = 0
    left = []
    for payload in VOLGENDE_PAYLOADS:
        client = app.test_client()
        try:
            response = client.post(
                f"/inloggen?volgende={quote(payload, safe='')}", data={"email": email, "wachtwoord": PASSWORD}
            )
        except Exception:  # the test client raises what a server would answer with a 500
            crashed += 1
            continue
        if response.status_code >= 500:
            crashed += 1
        elif response.status_code in (301, 302, 303, 307, 308) and _left_site(response.headers["Location"]):
            left.append((payload, response.headers["Location"]))
        else:
            refused += 1
    kept = 0
    for target in VOLGENDE_GEWOON:
        client = app.test_client()
        response = client.post(
            f"/inloggen?volgende={quote(target, safe='')}", data={"email": email, "wachtwoord": PASSWORD}
        )
        kept += response.headers.get("Location") == target
    app.extensions["db_engine"].dispose()
    return {
        "payloads": len(VOLGENDE_PAYLOADS),
        "refused": refused,
        "crashed": crashed,
        "left_site": [f"{p!r} -> {loc!r}" for p, loc in left],
        "ordinary_kept": f"{kept}/{len(VOLGENDE_GEWOON)}",
    }


def probe_sessies(folder: Path) -> dict:
    import time_machine

    from wijkportaal.core import clock

    app = _app(_database(folder), folder)
    [email] = _users(app, 1)
    start = clock.now().replace(tzinfo=clock.TZ)

    def refused(stappen: list[timedelta], rij_ouder: timedelta | None = None) -> bool:
        """Log in at `start`, then open a page after each step; refused when the last one is sent to login.
        `rij_ouder` dates the stored row's creation back (as the assessment did); cookie and activity stay fresh."""
        client = app.test_client()
        with time_machine.travel(start, tick=False) as reis:
            client.post("/inloggen", data={"email": email, "wachtwoord": PASSWORD})
            if rij_ouder is not None:
                _date_back_sessions(app, rij_ouder)
            response = None
            for stap in stappen:
                reis.shift(stap)
                response = client.get("/wijken")
        return response.status_code == 302 and "/inloggen" in response.headers.get("Location", "")

    old = {
        "31 minutes idle": refused([timedelta(minutes=31)]),
        "active every 20 minutes for 13 hours": refused([timedelta(minutes=20)] * 39),
        "row created two years ago": refused([timedelta(seconds=1)], rij_ouder=timedelta(days=730)),
    }
    fresh_kept = not refused([timedelta(minutes=10)])
    app.extensions["db_engine"].dispose()
    return {
        "old_sessions": len(old),
        "old_refused": sum(old.values()),
        "per_scenario": old,
        "fresh_session_kept": fresh_kept,
    }


def _date_back_sessions(app, ouder: timedelta) -> None:
    from sqlmodel import Session, select

    from wijkportaal.auth.models import Sessie

    with Session(app.extensions["db_engine"]) as db:
        for sessie in db.exec(select(Sessie)):
            sessie.aangemaakt_op -= ouder
        db.commit()


def _limited_app(folder: Path, naam: str):
    sub = folder / naam
    sub.mkdir()
    return _app(_database(sub), sub, RATELIMIT_ENABLED=True)


def _post_login(app, email: str, wachtwoord: str, adres: str):
    return app.test_client().post(
        "/inloggen", data={"email": email, "wachtwoord": wachtwoord}, environ_base={"REMOTE_ADDR": adres}
    )


def probe_limieten(folder: Path) -> dict:
    app = _limited_app(folder, "nat")
    emails = _users(app, 40)
    codes = [_post_login(app, e, PASSWORD, "10.20.30.40").status_code for e in emails]
    nat = {
        "logins": len(codes),
        "refused": codes.count(429),
        "other_failures": sum(c not in (302, 429) for c in codes),
    }
    app.extensions["db_engine"].dispose()

    app = _limited_app(folder, "verspreid")
    [email] = _users(app, 1)
    codes = [
        _post_login(app, email, f"fout-{i}", f"10.9.{i // 250}.{i % 250 + 1}").status_code for i in range(200)
    ]
    retry_after = _post_login(app, email, "nog-een", "10.9.99.1").headers.get("Retry-After")
    owner = _post_login(app, email, PASSWORD, "10.9.99.2").status_code
    spread = {
        "attempts": len(codes),
        "refused": codes.count(429),
        "retry_after": retry_after,
        "owner_right_after": owner,
    }
    app.extensions["db_engine"].dispose()

    app = _limited_app(folder, "een-adres")
    [email] = _users(app, 1)
    codes = [_post_login(app, email, f"fout-{i}", "10.8.0.1").status_code for i in range(200)]
    one = {"attempts": len(codes), "refused": codes.count(429)}
    app.extensions["db_engine"].dispose()
    return {"nat_correct_logins": nat, "one_account_200_addresses": spread, "one_account_one_address": one}


def probe_hsts(folder: Path) -> dict:
    app = _app(_database(folder), folder, TRUSTED_PROXIES=1)
    client = app.test_client()
    achter_proxy = client.get(
        "/inloggen", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"}
    )
    app.extensions["db_engine"].dispose()
    (folder / "direct").mkdir()
    direct = _app(_database(folder / "direct"), folder / "direct")
    vervalst = direct.test_client().get("/inloggen", headers={"X-Forwarded-Proto": "https"})
    direct.extensions["db_engine"].dispose()
    return {
        "hsts_behind_proxy": "Strict-Transport-Security" in achter_proxy.headers,
        "hsts_forged_header_without_proxy": "Strict-Transport-Security" in vervalst.headers,
    }


def probe_gezondheid(folder: Path) -> dict:
    app = _app("postgresql://postgres@127.0.0.1:1/wp_weg", folder)
    client = app.test_client()
    gone = {"/gezondheid": client.get("/gezondheid").status_code}
    gone["/gezondheid/gereed"] = client.get("/gezondheid/gereed").status_code
    app.extensions["db_engine"].dispose()
    app = _app(_database(folder), folder)
    up = {"/gezondheid/gereed": app.test_client().get("/gezondheid/gereed").status_code}
    app.extensions["db_engine"].dispose()
    return {"database_gone": gone, "database_up": up}


def probe_downloads(folder: Path) -> dict:
    from sqlmodel import Session, select

    from wijkportaal.overleg.models import Bijeenkomst
    from wijkportaal.pot.models import Pot

    app = _app(_database(folder), folder)
    result = app.test_cli_runner().invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    from wijkportaal.demo import DEMO_PASSWORD

    client = app.test_client()
    client.post("/inloggen", data={"email": "swv@demo.wijkportaal.nl", "wachtwoord": DEMO_PASSWORD})
    with Session(app.extensions["db_engine"]) as db:
        potten = list(db.exec(select(Pot.id)))
        bijeenkomsten = list(db.exec(select(Bijeenkomst.id).order_by(Bijeenkomst.id).limit(20)))
    urls = []
    for formaat in ("csv", "xlsx"):
        urls += [f"/begroting.{formaat}", f"/overzicht.{formaat}", f"/expertise/dekking.{formaat}"]
        urls += [f"/initiatieven/overzicht.{formaat}"]
        for pot in potten:
            urls += [f"/potten/{pot}/rapport.{formaat}", f"/potten/{pot}/rapport/besturen.{formaat}"]
            urls += [f"/potten/{pot}/rapport/aanpakken.{formaat}", f"/potten/{pot}/journaal.{formaat}"]
    urls += [f"/bijeenkomsten/{b}.ics" for b in bijeenkomsten]
    with app.app_context():
        from wijkportaal.auth.models import Gebruiker
        from wijkportaal.kalender import services as kalender_services

        with Session(app.extensions["db_engine"]) as db:
            swv = db.exec(select(Gebruiker).where(Gebruiker.email == "swv@demo.wijkportaal.nl")).one()
            token = kalender_services.zorg_voor_token(db, swv)
            db.commit()
    urls.append(f"/kalender/{token}.ics")
    counts = {"downloads": 0, "no_store": 0, "charset_twice": 0, "not_200": 0}
    for url in urls:
        response = client.get(url)
        response.close()
        counts["downloads"] += 1
        counts["not_200"] += response.status_code != 200
        counts["no_store"] += "no-store" in response.headers.get("Cache-Control", "")
        counts["charset_twice"] += response.headers.get("Content-Type", "").lower().count("charset") > 1
    pages = ["/wijken", "/overzicht", "/api/v1/wijken", "/gezondheid", "/kaart/frame"]
    counts["pages"] = len(pages)
    counts["pages_no_store"] = sum(
        "no-store" in client.get(p).headers.get("Cache-Control", "") for p in pages
    )
    app.extensions["db_engine"].dispose()
    return counts


PROBES = {
    "volgende": probe_volgende,
    "sessies": probe_sessies,
    "limieten": probe_limieten,
    "hsts": probe_hsts,
    "gezondheid": probe_gezondheid,
    "downloads": probe_downloads,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("probes", nargs="*", help=f"some of {', '.join(PROBES)}; default: all")
    parser.add_argument("--output", type=Path, default=RESULTS / "beveiliging.json")
    parser.add_argument("--checkout", type=Path, help="probe the code of this checkout (e.g. main's)")
    args = parser.parse_args()
    if args.checkout:
        import sys

        sys.path.insert(0, str(args.checkout.resolve()))
    import wijkportaal

    if unknown := set(args.probes) - set(PROBES):
        parser.error(f"unknown probes: {', '.join(sorted(unknown))}")
    results = {"checkout": str(Path(wijkportaal.__file__).resolve().parent.parent)}
    for naam in args.probes or PROBES:
        with tempfile.TemporaryDirectory(prefix=f"probe-{naam}-") as tmp:
            t = time.perf_counter()
            try:
                results[naam] = PROBES[naam](Path(tmp))
            except Exception as fout:  # a probe that cannot run on this checkout says so, the others go on
                results[naam] = {"error": f"{type(fout).__name__}: {fout}"}
            results[naam]["seconds"] = round(time.perf_counter() - t, 1)
        print(f"{naam}: {json.dumps(results[naam], ensure_ascii=False)}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
