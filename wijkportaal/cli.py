"""The portal's own `flask` commands: the database schema (Alembic) and the demo data."""

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlmodel import func, select

from wijkportaal import migrate
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core.db import session_scope
from wijkportaal.wijken.models import Wijk

db_cli = AppGroup("db", help="Database schema (Alembic).")


@db_cli.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database schema up to date."""
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo("Database bijgewerkt.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Take the schema back to REVISION (e.g. -1 or base)."""
    migrate.downgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Database teruggezet naar {revision}.")


@click.command("demo-data")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when the database already has data.")
def demo_data(if_empty: bool) -> None:
    """Fill an empty database with the demo data; refuse one that already has data."""
    from wijkportaal.demo import DEMO_LOGINS, DEMO_PASSWORD, load_demo

    with session_scope() as session:
        if session.exec(select(func.count()).select_from(Wijk)).one():
            if if_empty:
                click.echo("De database bevat al gegevens; demo-data overgeslagen.")
                return
            click.echo("De database bevat al gegevens: demo-data weigert die te overschrijven.", err=True)
            sys.exit(1)
        summary = load_demo(session)
    click.echo(summary)
    if not if_empty:  # `make run` prints them with `demo-logins` on every start
        _print_logins(DEMO_LOGINS, DEMO_PASSWORD)


@click.command("demo-logins")
@with_appcontext
def demo_logins() -> None:
    """Print the demo logins that exist in this database."""
    from wijkportaal.demo import DEMO_LOGINS, DEMO_PASSWORD

    with session_scope() as session:
        present = set(
            session.exec(select(Gebruiker.email).where(Gebruiker.email.in_([e for e, _ in DEMO_LOGINS])))
        )
    _print_logins([(e, r) for e, r in DEMO_LOGINS if e in present], DEMO_PASSWORD)


def _print_logins(logins, password: str) -> None:
    if not logins:
        return
    click.echo(f"\nDemo-logins (wachtwoord voor allen: {password}):")
    for email, rol in logins:
        click.echo(f"  {email:<40} {rol}")


def init_app(app: Flask) -> None:
    """The commands of the whole portal: the schema and the demo."""
    app.cli.add_command(db_cli)
    app.cli.add_command(demo_data)
    app.cli.add_command(demo_logins)
