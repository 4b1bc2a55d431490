"""Beheer: users, roles, API tokens and the audit log.

/beheer/gebruikers                              the users, filtered by rol and searched by naam/e-mail
/beheer/gebruikers/nieuw                        create a user
/beheer/gebruikers/<id>                         a user: edit, new password, API tokens
/beheer/gebruikers/<id>/wachtwoord              (POST) set a new password
/beheer/gebruikers/<id>/tokens                  (POST) issue an API token, shown once in the response
/beheer/gebruikers/<id>/tokens/<tid>/intrekken  (POST) revoke an API token
/beheer/logboek                                 the audit log, for SWV staff and the beheerder
/beheer/taken                                   the scheduled jobs: schedule, last result, next run
/beheer/taken/<naam>                            (POST) set when a job runs
"""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from wijkportaal.auth.models import ApiToken, Gebruiker
from wijkportaal.beheer import queries, services
from wijkportaal.beheer.forms import (
    WACHTWOORD_HINT,
    GebruikerFilterForm,
    GebruikerForm,
    GebruikerNieuwForm,
    LogboekFilterForm,
    TaakSchemaForm,
    TokenForm,
    WachtwoordForm,
    set_scope_keuzes,
)
from wijkportaal.beheer.permissions import can_manage_gebruikers, can_manage_taken, can_view_audit
from wijkportaal.beheer.services import GebruikerFout
from wijkportaal.core import jobs
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.ids import pagina_arg
from wijkportaal.core.roles import Rol
from wijkportaal.core.views import toon_fout
from wijkportaal.mail import queries as mail_queries

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


def _pagina_nummer() -> int:
    return request.args.get("pagina", 1, type=pagina_arg)


def _filter_args() -> dict:
    """The list's filters, to carry over to the links of the other pages."""
    return {k: v for k, v in request.args.items() if k != "pagina" and v}


@bp.route("/gebruikers")
@login_required
def gebruikers():
    """Every user, filtered by role and searched by name or e-mail."""
    require(can_manage_gebruikers(current_user))
    form = GebruikerFilterForm(formdata=request.args)
    ok = form.validate() if request.args else True
    pagina = queries.gebruikers_pagina(
        get_session(),
        rol=form.rol.data if ok else None,
        zoek=form.zoek.data if ok else None,
        nummer=_pagina_nummer(),
    )
    return render_template("beheer/gebruikers.html", form=form, pagina=pagina, filter_args=_filter_args()), (
        200 if ok else 422
    )


@bp.route("/gebruikers/nieuw", methods=["GET", "POST"])
@login_required
def gebruiker_nieuw():
    """Create a user with a role, its scope and a first password."""
    require(can_manage_gebruikers(current_user))
    db = get_session()
    form = GebruikerNieuwForm()
    set_scope_keuzes(form, queries.scope_keuzes(db))
    if form.validate_on_submit():
        try:
            gebruiker = services.create_gebruiker(
                db,
                current_user,
                email=form.email.data,
                naam=form.naam.data,
                rol=Rol(form.rol.data),
                password=form.wachtwoord.data,
                bestuur_id=form.bestuur_id.data,
                school_id=form.school_id.data,
                organisatie_id=form.organisatie_id.data,
                wijk_id=form.wijk_id.data,
            )
        except GebruikerFout as fout:
            toon_fout(form, fout)
        else:
            flash(f"Gebruiker {gebruiker.naam} is aangemaakt.", "success")
            return redirect(url_for("beheer.gebruiker", gebruiker_id=gebruiker.id))
    return render_template("beheer/gebruiker_nieuw.html", form=form, wachtwoord_hint=WACHTWOORD_HINT), (
        422 if form.errors else 200
    )


