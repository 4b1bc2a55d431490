"""`flask wijken import FILE` (regio's and wijken) and `flask import grenzen FILE` (boundaries for the maps,
in one transaction, all or nothing; geopandas is imported inside the command only)."""

import sys
import time
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import AppGroup, with_appcontext
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from maps import STANDAARD_TOLERANTIE_M
from wijkportaal.core.bestanden import te_groot_bestand
from wijkportaal.core.db import session_scope
from wijkportaal.core.web import aantal
from wijkportaal.wijken.models import Wijk
from wijkportaal.wijken.services import ImportFout, load_wijken, vervang_grenzen

wijken_cli = AppGroup("wijken", help="Regio's and wijken (reference data).")


@wijken_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_wijken(file: Path) -> None:
    """Add or update regio's and wijken from a CSV file with the columns regio;code;naam (UTF-8).

    Wijken are matched by code; importing the same file again changes nothing, and no wijk is deleted."""
    if melding := te_groot_bestand(file):
        raise click.ClickException(melding)
    try:
        with session_scope() as session:
            result = load_wijken(session, file)
    except ImportFout as fout:
        raise click.ClickException(str(fout)) from fout
    click.echo(result.samenvatting)


@click.command("grenzen")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--veld", help="Veld met de naam of code van de wijk; standaard het veld dat het vaakst past.")
@click.option(
    "--koppeling",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV met kopregel bron;wijk: de naam of code in het bestand en de code of naam van de wijk "
    "(meerdere bronnen per wijk worden samengevoegd; een lege wijk betekent: negeren).",
)
@click.option(
    "--vervang-alles",
    is_flag=True,
    help="Ook als het bestand niet voor elke wijk een grens heeft: de wijken zonder grens in het bestand "
    "verliezen hun opgeslagen grens.",
)
@click.option(
    "--tolerantie",
    type=click.FloatRange(min=0),
    default=STANDAARD_TOLERANTIE_M,
    show_default=True,
    help="Vereenvoudiging in meters (0 = niet vereenvoudigen).",
)
def import_grenzen(
    file: Path, veld: str | None, koppeling: Path | None, vervang_alles: bool, tolerantie: float
) -> None:
    """Wijkgrenzen inlezen uit een GeoJSON, gezipte Shapefile of GeoPackage, in elk coördinatenstelsel.

    De vormen worden omgerekend naar WGS84, hersteld waar ze ongeldig zijn, per wijk samengevoegd en
    vereenvoudigd; ze vervangen alle opgeslagen wijkgrenzen (ook de schematische van de demo). Een bestand
    dat wijken zonder grens zou laten wordt geweigerd, tenzij met --vervang-alles."""
    for pad in (file, koppeling):
        if pad is not None and (melding := te_groot_bestand(pad)):
            _stop(melding.removesuffix(" Er is niets ingelezen."))
    start = time.perf_counter()
    from maps.grenzen import GrenzenFout, lees_grenzen, lees_koppeling  # imports geopandas

    try:
        with session_scope() as session:
            wijken = {w.code: w for w in session.exec(select(Wijk).order_by(Wijk.code))}
        if not wijken:
            raise GrenzenFout("Er zijn nog geen wijken: importeer die eerst met 'flask wijken import'.")
        grenzen = lees_grenzen(
            file,
            {code: w.naam for code, w in wijken.items()},
            veld=veld,
            koppeling=lees_koppeling(koppeling) if koppeling else None,
            tolerantie=tolerantie,
        )
        if grenzen.zonder_grens and not vervang_alles:
            raise GrenzenFout(
                f"Dit bestand heeft geen grens voor {aantal(len(grenzen.zonder_grens), 'wijk', 'wijken')}, die "
                f"dan zonder grens zouden komen: {', '.join(wijken[c].naam for c in grenzen.zonder_grens)}. "
                "Geef --vervang-alles als dat de bedoeling is."
            )
        bron = f"{file.name} (veld {grenzen.veld}" + (f", koppeling {koppeling.name})" if koppeling else ")")
        with session_scope() as session:
            vervang_grenzen(
                session,
                {wijken[v.code].id: v.geometrie for v in grenzen.vormen},
                bron=bron,
                is_schematisch=False,
            )
    except GrenzenFout as fout:
        _stop(str(fout))
    except SQLAlchemyError as fout:
        _stop(f"De database gaf een fout ({type(fout).__name__}).")
    click.echo(grenzen.samenvatting())
    duur = f"{time.perf_counter() - start:.1f}".replace(".", ",")
    click.echo(f"{aantal(len(grenzen.vormen), 'wijkgrens', 'wijkgrenzen')} opgeslagen in {duur} s.")


def _stop(melding: str) -> NoReturn:
    click.echo(f"Fout: {melding} Er is niets opgeslagen.", err=True)
    sys.exit(1)
