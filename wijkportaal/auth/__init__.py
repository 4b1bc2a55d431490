"""Authentication: login sessions that logout, inactivity and age really end, and personal API tokens."""

from datetime import timedelta

from flask import Flask, current_app, flash, g, redirect, request, url_for

from wijkportaal.auth import routes, services
from wijkportaal.core.db import get_session
from wijkportaal.core.extensions import login_manager

VERLOPEN = "Uw sessie is verlopen. Log opnieuw in; daarna gaat u verder waar u was."


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om deze pagina te zien."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(_load_from_sessie)
    login_manager.request_loader(_load_from_bearer)
    login_manager.unauthorized_handler(_unauthorized)
    app.register_blueprint(routes.bp)


def _load_from_sessie(sessie_id: str):
    try:
        return services.load_by_sessie(
            get_session(),
            sessie_id,
            inactief=timedelta(minutes=current_app.config["SESSIE_INACTIEF_MINUTEN"]),
            maximaal=timedelta(hours=current_app.config["SESSIE_MAX_UREN"]),
        )
    except services.SessieVerlopen:
        g.sessie_verlopen = True
        return None


def _load_from_bearer(req):
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return services.load_by_token(get_session(), header.removeprefix("Bearer ").strip())


def _unauthorized():
    if request.path.startswith("/api/"):
        return {"fout": "Niet ingelogd", "toelichting": "Log in of stuur een geldig API-token mee."}, 401
    if g.get("sessie_verlopen"):
        flash(VERLOPEN, "info")
    # A form posted after the session ran out cannot be replayed: back to the page it was sent from.
    terug = request.full_path.rstrip("?") if request.method == "GET" else _pagina_van_formulier()
    return redirect(url_for("auth.login", volgende=terug))


def _pagina_van_formulier() -> str | None:
    """The page of the form, when the browser says it is one of ours (the Referer of a same-site POST)."""
    bron = request.referrer or ""
    if not bron.startswith(request.host_url):
        return None
    return "/" + bron.removeprefix(request.host_url)
