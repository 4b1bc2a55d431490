"""`flask wijken import FILE`: load an SWV's own regio's and wijken."""

from pathlib import Path

import click
from flask.cli import AppGroup

from wijkportaal.core.db import session_scope
from wijkportaal.wijken.services import ImportFout, load_wijken

wijken_cli = AppGroup("wijken", help="Regio's and wijken (reference data).")


@wijken_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_wijken(file: Path) -> None:
    """Add or update regio's and wijken from a CSV file with the columns regio;code;naam (UTF-8).

    Wijken are matched by code; importing the same file again changes nothing, and no wijk is deleted."""
    try:
        with session_scope() as session:
            result = load_wijken(session, file)
    except ImportFout as fout:
        raise click.ClickException(str(fout)) from fout
    click.echo(result.samenvatting)
