"""JSON API v1 (read, for dashboards)."""

from typing import Any

from flask import Blueprint, current_app, request
from flask_login import current_user

from wijkportaal.api import openapi
from wijkportaal.api import wijken as responses
from wijkportaal.api.openapi import api_route
from wijkportaal.api.schemas import WijkDetail, WijkSamenvatting
from wijkportaal.core.db import get_session
from wijkportaal.core.extensions import csrf
from wijkportaal.overleg.permissions import visible_wijk

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def _csrf_unless_bearer():
    """Browsers attach the session cookie to forged requests, never a Bearer header: only callers that
    are logged in through the cookie need a CSRF token."""
    config = current_app.config
    if not (config["WTF_CSRF_ENABLED"] and config["WTF_CSRF_CHECK_DEFAULT"]):
        return
    if not current_user.is_authenticated:
        return  # nobody to forge a request for: the operation's login check answers 401
    has_bearer = request.headers.get("Authorization", "").startswith("Bearer ")
    if has_bearer and getattr(current_user, "sessie_id", None) is None:
        return  # authenticated by the token, or anonymous and about to get a 401
    csrf.protect()


@api_route(
    bp,
    "/wijken",
    summary="De wijken die u mag zien, met de status van hun wijkoverleg",
    response=list[WijkSamenvatting],
)
def wijken():
    """Every wijk the caller may see, for dashboards."""
    return responses.wijken(get_session(), current_user)


@api_route(
    bp,
    "/wijken/<code>",
    summary="Eén wijk met de leden, bijeenkomsten en open actiepunten van het wijkoverleg",
    response=WijkDetail,
    errors=(403, 404),
)
def wijk(code: str):
    """One wijk in detail; 404 if unknown, 403 if the caller may not see it."""
    return responses.wijk(get_session(), visible_wijk(code))


@api_route(
    bp,
    "/openapi.json",
    summary="Deze beschrijving van de API (OpenAPI 3.1)",
    response=dict[str, Any],
    public=True,
)
def openapi_document():
    """The OpenAPI document, generated once per process from the registered routes."""
    app = current_app._get_current_object()
    if "wijkportaal_openapi" not in app.extensions:
        app.extensions["wijkportaal_openapi"] = openapi.document(app, title="Wijkportaal API", version="1")
    return app.extensions["wijkportaal_openapi"]


from wijkportaal.api import kaart, kalender, potten  # noqa: E402, F401  (they register their routes on bp)
