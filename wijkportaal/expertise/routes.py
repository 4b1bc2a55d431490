"""Expertise en voorzieningen: the register, the bovenschoolse voorzieningen, the taxonomy, the norm and
the coverage matrix wijk × domein."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from wijkportaal.core import clock, exports
from wijkportaal.core.access import get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.exports import Kolom
from wijkportaal.core.forms import keuzes
from wijkportaal.core.views import bewaar, render_form, weiger_en_terug
from wijkportaal.expertise import forms, permissions, queries, services
from wijkportaal.expertise.models import (
    Dekkingsnorm,
    Domein,
    Eenheid,
    Expertise,
    Voorziening,
    VoorzieningSoort,
    Vorm,
)
from wijkportaal.expertise.queries import dekkingsmatrix
from wijkportaal.expertise.rules import Dekking
from wijkportaal.expertise.services import ExpertiseFout
from wijkportaal.pot.models import Aanpak
from wijkportaal.pot.permissions import zichtbare_pot_ids

bp = Blueprint("expertise", __name__)

DEKKING_BADGE = {Dekking.GEDEKT: "ok", Dekking.DUN: "warn", Dekking.ONTBREEKT: "bad"}


@bp.before_request
@login_required
def _require_login():
    """Every page of the register needs a login."""


@bp.context_processor
def _teksten():
    return {
        "capaciteit_tekst": queries.capaciteit_tekst,
        "wachttijd_tekst": queries.wachttijd_tekst,
        "beheert_referentie": permissions.beheert_referentie(current_user),
        "mag_vastleggen": permissions.can_record(get_session(), current_user),
        "mag_voorziening_vastleggen": permissions.can_record_voorziening(get_session(), current_user),
    }


def _naar_expertise(e: Expertise) -> str:
    return url_for("expertise.expertise", expertise_id=e.id)


def _naar_voorziening(v: Voorziening) -> str:
    return url_for("expertise.voorziening", voorziening_id=v.id)


def _expertise(expertise_id: int, check=None) -> Expertise:
    db = get_session()
    return get_or_404_403(Expertise, expertise_id, check or (lambda u, e: permissions.can_edit(db, u, e)))


def _voorziening(voorziening_id: int, check=None) -> Voorziening:
    db = get_session()
    return get_or_404_403(Voorziening, voorziening_id, check or (lambda u, v: permissions.can_edit(db, u, v)))


def _bereik(db) -> tuple[set[int] | None, set[int] | None]:
    """The organisations the user may pick as provider and the wijken they may pick (None: all)."""
    if permissions.beheert_referentie(current_user):
        return None, None
    eigen = permissions.eigen_organisatie_id(current_user)
    voorzitter = permissions.voorzitter_wijk_ids(db, current_user)
    if voorzitter:  # any provider, serving their wijk (or anything, for their own organisation)
        return None, None if eigen else set(voorzitter)
    return {eigen} if eigen else set(), None


# The register


@bp.route("/expertise")
def register():
    """Who offers which expertise for my school, and how long is the wait? Shortest wait first."""
    db = get_session()
    vraag = queries.Zoekvraag.uit(
        request.args,
        standaard_school=queries.eigen_school_id(db, current_user),
        mag_verlopen=permissions.can_see_all_periods(current_user),
    )
    regels = queries.zoek(db, vraag, clock.today())
    wijken = queries.wijken(db)
    return render_template(
        "expertise/register.html",
        vraag=vraag,
        regels=regels,
        mag_bewerken={r.expertise.id for r in regels if permissions.can_edit(db, current_user, r.expertise)},
        mag_verlopen=permissions.can_see_all_periods(current_user),
        domeinen=queries.domeinen(db),
        vormen=list(Vorm),
        wijken=wijken,
        aantal_wijken=len(wijken),
        scholen=queries.scholen_per_wijk(db),
        vandaag=clock.today(),
    )


@bp.route("/expertise/<id:expertise_id>")
def expertise(expertise_id: int):
    """One offer with everything the register knows about it, and the form to end it."""
    db = get_session()
    e = _expertise(expertise_id, lambda u, e: permissions.can_view_entry(db, u, e))
    return render_template(
        "expertise/expertise.html",
        r=queries.regel(db, e),
        aantal_wijken=len(queries.wijken(db)),
        mag_bewerken=permissions.can_edit(db, current_user, e),
        einde_form=_einde_form(e),
        vandaag=clock.today(),
    )


def _einde_form(entry) -> forms.BeeindigForm:
    form = forms.BeeindigForm()
    if not form.is_submitted():
        form.geldig_tot.data = entry.geldig_tot or max(clock.today(), entry.geldig_van)
    return form


def _expertise_form(db, expertise: Expertise | None = None) -> forms.ExpertiseForm:
    form = forms.ExpertiseForm(obj=expertise)
    org_ids, wijk_ids = _bereik(db)
    if expertise is not None and org_ids is not None:
        org_ids = org_ids | {expertise.aanbieder_id}
    form.aanbieder_id.choices = keuzes(
        [(0, "— kies —")] + [(o.id, o.naam) for o in queries.organisaties(db, org_ids)]
    )
    huidig = expertise.domein_id if expertise else None
    form.domein_id.choices = keuzes(
        [(0, "— kies —")]
        + [(d.id, d.naam) for d in queries.domeinen(db, alleen_actief=False) if d.is_actief or d.id == huidig]
    )
    form.wijk_ids.choices = keuzes((w.id, w.naam) for w in queries.wijken(db, wijk_ids))
    form.school_ids.choices = {
        wijk: keuzes(paren) for wijk, paren in queries.scholen_per_wijk(db, wijk_ids).items()
    }
    if request.method == "GET":
        if expertise is None:
            form.geldig_van.data = clock.today()
            if org_ids is not None and len(org_ids) == 1:
                form.aanbieder_id.data = next(iter(org_ids))
            if wijk_ids is not None and len(wijk_ids) == 1:
                form.wijk_ids.data = list(wijk_ids)
        else:
            form.wijk_ids.data = services.wijken_van(db, expertise)
            form.school_ids.data = services.scholen_van(db, expertise)
    return form


def _expertise_waarden(form: forms.ExpertiseForm) -> dict:
    return {
        "aanbieder_id": form.aanbieder_id.data,
        "domein_id": form.domein_id.data,
        "vorm": Vorm(form.vorm.data),
        "omschrijving": (form.omschrijving.data or "").strip(),
        "capaciteit": form.capaciteit.data,
        "eenheid": Eenheid(form.eenheid.data),
        "wachttijd_weken": form.wachttijd_weken.data,
        "contact_naam": (form.contact_naam.data or "").strip(),
        "contact_email": (form.contact_email.data or "").strip(),
        "contact_telefoon": (form.contact_telefoon.data or "").strip(),
        "geldig_van": form.geldig_van.data,
        "geldig_tot": form.geldig_tot.data,
    }


@bp.route("/expertise/nieuw", methods=["GET", "POST"])
def expertise_nieuw():
    """Record an offer: a provider its own, a chair what the wijk has, SWV staff anything."""
    db = get_session()
    require(permissions.can_record(db, current_user))
    form = _expertise_form(db)
    antwoord = bewaar(
        form,
        lambda: form.eenmalig(
            get_session(),
            current_user,
            Expertise,
            lambda _sleutel: services.maak_expertise(
                db,
                current_user,
                _expertise_waarden(form),
                form.wijk_ids.data or [],
                form.school_ids.data or [],
            ),
        ),
        "Het aanbod is vastgelegd.",
        _naar_expertise,
    )
    return antwoord or render_form("expertise/expertise_form.html", form, expertise=None)


@bp.route("/expertise/<id:expertise_id>/bewerken", methods=["GET", "POST"])
def expertise_bewerken(expertise_id: int):
    """Change an offer the user may keep."""
    e = _expertise(expertise_id)
    db = get_session()
    form = _expertise_form(db, e)
    antwoord = bewaar(
        form,
        lambda: services.wijzig_expertise(
            db,
            current_user,
            e,
            _expertise_waarden(form),
            form.wijk_ids.data or [],
            form.school_ids.data or [],
        ),
        "Het aanbod is bijgewerkt.",
        _naar_expertise,
    )
    return antwoord or render_form("expertise/expertise_form.html", form, expertise=e)


@bp.route("/expertise/<id:expertise_id>/beeindigen", methods=["POST"])
def expertise_beeindigen(expertise_id: int):
    """End an offer on a date; nothing is deleted."""
    e = _expertise(expertise_id)
    return _beeindig(e, _naar_expertise(e))


def _beeindig(entry, terug: str):
    form = forms.BeeindigForm()
    if form.validate_on_submit():
        try:
            services.beeindig(get_session(), current_user, entry, form.geldig_tot.data)
        except ExpertiseFout as fout:
            return weiger_en_terug(fout, terug)
        flash(f"Beëindigd per {form.geldig_tot.data:%d-%m-%Y}.", "success")
        return redirect(terug)
    flash(" ".join(e for errs in form.errors.values() for e in errs), "error")
    return redirect(terug), 303


# Voorzieningen


@bp.route("/voorzieningen")
def voorzieningen():
    """The bovenschoolse voorzieningen by soort, with host school, wijken, places and funding."""
    db = get_session()
    mag_verlopen = permissions.can_see_all_periods(current_user)
    ook_verlopen = mag_verlopen and request.args.get("verlopen") == "1"
    soort = request.args.get("soort", "")
    groepen = queries.voorzieningen(db, clock.today(), ook_verlopen, soort)
    return render_template(
        "expertise/voorzieningen.html",
        groepen=groepen,
        soorten=list(VoorzieningSoort),
        soort=soort,
        ook_verlopen=ook_verlopen,
        mag_verlopen=mag_verlopen,
        mag_bewerken={
            r.voorziening.id
            for rij in groepen.values()
            for r in rij
            if permissions.can_edit(db, current_user, r.voorziening)
        },
        vandaag=clock.today(),
    )


@bp.route("/voorzieningen/<id:voorziening_id>")
def voorziening(voorziening_id: int):
    """One voorziening, and the form to end it."""
    db = get_session()
    v = _voorziening(voorziening_id, lambda u, v: permissions.can_view_entry(db, u, v))
    regel = next(
        r for rij in queries.voorzieningen(db, clock.today(), True, ids=[v.id]).values() for r in rij
    )
    return render_template(
        "expertise/voorziening.html",
        r=regel,
        mag_bewerken=permissions.can_edit(db, current_user, v),
        einde_form=_einde_form(v),
        vandaag=clock.today(),
    )


def _voorziening_form(db, v: Voorziening | None = None) -> forms.VoorzieningForm:
    form = forms.VoorzieningForm(obj=v)
    org_ids, wijk_ids = _bereik(db)
    if v is not None and org_ids is not None:
        org_ids = org_ids | {v.locatie_id}
    scholen = [s for s in queries.scholen(db) if org_ids is None or s.id in org_ids]
    form.locatie_id.choices = keuzes([(0, "— kies —")] + [(s.id, s.naam) for s in scholen])
    huidig = v.domein_id if v else None
    form.domein_id.choices = keuzes(
        [(0, "— geen —")]
        + [(d.id, d.naam) for d in queries.domeinen(db, alleen_actief=False) if d.is_actief or d.id == huidig]
    )
    pot_ids = zichtbare_pot_ids(db, current_user)
    aanpakken = queries.aanpakken(db, pot_ids)
    if v is not None and v.aanpak_id and v.aanpak_id not in {a.id for a in aanpakken}:
        aanpakken.append(db.get(Aanpak, v.aanpak_id))  # keep the link someone else made
    form.aanpak_id.choices = keuzes([(0, "— geen —")] + [(a.id, a.naam) for a in aanpakken])
    form.wijk_ids.choices = keuzes((w.id, w.naam) for w in queries.wijken(db, wijk_ids))
    if request.method == "GET":
        if v is None:
            form.geldig_van.data = clock.today()
            form.plaatsen_bezet.data = 0
            if len(scholen) == 1:
                form.locatie_id.data = scholen[0].id
            if wijk_ids is not None and len(wijk_ids) == 1:
                form.wijk_ids.data = list(wijk_ids)
        else:
            form.domein_id.data = v.domein_id or 0
            form.aanpak_id.data = v.aanpak_id or 0
            form.wijk_ids.data = services.voorziening_wijken(db, v)
    return form


def _voorziening_waarden(form: forms.VoorzieningForm) -> dict:
    return {
        "naam": form.naam.data.strip(),
        "soort": VoorzieningSoort(form.soort.data),
        "locatie_id": form.locatie_id.data,
        "domein_id": form.domein_id.data or None,
        "doelgroep": (form.doelgroep.data or "").strip(),
        "plaatsen": form.plaatsen.data,
        "plaatsen_bezet": form.plaatsen_bezet.data,
        "financiering": (form.financiering.data or "").strip(),
        "aanpak_id": form.aanpak_id.data or None,
        "contact_naam": (form.contact_naam.data or "").strip(),
        "contact_email": (form.contact_email.data or "").strip(),
        "geldig_van": form.geldig_van.data,
        "geldig_tot": form.geldig_tot.data,
    }


@bp.route("/voorzieningen/nieuw", methods=["GET", "POST"])
def voorziening_nieuw():
    """Record a voorziening: its host school, a chair for their wijk, or SWV staff."""
    db = get_session()
    require(permissions.can_record_voorziening(db, current_user))
    form = _voorziening_form(db)
    if len(form.locatie_id.choices) == 1:  # only "— kies —": a partner that is no school hosts nothing
        abort(403)
    antwoord = bewaar(
        form,
        lambda: form.eenmalig(
            db,
            current_user,
            Voorziening,
            lambda _sleutel: services.maak_voorziening(
                db, current_user, _voorziening_waarden(form), form.wijk_ids.data
            ),
        ),
        "De voorziening is vastgelegd.",
        _naar_voorziening,
    )
    return antwoord or render_form("expertise/voorziening_form.html", form, voorziening=None)


@bp.route("/voorzieningen/<id:voorziening_id>/bewerken", methods=["GET", "POST"])
def voorziening_bewerken(voorziening_id: int):
    """Change a voorziening the user may keep."""
    v = _voorziening(voorziening_id)
    db = get_session()
    form = _voorziening_form(db, v)
    antwoord = bewaar(
        form,
        lambda: services.wijzig_voorziening(
            db, current_user, v, _voorziening_waarden(form), form.wijk_ids.data
        ),
        "De voorziening is bijgewerkt.",
        _naar_voorziening,
    )
    return antwoord or render_form("expertise/voorziening_form.html", form, voorziening=v)


@bp.route("/voorzieningen/<id:voorziening_id>/beeindigen", methods=["POST"])
def voorziening_beeindigen(voorziening_id: int):
    """End a voorziening on a date; nothing is deleted."""
    v = _voorziening(voorziening_id)
    return _beeindig(v, _naar_voorziening(v))


# Taxonomy and norm (SWV staff)


@bp.route("/expertise/domeinen", methods=["GET", "POST"])
def domeinen():
    """The expertise domains: add, rename, reorder, take out of use."""
    require(permissions.can_manage_taxonomy(current_user))
    db = get_session()
    form = forms.DomeinForm()
    antwoord = bewaar(
        form,
        lambda: form.eenmalig(
            get_session(),
            current_user,
            Domein,
            lambda _sleutel: services.maak_domein(
                db, current_user, form.naam.data, form.omschrijving.data or "", form.volgorde.data or 0
            ),
        ),
        "Het domein is toegevoegd.",
        lambda _: url_for("expertise.domeinen"),
    )
    if antwoord:
        return antwoord
    return render_form("expertise/domeinen.html", form, domeinen=queries.domeinen(db, alleen_actief=False))


@bp.route("/expertise/domeinen/<id:domein_id>", methods=["GET", "POST"])
def domein_bewerken(domein_id: int):
    """Rename a domain, change its order, or take it out of use."""
    require(permissions.can_manage_taxonomy(current_user))
    domein = get_or_404_403(Domein, domein_id)
    form = forms.DomeinForm(obj=domein)
    antwoord = bewaar(
        form,
        lambda: services.wijzig_domein(
            get_session(),
            current_user,
            domein,
            {
                "naam": form.naam.data,
                "omschrijving": (form.omschrijving.data or "").strip(),
                "volgorde": form.volgorde.data or 0,
                "is_actief": form.is_actief.data,
            },
        ),
        "Het domein is bijgewerkt.",
        lambda _: url_for("expertise.domeinen"),
    )
    return antwoord or render_form("expertise/domein_form.html", form, domein=domein)


@bp.route("/expertise/domeinen/<id:domein_id>/actief", methods=["POST"])
def domein_actief(domein_id: int):
    """Take a domain out of use (or back into use) in one click."""
    require(permissions.can_manage_taxonomy(current_user))
    domein = get_or_404_403(Domein, domein_id)
    services.wijzig_domein(get_session(), current_user, domein, {"is_actief": not domein.is_actief})
    flash(
        f"‘{domein.naam}’ is {'weer in gebruik' if domein.is_actief else 'niet meer in gebruik'}.", "success"
    )
    return redirect(url_for("expertise.domeinen"))


@bp.route("/expertise/norm", methods=["GET", "POST"])
def norm():
    """The bar for a covered wijk: hours per week and places per 1,000 pupils."""
    require(permissions.can_manage_taxonomy(current_user))
    db = get_session()
    huidig = db.exec(select(Dekkingsnorm).order_by(Dekkingsnorm.id)).first() or Dekkingsnorm()
    form = forms.DekkingsnormForm(obj=huidig)
    if form.validate_on_submit():
        services.wijzig_dekkingsnorm(
            db,
            current_user,
            {
                "min_uren_per_1000": form.min_uren_per_1000.data,
                "min_plaatsen_per_1000": form.min_plaatsen_per_1000.data,
            },
        )
        flash("De norm is aangepast; de dekking is opnieuw berekend.", "success")
        return redirect(url_for("expertise.dekking"))
    return render_form("expertise/norm_form.html", form)


# The coverage matrix


def _dekking_context(db) -> dict:
    matrix = dekkingsmatrix(db)
    regios = queries.regios(db)
    regio = next((r for r in regios if r.code == request.args.get("regio", "")), None)
    return {
        "matrix": matrix,
        "regios": regios,
        "regio": regio,
        "groepen": queries.per_regio(matrix, regios, regio),
    }


@bp.route("/expertise/dekking")
def dekking():
    """Wijk × domein: gedekt, dun or ontbreekt, with the providers and figures behind each cell."""
    return render_template("expertise/dekking.html", badge=DEKKING_BADGE, **_dekking_context(get_session()))


@bp.route("/expertise/dekking.<any(csv, xlsx):formaat>")
def dekking_export(formaat: str):
    """The matrix as one row per wijk and domain, CSV or XLSX."""
    context = _dekking_context(get_session())
    kolommen = [
        Kolom(k, soort="decimaal" if "per 1.000" in k else "tekst", breedte=40 if k == "Aanbieders" else None)
        for k in queries.DEKKING_KOLOMMEN
    ]
    rijen = queries.dekking_rijen(context["matrix"], context["groepen"])
    naam = f"dekking-{clock.today():%Y-%m-%d}"
    return exports.download(kolommen, rijen, formaat, naam, blad="Dekking")
