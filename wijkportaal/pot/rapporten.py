"""The pot's reports as pages and as CSV and XLSX downloads, for whoever may view the pot."""

from flask import render_template, request

from wijkportaal.core import clock
from wijkportaal.core.access import get_or_404_403
from wijkportaal.core.db import get_session
from wijkportaal.core.exports import download
from wijkportaal.pot import exports, permissions
from wijkportaal.pot.models import PeriodeSoort, Pot
from wijkportaal.pot.routes import bp

FORMATEN = "<any(csv, xlsx):formaat>"


def _pot(pot_id: int) -> Pot:
    db = get_session()
    return get_or_404_403(Pot, pot_id, lambda user, pot: permissions.can_view_pot(db, user, pot))


def _naam(pot: Pot, rapport: str) -> str:
    return f"pot-{pot.id}-{rapport}-{clock.today():%Y-%m-%d}"


@bp.route("/potten/<int:pot_id>/rapport")
def rapport(pot_id: int):
    """Per pot: paid in, pledged, reserved, allocated, spent and available."""
    pot = _pot(pot_id)
    return render_template(
        "pot/rapport_pot.html", pot=pot, rijen=exports.pot_rapport(get_session(), pot), vandaag=clock.today()
    )


@bp.route(f"/potten/<int:pot_id>/rapport.{FORMATEN}")
def rapport_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = exports.pot_rijen(exports.pot_rapport(get_session(), pot))
    return download(exports.POT_KOLOMMEN, rijen, formaat, _naam(pot, "rapport"), blad="Pot")


@bp.route("/potten/<int:pot_id>/rapport/besturen")
def rapport_besturen(pot_id: int):
    """Per board: contributed and pledged, share of the pot, against a fair share by pupils."""
    pot = _pot(pot_id)
    regels, totaal = exports.besturen_rapport(get_session(), pot)
    return render_template("pot/rapport_besturen.html", pot=pot, regels=regels, totaal=totaal)


@bp.route(f"/potten/<int:pot_id>/rapport/besturen.{FORMATEN}")
def rapport_besturen_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = exports.besturen_rijen(*exports.besturen_rapport(get_session(), pot))
    return download(exports.BESTUUR_KOLOMMEN, rijen, formaat, _naam(pot, "besturen"), blad="Besturen")


@bp.route("/potten/<int:pot_id>/rapport/aanpakken")
def rapport_aanpakken(pot_id: int):
    """Per approach and year: budget against allocated and spent."""
    pot = _pot(pot_id)
    rapporten, totaal = exports.aanpakken_rapport(get_session(), pot)
    return render_template(
        "pot/rapport_aanpakken.html",
        pot=pot,
        rapporten=rapporten,
        totaal=totaal,
        schooljaar=pot.periode_soort == PeriodeSoort.SCHOOLJAAR,
    )


@bp.route(f"/potten/<int:pot_id>/rapport/aanpakken.{FORMATEN}")
def rapport_aanpakken_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = exports.aanpakken_rijen(*exports.aanpakken_rapport(get_session(), pot))
    return download(exports.AANPAK_KOLOMMEN, rijen, formaat, _naam(pot, "aanpakken"), blad="Aanpakken")


def _journaal_fout(pot: Pot, opties, filter_):
    """Bad filter input: the page again with Dutch messages, 422."""
    return render_template(
        "pot/rapport_journaal.html", pot=pot, opties=opties, f=filter_, pagina=None, namen={}
    ), 422


@bp.route("/potten/<int:pot_id>/journaal")
def journaal(pot_id: int):
    """Every transaction of the pot and its approaches with postings, author and hash; filtered, 50 a page."""
    pot = _pot(pot_id)
    db = get_session()
    opties = exports.rekeningen(db, pot)
    f = exports.lees_filter(request.args, opties)
    if f.fouten:
        return _journaal_fout(pot, opties, f)
    return render_template(
        "pot/rapport_journaal.html",
        pot=pot,
        opties=opties,
        f=f,
        pagina=exports.journaal_pagina(db, pot, f),
        namen=exports.rekening_namen(db, pot),
    )


@bp.route(f"/potten/<int:pot_id>/journaal.{FORMATEN}")
def journaal_export(pot_id: int, formaat: str):
    """The filtered journal, all of it (not paged), one row per posting; the CSV is streamed."""
    pot = _pot(pot_id)
    db = get_session()
    opties = exports.rekeningen(db, pot)
    f = exports.lees_filter(request.args, opties)
    f.fouten.pop("pagina", None)  # a download is never paged
    if f.fouten:
        return _journaal_fout(pot, opties, f)
    rijen = _journaal_stroom(pot.id, f, exports.rekening_namen(db, pot))
    return download(exports.JOURNAAL_KOLOMMEN, rijen, formaat, _naam(pot, "journaal"), blad="Journaal")


def _journaal_stroom(pot_id: int, f: exports.JournaalFilter, namen: dict[str, str]):
    """A streamed CSV reads after the request's own session was closed: ask for the session only when
    the rows are read, so the stream's context opens one and closes it when the stream ends."""
    db = get_session()
    yield from exports.journaal_rijen(exports.transacties(db, db.get(Pot, pot_id), f), namen)
