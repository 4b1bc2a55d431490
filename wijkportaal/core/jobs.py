"""The registry of scheduled jobs and `flask jobs`: each feature registers its jobs in its `init_app`;
they run in their own process (`flask jobs run`, APScheduler), next to the web workers."""

from collections.abc import Callable
from dataclasses import dataclass

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlmodel import Session

from wijkportaal.core.db import session_scope

jobs_cli = AppGroup("jobs", help="Geplande taken.")


@dataclass(frozen=True)
class Job:
    """A job: `run(session)` does the work in one transaction and returns a Dutch line of what it did."""

    naam: str
    omschrijving: str
    run: Callable[[Session], str]
    minuten: int = 5  # the default interval of `flask jobs run`


def register(app: Flask, job: Job) -> None:
    jobs = app.extensions.setdefault("wijkportaal_jobs", {})
    if job.naam in jobs:
        raise ValueError(f"job {job.naam!r} is registered twice")
    jobs[job.naam] = job


def registered(app: Flask) -> dict[str, Job]:
    return dict(sorted(app.extensions.get("wijkportaal_jobs", {}).items()))


def run_job(app: Flask, job: Job) -> str:
    """Run one job in its own transaction: committed when it returns, rolled back when it fails."""
    with app.app_context(), session_scope() as session:
        result = job.run(session)
    app.logger.info("%s: %s", job.naam, result)
    return result


@jobs_cli.command("list")
def list_jobs() -> None:
    """The registered jobs, one line each: name, interval and what it does."""
    for job in registered(current_app).values():
        click.echo(f"{job.naam:<24} elke {job.minuten} min  {job.omschrijving}")


@jobs_cli.command("run-once")
@click.argument("naam", required=False)
@click.option("--all", "alle", is_flag=True, help="Run every registered job.")
def run_once(naam: str | None, alle: bool) -> None:
    """Run job NAAM (or every job with --all) now, once."""
    jobs = registered(current_app)
    if alle == bool(naam):
        raise click.UsageError("Geef de naam van één taak, of --all.")
    if naam and naam not in jobs:
        raise click.BadParameter(f"onbekende taak; kies uit: {', '.join(jobs)}", param_hint="NAAM")
    app = current_app._get_current_object()
    for job in jobs.values() if alle else [jobs[naam]]:
        click.echo(f"{job.naam}: {run_job(app, job)}")


@jobs_cli.command("run")
@click.option(
    "--interval", type=click.IntRange(min=1), help="Minutes between runs (default: each job's own)."
)
def run(interval: int | None) -> None:
    """Run the scheduled jobs until stopped."""
    from apscheduler.schedulers.blocking import BlockingScheduler

    app = current_app._get_current_object()
    scheduler = BlockingScheduler(timezone=app.config.get("TIMEZONE", "Europe/Amsterdam"))
    for job in registered(app).values():
        run_job(app, job)
        scheduler.add_job(
            run_job,
            "interval",
            minutes=interval or job.minuten,
            args=[app, job],
            id=job.naam,
            max_instances=1,
            coalesce=True,
        )
    click.echo(f"{len(registered(app))} geplande taken draaien. Stop met Ctrl+C.")
    scheduler.start()
