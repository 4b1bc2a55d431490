"""`flask begroting import FILE`: load the meerjarenbegroting from a CSV or XLSX file (all or nothing)."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

begroting_cli = AppGroup("begroting", help="De meerjarenbegroting van het samenwerkingsverband.")


@begroting_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--door", "email", help="E-mailadres van de gebruiker die de wijziging doet (voor de audit).")
def import_begroting(file: Path, email: str | None) -> None:
    """Groepen, regels en bedragen per jaar inlezen.

    FILE is CSV (puntkomma's) of XLSX met de kop groep;regel;2025;2026;… Bedragen zoals in het plan:
    266.000, 1.234,56 of - voor niets. Een bestand met een fout wordt helemaal geweigerd; opnieuw
    inlezen van hetzelfde bestand verandert niets. Een gewijzigd bedrag wordt vastgelegd met wie en wanneer."""
    from sqlmodel import select

    from wijkportaal.auth.models import Gebruiker
    from wijkportaal.begroting import services
    from wijkportaal.begroting.rules import lees_bestand
    from wijkportaal.core.bestanden import te_groot_bestand
    from wijkportaal.core.db import session_scope
    from wijkportaal.core.errors import Weigering
    from wijkportaal.core.web import centen

    if melding := te_groot_bestand(file):
        click.echo(melding, err=True)
        sys.exit(1)
    inlezing = lees_bestand(file.read_bytes(), file.name)
    if inlezing.fouten:
        for fout in inlezing.fouten:
            click.echo(fout, err=True)
        click.echo(f"{file.name} is niet ingelezen: er is niets veranderd.", err=True)
        sys.exit(1)
    try:
        with session_scope() as session:
            user = None
            if email:
                user = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
                if user is None:
                    raise Weigering(f"Er is geen gebruiker met e-mailadres {email}.")
            resultaat = services.importeer(session, user, inlezing.rijen, file.name)
    except Weigering as fout:
        click.echo(f"{fout} {file.name} is niet ingelezen: er is niets veranderd.", err=True)
        sys.exit(1)
    if resultaat.niets_veranderd:
        click.echo(f"{file.name}: de begroting was al gelijk aan dit bestand; er is niets veranderd.")
        return
    for naam in resultaat.nieuwe_groepen:
        click.echo(f"Nieuwe groep: {naam}")
    for naam in resultaat.nieuwe_regels:
        click.echo(f"Nieuwe regel: {naam}")
    for groep, regel, jaar, oud, nieuw in resultaat.wijzigingen:
        click.echo(f"{jaar} {groep} / {regel}: {centen(oud)} wordt {centen(nieuw)}")
    click.echo(
        f"{file.name} ingelezen: {len(resultaat.nieuwe_groepen)} nieuwe groep(en), "
        f"{len(resultaat.nieuwe_regels)} nieuwe regel(s), {len(resultaat.wijzigingen)} bedrag(en) gewijzigd."
    )
