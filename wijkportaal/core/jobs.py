"""The registry of scheduled jobs and `flask jobs`: each feature registers its jobs in its `init_app`;
they run in their own process (`flask jobs run`, APScheduler with its job store in the app's database),
next to the web workers.

Every run is idempotent: a job does each piece of work through `eenmalig(session, job, onderwerp,
periode)`, which records (job, subject, period) under a unique constraint and answers False when it was
done before, so a restart, a second scheduler process or a manual re-run never does it twice. Each job's
schedule (a time of day or an interval) can be changed by SWV staff; the last result of every job is kept
in `taken`."""

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import click
import sqlalchemy as sa
from flask import Flask, current_app
from flask.cli import AppGroup
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel, select

from wijkportaal.core import clock
from wijkportaal.core.db import session_scope
from wijkportaal.core.errors import Weigering

jobs_cli = AppGroup("jobs", help="Geplande taken.")
log = logging.getLogger(__name__)

MAX_MINUTEN = 7 * 24 * 60
MAX_REGEL = 500
_TIJD = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Job:
    """A job: `run(session)` does the work in one transaction and returns a Dutch line of what it did.

    It runs daily at `tijd` ("HH:MM", Amsterdam time) or, without one, every `minuten` minutes; SWV staff
    may change that (`Taak`)."""

    naam: str
    omschrijving: str
    run: Callable[[Session], str]
    minuten: int = 5
    tijd: str | None = None

    def __post_init__(self):
        if self.tijd is not None and not _TIJD.match(self.tijd):
            raise ValueError(f"job {self.naam!r}: tijd must be HH:MM")


class Taak(SQLModel, table=True):
    """A job's schedule as SWV staff set it (NULLs: the job's default) and its last result."""

    __tablename__ = "taken"
    __table_args__ = (
        sa.CheckConstraint("tijdstip IS NULL OR interval_minuten IS NULL", name="een_schema"),
        sa.CheckConstraint(f"interval_minuten BETWEEN 1 AND {MAX_MINUTEN}", name="interval"),
    )

    naam: str = Field(primary_key=True, max_length=60)
    tijdstip: str | None = Field(default=None, max_length=5)
    interval_minuten: int | None = None
    laatst_gestart_op: NaiveDatetime | None = None
    laatst_klaar_op: NaiveDatetime | None = None
    laatst_gelukt: bool | None = None
    laatste_uitkomst: str = Field(default="", max_length=MAX_REGEL)


class TaakUitgevoerd(SQLModel, table=True):
    """What a job did, once: (job, subject, period) is unique, so nothing is done twice."""

    __tablename__ = "taken_uitgevoerd"
    __table_args__ = (sa.UniqueConstraint("taak", "onderwerp", "periode"),)

    id: int | None = Field(default=None, primary_key=True)
    taak: str = Field(max_length=60)
    onderwerp: str = Field(max_length=200)
    periode: str = Field(max_length=40)
    op: NaiveDatetime = Field(default_factory=clock.now)


# APScheduler's SQLAlchemy job store keeps the scheduled jobs here; declared on our metadata so the
# migrations own the table (the store only creates it when it is missing).
APSCHEDULER_TABEL = sa.Table(
    "apscheduler_jobs",
    SQLModel.metadata,
    sa.Column("id", sa.Unicode(191), primary_key=True),
    sa.Column("next_run_time", sa.Float(25), index=True),
    sa.Column("job_state", sa.LargeBinary, nullable=False),
)


def eenmalig(session: Session, job: str, onderwerp: str, periode: str) -> bool:
    """Record that `job` does its work for `onderwerp` in `periode`: True the first time, False when that
    was done before (or is being done right now by another process, which then wins). Call it in the
    same transaction as the work itself, so the record and the work commit or roll back together."""
    rij = {"taak": job, "onderwerp": str(onderwerp), "periode": str(periode), "op": clock.now()}
    return _voeg_toe_tenzij_er(session, TaakUitgevoerd, rij) == 1


def gedaan(session: Session, job: str, onderwerpen: list[str]) -> dict[str, set[str]]:
    """Per subject the periods `job` already did its work for (subjects it never did are absent): for a
    job whose next step depends on an earlier one (an update after an invitation)."""
    result: dict[str, set[str]] = {}
    for onderwerp, periode in session.exec(
        select(TaakUitgevoerd.onderwerp, TaakUitgevoerd.periode).where(
            TaakUitgevoerd.taak == job, TaakUitgevoerd.onderwerp.in_(onderwerpen or [""])
        )
    ).all():
        result.setdefault(onderwerp, set()).add(periode)
    return result


