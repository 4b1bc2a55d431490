"""`flask pot verlopen`, and the ledger of the gedeelde pot: `flask ledger check`, `flask ledger anchor` and
`flask ledger export`."""

import sys

import click
from flask.cli import AppGroup

from ledger import Ledger, parse_anchor
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
@click.option(
    "--anchor",
    "anker",
    metavar="AANTAL:HASH",
    help="Een anker van `flask ledger anchor`, buiten de database bewaard: de controle faalt ook als het "
    "grootboek sindsdien is geleegd, ingekort of herschreven.",
)
def check(anker: str | None) -> None:
    """Recompute every transaction's sum, every balance, the hash chain and its head (and the anchor).

    Exits 0 when all is in order, 1 with the first discrepancy found."""
    try:
        anchor = parse_anchor(anker) if anker is not None else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--anchor") from error
    with session_scope() as session:
        begin_snapshot(session)
        book = Ledger(session)
        errors = book.check() or (book.check_anchor(anchor) if anchor else [])
        counted = totals(session)
    if errors:
        click.echo(f"Grootboek NIET in orde: {errors[0]}", err=True)
        sys.exit(1)
    click.echo(
        f"Grootboek in orde: {aantal(counted.transactions, 'transactie', 'transacties')}, "
        f"{aantal(counted.postings, 'boeking', 'boekingen')}, "
        "hash-keten klopt" + (f", anker {anchor.count} klopt." if anchor else ".")
    )


@ledger_cli.command("anchor")
def anchor() -> None:
    """Print the chain head as AANTAL:HASH, to keep outside the database for `flask ledger check --anchor`."""
    with session_scope() as session:
        click.echo(str(Ledger(session).anchor()))


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
