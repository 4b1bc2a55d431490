"""`flask` commands: database migrations, demo data, users and tokens."""

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlmodel import func, select

from wijkportaal import migrate
from wijkportaal.auth import services as auth_services
from wijkportaal.auth.models import Gebruiker, Rol
from wijkportaal.core.db import session_scope
from wijkportaal.wijken.models import Wijk

db_cli = AppGroup("db", help="Database schema (Alembic).")
user_cli = AppGroup("user", help="Users and API tokens.")


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


@user_cli.command("create")
@click.option("--email", required=True)
@click.option("--naam", required=True)
@click.option("--rol", required=True, type=click.Choice([r.value for r in Rol]))
@click.option("--wijk", "wijk_code", help="Code of the user's wijk (e.g. osdorp).")
@click.option("--bestuur", "bestuur_id", type=int, help="Id of the bestuur (bestuurder).")
@click.option("--school", "school_id", type=int, help="Id of the school (schoolleider).")
@click.option("--organisatie", "organisatie_id", type=int, help="Id of the organisation (partner).")
@click.password_option("--password", prompt="Wachtwoord", help="At least 12 characters.")
def user_create(email, naam, rol, wijk_code, bestuur_id, school_id, organisatie_id, password) -> None:
    """Create a user with a role and its scope."""
    from wijkportaal.beheer.services import GebruikerFout, create_gebruiker

    with session_scope() as session:
        wijk_id = None
        if wijk_code:
            wijk = session.exec(select(Wijk).where(Wijk.code == wijk_code)).first()
            if wijk is None:
                raise click.BadParameter(f"onbekende wijk '{wijk_code}'", param_hint="--wijk")
            wijk_id = wijk.id
        try:
            user = create_gebruiker(
                session,
                None,
                email=email,
                naam=naam,
                rol=Rol(rol),
                password=password,
                bestuur_id=bestuur_id,
                school_id=school_id,
                organisatie_id=organisatie_id,
                wijk_id=wijk_id,
            )
        except GebruikerFout as fout:
            raise click.ClickException(str(fout)) from fout
        click.echo(f"Gebruiker {user.email} ({user.rol.label}) aangemaakt met id {user.id}.")


@user_cli.command("token")
@click.argument("email")
@click.option("--omschrijving", default="", help="What the token is for.")
def user_token(email: str, omschrijving: str) -> None:
    """Print a new personal API token for EMAIL (shown once)."""
    with session_scope() as session:
        user = session.exec(select(Gebruiker).where(Gebruiker.email == email.strip().lower())).first()
        if user is None:
            raise click.ClickException(f"Geen gebruiker met e-mailadres {email}.")
        token = auth_services.issue_token(session, user, omschrijving or "CLI")
    click.echo(token)


def init_app(app: Flask) -> None:
    from wijkportaal import duo_cli, kaart_cli  # noqa: F401  (they register `flask import duo` and `grenzen`)
    from wijkportaal.import_cli import import_cli
    from wijkportaal.jobs import jobs_cli
    from wijkportaal.kaart import cli as kaart_commandos
    from wijkportaal.ledger_cli import ledger_cli
    from wijkportaal.pot.cli import pot_cli
    from wijkportaal.wijken.cli import wijken_cli

    app.cli.add_command(wijken_cli)
    app.cli.add_command(pot_cli)
    app.cli.add_command(ledger_cli)
    app.cli.add_command(jobs_cli)
    app.cli.add_command(kaart_commandos.kaart_cli)
    app.cli.add_command(import_cli)
    app.cli.add_command(db_cli)
    app.cli.add_command(user_cli)
    app.cli.add_command(demo_data)
    app.cli.add_command(demo_logins)
