"""Nieuwe initiatieven: the URL table and thin views (load → check → act → render).

/initiatieven/                          my applications and invitations; start one
/initiatieven/<id>                      an application: its checklist, plan, boards, partners, budget, versions
/initiatieven/<id>/…                    the forms and one-button actions of a draft, submitting, a new version
/initiatieven/<id>/rapportage/<soort>   the interim or final report of a funded initiative
/initiatieven/rondes[/<id>]             SWV staff: rounds, their criteria, weights and rubric
/initiatieven/overzicht[.csv|.xlsx]     SWV staff: every application, filtered, and the signals
/initiatieven/kennisbank                funded initiatives, by theme, wijk and ambition"""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required

from wijkportaal.core import clock
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.exports import download
from wijkportaal.core.forms import keuzes
from wijkportaal.core.ids import pagina_arg
from wijkportaal.core.views import render_form, toon_fout, weiger_en_terug
from wijkportaal.initiatieven import forms, permissions, queries, rules, services
from wijkportaal.initiatieven.models import (
    Aanvraag,
    Ambitie,
    Criterium,
    Kostensoort,
    Rapportsoort,
    Ronde,
    Status,
    Vervolg,
)

bp = Blueprint("initiatieven", __name__, url_prefix="/initiatieven")


@bp.before_request
@login_required
def _require_login():
    """Every page of nieuwe initiatieven is for logged-in users; each view checks the rest."""


def _aanvraag(id: int, check=permissions.can_read_aanvraag) -> Aanvraag:
    return get_or_404_403(Aanvraag, id, check)


def _terug(aanvraag: Aanvraag, anker: str = ""):
    return redirect(url_for("initiatieven.aanvraag", id=aanvraag.id) + anker, 303)


# My applications


@bp.route("/")
def index():
    """The applications the user made or takes part in, and the button to start one."""
    db = get_session()
    return render_form(
        "initiatieven/index.html",
        aanvragen=queries.mijn_aanvragen(db, current_user),
        ronde=queries.open_ronde(db),
        mag_starten=permissions.can_start_aanvraag(current_user),
        mag_alles=permissions.can_see_all(current_user),
    )


@bp.route("/nieuw", methods=["POST"])
def nieuw():
    """Start a draft in the open round."""
    require(permissions.can_start_aanvraag(current_user))
    db = get_session()
    ronde = queries.open_ronde(db)
    if ronde is None:
        return weiger_en_terug("Er is geen open ronde.", url_for("initiatieven.index"))
    try:
        aanvraag = services.start_aanvraag(db, current_user, ronde)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.index"))
    flash("Uw conceptaanvraag is aangemaakt. Vul het plan in en nodig een tweede bestuur uit.", "success")
    return _terug(aanvraag)


# One application


def _vul_keuzes(db, aanvraag: Aanvraag, **formulieren):
    """The forms of the page, with their choices from the database."""
    f = {
        "plan": formulieren.get("plan") or forms.PlanForm(obj=aanvraag, formdata=None),
        "uitnodiging": formulieren.get("uitnodiging") or forms.UitnodigingForm(formdata=None),
        "partner": formulieren.get("partner") or forms.PartnerForm(formdata=None),
        "deelplan": formulieren.get("deelplan") or forms.DeelplanForm(formdata=None),
        "kosten": formulieren.get("kosten") or forms.KostenForm(formdata=None),
        "cofinanciering": formulieren.get("cofinanciering") or forms.CofinancieringForm(formdata=None),
    }
    if not formulieren.get("plan"):
        f["plan"].wijken.data = queries.wijk_ids(db, aanvraag)
        f["plan"].ambities.data = [a.value for a in queries.ambities(db, aanvraag)]
        f["plan"].themas.data = queries.thema_ids(db, aanvraag)
        if aanvraag.hiaat_domein_id:
            f["plan"].hiaat.data = f"{aanvraag.hiaat_wijk_id}:{aanvraag.hiaat_domein_id}"
    _plan_keuzes(db, f["plan"], aanvraag)
    _uitnodiging_keuzes(db, f["uitnodiging"])
    _deelplan_keuzes(db, aanvraag, f["kosten"], f["cofinanciering"])
    return f


def _plan_keuzes(db, form: forms.PlanForm, aanvraag: Aanvraag) -> None:
    form.wijken.choices = keuzes((w.id, w.naam) for w in queries.alle_wijken(db))
    wijk_ids = queries.wijk_ids(db, aanvraag)
    form.hiaat.choices = keuzes([("", "Geen"), *queries.hiaat_keuzes(db, wijk_ids)])
    form.agendapunt.choices = keuzes(
        [("", "Geen"), *queries.agendapunt_keuzes(db, wijk_ids, aanvraag.agendapunt_id)]
    )
    form.themas.choices = keuzes((t.id, t.naam) for t in queries.themas(db))


