"""E-mail: each user's notification settings, and the beheerder's view of the outbox.

/instellingen                              (GET, POST) the user's own notification settings
/beheer/mail                               failed and held messages, bounced addresses
/beheer/mail/<id>/opnieuw                  (POST) resend a failed or held message
/beheer/mail/bounces                       (POST) mark an address bounced
/beheer/mail/bounces/<id>/opheffen         (POST) the address works again
/wachtwoord-vergeten                       (GET, POST) ask for a one-time link to set a new password
/wachtwoord-herstellen/<token>             (GET, POST) set the new password through that link
"""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.extensions import limiter
from wijkportaal.core.views import bewaar, render_form, toon_fout, weiger_en_terug
from wijkportaal.mail import queries, services
from wijkportaal.mail.forms import BounceForm, NieuwWachtwoordForm, VergetenForm, voorkeuren_form
from wijkportaal.mail.models import Bericht, Bounce
from wijkportaal.mail.permissions import can_manage_mail, can_set_voorkeuren
from wijkportaal.mail.rules import SOORTEN, instelbare_soorten

bp = Blueprint("mail", __name__)


@bp.route("/instellingen", methods=["GET", "POST"])
@login_required
def instellingen():
    """The user's own settings: per message type direct, a daily or weekly digest, or off."""
    require(can_set_voorkeuren(current_user))
    db = get_session()
    soorten = instelbare_soorten(current_user.rol)
    form = voorkeuren_form(queries.voorkeuren(db, current_user.id), current_user.rol)
    if form.validate_on_submit():
        try:
            services.zet_voorkeuren(db, current_user, {s.naam: form[s.naam].data for s in soorten})
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Uw instellingen zijn bewaard.", "success")
            return redirect(url_for("mail.instellingen"))
    return render_form("mail/instellingen.html", form, soorten=soorten)


def _beheer_pagina(form=None):
    db = get_session()
    return render_form(
        "mail/beheer.html",
        form or BounceForm(),
        berichten=queries.aandacht(db),
        bounces=queries.bounces(db),
        tellingen=queries.tellingen(db),
        soorten=SOORTEN,
    )


@bp.route("/beheer/mail")
@login_required
def beheer():
    """Failed messages and messages held for a bounced address, with a resend button; the bounces."""
    require(can_manage_mail(current_user))
    return _beheer_pagina()


@bp.post("/beheer/mail/<id:bericht_id>/opnieuw")
@login_required
def opnieuw(bericht_id: int):
    """Queue a failed or held message again; a second press changes nothing."""
    bericht = get_or_404_403(Bericht, bericht_id, lambda user, _b: can_manage_mail(user))
    try:
        gedaan = services.opnieuw_versturen(get_session(), bericht)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("mail.beheer"))
    if gedaan:
        flash(f"Het bericht aan {bericht.adres} staat weer in de wachtrij.", "success")
    else:
        flash(f"Het bericht aan {bericht.adres} stond al in de wachtrij of is verzonden.", "info")
    return redirect(url_for("mail.beheer"), 303)


@bp.post("/beheer/mail/bounces")
@login_required
def bounce():
    """Mark an address bounced: mail to it is held and shown here."""
    require(can_manage_mail(current_user))
    form = BounceForm()
    if form.validate_on_submit():
        try:
            services.markeer_bounce(get_session(), form.adres.data, form.reden.data or "", current_user)
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(f"{form.adres.data} is gemarkeerd als onbestelbaar.", "success")
            return redirect(url_for("mail.beheer"), 303)
    return _beheer_pagina(form)


@bp.post("/beheer/mail/bounces/<id:bounce_id>/opheffen")
@login_required
def opheffen(bounce_id: int):
    """The address works again; held messages can then be resent."""
    gevonden = get_or_404_403(Bounce, bounce_id, lambda user, _b: can_manage_mail(user))
    services.hef_bounce_op(get_session(), gevonden.adres)
    flash(f"De markering van {gevonden.adres} is opgeheven.", "success")
    return redirect(url_for("mail.beheer"), 303)


VERGETEN_MELDING = (
    "Als dit adres bij een account hoort, staat er een e-mail met een link naar u onderweg. "
    "De link werkt één keer en een uur lang. Geen e-mail gekregen? Kijk in uw spam of vraag de beheerder."
)


def _herstel_limiet() -> str:
    return current_app.config.get("RATELIMIT_HERSTEL", "5 per 15 minutes")


@bp.route("/wachtwoord-vergeten", methods=["GET", "POST"])
@limiter.limit(_herstel_limiet, methods=["POST"])
def wachtwoord_vergeten():
    """Ask for a link to set a new password; the answer is the same whether or not the address is known."""
    form = VergetenForm()
    if form.validate_on_submit():
        services.vraag_herstel_aan(get_session(), form.email.data)
        flash(VERGETEN_MELDING, "info")
        return redirect(url_for("auth.login"))
    return render_form("mail/wachtwoord_vergeten.html", form, contact=current_app.config["BEHEER_CONTACT"])


@bp.route("/wachtwoord-herstellen/<token>", methods=["GET", "POST"])
def herstel(token: str):
    """Set a new password through a one-time link from the mail."""
    db = get_session()
    if queries.geldig_herstel(db, token) is None:
        return render_template("mail/herstel_verlopen.html", form=VergetenForm()), 404
    form = NieuwWachtwoordForm()
    klaar = bewaar(
        form,
        lambda: services.herstel_wachtwoord(db, token, form.wachtwoord.data),
        "Uw nieuwe wachtwoord is ingesteld. Log ermee in.",
        lambda _: url_for("auth.login"),
    )
    return klaar or render_form("mail/herstel.html", form, token=token)