def _voeg_toe_tenzij_er(session: Session, model, rij: dict) -> int:
    """INSERT … ON CONFLICT DO NOTHING on the table's unique key: 1 when inserted, 0 when the row exists.

    On PostgreSQL a concurrent insert of the same key waits for the other transaction and then does
    nothing (or inserts, when that one rolled back); SQLite has one writer at a time. Unlike a savepoint
    with IntegrityError, this also keeps SQLite's transaction whole (pysqlite commits a released
    outermost savepoint)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(**rij).on_conflict_do_nothing()
    return len(session.execute(statement.returning(*sa.inspect(model).primary_key)).all())


# Registry


def register(app: Flask, job: Job) -> None:
    jobs = app.extensions.setdefault("wijkportaal_jobs", {})
    if job.naam in jobs:
        raise ValueError(f"job {job.naam!r} is registered twice")
    jobs[job.naam] = job


def registered(app: Flask) -> dict[str, Job]:
    return dict(sorted(app.extensions.get("wijkportaal_jobs", {}).items()))


# Schedules


@dataclass(frozen=True)
class Schema:
    """When a job runs: daily at `tijdstip` ("HH:MM"), or every `minuten` minutes."""

    tijdstip: str | None = None
    minuten: int | None = None

    @property
    def beschrijving(self) -> str:
        if self.tijdstip:
            return f"dagelijks om {self.tijdstip}"
        return "elke minuut" if self.minuten == 1 else f"elke {self.minuten} minuten"

    def trigger(self):
        """The APScheduler trigger (Amsterdam time)."""
        from apscheduler.triggers.cron import CronTrigger
        from apscheduler.triggers.interval import IntervalTrigger

        if self.tijdstip:
            uur, minuut = self.tijdstip.split(":")
            return CronTrigger(hour=int(uur), minute=int(minuut), timezone=clock.TZ)
        return IntervalTrigger(minutes=self.minuten, timezone=clock.TZ)


def schema_van(job: Job, taak: Taak | None) -> Schema:
    """The schedule SWV staff set, or else the job's own."""
    if taak is not None and taak.tijdstip:
        return Schema(tijdstip=taak.tijdstip)
    if taak is not None and taak.interval_minuten:
        return Schema(minuten=taak.interval_minuten)
    return Schema(tijdstip=job.tijd) if job.tijd else Schema(minuten=job.minuten)


def lees_tijdstip(tekst: str) -> str:
    """'7:30' or '07:30' → '07:30'; ValueError with a Dutch message otherwise."""
    tekst = (tekst or "").strip()
    if re.match(r"^\d:\d\d$", tekst):
        tekst = "0" + tekst
    if not _TIJD.match(tekst):
        raise ValueError("Vul een tijd in als uu:mm, bijvoorbeeld 07:00.")
    return tekst


def stel_schema_in(session: Session, app: Flask, naam: str, schema: Schema) -> Taak:
    """Store a job's schedule; the scheduler takes it at its next refresh (within a minute)."""
    if naam not in registered(app):
        raise Weigering("Deze taak bestaat niet.")
    if (schema.tijdstip is None) == (schema.minuten is None):
        raise Weigering("Kies een tijd per dag of een interval.", "soort")
    if schema.tijdstip is not None:
        try:
            lees_tijdstip(schema.tijdstip)
        except ValueError as fout:
            raise Weigering(str(fout), "tijdstip") from fout
    if schema.minuten is not None and not 1 <= schema.minuten <= MAX_MINUTEN:
        raise Weigering(f"Een interval ligt tussen 1 en {MAX_MINUTEN} minuten (een week).", "minuten")
    taak = _taak(session, naam)
    taak.tijdstip, taak.interval_minuten = schema.tijdstip, schema.minuten
    session.add(taak)
    session.flush()
    return taak


def _taak(session: Session, naam: str) -> Taak:
    """The job's row, made when missing (two processes may try at once: one insert wins)."""
    taak = session.get(Taak, naam)
    if taak is None:
        _voeg_toe_tenzij_er(session, Taak, {"naam": naam, "laatste_uitkomst": ""})
        taak = session.get(Taak, naam)
    return taak


# Running