def _gebruiker_form(gebruiker: Gebruiker, keuzes: dict, formdata=None) -> GebruikerForm:
    data = {
        "naam": gebruiker.naam,
        "rol": gebruiker.rol.value,
        "bestuur_id": gebruiker.bestuur_id,
        "school_id": gebruiker.organisatie_id if gebruiker.rol == Rol.SCHOOLLEIDER else None,
        "organisatie_id": gebruiker.organisatie_id if gebruiker.rol == Rol.PARTNER else None,
        "wijk_id": gebruiker.wijk_id,
        "is_actief": gebruiker.is_actief,
    }
    form = GebruikerForm(formdata=formdata, data=data)
    set_scope_keuzes(form, keuzes)
    return form


def _gebruiker_pagina(gebruiker: Gebruiker, *, form=None, wachtwoord_form=None, token_form=None, token=None):
    """The user's page with its three forms; the one that was submitted carries its errors."""
    db = get_session()
    failed = any(f is not None and f.errors for f in (form, wachtwoord_form, token_form))
    return render_template(
        "beheer/gebruiker.html",
        gebruiker=gebruiker,
        scope=queries.gebruiker_scope(db, gebruiker),
        form=form or _gebruiker_form(gebruiker, queries.scope_keuzes(db)),
        wachtwoord_form=wachtwoord_form or WachtwoordForm(formdata=None),
        token_form=token_form or TokenForm(formdata=None),
        tokens=queries.tokens_van(db, gebruiker),
        onbestelbaar=mail_queries.is_bounced(db, gebruiker.email),
        nieuw_token=token,
        wachtwoord_hint=WACHTWOORD_HINT,
    ), (422 if failed else 200)


@bp.route("/gebruikers/<id:gebruiker_id>", methods=["GET", "POST"])
@login_required
def gebruiker(gebruiker_id: int):
    """A user: change name, role, scope and active state; deactivating ends their sessions."""
    require(can_manage_gebruikers(current_user))
    db = get_session()
    gebruiker = get_or_404_403(Gebruiker, gebruiker_id)
    if request.method == "GET":
        return _gebruiker_pagina(gebruiker)
    form = _gebruiker_form(gebruiker, queries.scope_keuzes(db), formdata=request.form)
    if form.validate():
        try:
            changed = services.update_gebruiker(
                db,
                gebruiker,
                current_user,
                naam=form.naam.data,
                rol=Rol(form.rol.data),
                is_actief=form.is_actief.data,
                bestuur_id=form.bestuur_id.data,
                school_id=form.school_id.data,
                organisatie_id=form.organisatie_id.data,
                wijk_id=form.wijk_id.data,
            )
        except GebruikerFout as fout:
            toon_fout(form, fout)
        else:
            if not changed:
                flash("Er was niets gewijzigd.", "info")
            elif "is_actief" in changed and not gebruiker.is_actief:
                flash(f"{gebruiker.naam} is op inactief gezet en is overal uitgelogd.", "success")
            else:
                flash("De wijzigingen zijn opgeslagen.", "success")
            return redirect(url_for("beheer.gebruiker", gebruiker_id=gebruiker.id))
    return _gebruiker_pagina(gebruiker, form=form)


@bp.route("/gebruikers/<id:gebruiker_id>/wachtwoord", methods=["POST"])
@login_required
def wachtwoord(gebruiker_id: int):
    """Set a new password for a user."""
    require(can_manage_gebruikers(current_user))
    gebruiker = get_or_404_403(Gebruiker, gebruiker_id)
    form = WachtwoordForm()
    if form.validate_on_submit():
        try:
            services.set_wachtwoord(get_session(), gebruiker, form.wachtwoord.data, current_user)
        except GebruikerFout as fout:
            toon_fout(form, fout)
        else:
            flash(f"Het wachtwoord van {gebruiker.naam} is gewijzigd.", "success")
            return redirect(url_for("beheer.gebruiker", gebruiker_id=gebruiker.id))
    return _gebruiker_pagina(gebruiker, wachtwoord_form=form)


