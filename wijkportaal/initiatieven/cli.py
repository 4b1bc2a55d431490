"""`flask initiatieven ronde NAAM`: open a round of nieuwe initiatieven from the command line."""

import sys
from datetime import date

import click
from flask.cli import AppGroup

initiatieven_cli = AppGroup("initiatieven", help="Nieuwe initiatieven: rondes en aanvragen.")


@initiatieven_cli.command("ronde")
@click.argument("naam")
@click.option("--deadline", type=click.DateTime(formats=["%Y-%m-%d"]), required=True, help="JJJJ-MM-DD")
@click.option(
    "--jaren", required=True, help="De begrotingsjaren waaruit de ronde put, bijvoorbeeld 2026-2027."
)
@click.option(
    "--knock-out", "knock_out", default="1.50", show_default=True, help="Minimale gemiddelde score (0-3)."
)
def open_ronde(naam: str, deadline, jaren: str, knock_out: str) -> None:
    """Een ronde openen met de criteria van de vorige ronde (of de tien van §7.4 voor de eerste)."""
    from decimal import Decimal, InvalidOperation

    from wijkportaal.core.db import session_scope
    from wijkportaal.core.errors import Weigering
    from wijkportaal.initiatieven import services

    try:
        eerste, _, laatste = jaren.partition("-")
        eerste_jaar, laatste_jaar = int(eerste), int(laatste or eerste)
        honderdsten = int(Decimal(knock_out.replace(",", ".")) * 100)
    except (ValueError, InvalidOperation):
        click.echo("Geef --jaren als 2026-2027 en --knock-out als een getal, zoals 1.50.", err=True)
        sys.exit(2)
    try:
        with session_scope() as session:
            ronde = services.open_ronde(
                session,
                None,
                naam,
                date.fromordinal(deadline.toordinal()),
                eerste_jaar,
                laatste_jaar,
                honderdsten,
            )
            click.echo(f"{ronde.naam} is geopend (deadline {ronde.deadline:%d-%m-%Y}).")
    except Weigering as fout:
        click.echo(str(fout), err=True)
        sys.exit(1)
