"""`flask user create` and `flask user token`: the same services, with the same checks, as the beheer pages."""

import click
from flask.cli import AppGroup
from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.beheer.services import GebruikerFout, create_gebruiker, issue_token
from wijkportaal.core.db import session_scope
from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import Wijk

user_cli = AppGroup("user", help="Users and API tokens.")


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
        try:
            token = issue_token(session, user, omschrijving or "CLI", None)
        except GebruikerFout as fout:
            raise click.ClickException(str(fout)) from fout
    click.echo(token)