@bp.route("/gebruikers/<id:gebruiker_id>/tokens", methods=["POST"])
@login_required
def token_nieuw(gebruiker_id: int):
    """Issue a personal API token and show it once, in this response only (never in a URL or flash)."""
    require(can_manage_gebruikers(current_user))
    gebruiker = get_or_404_403(Gebruiker, gebruiker_id)
    form = TokenForm()
    if form.validate_on_submit():
        try:
            token = services.issue_token(get_session(), gebruiker, form.omschrijving.data, current_user)
        except GebruikerFout as fout:
            toon_fout(form, fout)
        else:
            return _gebruiker_pagina(gebruiker, token=token)
    return _gebruiker_pagina(gebruiker, token_form=form)


@bp.route("/gebruikers/<id:gebruiker_id>/tokens/<id:token_id>/intrekken", methods=["POST"])
@login_required
def token_intrekken(gebruiker_id: int, token_id: int):
    """Revoke an API token: it stops working at once."""
    require(can_manage_gebruikers(current_user))
    token = get_or_404_403(ApiToken, token_id)
    if token.gebruiker_id != gebruiker_id:
        abort(404)
    services.revoke_token(get_session(), token, current_user)
    flash(f"Het token {token.prefix}… is ingetrokken.", "success")
    return redirect(url_for("beheer.gebruiker", gebruiker_id=gebruiker_id))


@bp.route("/logboek")
@login_required
def audit():
    """The audit log: who changed what and when, newest first, filtered and paged."""
    require(can_view_audit(current_user))
    db = get_session()
    form = LogboekFilterForm(formdata=request.args)
    form.set_keuzes(queries.logboek_keuzes(db))
    ok = form.validate() if request.args else True
    filters = {}
    if ok:
        filters = {
            "soort": form.soort.data or None,
            "gebruiker_id": form.gebruiker.data,
            "wijk_id": form.wijk.data,
            "van": form.van.data,
            "tot": form.tot.data,
        }
    pagina = queries.logboek_pagina(db, nummer=_pagina_nummer(), **filters)
    return render_template(
        "beheer/logboek.html",
        form=form,
        pagina=pagina,
        filter_args=_filter_args(),
    ), (200 if ok else 422)


def _taken_pagina(formulieren: dict[str, TaakSchemaForm]):
    db = get_session()
    regels = jobs.overzicht(current_app, db)
    for r in regels:
        if r.job.naam not in formulieren:
            formulieren[r.job.naam] = TaakSchemaForm(
                formdata=None,
                prefix=r.job.naam,
                soort="dagelijks" if r.schema.tijdstip else "interval",
                tijdstip=r.schema.tijdstip or "",
                minuten=r.schema.minuten or "",
            )
    fouten = any(f.errors for f in formulieren.values())
    return render_template("beheer/taken.html", regels=regels, formulieren=formulieren), (
        422 if fouten else 200
    )


@bp.route("/taken")
@login_required
def taken():
    """The scheduled jobs: when they run, their last result and their next run."""
    require(can_manage_taken(current_user))
    return _taken_pagina({})


@bp.route("/taken/<naam>", methods=["POST"])
@login_required
def taak_schema(naam: str):
    """Set when one job runs: daily at a time, or every so many minutes."""
    require(can_manage_taken(current_user))
    if naam not in jobs.registered(current_app):
        abort(404)
    form = TaakSchemaForm(prefix=naam)
    if form.validate_on_submit():
        dagelijks = form.soort.data == "dagelijks"
        try:
            services.stel_taakschema_in(
                get_session(),
                current_user,
                current_app,
                naam,
                tijdstip=form.tijdstip.data if dagelijks else None,
                minuten=None if dagelijks else form.minuten.data,
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(f"De taak {naam} draait voortaan {form_beschrijving(form)}.", "success")
            return redirect(url_for("beheer.taken"))
    return _taken_pagina({naam: form})


def form_beschrijving(form: TaakSchemaForm) -> str:
    if form.soort.data == "dagelijks":
        return jobs.Schema(tijdstip=form.tijdstip.data).beschrijving
    return jobs.Schema(minuten=form.minuten.data).beschrijving
