"""The Geen Kind de Buurt Uit monitor: referrals per wijk against the targets, and vrijval into the pot."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

import ledger
from wijkportaal.besluiten import permissions as besluiten_permissions
from wijkportaal.besluiten import queries as besluiten_queries
from wijkportaal.besluiten.forms import BesluitForm
from wijkportaal.besluiten.models import BesluitKeuze, Voorstel
from wijkportaal.core import clock
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.forms import keuzes
from wijkportaal.core.privacy import PRIVACY_HINT
from wijkportaal.core.views import Bevestiging, Saldo, in_twee_stappen, render_form, toon_fout
from wijkportaal.core.web import centen
from wijkportaal.monitor import forms, permissions, queries, services
from wijkportaal.monitor.models import VrijvalVoorstel
from wijkportaal.monitor.rules import BASISJAAR, grafiek
from wijkportaal.monitor.services import MonitorFout, label
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.overleg.permissions import visible_wijk
from wijkportaal.pot import queries as pot_queries
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import Pot
from wijkportaal.wijken.models import Wijk

bp = Blueprint("monitor", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every page of the monitor needs a login."""


def _wijk(code: str) -> Wijk:
    require(permissions.can_view_monitor(current_user))
    return visible_wijk(code)


def _voorstel(voorstel_id: int) -> VrijvalVoorstel:
    db = get_session()
    return get_or_404_403(
        VrijvalVoorstel, voorstel_id, lambda user, v: permissions.can_view_voorstel(db, user, v)
    )


@bp.route("/monitor")
def index():
    """Per wijk the referrals against the targets, the avoided referrals and the vrijval."""
    require(permissions.can_view_monitor(current_user))
    db = get_session()
    rijen = queries.overzichten(db, overleg_queries.zichtbare_wijken(db, current_user))
    jaren = sorted({r.schooljaar for _, ov in rijen for r in ov.regels}) or [BASISJAAR]
    return render_template(
        "monitor/index.html",
        rijen=rijen,
        jaren=jaren,
        reducties=queries.reducties(db),
        kosten=queries.kosten(db),
        normen=queries.kostennormen(db),
        wachtend=besluiten_queries.wachtend_op(db, current_user, soort=queries.VRIJVAL),
        open_voorstellen=queries.open_voorstellen(db)
        if permissions.can_propose_vrijval(current_user)
        else [],
        mag_bewerken=permissions.can_edit_monitor(current_user),
    )


@bp.route("/monitor/instellingen")
def instellingen():
    """Targets per school year and average costs per referral, for SWV staff to keep up to date."""
    require(permissions.can_edit_monitor(current_user))
    return _instellingen()


def _instellingen(doel_form=None, kosten_form=None):
    db = get_session()
    kosten = queries.kosten(db)
    if doel_form is None:
        doel_form = forms.ReductiedoelForm(formdata=None)
    if kosten_form is None:
        kosten_form = forms.KostenForm(formdata=None)
        kosten_form.sbo.data = _euro_invoer(kosten.sbo_cents)
        kosten_form.so.data = _euro_invoer(kosten.so_cents)
    doel_form.schooljaar.choices = keuzes(
        (j, label(j)) for j in range(BASISJAAR + 1, services.LAATSTE_DOELJAAR + 1)
    )
    has_errors = bool(doel_form.errors or kosten_form.errors)
    return render_template(
        "monitor/instellingen.html",
        doel_form=doel_form,
        kosten_form=kosten_form,
        doelen=queries.reductiedoelen(db),
        reducties=queries.reducties(db),
        normen=queries.kostennormen(db),
        kosten=kosten,
    ), 422 if has_errors else 200


def _euro_invoer(cents: int) -> str:
    """Cents as the Dutch input the amount field reads back ('12.000,00')."""
    euros, rest = divmod(cents, 100)
    return f"{euros:,}".replace(",", ".") + f",{rest:02d}"


@bp.route("/monitor/instellingen/doel", methods=["POST"])
def doel_instellen():
    """Set the target reduction of one school year."""
    require(permissions.can_edit_monitor(current_user))
    form = forms.ReductiedoelForm()
    form.schooljaar.choices = keuzes(
        (j, label(j)) for j in range(BASISJAAR + 1, services.LAATSTE_DOELJAAR + 1)
    )
    if form.validate_on_submit():
        try:
            services.stel_reductiedoel_in(
                get_session(), current_user, schooljaar=form.schooljaar.data, procent=form.procent.data
            )
        except MonitorFout as fout:
            toon_fout(form, fout)
        else:
            flash(f"Het doel voor {label(form.schooljaar.data)} is ingesteld.", "success")
            return redirect(url_for("monitor.instellingen"))
    return _instellingen(doel_form=form)


