"""`python -m bench.mail`: how many messages per second the sender delivers to a local SMTP server.

A fresh database (SQLite in a temp folder; PostgreSQL too with `--pg-url`, whose schema `public` is dropped
and recreated) gets N queued messages through `wijkportaal.mail.services.plaats` (an invitation with an
.ics attachment, as the meeting jobs send); then `verzender.verstuur_wachtende` delivers them all to an
aiosmtpd server on 127.0.0.1 over one SMTP connection, one claim-send-mark transaction per message. Target:
≥ 50 messages/s. Results: a table on stdout and bench/results/mail.json.
"""

import argparse
import json
import os
import socket
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench.ledger import table, verdict

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
TARGET_PER_S = 50
ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Wijkportaal//bench//NL\r\nEND:VCALENDAR\r\n"


class Teller:
    def __init__(self):
        self.aantal = 0

    async def handle_DATA(self, server, session, envelope):
        self.aantal += 1
        return "250 OK"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _schone_pg(url: str) -> None:
    import sqlalchemy as sa

    from wijkportaal.core.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def meet(url: str, aantal: int, instance: Path) -> dict:
    from aiosmtpd.controller import Controller
    from sqlmodel import Session

    from wijkportaal import create_app, migrate
    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.core.roles import Rol
    from wijkportaal.mail import services, verzender

    migrate.upgrade(url)
    teller = Teller()
    controller = Controller(teller, hostname="127.0.0.1", port=_vrije_poort())
    controller.start()
    app = create_app(
        {
            "SECRET_KEY": "bench",
            "DATABASE_URL": url,
            "MAIL_BACKEND": "smtp",
            "MAIL_SMTP_HOST": "127.0.0.1",
            "MAIL_SMTP_PORT": controller.port,
            "BASE_URL": "https://wijkportaal.bench",
        }
    )
    app.instance_path = str(instance)
    try:
        with app.app_context(), Session(app.extensions["db_engine"]) as session:
            leden = [
                Gebruiker(email=f"lid{i}@bench.wijkportaal.nl", naam=f"Lid {i}", rol=Rol.SCHOOLLEIDER)
                for i in range(50)
            ]
            session.add_all(leden)
            session.flush()
            t = time.perf_counter()
            for i in range(aantal):
                services.plaats(
                    session,
                    ontvanger=leden[i % len(leden)],
                    soort_naam="uitnodiging",
                    onderwerp=f"Uitnodiging: wijkoverleg {i}",
                    link=services.url("mail.instellingen"),
                    context={
                        "titel": f"wijkoverleg {i}",
                        "start": datetime(2026, 12, 10, 15, 30),
                        "eind": datetime(2026, 12, 10, 17, 30),
                        "locatie": "Testschool, lokaal 3",
                        "agendapunten": ["Opening", "Leesbevordering", "Rondvraag"],
                    },
                    bijlagen=[("uitnodiging.ics", "text/calendar", ICS)],
                )
            session.commit()
            plaatsen_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        telling = verzender.verstuur_wachtende(app)
        seconden, cpu_seconden = time.perf_counter() - t, time.process_time() - cpu
    finally:
        controller.stop()
        app.extensions["db_engine"].dispose()
    verzonden = telling.aantallen["verzonden"]
    return {
        "messages": aantal,
        "delivered": verzonden,
        "received_by_server": teller.aantal,
        "seconds": round(seconden, 2),
        "per_second": round(verzonden / seconden, 1),
        # this process's CPU (sender and the aiosmtpd thread): the rate an idle core would reach
        "cpu_ms_per_message": round(1000 * cpu_seconden / max(verzonden, 1), 2),
        "load_average": os.getloadavg()[0],
        "queue_per_second": round(aantal / plaatsen_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000, help="messages to deliver (default 1000)")
    parser.add_argument("--pg-url", help="also measure on this PostgreSQL database (its schema is dropped)")
    args = parser.parse_args()
    resultaten = {}
    with tempfile.TemporaryDirectory() as tmp:
        resultaten["sqlite"] = meet(f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args.messages, Path(tmp))
        if args.pg_url:
            _schone_pg(args.pg_url)
            resultaten["postgresql"] = meet(args.pg_url, args.messages, Path(tmp))
    regels = []
    for backend, r in resultaten.items():
        ok = r["delivered"] == r["received_by_server"] == r["messages"] and r["per_second"] >= TARGET_PER_S
        regels.append(
            (
                f"sender, {r['messages']} messages",
                backend,
                f"{r['per_second']:,.0f}/s",
                f"≥ {TARGET_PER_S}/s",
                verdict(ok),
            )
        )
        regels.append(
            (
                "sender CPU per message",
                backend,
                f"{r['cpu_ms_per_message']} ms (≈ {1000 / r['cpu_ms_per_message']:,.0f}/s on an idle core)",
                f"≤ {1000 / TARGET_PER_S:.0f} ms",
                verdict(r["cpu_ms_per_message"] <= 1000 / TARGET_PER_S),
            )
        )
        regels.append(
            (f"queue {r['messages']} messages (plaats)", backend, f"{r['queue_per_second']:,.0f}/s", "—", "—")
        )
    print(table(regels))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "mail.json").write_text(json.dumps(resultaten, indent=2))


if __name__ == "__main__":
    main()
