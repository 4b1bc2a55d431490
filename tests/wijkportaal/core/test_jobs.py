"""The scheduled jobs: every run is idempotent (two schedulers at once do the work once), a failing job is
logged and recorded and does not stop the others, `flask jobs list` and `run-once`, and the scheduler
keeps its jobs in the database."""

import threading
import time
from datetime import datetime

import pytest
from sqlmodel import Session, select

from wijkportaal.core import jobs
from wijkportaal.core.jobs import Job, Taak, TaakUitgevoerd, eenmalig

ONDERWERPEN = ("bijeenkomst:1", "bijeenkomst:2", "bijeenkomst:3")


@pytest.fixture
def effecten(tmp_path):
    """The demo job's effect: one line per message it 'sends', in a file outside the database."""
    path = tmp_path / "verzonden.txt"
    path.touch()
    return path


def demo_job(effecten, wacht: float = 0.0) -> Job:
    """Sends one reminder per meeting per week, through `eenmalig`; `wacht` widens the window in which a
    second runner could slip in between recording and committing."""

    def run(session):
        verstuurd = 0
        for onderwerp in ONDERWERPEN:
            if eenmalig(session, "herinnering", onderwerp, "2026-W48"):
                time.sleep(wacht)
                with effecten.open("a") as f:
                    f.write(f"herinnering {onderwerp}\n")
                verstuurd += 1
        return f"{verstuurd} herinnering(en) verstuurd"

    return Job(naam="herinnering", omschrijving="Herinnert de voorzitter.", run=run, tijd="07:00")


def kapotte_job() -> Job:
    def run(session):
        raise RuntimeError("de database van de buren is weg")

    return Job(naam="aaa-kapot", omschrijving="Faalt altijd.", run=run)


def regels(path) -> list[str]:
    return path.read_text().splitlines()


def test_eenmalig_is_true_once_per_job_subject_and_period(app, db):
    assert eenmalig(db, "herinnering", "bijeenkomst:1", "2026-W48") is True
    db.commit()
    assert eenmalig(db, "herinnering", "bijeenkomst:1", "2026-W48") is False
    assert eenmalig(db, "herinnering", "bijeenkomst:1", "2026-W49") is True
    assert eenmalig(db, "herinnering", "bijeenkomst:2", "2026-W48") is True
    assert eenmalig(db, "uitnodiging", "bijeenkomst:1", "2026-W48") is True
    db.commit()
    assert len(db.exec(select(TaakUitgevoerd)).all()) == 4


def test_eenmalig_rolls_back_with_the_work(app, db):
    """A run that fails leaves no record, so the next run does the work after all."""
    assert eenmalig(db, "herinnering", "bijeenkomst:1", "2026-W48") is True
    db.rollback()
    assert eenmalig(db, "herinnering", "bijeenkomst:1", "2026-W48") is True


def test_two_runners_at_once_send_each_message_once(app, effecten):
    """Two `run-once --all` at the same moment against one database (threads, each its own connection)."""
    jobs.register(app, demo_job(effecten, wacht=0.3))
    start = threading.Barrier(2)
    uitkomsten = []

    def runner():
        start.wait()
        uitkomsten.extend(jobs.run_all(app))

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(regels(effecten)) == [f"herinnering {o}" for o in ONDERWERPEN]
    herinneringen = sorted(u.regel for u in uitkomsten if u.naam == "herinnering")
    assert herinneringen == ["0 herinnering(en) verstuurd", "3 herinnering(en) verstuurd"]

    # A manual re-run afterwards sends nothing either.
    result = app.test_cli_runner().invoke(args=["jobs", "run-once", "herinnering"])
    assert result.exit_code == 0, result.output
    assert "herinnering: 0 herinnering(en) verstuurd" in result.output
    assert len(regels(effecten)) == 3


def test_two_schedulers_on_one_database_send_each_message_once(app, effecten):
    """Two scheduler processes (here: two schedulers with the same job store) both fire the job."""
    jobs.register(app, demo_job(effecten, wacht=0.2))
    schedulers = [jobs.start_scheduler(app) for _ in range(2)]
    try:
        # Both have the job from the database; make it due now in each, as after a missed run.
        for s in schedulers:
            s.modify_job("herinnering", next_run_time=datetime.now(jobs.clock.TZ))
        with Session(app.extensions["db_engine"]) as session:
            for _ in range(100):
                taak = session.get(Taak, "herinnering")
                if taak is not None and taak.laatst_klaar_op is not None and len(regels(effecten)) == 3:
                    break
                session.expire_all()
                time.sleep(0.1)
        time.sleep(1)  # the second scheduler's run, if it were to send anything
    finally:
        for s in schedulers:
            jobs.stop_scheduler(s)
    assert sorted(regels(effecten)) == [f"herinnering {o}" for o in ONDERWERPEN]