def _uitnodiging_keuzes(db, form: forms.UitnodigingForm) -> None:
    besturen = queries.besturen(db)
    form.bestuur_id.choices = keuzes((b.id, b.naam) for b in besturen)
    form.school_id.choices = keuzes([("", "Het bestuur zelf"), *queries.scholen_keuzes(db)])


def _deelplan_keuzes(db, aanvraag: Aanvraag, *formulieren) -> None:
    opties = keuzes([("", "Het hoofdplan"), *((d.id, d.titel) for d in queries.deelplannen(db, aanvraag))])
    for form in formulieren:
        form.deelplan_id.choices = opties


def _pagina(aanvraag: Aanvraag, **formulieren):
    db = get_session()
    kosten, cofi = queries.kostenregels(db, aanvraag), queries.cofinancieringen(db, aanvraag)
    return render_form(
        "initiatieven/aanvraag.html",
        next((f for f in formulieren.values() if f.errors), None),
        aanvraag=aanvraag,
        ronde=db.get(Ronde, aanvraag.ronde_id),
        f=_vul_keuzes(db, aanvraag, **formulieren),
        controles=queries.formele_controles(db, aanvraag),
        deelnemers=queries.deelnemers(db, aanvraag),
        partners=queries.partners(db, aanvraag),
        wijken=queries.wijken(db, aanvraag),
        ambities=queries.ambities(db, aanvraag),
        deelplannen=queries.deelplannen(db, aanvraag),
        kosten=kosten,
        cofinanciering=cofi,
        begroting=queries.begroting(kosten, cofi),
        versies=queries.versies(db, aanvraag),
        hiaat=queries.hiaat_naam(db, aanvraag),
        agendapunt=queries.agendapunt_van(db, aanvraag),
        themas=queries.themas_van(db, aanvraag),
        rapportages=queries.rapportages(db, aanvraag),
        mag_wijzigen=permissions.can_edit_aanvraag(current_user, aanvraag),
        mag_bevestigen=permissions.can_confirm_deelname(current_user, aanvraag),
        mag_nieuwe_versie=permissions.can_make_new_version(current_user, aanvraag),
        mag_rapporteren=permissions.can_report(current_user, aanvraag),
        links=queries.links(current_user, aanvraag),
        mag_bijeenkomst=lambda b: permissions.can_open_bijeenkomst(current_user, b),
    )


@bp.route("/<id:id>")
def aanvraag(id: int):
    """An application with the checklist of what is still missing before it can be submitted."""
    return _pagina(_aanvraag(id))


def _bewerk(id: int, form_cls, naam: str, actie, melding: str, anker: str):
    """A form of a draft: validate, act through a service, back to the page (or the page with errors)."""
    aanvraag = _aanvraag(id, permissions.can_edit_aanvraag)
    db = get_session()
    form = form_cls()
    if naam == "plan":
        _plan_keuzes(db, form, aanvraag)
    elif naam == "uitnodiging":
        _uitnodiging_keuzes(db, form)
    elif naam in ("kosten", "cofinanciering"):
        _deelplan_keuzes(db, aanvraag, form)
    if form.validate_on_submit():
        try:
            actie(db, aanvraag, form)
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(melding, "success")
            return _terug(aanvraag, anker)
    return _pagina(aanvraag, **{naam: form})


@bp.route("/<id:id>/plan", methods=["POST"])
def plan(id: int):
    """Save the plan's sections; a draft may still be incomplete."""
    return _bewerk(
        id,
        forms.PlanForm,
        "plan",
        lambda db, a, f: services.bewaar_plan(
            db,
            a,
            current_user,
            f.waarden(),
            f.wijken.data or [],
            [Ambitie(x) for x in f.ambities.data or []],
            thema_ids=f.themas.data or [],
        ),
        "Het plan is bewaard.",
        "#plan",
    )


@bp.route("/<id:id>/deelnemers", methods=["POST"])
def uitnodigen(id: int):
    """Invite a co-applicant board (optionally through one of its schools)."""
    return _bewerk(
        id,
        forms.UitnodigingForm,
        "uitnodiging",
        lambda db, a, f: services.nodig_uit(db, a, current_user, f.bestuur_id.data, f.school_id.data),
        "Het bestuur is uitgenodigd; het bevestigt zijn deelname in het portaal.",
        "#besturen",
    )


