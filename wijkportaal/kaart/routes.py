"""The map page, the map itself (a sandboxed frame with its own Content-Security-Policy) and Leaflet's files.

GET /kaart                          the map page: layer choice, legend, the frame, a table of the figures
GET /kaart/frame?laag=&domein=&wijk= the folium map, also a wijk's own small map (?wijk=<code>)
GET /kaart/assets/<pakket>/<bestand> Leaflet's JavaScript, CSS and images from the installed XStatic package
"""

import io
from functools import lru_cache
from pathlib import Path

import xstatic.pkg.leaflet as xstatic_leaflet
from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from werkzeug.security import safe_join

from maps import kaart as maps_kaart
from wijkportaal.core.access import require
from wijkportaal.core.db import get_session
from wijkportaal.core.ids import id_arg
from wijkportaal.expertise import queries as expertise_queries
from wijkportaal.kaart import permissions, queries
from wijkportaal.kaart.queries import LAGEN
from wijkportaal.kaart.rules import Keuze
from wijkportaal.wijken.queries import wijk_by_code

bp = Blueprint("kaart", __name__, url_prefix="/kaart")


@bp.record_once
def _check_tegels(state) -> None:
    """A mistyped KAART_TEGELS stops the start, rather than quietly showing maps without tiles."""
    waarde = state.app.config["KAART_TEGELS"]
    if waarde not in maps_kaart.TEGELS:
        raise RuntimeError(f"KAART_TEGELS={waarde!r} is onbekend; kies uit: {', '.join(maps_kaart.TEGELS)}.")


LEAFLET = f"leaflet-{xstatic_leaflet.VERSION}"  # the version in the path: a new one is a new URL
PAKKETTEN = {LEAFLET: Path(xstatic_leaflet.BASE_DIR)}
JAAR = 365 * 24 * 3600


@bp.route("")
@login_required
def index():
    """The map of all wijken for one layer, with the same figures as an accessible table."""
    k = _gekozen_kaart()
    return render_template(
        "kaart/index.html",
        lagen=LAGEN.values(),
        kaart=k,
        domeinen=expertise_queries.domeinen(get_session()),
        frame_url=url_for(".frame", laag=k.laag.naam, domein=k.keuze.domein_id),
    )


@bp.route("/frame")
@login_required
def frame():
    """The folium map, shown in a sandboxed iframe; it runs the scripts folium writes, by their nonce."""
    k = _gekozen_kaart()
    tegels = maps_kaart.TEGELS.get(current_app.config["KAART_TEGELS"])
    html = maps_kaart.kaart_html(
        queries.kaartlaag(k),
        js=[("leaflet", url_for(".asset", pakket=LEAFLET, bestand="leaflet.js"))],
        css=[("leaflet_css", url_for(".asset", pakket=LEAFLET, bestand="leaflet.css"))],
        tegels=tegels,
        focus=queries.focus(k) if k.keuze.wijk_id is not None else None,
        nonce=g.csp_nonce,
    )
    response = make_response(html)
    response.headers["Content-Security-Policy"] = frame_csp(tegels, g.csp_nonce)
    return response


@bp.route("/assets/<pakket>/<path:bestand>")
def asset(pakket: str, bestand: str):
    """A file of a third-party package as installed (never a copy in the repository), cached for a year."""
    inhoud = _asset(pakket, bestand)
    if inhoud is None:
        abort(404)
    response = send_file(io.BytesIO(inhoud), download_name=Path(bestand).name, max_age=JAAR, etag=False)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


@lru_cache(maxsize=64)
def _asset(pakket: str, bestand: str) -> bytes | None:
    """The file's bytes, read once per process: the files are small and fixed per installed version, and a
    response from memory holds no open file when a browser drops the connection halfway."""
    if pakket not in PAKKETTEN:
        return None
    pad = safe_join(str(PAKKETTEN[pakket]), bestand)
    return Path(pad).read_bytes() if pad is not None and Path(pad).is_file() else None


def frame_csp(tegels: maps_kaart.Tegels | None, nonce: str) -> str:
    """The map frame's own policy: folium's inline scripts and styles run by their nonce; tiles only when
    configured. Leaflet sets style attributes, which cannot run code (style-src-attr). The frame is sandboxed
    by its own policy too, as by the iframe's attribute: scripts, and a click may open a page in the window."""
    beelden = " ".join(["'self'", "data:", *([tegels.bron] if tegels else [])])
    return (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'nonce-{nonce}'; "
        f"style-src-attr 'unsafe-inline'; img-src {beelden}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'self'; sandbox allow-scripts allow-top-navigation-by-user-activation"
    )


def _gekozen_kaart() -> queries.Kaart:
    """The layer and choices of the query string (?laag=&domein=&wijk=); 404 for an unknown layer or wijk."""
    require(permissions.can_view_kaart(current_user))
    wijk_id = None
    if code := request.args.get("wijk"):
        wijk = wijk_by_code(get_session(), code)
        if wijk is None:
            abort(404)
        wijk_id = wijk.id
    naam = request.args.get("laag") or ("scholen" if wijk_id else "overleg")
    if naam not in LAGEN:
        abort(404)
    keuze = Keuze(domein_id=request.args.get("domein", type=id_arg), wijk_id=wijk_id)
    return queries.kaart(get_session(), current_user, naam, keuze)
