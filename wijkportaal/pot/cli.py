"""`flask pot verlopen`, and the ledger of the gedeelde pot: `flask ledger check` and `flask ledger export`."""

import sys

import click
from flask.cli import AppGroup

from ledger import Ledger
from ledger.export import ExportError, begin_snapshot, export_beancount, totals
from wijkportaal.core.db import session_scope
from wijkportaal.core.web import aantal
from wijkportaal.pot.services import verloop_toekenningen

pot_cli = AppGroup("pot", help="The gedeelde pot.")


@pot_cli.command("verlopen")
def verlopen() -> None:
    """Void the reservations of open allocations past their decision date (run every few minutes)."""
    with session_scope() as session:
        n = verloop_toekenningen(session)
    click.echo(f"{aantal(n, 'verlopen toekenning', 'verlopen toekenningen')} vrijgegeven.")


ledger_cli = AppGroup("ledger", help="Het grootboek van de gedeelde potten: controle en export.")


@ledger_cli.command("check")
def check() -> None:
    """Recompute every transaction's sum, every balance and the hash chain.

    Exits 0 when all is in order, 1 with the first discrepancy found."""
    with session_scope() as session:
        begin_snapshot(session)
        errors = Ledger(session).check()
        counted = totals(session)
    if errors:
        click.echo(f"Grootboek NIET in orde: {errors[0]}", err=True)
        sys.exit(1)
    click.echo(
        f"Grootboek in orde: {aantal(counted.transactions, 'transactie', 'transacties')}, "
        f"{aantal(counted.postings, 'boeking', 'boekingen')}, "
        "hash-keten klopt."
    )


@ledger_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["beancount"]), default="beancount", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="File to write (default: standard output). Written in full or not at all.",
)
def export(fmt: str, output: str) -> None:
    """Write the whole ledger as a Beancount file that `bean-check` accepts."""
    try:
        with (
            session_scope() as session,
            click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as out,
        ):
            begin_snapshot(session)
            written = export_beancount(Ledger(session), out)
    except ExportError as error:
        raise click.ClickException(f"Export mislukt: {error}") from error
    if output != "-":
        click.echo(
            f"{aantal(written.transactions, 'transactie', 'transacties')} met "
            f"{aantal(written.postings, 'boeking', 'boekingen')} geschreven naar {output}.",
            err=True,
        )
