"""The begroting page: per group and line the budget, committed, paid and left in a year; its export,
and the upload of a meerjarenbegroting file."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from wijkportaal.begroting import forms, permissions, queries, rules, services
from wijkportaal.core import clock
from wijkportaal.core.access import require
from wijkportaal.core.bestanden import te_groot_upload
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.exports import download
from wijkportaal.core.views import render_form, toon_fout

bp = Blueprint("begroting", __name__)


@bp.before_request
@login_required
def _require_login():
    """The begroting is for SWV staff and the director only."""
    require(permissions.can_view_begroting(current_user))


def _jaar() -> int:
    """The year asked for (?jaar=2026), this year when none; 400 for anything but a year."""
    jaar = rules.gevraagd_jaar(request.args.get("jaar"), clock.today().year)
    if jaar is None:
        abort(400)
    return jaar


def _pagina(jaar: int, form: forms.ImportForm | None = None):
    db = get_session()
    mag_importeren = permissions.can_import_begroting(current_user)
    if form is None and mag_importeren:
        form = forms.ImportForm()
    return render_form(
        "begroting/index.html",
        form,
        overzicht=queries.overzicht(db, jaar),
        wijzigingen=queries.recente_wijzigingen(db, jaar),
        jaren=sorted(set(queries.jaren(db)) | {jaar}),
        mag_importeren=mag_importeren,
    )


@bp.route("/begroting")
def index():
    """The begroting of a year per group and line, with subtotals and the total."""
    return _pagina(_jaar())


@bp.route("/begroting.<any(csv, xlsx):formaat>")
def export(formaat: str):
    """The same table as CSV or XLSX."""
    jaar = _jaar()
    overzicht = queries.overzicht(get_session(), jaar)
    return download(
        rules.KOLOMMEN, rules.export_rijen(overzicht), formaat, f"begroting-{jaar}", blad="Begroting"
    )


@bp.route("/begroting/importeren", methods=["POST"])
def importeren():
    """Load a meerjarenbegroting file; a file with any error changes nothing."""
    require(permissions.can_import_begroting(current_user))
    jaar = _jaar()
    form = forms.ImportForm()
    if not form.validate_on_submit():
        return _pagina(jaar, form)
    bestand = form.bestand.data
    if melding := te_groot_upload(bestand.stream, bestand.filename or "Het bestand"):
        form.bestand.errors = [melding]
        return _pagina(jaar, form)
    inlezing = rules.lees_bestand(bestand.read(), bestand.filename or "")
    if inlezing.fouten:
        form.bestand.errors = [*inlezing.fouten, "Het bestand is niet ingelezen: er is niets veranderd."]
        return _pagina(jaar, form)
    try:
        resultaat = services.importeer(get_session(), current_user, inlezing.rijen, bestand.filename or "")
    except Weigering as fout:
        toon_fout(form, Weigering(f"{fout} Het bestand is niet ingelezen: er is niets veranderd.", "bestand"))
        return _pagina(jaar, form)
    if resultaat.niets_veranderd:
        flash("De begroting was al gelijk aan dit bestand; er is niets veranderd.", "success")
    else:
        flash(
            f"Ingelezen: {len(resultaat.nieuwe_groepen)} nieuwe groep(en), {len(resultaat.nieuwe_regels)} "
            f"nieuwe regel(s), {len(resultaat.wijzigingen)} bedrag(en) gewijzigd.",
            "success",
        )
    return redirect(url_for("begroting.index", jaar=jaar), 303)
