"""Start page, the list of wijken and the portal page per wijk."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from wijkportaal.core.access import visible_wijk
from wijkportaal.core.db import get_session
from wijkportaal.wijken import queries

bp = Blueprint("wijken", __name__)


@bp.route("/")
@login_required
def start():
    """Where each user starts: their own wijk, or the list of wijken."""
    wijken = queries.zichtbare_wijken(get_session(), current_user)
    if len(wijken) == 1:
        return redirect(url_for("wijken.wijk", code=wijken[0].code))
    return redirect(url_for("wijken.index"))


@bp.route("/wijken")
@login_required
def index():
    """The wijken the user may see, grouped by regio, with their overleg status."""
    from wijkportaal.besluiten.queries import wachtend_op

    db = get_session()
    return render_template(
        "wijken/index.html",
        wachtend=wachtend_op(db, current_user),
        **queries.wijken_per_regio(db, current_user),
    )


@bp.route("/wijken/<code>")
@login_required
def wijk(code: str):
    """The wijkportaal: schools, boards, the overleg, its meetings and open actions."""
    wijk = visible_wijk(code)
    return render_template("wijken/wijk.html", **queries.wijk_pagina(get_session(), current_user, wijk))


@bp.route("/gezondheid")
def gezondheid():
    """Liveness probe for the load balancer (and the benchmark's floor)."""
    return {"status": "ok"}