@bp.route("/<id:id>/partners", methods=["POST"])
def partner(id: int):
    return _bewerk(
        id,
        forms.PartnerForm,
        "partner",
        lambda db, a, f: services.voeg_partner_toe(db, a, current_user, f.naam.data, f.rol.data or ""),
        "De partner is toegevoegd.",
        "#partners",
    )


@bp.route("/<id:id>/deelplannen", methods=["POST"])
def deelplan(id: int):
    return _bewerk(
        id,
        forms.DeelplanForm,
        "deelplan",
        lambda db, a, f: services.voeg_deelplan_toe(
            db, a, current_user, f.titel.data, f.beschrijving.data or ""
        ),
        "Het deelplan is toegevoegd.",
        "#begroting",
    )


@bp.route("/<id:id>/kosten", methods=["POST"])
def kosten(id: int):
    return _bewerk(
        id,
        forms.KostenForm,
        "kosten",
        lambda db, a, f: services.voeg_kosten_toe(
            db,
            a,
            current_user,
            f.jaar.data,
            Kostensoort(f.soort.data),
            f.omschrijving.data or "",
            f.bedrag.cents,
            f.deelplan_id.data,
        ),
        "De kostenregel is toegevoegd.",
        "#begroting",
    )


@bp.route("/<id:id>/cofinanciering", methods=["POST"])
def cofinanciering(id: int):
    return _bewerk(
        id,
        forms.CofinancieringForm,
        "cofinanciering",
        lambda db, a, f: services.voeg_cofinanciering_toe(
            db, a, current_user, f.bron.data, f.jaar.data, f.bedrag.cents, f.deelplan_id.data
        ),
        "De cofinanciering is toegevoegd.",
        "#begroting",
    )


@bp.route(
    "/<id:id>/<any(partner, kosten, cofinanciering, deelplan):soort>/<id:onderdeel>/verwijderen",
    methods=["POST"],
)
def verwijder(id: int, soort: str, onderdeel: int):
    """Remove a part of a draft."""
    aanvraag = _aanvraag(id, permissions.can_edit_aanvraag)
    try:
        services.verwijder_onderdeel(get_session(), aanvraag, current_user, soort, onderdeel)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.aanvraag", id=id))
    flash("Verwijderd.", "success")
    return _terug(aanvraag)


@bp.route("/<id:id>/deelnemers/<id:deelnemer>/verwijderen", methods=["POST"])
def verwijder_deelnemer(id: int, deelnemer: int):
    aanvraag = _aanvraag(id, permissions.can_edit_aanvraag)
    db = get_session()
    rij = next((d.deelnemer for d in queries.deelnemers(db, aanvraag) if d.deelnemer.id == deelnemer), None)
    if rij is None:
        abort(404)
    try:
        services.verwijder_deelnemer(db, aanvraag, current_user, rij)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.aanvraag", id=id))
    flash("Het bestuur doet niet meer mee.", "success")
    return _terug(aanvraag, "#besturen")


@bp.route("/<id:id>/deelname/<any(bevestigen, afwijzen):keuze>", methods=["POST"])
def deelname(id: int, keuze: str):
    """An invited board confirms or declines its part."""
    aanvraag = _aanvraag(id, permissions.can_confirm_deelname)
    db = get_session()
    try:
        if keuze == "bevestigen":
            services.bevestig_deelname(db, aanvraag, current_user)
        else:
            services.wijs_deelname_af(db, aanvraag, current_user)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.aanvraag", id=id))
    if keuze == "afwijzen":
        flash("U doet niet mee aan deze aanvraag.", "success")
        return redirect(url_for("initiatieven.index"), 303)
    flash("Uw bestuur doet mee aan deze aanvraag.", "success")
    return _terug(aanvraag)


@bp.route("/<id:id>/indienen", methods=["POST"])
def indienen(id: int):
    """Submit, when every formal check passes; the page says what is missing otherwise."""
    aanvraag = _aanvraag(id, permissions.can_submit_aanvraag)
    try:
        services.dien_in(get_session(), aanvraag, current_user)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.aanvraag", id=id))
    flash("De aanvraag is ingediend. Het samenwerkingsverband beoordeelt haar.", "success")
    return _terug(aanvraag)


@bp.route("/<id:id>/nieuwe-versie", methods=["POST"])
def nieuwe_versie(id: int):
    """A held-back application comes back as a new draft version."""
    aanvraag = _aanvraag(id, permissions.can_make_new_version)
    try:
        kopie = services.nieuwe_versie(get_session(), aanvraag, current_user)
    except Weigering as fout:
        return weiger_en_terug(fout, url_for("initiatieven.aanvraag", id=id))
    flash(f"Versie {kopie.versie} is aangemaakt; de vorige versie blijft leesbaar.", "success")
    return _terug(kopie)


