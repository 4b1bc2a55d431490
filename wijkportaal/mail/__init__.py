"""E-mail: the outbox every feature queues into (`services.plaats`), the sender, bounces, and each
user's notification settings with their daily or weekly digest."""

from flask import Flask, current_app

from wijkportaal.core import jobs


def init_app(app: Flask) -> None:
    from wijkportaal.mail import cli, permissions, routes, services, verzender

    app.register_blueprint(routes.bp)
    app.cli.add_command(cli.mail_cli)
    app.add_template_global(permissions.can_manage_mail, "mag_mail_beheren")
    app.add_template_global(permissions.can_set_voorkeuren, "mag_instellingen_zien")
    jobs.register(
        app,
        jobs.Job(
            naam="mail",
            omschrijving="Verstuurt de e-mail die klaarstaat in de wachtrij.",
            run=lambda _session: verzender.verstuur_wachtende(current_app._get_current_object()).regel(),
            minuten=1,
        ),
    )
    jobs.register(
        app,
        jobs.Job(
            naam="mail-overzicht",
            omschrijving="Bundelt berichten in het dagelijks of wekelijks overzicht van wie dat koos.",
            run=lambda session: f"{services.maak_overzichten(session)} overzicht(en) gemaakt",
            minuten=15,
        ),
    )
