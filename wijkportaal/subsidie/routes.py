"""Deciding and funding: the director's ranked list, the decision, the letter, a grant's payments and
its closing. Each view: load → check (permissions.py) → act through a service → render or redirect."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.ids import id_arg, pagina_arg
from wijkportaal.core.views import Bevestiging, Saldo, in_twee_stappen, render_form, weiger_en_terug
from wijkportaal.core.web import centen
from wijkportaal.initiatieven import queries as initiatieven_queries
from wijkportaal.initiatieven.models import Aanvraag, Ronde
from wijkportaal.subsidie import forms, permissions, queries, services
from wijkportaal.subsidie.models import Besluit, Mutatie, Uitkomst

bp = Blueprint("subsidie", __name__, url_prefix="/subsidie")


@bp.before_request
@login_required
def _login():
    """Every page of deciding and funding needs a login."""


def _aanvraag(id: int, check) -> Aanvraag:
    return get_or_404_403(Aanvraag, id, check)


@bp.route("/ranglijst")
def ranglijst():
    """The director's ranked list of assessed applications, with what is left if all above are granted."""
    require(permissions.can_see_ranglijst(current_user))
    lijst = queries.ranglijst(
        get_session(), request.args.get("ronde", type=id_arg), request.args.get("pagina", 1, type=pagina_arg)
    )
    return render_form(
        "subsidie/ranglijst.html",
        lijst=lijst,
        mag_beslissen=lambda a: permissions.can_decide(current_user, a),
    )


def _besluit_pagina(aanvraag: Aanvraag, form):
    db = get_session()
    ronde = db.get(Ronde, aanvraag.ronde_id)
    regel = queries.regel_van(db, ronde)
    return render_form(
        "subsidie/besluit.html",
        form,
        aanvraag=aanvraag,
        ronde=ronde,
        regel=regel,
        gevraagd=initiatieven_queries.gevraagd_cents(db, [aanvraag.id])[aanvraag.id],
        resterend=queries.resterend(db, regel, list(ronde.jaren)),
        uitslag=queries.uitslag(db, aanvraag.id),
        wijken=initiatieven_queries.wijkcodes(db, [aanvraag.id])[aanvraag.id],
        veldnaam=lambda j: f"bedrag_{j}",
    )


@bp.route("/<id:id>/besluit", methods=["GET", "POST"])
def besluit(id: int):
    """The director decides: toekennen (an amount per year within what is left), afwijzen or aanhouden.
    In two steps, as every form that moves money: the decision is shown for confirmation first."""
    aanvraag = _aanvraag(id, permissions.can_open_besluit)
    if request.method == "GET" and not permissions.can_decide(current_user, aanvraag):
        flash(f"Over deze aanvraag is al besloten: {aanvraag.status.label.lower()}.", "info")
        return redirect(url_for("subsidie.brief", id=aanvraag.id))
    db = get_session()
    jaren = list(db.get(Ronde, aanvraag.ronde_id).jaren)
    form = forms.besluit_form(jaren)

    def boek():
        uitkomst = Uitkomst(form.uitkomst.data)
        form.eenmalig(
            db,
            current_user,
            Besluit,
            lambda _sleutel: services.beslis(
                db, current_user, aanvraag, uitkomst, form.motivatie.data, form.bedragen(jaren)
            ),
        )
        flash(f"Het besluit is vastgelegd: {uitkomst.label.lower()}. De besluitbrief staat klaar.", "success")
        return redirect(url_for("subsidie.brief", id=aanvraag.id), 303)

    klaar = in_twee_stappen(
        form,
        lambda: _bevestig_besluit(db, aanvraag, form, jaren),
        boek,
        origineel=(Besluit, lambda b: url_for("subsidie.brief", id=b.aanvraag_id)),
    )
    if klaar is not None:
        return klaar
    return _besluit_pagina(aanvraag, form)


def _bevestig_besluit(db, aanvraag: Aanvraag, form, jaren) -> Bevestiging:
    """The decision as it will be recorded and, for a grant, what is left on the line per year after it."""
    uitkomst = Uitkomst(form.uitkomst.data)
    ronde, regel, bedragen = services.toets(db, aanvraag, uitkomst, form.motivatie.data, form.bedragen(jaren))
    regels = (
        ("Aanvraag", aanvraag.titel),
        ("Besluit", uitkomst.werkwoord),
        ("Motivatie", form.motivatie.data),
    )
    if uitkomst is not Uitkomst.TOEKENNEN:
        return Bevestiging(
            titel="Besluit bevestigen",
            bedrag_cents=None,
            pot=ronde.naam,
            pot_label="Ronde",
            regels=regels,
            uitleg="Het besluit is definitief: de besluitbrief wordt gemaakt en de aanvragers zien hem meteen."
            + (" Zij dienen een nieuwe versie in." if uitkomst is Uitkomst.AANHOUDEN else ""),
        )
    vrij = queries.resterend(db, regel, jaren)
    toegekend = {j: c for j, c in sorted(bedragen.items()) if c}
    return Bevestiging(
        titel="Toekenning bevestigen",
        bedrag_cents=sum(toegekend.values()),
        pot=f"{regel.naam}, {ronde.naam}",
        pot_label="Begrotingsregel",
        regels=(*regels, *((f"Bedrag {j}", centen(c)) for j, c in toegekend.items())),
        saldi=tuple(
            Saldo(f"Nog vrij op '{regel.naam}' in {j}", vrij[j], vrij[j] - c) for j, c in toegekend.items()
        ),
        uitleg="Het bedrag wordt per jaar vastgelegd op de eigen rekening van het initiatief; de besluitbrief "
        "wordt gemaakt. Een toekenning wordt niet gewijzigd: wat niet wordt besteed, komt bij het afronden terug.",
    )


