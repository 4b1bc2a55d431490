"""The wijkoverleg: meetings, agendas, minutes, actions; themes, the bar and the SWV overview."""

from dataclasses import asdict

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.core import exports as core_exports
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session, rollback_request
from wijkportaal.core.errors import Weigering
from wijkportaal.core.forms import keuzes
from wijkportaal.core.ids import id_arg
from wijkportaal.core.roles import Rol
from wijkportaal.core.views import render_form, toon_fout, weiger_en_terug
from wijkportaal.overleg import forms, permissions, queries, rules, services
from wijkportaal.overleg.models import (
    AanwezigheidStatus,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Thema,
    Wijkoverleg,
)
from wijkportaal.overleg.queries import load_norm, verplichte_themas
from wijkportaal.overleg.rules import EXPORT_KOLOMMEN, KOLOMMEN
from wijkportaal.overleg.services import OverlegFout
from wijkportaal.wijken.models import Organisatie, OrganisatieSoort, Wijk
from wijkportaal.wijken.permissions import can_view_overzicht

bp = Blueprint("overleg", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every page of the overleg needs a login."""


# Loading with access checks: load → check → act.


def _can_view_bijeenkomst(user, b: Bijeenkomst) -> bool:
    db = get_session()
    return permissions.can_view_overleg(db, user, db.get(Wijkoverleg, b.wijkoverleg_id))


def _can_manage_bijeenkomst(user, b: Bijeenkomst) -> bool:
    return permissions.can_manage_overleg(user, get_session().get(Wijkoverleg, b.wijkoverleg_id))


def _bijeenkomst(bijeenkomst_id: int, manage: bool = False) -> Bijeenkomst:
    b = get_or_404_403(Bijeenkomst, bijeenkomst_id, _can_view_bijeenkomst)
    require(not manage or _can_manage_bijeenkomst(current_user, b))
    return b


def _agendapunt(agendapunt_id: int, manage: bool = True) -> tuple[Agendapunt, Bijeenkomst]:
    punt = get_or_404_403(Agendapunt, agendapunt_id)
    return punt, _bijeenkomst(punt.bijeenkomst_id, manage=manage)


def _wijk_en_overleg(code: str, manage: bool = True):
    wijk = permissions.visible_wijk(code)
    overleg = queries.overleg_van(get_session(), wijk)
    if manage:
        if overleg is None:
            abort(404)
        require(permissions.can_manage_overleg(current_user, overleg))
    return wijk, overleg


def _naar(b: Bijeenkomst, anker: str = ""):
    return redirect(url_for("overleg.bijeenkomst", bijeenkomst_id=b.id) + (f"#{anker}" if anker else ""))


def _fout_en_terug(b: Bijeenkomst, fout: OverlegFout):
    """For one-button actions: show the refusal on the meeting page without changing anything."""
    return weiger_en_terug(fout, url_for("overleg.bijeenkomst", bijeenkomst_id=b.id))


def _thema_choices():
    return keuzes((t.id, t.naam) for t in queries.actieve_themas(get_session()))


# Meetings


@bp.route("/wijken/<code>/bijeenkomsten/nieuw", methods=["GET", "POST"])
def bijeenkomst_nieuw(code: str):
    """Plan a meeting of the wijkoverleg."""
    wijk, overleg = _wijk_en_overleg(code)
    form = forms.BijeenkomstForm(nieuw=True)
    del form.reden
    if form.validate_on_submit():
        try:
            b = form.eenmalig(
                get_session(),
                current_user,
                Bijeenkomst,
                lambda _sleutel: services.plan_bijeenkomst(
                    get_session(),
                    current_user,
                    overleg,
                    start=form.start,
                    eind=form.eind,
                    locatie=form.locatie.data or "",
                    online_link=form.online_link.data or "",
                ),
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Bijeenkomst gepland. Stel nu de agenda op.", "success")
            return _naar(b)
    return render_form("overleg/bijeenkomst_form.html", form, wijk=wijk, b=None)


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>")
def bijeenkomst(bijeenkomst_id: int):
    """A meeting: agenda, proposals, amendments and, once begun, attendance, minutes, decisions and actions."""
    b = _bijeenkomst(bijeenkomst_id)
    context = queries.bijeenkomst_pagina(get_session(), current_user, b)
    punt_form = forms.AgendapuntForm()
    punt_form.thema_ids.choices = _thema_choices()
    if not b.agenda_is_vastgesteld or not context["mag_beheren"]:
        del punt_form.reden
    actie_form = forms.ActiepuntForm()
    besluit_form = forms.BesluitForm()
    punt_keuzes = _punt_keuzes(context)
    actie_form.agendapunt_id.choices = besluit_form.agendapunt_id.choices = punt_keuzes
    return render_form(
        "overleg/bijeenkomst.html",
        None,
        punt_form=punt_form,
        actie_form=actie_form,
        besluit_form=besluit_form,
        reden_form=forms.RedenForm(),
        status_form=forms.ActiepuntStatusForm(),
        vaststel_form=_vaststel_form(context),
        **context,
    )


def _vaststel_form(context) -> forms.AgendaVaststellenForm:
    form = forms.AgendaVaststellenForm(formdata=None)
    form.zet_aantal(len(context["voorstellen"]))
    return form


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/bewerken", methods=["GET", "POST"])
def bijeenkomst_bewerken(bijeenkomst_id: int):
    """Change date, time or place; after the agenda is agreed this is recorded as an amendment."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    db = get_session()
    form = forms.BijeenkomstForm(
        nieuw=False,
        data=None
        if request.method == "POST"
        else {
            "datum": b.start.date(),
            "starttijd": b.start.time(),
            "eindtijd": b.eind.time(),
            "locatie": b.locatie,
            "online_link": b.online_link,
        },
    )
    if form.validate_on_submit():
        try:
            services.wijzig_bijeenkomst(
                db,
                current_user,
                b,
                {
                    "start": form.start,
                    "eind": form.eind,
                    "locatie": (form.locatie.data or "").strip(),
                    "online_link": (form.online_link.data or "").strip(),
                },
                form.reden.data,
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Bijeenkomst bijgewerkt.", "success")
            return _naar(b)
    wijk = db.get(Wijk, db.get(Wijkoverleg, b.wijkoverleg_id).wijk_id)
    return render_form("overleg/bijeenkomst_form.html", form, wijk=wijk, b=b, reden_form=forms.RedenForm())


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/annuleren", methods=["POST"])
def bijeenkomst_annuleren(bijeenkomst_id: int):
    """Cancel a meeting that has not begun (with a reason)."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    form = forms.RedenForm()
    if not form.validate_on_submit():
        return _fout_en_terug(b, OverlegFout("Geef een reden om de bijeenkomst te annuleren."))
    try:
        services.annuleer_bijeenkomst(get_session(), current_user, b, form.reden.data)
    except Weigering as fout:
        return _fout_en_terug(b, fout)
    flash("Bijeenkomst geannuleerd.", "success")
    return _naar(b)


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/vaststellen", methods=["GET", "POST"])
def agenda_vaststellen(bijeenkomst_id: int):
    """Agree the agenda; from now on changes are amendments. With proposals still open this page asks
    the chair to confirm first."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    if request.method == "GET" and (b.agenda_is_vastgesteld or b.is_geannuleerd):
        return _naar(b)
    db = get_session()
    form = forms.AgendaVaststellenForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.stel_agenda_vast(db, current_user, b, form.gezien)
        except Weigering as fout:
            if fout.veld != "bevestig":
                return _fout_en_terug(b, fout)
            toon_fout(form, fout)
        else:
            flash("De agenda is vastgesteld.", "success")
            return _naar(b)
    context = queries.bijeenkomst_pagina(db, current_user, b)
    form.zet_aantal(len(context["voorstellen"]))
    form.bevestig.data = False
    return render_form("overleg/agenda_vaststellen.html", form, vaststel_form=form, **context)


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/notulen-vaststellen", methods=["POST"])
def notulen_vaststellen(bijeenkomst_id: int):
    """Agree the minutes, at or after the next meeting."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    try:
        services.stel_notulen_vast(get_session(), current_user, b)
    except Weigering as fout:
        return _fout_en_terug(b, fout)
    flash("De notulen zijn vastgesteld.", "success")
    return _naar(b)


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>.ics")
def bijeenkomst_ics(bijeenkomst_id: int):
    """The meeting as a calendar invitation."""
    b = _bijeenkomst(bijeenkomst_id)
    db = get_session()
    wijk = db.get(Wijk, db.get(Wijkoverleg, b.wijkoverleg_id).wijk_id)
    body = rules.ics(b, wijk, url_for("overleg.bijeenkomst", bijeenkomst_id=b.id, _external=True))
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="wijkoverleg-{wijk.code}-{b.start:%Y%m%d}.ics"',
        },
    )


# Agenda items


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/agendapunten", methods=["POST"])
def agendapunt_nieuw(bijeenkomst_id: int):
    """The chair adds an item; a member proposes one for the chair to accept."""
    b = _bijeenkomst(bijeenkomst_id)
    db = get_session()
    beheert = _can_manage_bijeenkomst(current_user, b)
    require(beheert or permissions.can_propose_agendapunt(db, current_user, b))
    form = forms.AgendapuntForm()
    form.thema_ids.choices = _thema_choices()
    if form.validate_on_submit():
        try:
            form.eenmalig(
                db,
                current_user,
                Agendapunt,
                lambda _sleutel: services.voeg_agendapunt_toe(
                    db,
                    current_user,
                    b,
                    _punt_values(form),
                    form.thema_ids.data or [],
                    reden=form.reden.data,
                    voorstel=not beheert,
                ),
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(
                "Agendapunt toegevoegd." if beheert else "Uw voorstel is naar de voorzitter gestuurd.",
                "success",
            )
            return _naar(b, "agenda")
    context = queries.bijeenkomst_pagina(db, current_user, b)
    return render_form("overleg/agendapunt_form.html", form, punt=None, **context)


def _punt_keuzes(context) -> list:
    return keuzes([(0, "—")] + [(p.id, p.titel) for p in context["agenda"]])


def _punt_values(form) -> dict:
    return {
        "titel": form.titel.data.strip(),
        "eigenaar": (form.eigenaar.data or "").strip(),
        "minuten": form.minuten.data,
        "beschrijving": (form.beschrijving.data or "").strip(),
    }


@bp.route("/agendapunten/<id:agendapunt_id>/bewerken", methods=["GET", "POST"])
def agendapunt_bewerken(agendapunt_id: int):
    """Edit an agenda item (an amendment once the agenda is agreed)."""
    punt, b = _agendapunt(agendapunt_id)
    db = get_session()
    form = forms.AgendapuntForm(obj=None if request.method == "POST" else punt)
    form.thema_ids.choices = _thema_choices()
    if request.method == "GET":
        form.thema_ids.data = [t.id for t in queries.themas_per_punt(db, [punt.id])[punt.id]]
    if form.validate_on_submit():
        try:
            services.wijzig_agendapunt(
                db, current_user, punt, _punt_values(form), form.thema_ids.data or [], reden=form.reden.data
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Agendapunt bijgewerkt.", "success")
            return _naar(b, "agenda")
    context = queries.bijeenkomst_pagina(db, current_user, b)
    return render_form("overleg/agendapunt_form.html", form, punt=punt, **context)


@bp.route("/agendapunten/<id:agendapunt_id>/schrappen", methods=["POST"])
def agendapunt_schrappen(agendapunt_id: int):
    """Strike an item from the agenda (kept, marked as struck)."""
    punt, b = _agendapunt(agendapunt_id)
    form = forms.RedenForm()
    form.validate_on_submit()
    try:
        services.schrap_agendapunt(get_session(), current_user, punt, form.reden.data)
    except Weigering as fout:
        return _fout_en_terug(b, fout)
    flash("Agendapunt geschrapt.", "success")
    return _naar(b, "agenda")


@bp.route("/agendapunten/<id:agendapunt_id>/beoordelen", methods=["POST"])
def agendapunt_beoordelen(agendapunt_id: int):
    """Accept or reject a member's proposal."""
    punt, b = _agendapunt(agendapunt_id)
    form = forms.RedenForm()
    form.validate_on_submit()
    accepteren = request.form.get("besluit") == "opnemen"
    try:
        services.beoordeel_voorstel(get_session(), current_user, punt, accepteren, form.reden.data)
    except Weigering as fout:
        return _fout_en_terug(b, fout)
    flash("Voorstel opgenomen in de agenda." if accepteren else "Voorstel afgewezen.", "success")
    return _naar(b, "agenda")


@bp.route("/agendapunten/<id:agendapunt_id>/notulen", methods=["GET", "POST"])
def notulen(agendapunt_id: int):
    """Write the minutes of one agenda item."""
    punt, b = _agendapunt(agendapunt_id)
    db = get_session()
    form = forms.NotulenForm(obj=None if request.method == "POST" else punt)
    if form.validate_on_submit():
        try:
            services.schrijf_notulen(db, current_user, punt, form.notulen.data or "")
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Notulen opgeslagen.", "success")
            return _naar(b, f"punt-{punt.id}")
    context = queries.bijeenkomst_pagina(db, current_user, b)
    return render_form("overleg/notulen_form.html", form, punt=punt, **context)


# After the meeting


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/aanwezigheid", methods=["GET", "POST"])
def aanwezigheid(bijeenkomst_id: int):
    """Record attendance per member organisation."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    db = get_session()
    context = queries.bijeenkomst_pagina(db, current_user, b)
    fouten = []
    if request.method == "POST":
        statussen = {}
        for org in context["leden"]:
            waarde = request.form.get(f"org-{org.id}", "")
            if waarde:
                try:
                    statussen[org.id] = AanwezigheidStatus(waarde)
                except ValueError:
                    fouten.append(f"Ongeldige keuze bij {org.naam}.")
        if not fouten:
            try:
                services.registreer_aanwezigheid(db, current_user, b, statussen)
            except Weigering as fout:
                rollback_request()
                fouten.append(str(fout))
            else:
                flash("Aanwezigheid opgeslagen.", "success")
                return _naar(b, "aanwezigheid")
    return render_template(
        "overleg/aanwezigheid.html", fouten=fouten, statussen=list(AanwezigheidStatus), **context
    ), 422 if fouten else 200


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/besluiten", methods=["POST"])
def besluit_nieuw(bijeenkomst_id: int):
    """Record a decision."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    db = get_session()
    context = queries.bijeenkomst_pagina(db, current_user, b)
    form = forms.BesluitForm()
    form.agendapunt_id.choices = _punt_keuzes(context)
    if form.validate_on_submit():
        try:
            form.eenmalig(
                db,
                current_user,
                Besluit,
                lambda _sleutel: services.voeg_besluit_toe(
                    db, current_user, b, form.tekst.data, form.agendapunt_id.data
                ),
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Besluit vastgelegd.", "success")
            return _naar(b, "besluiten")
    return render_form("overleg/besluit_form.html", form, **context)


@bp.route("/bijeenkomsten/<id:bijeenkomst_id>/actiepunten", methods=["POST"])
def actiepunt_nieuw(bijeenkomst_id: int):
    """Add an action item with owner and due date."""
    b = _bijeenkomst(bijeenkomst_id, manage=True)
    db = get_session()
    context = queries.bijeenkomst_pagina(db, current_user, b)
    form = forms.ActiepuntForm(vroegste=b.start.date())
    form.agendapunt_id.choices = _punt_keuzes(context)
    if form.validate_on_submit():
        try:
            form.eenmalig(
                db,
                current_user,
                Actiepunt,
                lambda _sleutel: services.voeg_actiepunt_toe(
                    db,
                    current_user,
                    b,
                    omschrijving=form.omschrijving.data,
                    eigenaar=form.eigenaar.data,
                    deadline=form.deadline.data,
                    agendapunt_id=form.agendapunt_id.data,
                ),
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Actiepunt toegevoegd.", "success")
            return _naar(b, "actiepunten")
    return render_form("overleg/actiepunt_form.html", form, **context)


@bp.route("/actiepunten/<id:actiepunt_id>/status", methods=["POST"])
def actiepunt_status(actiepunt_id: int):
    """Mark an action item done, dropped or open again."""
    actie = get_or_404_403(Actiepunt, actiepunt_id)
    db = get_session()
    require(permissions.can_manage_overleg(current_user, db.get(Wijkoverleg, actie.wijkoverleg_id)))
    form = forms.ActiepuntStatusForm()
    terug = request.form.get("terug", type=id_arg) or actie.bijeenkomst_id
    b = _bijeenkomst(terug)
    if not form.validate_on_submit():
        return _fout_en_terug(b, OverlegFout("Kies een geldige status."))
    services.wijzig_actiepunt_status(db, current_user, actie, ActiepuntStatus(form.status.data))
    flash("Status van het actiepunt bijgewerkt.", "success")
    return _naar(b, "actiepunten")


# Members, chair and secretary


@bp.route("/wijken/<code>/overleg/leden", methods=["GET", "POST"])
def leden(code: str):
    """The chair keeps the member list and appoints a secretary."""
    wijk, overleg = _wijk_en_overleg(code)
    db = get_session()
    huidige = queries.leden(db, overleg)
    lid_form = forms.LidForm(prefix="lid")
    lid_form.organisatie_id.choices = keuzes(
        (o.id, f"{o.naam} ({o.soort.label})")
        for o in db.exec(
            select(Organisatie)
            .where(Organisatie.id.not_in([o.id for o in huidige] or [0]), Organisatie.is_actief)
            .order_by(Organisatie.naam)
        )
        if o.wijk_id == wijk.id or o.soort != OrganisatieSoort.BASISSCHOOL
    )
    sec_form = forms.SecretarisForm(
        prefix="sec", data=None if request.method == "POST" else {"secretaris_id": overleg.secretaris_id or 0}
    )
    kandidaten = list(
        db.exec(
            select(Gebruiker)
            .where(Gebruiker.organisatie_id.in_([o.id for o in huidige] or [0]), Gebruiker.is_actief)
            .order_by(Gebruiker.naam)
        )
    )
    sec_form.secretaris_id.choices = keuzes(
        [(0, "— geen —")] + [(g.id, g.naam) for g in kandidaten if g.id != overleg.voorzitter_id]
    )
    if request.method == "POST":
        if "lid-organisatie_id" in request.form and lid_form.validate():
            try:
                services.voeg_lid_toe(db, current_user, overleg, lid_form.organisatie_id.data)
            except Weigering as fout:
                toon_fout(lid_form, fout)
            else:
                flash("Lid toegevoegd.", "success")
                return redirect(url_for("overleg.leden", code=code))
        elif "sec-secretaris_id" in request.form and sec_form.validate():
            require(permissions.can_appoint_secretaris(current_user, overleg))
            services.benoem_secretaris(db, current_user, overleg, sec_form.secretaris_id.data or None)
            flash("Secretaris bijgewerkt.", "success")
            return redirect(url_for("overleg.leden", code=code))
        elif "verwijder" in request.form:
            lid = db.exec(
                select(Lidmaatschap).where(
                    Lidmaatschap.wijkoverleg_id == overleg.id,
                    Lidmaatschap.organisatie_id == request.form.get("verwijder", type=id_arg),
                )
            ).first()
            if lid is None:
                abort(404)
            services.verwijder_lid(db, current_user, overleg, lid)
            flash("Lid verwijderd.", "success")
            return redirect(url_for("overleg.leden", code=code))
    has_errors = bool(lid_form.errors or sec_form.errors)
    return render_template(
        "overleg/leden.html",
        wijk=wijk,
        overleg=overleg,
        huidige=huidige,
        lid_form=lid_form,
        sec_form=sec_form,
        mag_secretaris=permissions.can_appoint_secretaris(current_user, overleg),
    ), 422 if has_errors else 200


@bp.route("/wijken/<code>/overleg/instellen", methods=["GET", "POST"])
def instellen(code: str):
    """SWV staff set up a wijkoverleg or change its chair."""
    require(permissions.can_appoint_voorzitter(current_user))
    wijk, overleg = _wijk_en_overleg(code, manage=False)
    db = get_session()
    form = forms.InstellenForm(
        data=None if request.method == "POST" or overleg is None else {"voorzitter_id": overleg.voorzitter_id}
    )
    form.voorzitter_id.choices = keuzes(
        (g.id, f"{g.naam} ({g.email})")
        for g in db.exec(
            select(Gebruiker)
            .where(Gebruiker.rol == Rol.SCHOOLLEIDER, Gebruiker.is_actief)
            .order_by(Gebruiker.naam)
        )
    )
    if form.validate_on_submit():
        services.stel_overleg_in(db, current_user, wijk, form.voorzitter_id.data)
        flash("Wijkoverleg bijgewerkt.", "success")
        return redirect(url_for("wijken.wijk", code=code))
    return render_form("overleg/instellen.html", form, wijk=wijk, overleg=overleg)


# SWV: overview, themes and the bar


@bp.route("/overzicht")
def overzicht():
    """All wijken with their overleg status, sortable and filterable by regio."""
    require(can_view_overzicht(current_user))
    return render_template("overleg/overzicht.html", **queries.overzicht_context(get_session(), request.args))


@bp.route("/overzicht.<any(csv, xlsx):formaat>")
def overzicht_export(formaat: str):
    """The overview as CSV or XLSX."""
    require(can_view_overzicht(current_user))
    context = queries.overzicht_context(get_session(), request.args)
    return _download(context["rijen"], formaat, f"wijkoverleggen-{clock.today():%Y-%m-%d}")


@bp.route("/themas", methods=["GET", "POST"])
def themas():
    """SWV staff keep the list of themes and the themes every wijk must discuss per school year."""
    require(permissions.can_manage_themas(current_user))
    db = get_session()
    jaar = request.args.get("schooljaar", type=int) or clock.schooljaar_van(clock.today())
    if not 2000 <= jaar <= 2100:
        abort(404)
    thema_form = forms.ThemaForm(prefix="thema")
    verplicht_form = forms.VerplichtForm(prefix="verplicht")
    alle = list(db.exec(select(Thema).order_by(Thema.naam)))
    verplicht_form.thema_ids.choices = keuzes((t.id, t.naam) for t in alle if t.is_actief)
    if request.method == "GET":
        verplicht_form.thema_ids.data = [t.id for t in verplichte_themas(db, jaar)]
    if request.method == "POST":
        try:
            if "thema-naam" in request.form and thema_form.validate():
                thema_form.eenmalig(
                    db,
                    current_user,
                    Thema,
                    lambda _sleutel: services.maak_thema(
                        db, current_user, thema_form.naam.data, thema_form.omschrijving.data or ""
                    ),
                )
                flash("Thema toegevoegd.", "success")
                return redirect(url_for("overleg.themas", schooljaar=jaar))
            if "verplicht-submit" in request.form and verplicht_form.validate():
                services.zet_verplichte_themas(db, current_user, jaar, verplicht_form.thema_ids.data or [])
                flash(f"Verplichte thema's voor {clock.schooljaar_label(jaar)} opgeslagen.", "success")
                return redirect(url_for("overleg.themas", schooljaar=jaar))
        except Weigering as fout:
            toon_fout(thema_form if "thema-naam" in request.form else verplicht_form, fout)
    has_errors = bool(thema_form.errors or verplicht_form.errors)
    return render_template(
        "overleg/themas.html",
        alle=alle,
        jaar=jaar,
        thema_form=thema_form,
        verplicht_form=verplicht_form,
        label=clock.schooljaar_label,
        norm=load_norm(db),
    ), 422 if has_errors else 200


@bp.route("/themas/<id:thema_id>", methods=["GET", "POST"])
def thema_bewerken(thema_id: int):
    """Rename, describe or retire a theme."""
    require(permissions.can_manage_themas(current_user))
    thema = get_or_404_403(Thema, thema_id)
    form = forms.ThemaForm(obj=None if request.method == "POST" else thema)
    if form.validate_on_submit():
        actief = request.form.get("is_actief") == "ja"
        try:
            services.wijzig_thema(
                get_session(),
                current_user,
                thema,
                {
                    "naam": form.naam.data.strip(),
                    "omschrijving": (form.omschrijving.data or "").strip(),
                    "is_actief": actief,
                },
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Thema bijgewerkt.", "success")
            return redirect(url_for("overleg.themas"))
    return render_form("overleg/thema_form.html", form, thema=thema)


@bp.route("/norm", methods=["GET", "POST"])
def norm():
    """SWV staff set the bar a wijkoverleg must meet to count as functioning."""
    require(permissions.can_manage_themas(current_user))
    db = get_session()
    huidig = load_norm(db)
    form = forms.NormForm(data=None if request.method == "POST" else asdict(huidig))
    if form.validate_on_submit():
        services.wijzig_norm(db, current_user, {k: getattr(form, k).data for k in asdict(huidig)})
        flash("De norm is aangepast; alle statussen zijn opnieuw berekend.", "success")
        return redirect(url_for("overleg.themas"))
    return render_form("overleg/norm_form.html", form)


def _download(rijen: list[dict], formaat: str, naam: str) -> Response:
    data = ([r[k] for k, _ in KOLOMMEN] for r in rijen)
    return core_exports.download(EXPORT_KOLOMMEN, data, formaat, naam, blad="Wijkoverleggen")
