"""`flask import duo FILE`: load DUO's open-data list of school locations (one transaction, all or nothing)."""

import sys
import time
from datetime import datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("duo")
@with_appcontext
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--postcodes",
    type=click.Path(path_type=Path),
    help="CSV met het middelpunt van elke 4-cijferige postcode (kolommen postcode, latitude, longitude); "
    "daarmee krijgt elke school een positie en een wijk.",
)
@click.option(
    "--peildatum",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Peildatum van het bestand (JJJJ-MM-DD); standaard de datum in de bestandsnaam, anders vandaag.",
)
@click.option(
    "--deactiveer-verdwenen",
    is_flag=True,
    help="Zet scholen die niet meer in het bestand staan op inactief (standaard: alleen melden).",
)
def import_duo(
    file: Path, postcodes: Path | None, peildatum: datetime | None, deactiveer_verdwenen: bool
) -> None:
    """Scholen en besturen inlezen uit een DUO-lijst van vestigingen.

    FILE is '03 alle vestigingen bo' of '09 alle vestigingen sbo, so en vso' (CSV, UTF-8 of Windows-1252).
    Alleen vestigingen in de gemeenten van het samenwerkingsverband (SWV_GEMEENTEN) worden ingelezen.
    Opnieuw inlezen verandert niets; scholen die uit het bestand verdwijnen worden gemeld, nooit verwijderd."""
    from sqlalchemy.exc import SQLAlchemyError

    from wijkportaal.core.bestanden import te_groot_bestand
    from wijkportaal.core.clock import today
    from wijkportaal.core.db import session_scope
    from wijkportaal.duo.reader import DuoFout, lees_duo, lees_postcodes
    from wijkportaal.duo.services import importeer

    for pad in (file, postcodes):
        if pad is not None and (melding := te_groot_bestand(pad)):
            _stop(melding)
    start = time.perf_counter()
    try:
        bestand = lees_duo(file, swv_gemeenten())
        centroiden = lees_postcodes(postcodes) if postcodes is not None else None
        with session_scope() as session:
            result = importeer(
                session,
                bestand,
                postcodes=centroiden,
                peildatum=peildatum.date() if peildatum else (bestand.peildatum or today()),
                deactiveer_verdwenen=deactiveer_verdwenen,
            )
    except DuoFout as fout:
        _stop(str(fout))
    except SQLAlchemyError as fout:
        _stop(f"De database weigerde de import ({type(fout).__name__}: {str(fout).splitlines()[0][:200]}).")
    click.echo(result.samenvatting())
    click.echo(f"Klaar in {time.perf_counter() - start:.1f} s.".replace(".", ",", 1))


def swv_gemeenten() -> tuple[str, ...]:
    gemeenten = current_app.config.get("SWV_GEMEENTEN") or ()
    if isinstance(gemeenten, str):
        gemeenten = gemeenten.split(",")
    return tuple(g.strip().upper() for g in gemeenten if g.strip())


def _stop(melding: str) -> None:
    click.echo(f"Fout: {melding}", err=True)
    click.echo("Er is niets ingelezen.", err=True)
    sys.exit(1)
