"""Calendar feeds, which calendar programs fetch without a login, only with the user's secret token,
and the page where users find, renew and revoke their feed URLs.

/kalender/<token>.ics                 the personal feed: every meeting of every wijk the user takes part in
/kalender/<token>/<code>.ics          the feed of one wijk the user may see
/instellingen/kalender                the user's feed URLs (the partial kalender/_instellingen.html)
/instellingen/kalender/vernieuwen     (POST) new URLs; the old ones stop working
/instellingen/kalender/intrekken      (POST) revoke the URLs
"""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from wijkportaal.core import ical
from wijkportaal.core.access import require
from wijkportaal.core.db import get_session
from wijkportaal.kalender import permissions, queries, services
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.wijken.queries import wijk_by_code

bp = Blueprint("kalender", __name__)


def _gebruiker(token: str):
    """The owner of a valid token; 404 for a wrong or revoked one (nothing tells them apart)."""
    gebruiker = queries.gebruiker_van(get_session(), token)
    if gebruiker is None:
        abort(404)
    return gebruiker


def _feed(afspraken, naam: str):
    body = ical.kalender(afspraken, methode="PUBLISH", naam=naam)
    return (
        body,
        200,
        {"Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store"},
    )


def _url_voor(bijeenkomst_id: int) -> str:
    return url_for("overleg.bijeenkomst", bijeenkomst_id=bijeenkomst_id, _external=True)


@bp.route("/kalender/<token>.ics")
def persoonlijk(token: str):
    """The personal feed: the meetings of every wijk the token's owner takes part in."""
    db = get_session()
    gebruiker = _gebruiker(token)
    wijk_ids = overleg_queries.deelnemende_wijk_ids(db, gebruiker)
    return _feed(overleg_queries.kalender_afspraken(db, wijk_ids, _url_voor), "Mijn wijkoverleggen")


@bp.route("/kalender/<token>/<code>.ics")
def wijk(token: str, code: str):
    """One wijk's feed, if the token's owner may see that wijk (404 otherwise)."""
    db = get_session()
    gebruiker = _gebruiker(token)
    w = wijk_by_code(db, code)
    if w is None or not permissions.can_follow_wijk(db, gebruiker, w):
        abort(404)
    return _feed(overleg_queries.kalender_afspraken(db, {w.id}, _url_voor), f"Wijkoverleg {w.naam}")


@bp.route("/instellingen/kalender")
@login_required
def instellingen():
    """The user's feed URLs, to paste into a calendar program."""
    require(permissions.can_use_feeds(current_user))
    db = get_session()
    token = services.zorg_voor_token(db, current_user)
    return render_template("kalender/instellingen.html", kalender=queries.feeds(db, current_user, token))


@bp.route("/instellingen/kalender/vernieuwen", methods=["POST"])
@login_required
def vernieuwen():
    """New feed URLs; the old ones stop working at once."""
    require(permissions.can_use_feeds(current_user))
    services.vernieuw(get_session(), current_user)
    flash("U hebt nieuwe agendalinks. De oude werken niet meer: vervang ze in uw agenda.", "success")
    return redirect(url_for("kalender.instellingen"))


@bp.route("/instellingen/kalender/intrekken", methods=["POST"])
@login_required
def intrekken():
    """Revoke the feed URLs."""
    require(permissions.can_use_feeds(current_user))
    services.trek_in(get_session(), current_user)
    flash("Uw agendalinks zijn ingetrokken: agenda's halen de bijeenkomsten niet meer op.", "success")
    return redirect(url_for("kalender.instellingen"))
