"""Scheduled jobs, run in their own process: `flask jobs run` (APScheduler), next to the web workers."""

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app
from flask.cli import AppGroup

from wijkportaal.core.db import session_scope

jobs_cli = AppGroup("jobs", help="Scheduled jobs.")


def verloop_toekenningen_job(app) -> None:
    """Release the reserved money of allocations whose decision period has passed."""
    from wijkportaal.pot.services import verloop_toekenningen

    with app.app_context(), session_scope() as session:
        n = verloop_toekenningen(session)
    if n:
        app.logger.info("%d verlopen toekenning(en) vrijgegeven", n)


@jobs_cli.command("run")
@click.option("--interval", default=5, show_default=True, help="Minutes between runs.")
def run(interval: int) -> None:
    """Run the scheduled jobs until stopped."""
    app = current_app._get_current_object()
    scheduler = BlockingScheduler(timezone="Europe/Amsterdam")
    scheduler.add_job(
        verloop_toekenningen_job,
        "interval",
        minutes=interval,
        args=[app],
        id="verlopen",
        max_instances=1,
        coalesce=True,
        next_run_time=None,
    )
    click.echo(f"Geplande taken draaien elke {interval} minuten. Stop met Ctrl+C.")
    verloop_toekenningen_job(app)
    scheduler.start()
