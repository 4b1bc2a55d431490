"""`flask monitor import FILE`: load referral counts per wijk and school year (counts only)."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from wijkportaal.core.bestanden import te_groot_bestand
from wijkportaal.core.db import session_scope
from wijkportaal.monitor.services import ImportFout, importeer


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_verwijzingen(file: Path) -> None:
    """Add or correct referrals from a CSV file with the columns wijk;schooljaar;sbo;so (UTF-8).

    wijk is the wijk's code or name, schooljaar 2024-2025 or 2024. On any error nothing is stored and
    every bad line is reported; importing the same file again changes nothing."""
    if melding := te_groot_bestand(file):
        raise click.ClickException(melding)
    try:
        with session_scope() as session:
            result = importeer(session, None, file)
    except ImportFout as fout:
        raise click.ClickException(str(fout)) from fout
    click.echo(result.samenvatting)
