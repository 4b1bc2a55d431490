"""Authentication: login sessions that logout really ends, and personal API tokens."""

from flask import Flask, request

from wijkportaal.auth import routes, services
from wijkportaal.core.db import get_session
from wijkportaal.core.extensions import login_manager


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om deze pagina te zien."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(lambda sessie_id: services.load_by_sessie(get_session(), sessie_id))
    login_manager.request_loader(_load_from_bearer)
    login_manager.unauthorized_handler(_unauthorized)
    app.register_blueprint(routes.bp)


def _load_from_bearer(req):
    header = req.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return services.load_by_token(get_session(), header.removeprefix("Bearer ").strip())


def _unauthorized():
    from flask import redirect, url_for

    if request.path.startswith("/api/"):
        return {"fout": "Niet ingelogd", "toelichting": "Log in of stuur een geldig API-token mee."}, 401
    return redirect(url_for("auth.login", volgende=request.full_path.rstrip("?")))