@bp.route("/monitor/instellingen/kosten", methods=["POST"])
def kosten_instellen():
    """Set the average yearly cost of an SBO and an SO referral."""
    require(permissions.can_edit_monitor(current_user))
    form = forms.KostenForm()
    if form.validate_on_submit():
        try:
            services.stel_kosten_in(
                get_session(), current_user, sbo_cents=form.sbo.cents, so_cents=form.so.cents
            )
        except MonitorFout as fout:
            toon_fout(form, fout)
        else:
            flash("De gemiddelde kosten per verwijzing zijn ingesteld.", "success")
            return redirect(url_for("monitor.instellingen"))
    return _instellingen(kosten_form=form)


@bp.route("/monitor/aantallen", methods=["GET", "POST"])
def aantallen():
    """Enter or correct a wijk's referrals to SBO and SO for one school year."""
    require(permissions.can_edit_monitor(current_user))
    db = get_session()
    form = forms.TellingForm()
    wijken = list(db.exec(select(Wijk).order_by(Wijk.naam)))
    form.wijk_id.choices = keuzes((w.id, w.naam) for w in wijken)
    form.schooljaar.choices = keuzes((j, label(j)) for j in reversed(services.invoerjaren()))
    wijk = None
    if request.method == "GET":
        wijk = next((w for w in wijken if w.code == request.args.get("wijk")), None)
        jaar = request.args.get("jaar", type=int)
        if wijk is not None:
            form.wijk_id.data = wijk.id
            if jaar is not None:
                form.schooljaar.data = jaar
                huidig = queries.aantallen(db, [wijk.id])[wijk.id].get(jaar)
                if huidig is not None:
                    form.sbo.data, form.so.data = str(huidig.sbo), str(huidig.so)
    if form.validate_on_submit():
        wijk = db.get(Wijk, form.wijk_id.data)
        try:
            actie = services.leg_aantallen_vast(
                db,
                current_user,
                wijk,
                schooljaar=form.schooljaar.data,
                sbo=form.sbo.data,
                so=form.so.data,
            )
        except MonitorFout as fout:
            toon_fout(form, fout)
        else:
            flash(f"De aantallen van {wijk.naam} voor {label(form.schooljaar.data)}: {actie}.", "success")
            return redirect(url_for("monitor.wijk", code=wijk.code))
    return render_form("monitor/aantallen_form.html", form, wijk=wijk, privacy_hint=PRIVACY_HINT)


@bp.route("/monitor/vrijval/<id:voorstel_id>", methods=["GET", "POST"])
def voorstel(voorstel_id: int):
    """A vrijval proposal and the boards' decisions; a bestuurder decides here for their own board."""
    voorstel = _voorstel(voorstel_id)
    db = get_session()
    form = BesluitForm()
    if request.method == "POST":
        require(permissions.can_decide_vrijval(db, current_user, voorstel))
        if form.validate_on_submit():
            try:
                status = services.neem_vrijval_besluit(
                    db,
                    current_user,
                    voorstel,
                    bestuur_id=current_user.bestuur_id,
                    besluit=BesluitKeuze(form.besluit.data),
                    toelichting=form.toelichting.data or "",
                )
            except (Weigering, ledger.LedgerError) as fout:
                toon_fout(form, fout)
            else:
                flash(f"Uw besluit is vastgelegd. Status: {status.label}.", "success")
                return redirect(url_for("monitor.voorstel", voorstel_id=voorstel.id))
    besluitvoorstel = db.get(Voorstel, voorstel.voorstel_id)
    pot = db.get(Pot, voorstel.pot_id)
    mag_besluiten = besluiten_permissions.wacht_op(db, current_user, besluitvoorstel)
    return render_form(
        "monitor/voorstel.html",
        form,
        v=voorstel,
        wijk=db.get(Wijk, voorstel.wijk_id),
        pot=pot,
        mag_besluiten=mag_besluiten,
        gevolg_van_akkoord=besluiten_queries.gevolg_van_akkoord(
            db,
            besluitvoorstel,
            besluiten_permissions.beslisser_van(current_user, besluitvoorstel),
            f"komt {centen(voorstel.bedrag_cents)} vrijval in {pot.naam}",
            pot_services.ingelegd_per_bestuur(db, pot),
        )
        if mag_besluiten
        else None,
        privacy_hint=PRIVACY_HINT,
        **besluiten_queries.besluitvorming(db, besluitvoorstel),
    )


