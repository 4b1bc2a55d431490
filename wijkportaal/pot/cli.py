"""`flask pot verlopen`: release the money of allocations whose decision period has passed."""

import click
from flask.cli import AppGroup

from wijkportaal.core.db import session_scope
from wijkportaal.pot.services import verloop_toekenningen

pot_cli = AppGroup("pot", help="The gedeelde pot.")


@pot_cli.command("verlopen")
def verlopen() -> None:
    """Void the reservations of open allocations past their decision date (run every few minutes)."""
    with session_scope() as session:
        n = verloop_toekenningen(session)
    click.echo(f"{n} verlopen toekenning(en) vrijgegeven.")