@dataclass(frozen=True)
class Uitkomst:
    naam: str
    gelukt: bool
    regel: str


def run_job(app: Flask, job: Job) -> Uitkomst:
    """Run one job in its own transaction (committed when it returns, rolled back when it fails) and
    record the result. A failure is logged and recorded, never raised: the other jobs go on."""
    with app.app_context():
        begin = clock.now()
        try:
            with session_scope() as session:
                regel = job.run(session)
            gelukt = True
            app.logger.info("taak %s: %s", job.naam, regel)
        except Exception as fout:  # a failing job must not stop the others
            app.logger.exception("taak %s mislukt", job.naam)
            gelukt, regel = False, f"Mislukt: {type(fout).__name__}: {fout}"
        regel = regel[:MAX_REGEL]
        try:
            with session_scope() as session:
                taak = _taak(session, job.naam)
                taak.laatst_gestart_op, taak.laatst_klaar_op = begin, clock.now()
                taak.laatst_gelukt, taak.laatste_uitkomst = gelukt, regel
                session.add(taak)
        except Exception:
            app.logger.exception("taak %s: uitkomst niet vastgelegd", job.naam)
    return Uitkomst(job.naam, gelukt, regel)


def run_all(app: Flask) -> list[Uitkomst]:
    """Every registered job once, one after the other; a failing one does not stop the rest."""
    return [run_job(app, job) for job in registered(app).values()]


# The scheduler process

_scheduler_app: Flask | None = None
VERVERS_ID = "_verversen"


def voer_uit(naam: str) -> None:
    """What the job store calls (by reference, so stored jobs survive a restart): run job `naam`."""
    app = _scheduler_app
    job = registered(app).get(naam) if app is not None else None
    if job is None:
        log.error("geplande taak %s is onbekend", naam)
        return
    run_job(app, job)


def plan_in(app: Flask, scheduler) -> None:
    """(Re)schedule every registered job after its current schedule; drop stored jobs that no longer exist.

    A stored job whose schedule did not change keeps its next run time, so a run missed while no
    scheduler was up still happens (once) after a restart."""
    with app.app_context(), session_scope() as session:
        taken = {t.naam: t for t in session.exec(select(Taak))}
    jobs = registered(app)
    for job in jobs.values():
        trigger = schema_van(job, taken.get(job.naam)).trigger()
        bestaand = scheduler.get_job(job.naam, jobstore="default")
        if bestaand is not None and str(bestaand.trigger) == str(trigger):
            continue
        scheduler.add_job(
            f"{__name__}:voer_uit",
            trigger,
            args=[job.naam],
            id=job.naam,
            name=job.naam,
            jobstore="default",
            replace_existing=True,
        )
    for opgeslagen in scheduler.get_jobs(jobstore="default"):
        if opgeslagen.id not in jobs:
            scheduler.remove_job(opgeslagen.id, jobstore="default")


