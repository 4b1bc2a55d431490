"""`flask kaart export LAAG --output FILE.png`: a map layer as a picture for the annual monitor.

matplotlib is imported inside the command only, so registering it keeps the app's import light."""

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import AppGroup
from sqlmodel import Session

from wijkportaal.core.db import session_scope
from wijkportaal.core.roles import Rol
from wijkportaal.expertise import queries as expertise_queries
from wijkportaal.kaart import queries
from wijkportaal.kaart.queries import LAGEN
from wijkportaal.kaart.rules import Keuze

kaart_cli = AppGroup("kaart", help="Kaarten van de wijken.")


@dataclass(frozen=True)
class Bediener:
    """Whoever runs a `flask` command on the server: sees every wijk, as SWV staff do."""

    is_authenticated: bool = True
    rol: Rol = Rol.SWV


@kaart_cli.command("export")
@click.argument("laag")
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Het PNG-bestand."
)
@click.option("--domein", help="Naam van het expertisedomein voor de laag dekking (standaard het eerste).")
def export(laag: str, output: Path, domein: str | None) -> None:
    """Een kaartlaag (overleg, scholen, pot, dekking, voorzieningen) als PNG, voor de jaarlijkse monitor."""
    if laag not in LAGEN:
        _stop(f"onbekende kaartlaag '{laag}'. Kies uit: {', '.join(LAGEN)}.")
    from maps.png import teken_png  # imports matplotlib

    with session_scope() as session:
        keuze = Keuze(domein_id=_domein_id(session, domein))
        kaart = queries.kaart(session, Bediener(), laag, keuze)
        kaartlaag = queries.kaartlaag(kaart)
    if not kaartlaag.wijken["features"]:
        _stop("er zijn geen wijkgrenzen opgeslagen: importeer die eerst met 'flask import grenzen'.")
    try:
        teken_png(kaartlaag, output)
    except OSError as fout:
        _stop(f"kan {output} niet schrijven ({fout.strerror}).")
    click.echo(f"Kaart '{kaartlaag.titel}' opgeslagen in {output}.")


def _domein_id(session: Session, naam: str | None) -> int | None:
    if naam is None:
        return None
    domeinen = expertise_queries.domeinen(session)
    gevonden = next((d for d in domeinen if d.naam.casefold() == naam.strip().casefold()), None)
    if gevonden is None:
        _stop(
            f"onbekend expertisedomein '{naam}'. Kies uit: {', '.join(d.naam for d in domeinen) or 'geen'}."
        )
    return gevonden.id


def _stop(melding: str) -> NoReturn:
    click.echo(f"Fout: {melding}", err=True)
    sys.exit(1)