@bp.route("/<id:id>/rapportage/<any(tussentijds, eind):soort>", methods=["GET", "POST"])
def rapportage(id: int, soort: str):
    """The interim or final report of a funded initiative."""
    soort = Rapportsoort(soort)
    aanvraag = _aanvraag(id, permissions.can_report)
    form = forms.RapportageForm(soort=soort)
    if form.validate_on_submit():
        try:
            services.rapporteer(
                get_session(),
                aanvraag,
                current_user,
                soort,
                form.resultaten.data,
                form.bereikte_leerlingen.data,
                form.evaluatie.data,
                Vervolg(form.vervolg.data) if form.vervolg.data else None,
                form.toelichting_vervolg.data or "",
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(f"De {soort.label.lower()} is ingediend.", "success")
            return _terug(aanvraag, "#rapportages")
    return render_form("initiatieven/rapportage.html", form, aanvraag=aanvraag, soort=soort)


# Rounds (SWV staff)


@bp.route("/rondes", methods=["GET", "POST"])
def rondes():
    """The rounds; opening one copies the latest round's criteria (or §7.4's ten for the first)."""
    require(permissions.can_manage_rondes(current_user))
    db = get_session()
    form = forms.RondeForm()
    if request.method == "GET":
        jaar = clock.today().year + 1
        form.naam.data, form.eerste_jaar.data, form.laatste_jaar.data = f"Ronde {jaar}", jaar, jaar + 1
    elif form.validate_on_submit():
        try:
            ronde = services.open_ronde(
                db,
                current_user,
                form.naam.data,
                form.deadline.data,
                form.eerste_jaar.data,
                form.laatste_jaar.data,
                form.knock_out_minimum.honderdsten,
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(f"{ronde.naam} is geopend.", "success")
            return redirect(url_for("initiatieven.ronde", id=ronde.id), 303)
    return render_form("initiatieven/rondes.html", form, rondes=queries.rondes(db))


@bp.route("/rondes/<id:id>", methods=["GET", "POST"])
def ronde(id: int):
    """A round: its deadline, knock-out minimum and open/closed, and its criteria."""
    require(permissions.can_manage_rondes(current_user))
    ronde = get_or_404_403(Ronde, id)
    db = get_session()
    form = forms.RondeWijzigForm(obj=ronde) if request.method == "GET" else forms.RondeWijzigForm()
    if request.method == "GET":
        form.knock_out_minimum.data = f"{ronde.knock_out_minimum:.2f}".replace(".", ",")
    elif form.validate_on_submit():
        services.wijzig_ronde(
            db, ronde, current_user, form.deadline.data, form.knock_out_minimum.honderdsten, form.is_open.data
        )
        flash("De ronde is bewaard.", "success")
        return redirect(url_for("initiatieven.ronde", id=id), 303)
    return _ronde_pagina(ronde, form)


def _ronde_pagina(ronde: Ronde, form, fout_criterium: tuple[int, forms.CriteriumForm] | None = None):
    db = get_session()
    criteria = queries.criteria(db, ronde.id)
    criteriumforms = {
        c.id: (
            fout_criterium[1]
            if fout_criterium and fout_criterium[0] == c.id
            else forms.CriteriumForm(obj=c, formdata=None, prefix=f"c{c.id}")
        )
        for c in criteria
    }
    return render_form(
        "initiatieven/ronde.html",
        form if form.errors else (fout_criterium[1] if fout_criterium else form),
        ronde=ronde,
        rondeform=form,
        criteria=criteria,
        criteriumforms=criteriumforms,
        vast=queries.ronde_heeft_ingediende_aanvragen(db, ronde.id),
    )


@bp.route("/rondes/<id:id>/criteria/<id:criterium>", methods=["POST"])
def criterium(id: int, criterium: int):
    """Change a criterium's wording, weight or rubric (only before applications of the round are in)."""
    require(permissions.can_manage_rondes(current_user))
    ronde = get_or_404_403(Ronde, id)
    c = get_or_404_403(Criterium, criterium, lambda _u, c: c.ronde_id == ronde.id)
    form = forms.CriteriumForm(prefix=f"c{c.id}")
    if form.validate_on_submit():
        try:
            services.wijzig_criterium(
                get_session(),
                c,
                current_user,
                tekst=form.tekst.data.strip(),
                gewicht=form.gewicht.data,
                **{f"rubriek_{i}": getattr(form, f"rubriek_{i}").data.strip() for i in range(4)},
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(f"Criterium {c.nummer} is bewaard.", "success")
            return redirect(url_for("initiatieven.ronde", id=id) + f"#criterium-{c.nummer}", 303)
    return _ronde_pagina(ronde, forms.RondeWijzigForm(obj=ronde, formdata=None), (c.id, form))


# The SWV's overview and the kennisbank


def _filter(form: forms.FilterForm, db) -> queries.Filter:
    form.status.choices = keuzes([("", "Alle"), *((s.value, s.label) for s in Status)])
    form.wijk.choices = [("", "Alle"), *((str(id), naam) for id, naam in queries.wijk_keuzes(db))]
    form.ambitie.choices = keuzes([("", "Alle"), *((a.value, a.label) for a in Ambitie)])
    form.ronde.choices = keuzes([("", "Alle"), *((str(r.id), r.naam) for r in queries.rondes(db))])
    form.thema.choices = keuzes([("", "Alle"), *((str(t.id), t.naam) for t in queries.themas(db))])
    if not form.validate():
        return queries.Filter()
    return queries.Filter(
        status=Status(form.status.data) if form.status.data else None,
        wijk_id=int(form.wijk.data) if form.wijk.data else None,
        ambitie=Ambitie(form.ambitie.data) if form.ambitie.data else None,
        ronde_id=int(form.ronde.data) if form.ronde.data else None,
        thema_id=int(form.thema.data) if form.thema.data else None,
        zoek=form.zoek.data or "",
    )


def _paginas(aantal: int) -> tuple[int, int, int]:
    """The count, the page asked for (`?pagina=`, within range) and the number of pages."""
    paginas = max(1, -(-aantal // queries.PER_PAGINA))
    return aantal, min(request.args.get("pagina", 1, type=pagina_arg), paginas), paginas


def _pagina_url(n: int) -> str:
    """This list's page `n`, with its filters."""
    return url_for(request.endpoint, **{**request.args.to_dict(), "pagina": n})


@bp.route("/overzicht")
def overzicht():
    """Every application (latest version) by status, wijk, ambition and round: requested against granted."""
    require(permissions.can_see_all(current_user))
    db = get_session()
    form = forms.FilterForm(request.args)
    filter = _filter(form, db)
    aantal, pagina, paginas = _paginas(queries.aantal(db, filter))
    rijen = queries.overzicht(db, filter, pagina=pagina)
    return render_form(
        "initiatieven/overzicht.html",
        filterform=form,
        rijen=rijen,
        aantal=aantal,
        pagina=pagina,
        paginas=paginas,
        pagina_url=_pagina_url,
        jaren=rules.jaren(rijen),
        **_signalen(db),
        alle_signalen_url=url_for(
            "initiatieven.overzicht",
            **{**request.args.to_dict(), "signalen": "alle"},
            _anchor="signalen-kop",
        ),
    )


SIGNALEN_GETOOND = 25  # the overview's signals, oldest first; `?signalen=alle` shows them all


def _signalen(db) -> dict:
    if request.args.get("signalen") == "alle":
        signalen = queries.signalen(db, clock.today())
        return {"signalen": signalen, "aantal_signalen": len(signalen)}
    signalen, aantal = queries.eerste_signalen(db, clock.today(), SIGNALEN_GETOOND)
    return {"signalen": signalen, "aantal_signalen": aantal}


@bp.route("/overzicht.<any(csv, xlsx):formaat>")
def overzicht_export(formaat: str):
    """The overview as filtered, as CSV or XLSX."""
    require(permissions.can_see_all(current_user))
    db = get_session()
    rijen = queries.overzicht(db, _filter(forms.FilterForm(request.args), db))
    kolommen, regels = rules.export(rijen)
    return download(kolommen, regels, formaat, "initiatieven", blad="Initiatieven")


@bp.route("/kennisbank")
def kennisbank():
    """The funded initiatives with their goals, results and evaluation, searchable by theme, wijk and ambition."""
    require(permissions.can_read_kennisbank(current_user))
    db = get_session()
    form = forms.FilterForm(request.args)
    filter = _filter(form, db)
    aantal, pagina, paginas = _paginas(queries.aantal(db, filter, alleen_toegekend=True))
    rijen = queries.overzicht(db, filter, alleen_toegekend=True, pagina=pagina)
    return render_form(
        "initiatieven/kennisbank.html",
        filterform=form,
        rijen=rijen,
        aantal=aantal,
        pagina=pagina,
        paginas=paginas,
        pagina_url=_pagina_url,
        rapportages=queries.rapportages_van(db, [r.aanvraag.id for r in rijen]),
    )