def test_the_scheduler_keeps_its_jobs_in_the_database(app, db, effecten):
    """A restart finds the job with the next run it had; a changed time reschedules it."""
    jobs.register(app, demo_job(effecten))
    s = jobs.start_scheduler(app)
    jobs.stop_scheduler(s)
    rows = db.exec(select(jobs.APSCHEDULER_TABEL.c.id, jobs.APSCHEDULER_TABEL.c.next_run_time)).all()
    ids = [r[0] for r in rows]
    assert {"herinnering", "verlopen"} <= set(ids)  # the features' own jobs are stored beside them
    assert sorted(ids) == sorted(jobs.registered(app))
    volgende = datetime.fromtimestamp(dict(rows)["herinnering"], jobs.clock.TZ)
    assert (volgende.hour, volgende.minute) == (7, 0)

    jobs.stel_schema_in(db, app, "herinnering", jobs.Schema(tijdstip="18:30"))
    db.commit()
    s = jobs.start_scheduler(app)
    jobs.stop_scheduler(s)
    db.expire_all()
    rows = dict(db.exec(select(jobs.APSCHEDULER_TABEL.c.id, jobs.APSCHEDULER_TABEL.c.next_run_time)).all())
    volgende = datetime.fromtimestamp(rows["herinnering"], jobs.clock.TZ)
    assert (volgende.hour, volgende.minute) == (18, 30)


def test_a_failing_job_is_logged_and_recorded_and_the_others_run(app, db, effecten, caplog):
    jobs.register(app, kapotte_job())
    jobs.register(app, demo_job(effecten))
    result = app.test_cli_runner().invoke(args=["jobs", "run-once", "--all"])
    assert result.exit_code == 1
    assert "aaa-kapot: Mislukt: RuntimeError: de database van de buren is weg" in result.output
    assert "herinnering: 3 herinnering(en) verstuurd" in result.output
    assert "verlopen: 0 verlopen toekenningen vrijgegeven" in result.output
    assert len(regels(effecten)) == 3
    assert any("aaa-kapot" in r.getMessage() and r.exc_info for r in caplog.records)
    db.expire_all()
    kapot = db.get(Taak, "aaa-kapot")
    assert kapot.laatst_gelukt is False and "buren is weg" in kapot.laatste_uitkomst
    goed = db.get(Taak, "herinnering")
    assert goed.laatst_gelukt is True and goed.laatste_uitkomst == "3 herinnering(en) verstuurd"


def test_jobs_list_shows_name_then_last_then_next_run(app, effecten, monkeypatch):
    jobs.register(app, demo_job(effecten))
    runner = app.test_cli_runner()
    monkeypatch.setattr(jobs.clock, "now", lambda: datetime(2026, 11, 23, 6, 15))
    assert runner.invoke(args=["jobs", "run-once", "herinnering"]).exit_code == 0
    result = runner.invoke(args=["jobs", "list"])
    assert result.exit_code == 0, result.output
    regels_per_taak = {line.split()[0]: line for line in result.output.splitlines()}
    assert sorted(regels_per_taak) == sorted(jobs.registered(app))  # one line per job, by name
    # the columns line up, also beside the longest name (initiatief-einde-herinnering)
    assert len({line.index(" laatst: ") for line in result.output.splitlines()}) == 1
    herinnering = regels_per_taak["herinnering"]
    assert herinnering.index("laatst: 23-11-2026 06:15 gelukt") < herinnering.index("volgende: ")
    assert "(dagelijks om 07:00)" in herinnering
    verlopen = regels_per_taak["verlopen"]
    assert "laatst: nog niet gedraaid" in verlopen and "(elke 5 minuten)" in verlopen


def test_run_once_refuses_unknown_job_and_asks_for_one_or_all(runner):
    result = runner.invoke(args=["jobs", "run-once", "bestaat-niet"])
    assert result.exit_code != 0 and "onbekende taak" in result.output
    result = runner.invoke(args=["jobs", "run-once"])
    assert result.exit_code != 0 and "--all" in result.output


def test_a_running_scheduler_takes_a_changed_time_at_its_refresh(app, db, effecten):
    jobs.register(app, demo_job(effecten))
    s = jobs.start_scheduler(app, verversen_seconden=1)
    try:
        jobs.stel_schema_in(db, app, "herinnering", jobs.Schema(minuten=90))
        db.commit()
        for _ in range(50):
            time.sleep(0.2)
            trigger = str(s.get_job("herinnering").trigger)
            if trigger != "cron[hour='7', minute='0']":
                break
    finally:
        jobs.stop_scheduler(s)
    assert trigger == "interval[1:30:00]"


def test_stopping_the_scheduler_during_a_refresh_does_not_hang(app, monkeypatch):
    """APScheduler's shutdown waits for running jobs while holding the lock a refresh needs: stopping
    while a refresh runs must still end (it hung the test suite once)."""
    s = jobs.start_scheduler(app, verversen_seconden=1)
    bezig = threading.Event()
    echt = jobs.plan_in

    def trage_verversing(a, scheduler):
        bezig.set()
        time.sleep(0.5)  # stop is called now
        echt(a, scheduler)  # asks the scheduler for its jobs

    monkeypatch.setattr(jobs, "plan_in", trage_verversing)
    assert bezig.wait(10), "no refresh ran"
    stopper = threading.Thread(target=jobs.stop_scheduler, args=(s,), daemon=True)
    stopper.start()
    stopper.join(15)
    assert not stopper.is_alive(), "the scheduler did not stop"
