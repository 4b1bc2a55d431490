"""Pages that read several features: the start page, the list of wijken, the portal page per wijk, a gap
put on the agenda from the wijk page, and the SWV charts.

The blueprint keeps the name "wijken", so the endpoints are still `wijken.start`, `wijken.index`,
`wijken.wijk`; the gap on the agenda and the charts, which came from the overleg, keep their URLs and are
`wijken.hiaat_op_agenda` and `wijken.grafieken`."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from wijkportaal.core import clock
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.views import weiger_en_terug
from wijkportaal.core.web import datum as datum_tekst
from wijkportaal.overleg import forms as overleg_forms
from wijkportaal.overleg import permissions as overleg_permissions
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.overleg import services as overleg_services
from wijkportaal.overleg.models import Bijeenkomst
from wijkportaal.overleg.permissions import visible_wijk
from wijkportaal.overleg.queries import zichtbare_wijken
from wijkportaal.overleg.services import OverlegFout
from wijkportaal.pages import queries, te_doen
from wijkportaal.wijken.models import Regio, Wijk
from wijkportaal.wijken.permissions import can_view_overzicht

bp = Blueprint("wijken", __name__)
EIGEN_WIJKEN = 3  # the start page links to the user's wijken when there are this few


@bp.route("/")
@login_required
def start():
    """Te doen: what waits for this user, most urgent first, each item linking to where it is done."""
    from wijkportaal.expertise.permissions import can_record

    db = get_session()
    wijken = zichtbare_wijken(db, current_user, limit=EIGEN_WIJKEN + 1)  # more: no links to each
    return render_template(
        "wijken/start.html",
        lijsten=te_doen.lijsten(te_doen.voor(db, current_user)),
        eigen_wijken=wijken if len(wijken) <= EIGEN_WIJKEN else [],
        mag_aanbod_vastleggen=can_record(db, current_user),
    )


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


@bp.route("/wijken/<code>/hiaten/<id:domein_id>/agenda", methods=["POST"])
@login_required
def hiaat_op_agenda(code: str, domein_id: int):
    """Put a gap in the wijk's support on the next meeting's agenda, with one click."""
    from wijkportaal.expertise.models import Domein
    from wijkportaal.expertise.queries import dekking_van_wijk

    wijk = visible_wijk(code)
    db = get_session()
    overleg = overleg_queries.overleg_van(db, wijk)
    require(overleg is not None and overleg_permissions.can_manage_overleg(current_user, overleg))
    domein = get_or_404_403(Domein, domein_id)
    terug = redirect(url_for("wijken.wijk", code=wijk.code, _anchor="hiaten-kop"), 303)
    form = overleg_forms.HiaatForm()
    if not form.validate_on_submit():
        flash("Het formulier was niet geldig; probeer het opnieuw.", "error")
        return terug
    cel = dekking_van_wijk(db, wijk.id).cel(wijk.id, domein.id)
    try:
        punt = overleg_services.zet_hiaat_op_agenda(db, current_user, overleg, domein, cel, form.reden.data)
    except OverlegFout as fout:
        return weiger_en_terug(fout, url_for("wijken.wijk", code=wijk.code, _anchor="hiaten-kop"))
    b = db.get(Bijeenkomst, punt.bijeenkomst_id)
    flash(f"'{punt.titel}' staat op de agenda van {datum_tekst(b.start)}.", "success")
    return redirect(url_for("overleg.bijeenkomst", bijeenkomst_id=b.id, _anchor=f"punt-{punt.id}"), 303)


@bp.route("/overzicht/grafieken")
@login_required
def grafieken():
    """Charts for SWV staff: meetings per wijk per month of the school year, and coverage per wijk."""
    from wijkportaal.core import grafieken as g
    from wijkportaal.expertise.queries import Dekking, dekkingsmatrix
    from wijkportaal.kaart.queries import DEKKING_KLEUREN  # the same colours as on the map

    require(can_view_overzicht(current_user))
    db = get_session()
    regios = list(db.exec(select(Regio).order_by(Regio.naam)))
    regio = next((r for r in regios if r.code == request.args.get("regio")), None)
    huidig = clock.schooljaar_van(clock.today())
    schooljaar = request.args.get("schooljaar", huidig, type=int)
    if not 2000 <= schooljaar <= huidig + 1:
        schooljaar = huidig
    wijken = [w for w in db.exec(select(Wijk).order_by(Wijk.naam)) if regio is None or w.regio_id == regio.id]
    ids = [w.id for w in wijken]
    per_maand = overleg_queries.bijeenkomsten_per_maand(db, schooljaar, ids)
    matrix = dekkingsmatrix(db)
    delen = [(d.label.lower(), DEKKING_KLEUREN[d.value]) for d in Dekking]

    def url(w):
        return url_for("wijken.wijk", code=w.code)

    return render_template(
        "overleg/grafieken.html",
        regios=regios,
        regio=regio,
        schooljaar=schooljaar,
        schooljaren=list(range(huidig, huidig - 5, -1)),
        bijeenkomsten=g.heatmap(
            [(w.naam, url(w), per_maand.get(w.id, [0] * 12)) for w in wijken], overleg_queries.MAANDEN
        ),
        tinten=list(zip(("geen", "1", "2", "3 of meer"), g.TINTEN, strict=True)),
        dekking=g.gestapeld([(w.naam, url(w), list(matrix.telling(w.id).values())) for w in wijken], delen),
        dekking_delen=delen,
        aantal_domeinen=len(matrix.domeinen),
    )
