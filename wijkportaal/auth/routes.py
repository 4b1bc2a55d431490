"""Logging in and out.

Failed logins are counted per address (RATELIMIT_LOGIN) and per account (RATELIMIT_LOGIN_ACCOUNT); a correct
login counts for neither, so colleagues behind one school network address do not use up each other's limit.
"""

import math
import time

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from wijkportaal.auth import rules, services
from wijkportaal.auth.forms import LoginForm
from wijkportaal.core.db import get_session
from wijkportaal.core.extensions import limiter
from wijkportaal.core.web import aantal

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def _account_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN_ACCOUNT"]


def _account() -> str:
    """The account a login is for, as `authenticate` reads the address; empty (no limit) without one."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"account:{email}" if email else ""


def _mislukt(_response) -> bool:
    return g.get("login_mislukt", False)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_mislukt)
@limiter.limit(_account_limit, methods=["POST"], key_func=_account, deduct_when=_mislukt)
def login():
    """Log in with e-mail and password."""
    volgende = rules.veilige_volgende(request.args.get("volgende"))
    if current_user.is_authenticated:
        return redirect(volgende or url_for("wijken.start"))
    form = LoginForm()
    mislukt = False
    if form.validate_on_submit():
        db = get_session()
        user = services.authenticate(db, form.email.data, form.wachtwoord.data)
        if user is None:
            # Which of the two is wrong stays unsaid: it would tell who has an account.
            mislukt = g.login_mislukt = True
        else:
            session.clear()
            login_user(services.start_sessie(db, user))
            return redirect(volgende or url_for("wijken.start"))
    return render_template(
        "auth/login.html", form=form, mislukt=mislukt
    ), 422 if mislukt or form.errors else 200


@bp.errorhandler(429)
def te_vaak(_error):
    """Too many failed logins: the login page says in Dutch how long to wait, Retry-After says it to clients."""
    limiet = limiter.current_limit
    # The window's own end, rounded up: Flask-Limiter's reset_at adds a second and cuts the fraction off.
    seconden = max(1, math.ceil(limiet.window[0] - time.time())) if limiet is not None else 60
    form = LoginForm()
    form.wachtwoord.data = None
    response = current_app.make_response(
        (render_template("auth/login.html", form=form, wacht=wachttijd(seconden)), 429)
    )
    response.headers["Retry-After"] = str(seconden)
    return response


def wachttijd(seconden: int) -> str:
    """'45 seconden', '1 minuut', '12 minuten': rounded up, so the user never tries again too early."""
    if seconden < 60:
        return aantal(seconden, "seconde", "seconden")
    return aantal(math.ceil(seconden / 60), "minuut", "minuten")


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    """End this login session for good."""
    services.end_sessie(get_session(), current_user.get_id())
    logout_user()
    session.clear()
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("auth.login"))
