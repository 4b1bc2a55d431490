"""`flask mail send` delivers what is due and exits; `flask mail bounce EMAIL` marks an address bounced."""

import click
from flask import current_app
from flask.cli import AppGroup

from wijkportaal.core.db import session_scope
from wijkportaal.core.errors import Weigering
from wijkportaal.mail import services, verzender

mail_cli = AppGroup("mail", help="De uitgaande e-mail.")


@mail_cli.command("send")
@click.option("--limiet", type=click.IntRange(min=1), help="Hoogstens zoveel berichten.")
def send(limiet: int | None) -> None:
    """Deliver the messages that are due now, then stop."""
    telling = verzender.verstuur_wachtende(current_app._get_current_object(), limiet=limiet)
    click.echo(telling.regel())


@mail_cli.command("bounce")
@click.argument("email")
@click.option("--reden", default="", help="Waarom het adres onbestelbaar is (de bounce-melding).")
@click.option("--opheffen", is_flag=True, help="Het adres werkt weer: hef de markering op.")
def bounce(email: str, reden: str, opheffen: bool) -> None:
    """Mark EMAIL as bounced (mail to it is held), or lift that with --opheffen."""
    with session_scope() as session:
        if opheffen:
            gevonden = services.hef_bounce_op(session, email)
            click.echo(f"{email}: markering opgeheven" if gevonden else f"{email} was niet gemarkeerd")
            return
        try:
            services.markeer_bounce(session, email, reden)
        except Weigering as fout:
            raise click.BadParameter(str(fout), param_hint="EMAIL") from None
    click.echo(f"{email} gemarkeerd als onbestelbaar; berichten aan dit adres worden vastgehouden")