@bp.route("/monitor/<code>")
def wijk(code: str):
    """One wijk: a chart of actual against target, the table with the same numbers, and the vrijval."""
    wijk = _wijk(code)
    db = get_session()
    ov = queries.overzichten(db, [wijk])[0][1]
    lopend = queries.lopend_per_jaar(db, wijk.id)
    return render_template(
        "monitor/wijk.html",
        wijk=wijk,
        ov=ov,
        g=grafiek(ov),
        voorstellen=queries.voorstellen(db, [wijk.id]),
        lopend=lopend,
        vastgelegd=services.vastgelegde_jaren(db, wijk.id),
        kosten=queries.kosten(db),
        mag_bewerken=permissions.can_edit_monitor(current_user),
        mag_voorstellen=permissions.can_propose_vrijval(current_user),
        heeft_potten=bool(queries.potten_van_wijk(db, wijk)),
        huidig_schooljaar=clock.schooljaar_van(clock.today()),
    )


@bp.route("/monitor/<code>/vrijval", methods=["GET", "POST"])
def vrijval_nieuw(code: str):
    """Propose to add the wijk's vrijval of a school year to one of its pots."""
    wijk = _wijk(code)
    require(permissions.can_propose_vrijval(current_user))
    db = get_session()
    ov = queries.overzichten(db, [wijk])[0][1]
    lopend = queries.lopend_per_jaar(db, wijk.id)
    beschikbaar = [
        r
        for r in ov.regels
        if r.vrijval_cents and r.schooljaar not in lopend and services.is_afgelopen(r.schooljaar)
    ]
    potten = queries.potten_van_wijk(db, wijk)
    form = forms.VrijvalForm()
    form.schooljaar.choices = keuzes(
        (r.schooljaar, f"{r.label}: {centen(r.vrijval_cents)}") for r in beschikbaar
    )
    form.pot_id.choices = keuzes((p.id, p.naam) for p in potten)
    if request.method == "GET":
        form.schooljaar.data = request.args.get("jaar", type=int)

    def bevestiging() -> Bevestiging:
        regel = next((r for r in beschikbaar if r.schooljaar == form.schooljaar.data), None)
        pot = next((p for p in potten if p.id == form.pot_id.data), None)
        if regel is None or pot is None:
            raise Weigering("Kies een schooljaar en een pot uit de lijst.")
        nu = pot_queries.cijfers(db, [pot])[pot.id].beschikbaar
        return Bevestiging(
            titel="Vrijval voorstellen: bevestigen",
            bedrag_cents=regel.vrijval_cents,
            pot=pot.naam,
            regels=(("Wijk", wijk.naam), ("Schooljaar", regel.label), ("Goedkeuringsregel", pot.regel.label)),
            saldi=(Saldo("Beschikbaar in de pot, na instemming", nu, nu + regel.vrijval_cents),),
            uitleg=(
                "Er wordt nu nog niets geboekt: na uw bevestiging besluiten de deelnemende besturen. Stemmen "
                "ze in, dan komt de vrijval als bijdrage in de pot."
            ),
        )

    def boek():
        voorstel = form.eenmalig(
            db,
            current_user,
            VrijvalVoorstel,
            lambda _sleutel: services.stel_vrijval_voor(
                db,
                current_user,
                wijk,
                schooljaar=form.schooljaar.data,
                pot=db.get(Pot, form.pot_id.data),
                toelichting=form.toelichting.data or "",
            ),
        )
        flash("De vrijval is voorgesteld; de besturen van de pot kunnen nu besluiten.", "success")
        return redirect(url_for("monitor.voorstel", voorstel_id=voorstel.id))

    klaar = in_twee_stappen(
        form,
        bevestiging,
        boek,
        origineel=(VrijvalVoorstel, lambda v: url_for("monitor.voorstel", voorstel_id=v.id)),
    )
    if klaar is not None:
        return klaar
    return render_form(
        "monitor/vrijval_form.html",
        form,
        wijk=wijk,
        beschikbaar=beschikbaar,
        potten=potten,
        kosten=queries.kosten(db),
        privacy_hint=PRIVACY_HINT,
    )
