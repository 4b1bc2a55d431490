"""Logging in and out."""

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user

from wijkportaal.auth import services
from wijkportaal.auth.forms import LoginForm
from wijkportaal.core.db import get_session
from wijkportaal.core.extensions import limiter

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    from flask import current_app

    return current_app.config["RATELIMIT_LOGIN"]


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    """Log in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("wijken.start"))
    form = LoginForm()
    mislukt = False
    if form.validate_on_submit():
        db = get_session()
        user = services.authenticate(db, form.email.data, form.wachtwoord.data)
        if user is None:
            mislukt = True  # which of the two is wrong stays unsaid: it would tell who has an account
        else:
            session.clear()
            login_user(services.start_sessie(db, user))
            target = request.args.get("volgende", "")
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("wijken.start")
            return redirect(target)
    return render_template(
        "auth/login.html", form=form, mislukt=mislukt
    ), 422 if mislukt or form.errors else 200


@bp.route("/uitloggen", methods=["POST"])
@login_required
def logout():
    """End this login session for good."""
    services.end_sessie(get_session(), current_user.get_id())
    logout_user()
    session.clear()
    flash("U bent uitgelogd.", "info")
    return redirect(url_for("auth.login"))