def start_scheduler(app: Flask, verversen_seconden: int = 60):
    """A running BackgroundScheduler with its jobs in the app's database; it picks up changed schedules
    every `verversen_seconden`."""
    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    global _scheduler_app
    _scheduler_app = app
    scheduler = BackgroundScheduler(
        timezone=clock.TZ,
        jobstores={
            "default": SQLAlchemyJobStore(
                engine=app.extensions["db_engine"], tablename=APSCHEDULER_TABEL.name
            ),
            "intern": MemoryJobStore(),
        },
        # A run missed while no scheduler was up happens once when one starts again.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    scheduler.start(paused=True)
    scheduler.wijkportaal_verversen = threading.Lock()  # held while a refresh runs; see stop_scheduler
    plan_in(app, scheduler)
    scheduler.add_job(
        _ververs,
        "interval",
        seconds=verversen_seconden,
        args=[app, scheduler],
        id=VERVERS_ID,
        jobstore="intern",
    )
    scheduler.resume()
    return scheduler


def _ververs(app: Flask, scheduler) -> None:
    """The refresh job: `plan_in`, unless the scheduler is being stopped (then it does nothing)."""
    if not scheduler.wijkportaal_verversen.acquire(blocking=False):
        return
    try:
        plan_in(app, scheduler)
    finally:
        scheduler.wijkportaal_verversen.release()


def stop_scheduler(scheduler) -> None:
    """Stop the scheduler after the jobs that are running. APScheduler 3's `shutdown` holds the job-store
    lock while it waits for running jobs, and a running refresh needs that lock: both would wait forever.
    So first take the refresh's slot (after a refresh in progress, and a later one does nothing), then
    shut down."""
    with scheduler.wijkportaal_verversen:
        scheduler.shutdown()


def volgende_runs(app: Flask, session: Session) -> dict[str, datetime]:
    """Each job's next run in Amsterdam time: as the job store holds it, or else as its schedule says."""
    opgeslagen = dict(
        session.execute(sa.select(APSCHEDULER_TABEL.c.id, APSCHEDULER_TABEL.c.next_run_time)).all()
    )
    taken = {t.naam: t for t in session.exec(select(Taak))}
    moment = datetime.now(clock.TZ)
    volgende = {}
    for job in registered(app).values():
        if opgeslagen.get(job.naam) is not None:
            volgende[job.naam] = datetime.fromtimestamp(opgeslagen[job.naam], clock.TZ)
        else:
            volgende[job.naam] = (
                schema_van(job, taken.get(job.naam)).trigger().get_next_fire_time(None, moment)
            )
    return {naam: t.astimezone(clock.TZ).replace(tzinfo=None, microsecond=0) for naam, t in volgende.items()}


@dataclass(frozen=True)
class TaakOverzicht:
    job: Job
    schema: Schema
    taak: Taak | None
    volgende: datetime | None


def overzicht(app: Flask, session: Session) -> list[TaakOverzicht]:
    """Every registered job with its schedule, last result and next run, by name."""
    taken = {t.naam: t for t in session.exec(select(Taak))}
    volgende = volgende_runs(app, session)
    return [
        TaakOverzicht(job, schema_van(job, taken.get(naam)), taken.get(naam), volgende.get(naam))
        for naam, job in registered(app).items()
    ]


# Commands


def _moment(t: datetime | None) -> str:
    return f"{t:%d-%m-%Y %H:%M}" if t else "—"


@jobs_cli.command("list")
def list_jobs() -> None:
    """The registered jobs, one line each: name, last run (and its result), next run, schedule."""
    with session_scope() as session:
        regels = overzicht(current_app, session)
    breedte = max((len(r.job.naam) for r in regels), default=0)
    for r in regels:
        if r.taak is None or r.taak.laatst_klaar_op is None:
            laatst = "nog niet gedraaid"
        else:
            laatst = f"{_moment(r.taak.laatst_klaar_op)} {'gelukt' if r.taak.laatst_gelukt else 'MISLUKT'}"
        click.echo(
            f"{r.job.naam:<{breedte}}  laatst: {laatst:<28} volgende: {_moment(r.volgende):<17} ({r.schema.beschrijving})"
        )


@jobs_cli.command("run-once")
@click.argument("naam", required=False)
@click.option("--all", "alle", is_flag=True, help="Run every registered job.")
def run_once(naam: str | None, alle: bool) -> None:
    """Run job NAAM (or every job with --all) now, once; exit 1 when one failed."""
    jobs = registered(current_app)
    if alle == bool(naam):
        raise click.UsageError("Geef de naam van één taak, of --all.")
    if naam and naam not in jobs:
        raise click.BadParameter(f"onbekende taak; kies uit: {', '.join(jobs)}", param_hint="NAAM")
    app = current_app._get_current_object()
    uitkomsten = run_all(app) if alle else [run_job(app, jobs[naam])]
    for u in uitkomsten:
        click.echo(f"{u.naam}: {u.regel}")
    if not all(u.gelukt for u in uitkomsten):
        raise SystemExit(1)


@jobs_cli.command("run")
def run() -> None:
    """Run the scheduled jobs until stopped (Ctrl+C or SIGTERM)."""
    import signal

    app = current_app._get_current_object()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    scheduler = start_scheduler(app)
    regels = overzicht_buiten_request(app)
    breedte = max((len(r.job.naam) for r in regels), default=0)
    for r in regels:
        click.echo(f"{r.job.naam:<{breedte}}  {r.schema.beschrijving}, volgende: {_moment(r.volgende)}")
    click.echo(f"{len(registered(app))} geplande taken draaien. Stop met Ctrl+C.")
    try:
        while not stop.wait(1):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop_scheduler(scheduler)


def overzicht_buiten_request(app: Flask) -> list[TaakOverzicht]:
    with app.app_context(), session_scope() as session:
        return overzicht(app, session)