@bp.route("/<id:id>/brief")
def brief(id: int):
    """The decision letter exactly as it was sent; printable (the browser's print makes the PDF)."""
    aanvraag = _aanvraag(id, permissions.can_read_brief)
    brief = queries.brief_van(get_session(), aanvraag.id)
    if brief is None:
        abort(404)
    return render_form("subsidie/brief.html", brief=brief, aanvraag=aanvraag)


def _subsidie_pagina(aanvraag: Aanvraag, betaling=None, afronden=None):
    db = get_session()
    stand = queries.stand(db, aanvraag)
    mag_betalen = permissions.can_pay(current_user, aanvraag)
    if mag_betalen and betaling is None:
        betaling = forms.BetalingForm()
    if betaling is not None:
        betaling.jaar.choices = [(j.jaar, str(j.jaar)) for j in stand.jaren]
    mag_afronden = permissions.can_close(current_user, aanvraag)
    if mag_afronden and afronden is None:
        afronden = forms.AfrondenForm()
    return render_form(
        "subsidie/subsidie.html",
        betaling if betaling is not None and betaling.errors else afronden,
        aanvraag=aanvraag,
        stand=stand,
        betaling=betaling if mag_betalen else None,
        afronden=afronden if mag_afronden else None,
        besluit=queries.besluit_van(db, aanvraag.id),
    )


@bp.route("/<id:id>")
def subsidie(id: int):
    """A grant: committed, paid, released and open per year, with the payments."""
    return _subsidie_pagina(_aanvraag(id, permissions.can_see_grant))


@bp.route("/<id:id>/betaling", methods=["POST"])
def betaling(id: int):
    """SWV staff pay a tranche; never beyond what is committed and unpaid for that year. In two steps."""
    aanvraag = _aanvraag(id, permissions.can_pay)
    db = get_session()
    form = forms.BetalingForm()
    form.jaar.choices = [(t.jaar, str(t.jaar)) for t in queries.toekenningen(db, aanvraag.id)]

    def bevestiging() -> Bevestiging:
        jaar, cents = form.jaar.data, form.bedrag.cents
        open_ = services.toets_betaling(db, aanvraag, jaar, cents, form.omschrijving.data)
        return Bevestiging(
            titel="Betaling bevestigen",
            bedrag_cents=cents,
            pot=f"Toekenning aan {aanvraag.titel}, {jaar}",
            pot_label="Van",
            regels=(("Jaar", str(jaar)), ("Omschrijving", form.omschrijving.data)),
            saldi=(Saldo(f"Nog te betalen in {jaar}", open_, open_ - cents),),
            uitleg="De betaling wordt geboekt van de toekenning aan het initiatief; een boeking wordt nooit "
            "gewijzigd, alleen tegengeboekt.",
        )

    def boek():
        form.eenmalig(
            db,
            current_user,
            Mutatie,
            lambda grootboeksleutel: services.betaal(
                db,
                current_user,
                aanvraag,
                form.jaar.data,
                form.bedrag.cents,
                form.omschrijving.data,
                grootboeksleutel,
            ),
        )
        flash("De betaling is geboekt.", "success")
        return redirect(url_for("subsidie.subsidie", id=aanvraag.id) + "#betalingen", 303)

    klaar = in_twee_stappen(
        form,
        bevestiging,
        boek,
        origineel=(Mutatie, lambda m: url_for("subsidie.subsidie", id=m.aanvraag_id) + "#betalingen"),
    )
    if klaar is not None:
        return klaar
    return _subsidie_pagina(aanvraag, betaling=form)


@bp.route("/<id:id>/afronden", methods=["POST"])
def afronden(id: int):
    """SWV staff close the initiative: what was not paid goes back to the budget line."""
    aanvraag = _aanvraag(id, permissions.can_close)
    form = forms.AfrondenForm()
    if not form.validate_on_submit():
        return _subsidie_pagina(aanvraag, afronden=form)
    try:
        services.rond_af(get_session(), current_user, aanvraag, form.reden.data)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("subsidie.subsidie", id=aanvraag.id))
    flash("Het initiatief is afgerond; wat niet is betaald, staat weer vrij op de begroting.", "success")
    return redirect(url_for("subsidie.subsidie", id=aanvraag.id), 303)
