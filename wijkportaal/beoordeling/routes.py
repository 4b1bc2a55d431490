"""Assessing: the URL table and thin views (load → check → act → render).

/beoordeling/                            what waits: the assessor's assignments; for SWV staff the
                                         applications waiting for assessors and those being assessed
/beoordeling/aanvraag/<id>               an application's assessing: assign (SWV), declare, score blind,
                                         the combined result (after one's own scores; SWV and director)
/beoordeling/aanvraag/<id>/toewijzen     SWV staff assign assessors
/beoordeling/toewijzing/<id>/intrekken   SWV staff withdraw an assessor who has not submitted
/beoordeling/toewijzing/<id>/verklaring  the assessor declares no conflict of interest, or declines
/beoordeling/toewijzing/<id>/scores      the assessor submits their scores and recommendation
/beoordeling/score/<id>/herzien          the assessor revises a submitted score, with a reason"""

from datetime import timedelta

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required

from wijkportaal.beoordeling import forms, permissions, queries, services
from wijkportaal.beoordeling.models import Advies, Score, Toewijzing
from wijkportaal.beoordeling.rules import MINIMAAL_AANTAL_BEOORDELAARS
from wijkportaal.core import clock
from wijkportaal.core.access import found_and_allowed, get_or_404_403, require
from wijkportaal.core.db import get_session
from wijkportaal.core.errors import Weigering
from wijkportaal.core.forms import keuzes
from wijkportaal.core.views import render_form, toon_fout
from wijkportaal.initiatieven.models import Aanvraag, Criterium, Ronde

bp = Blueprint("beoordeling", __name__, url_prefix="/beoordeling")

STANDAARD_TERMIJN_DAGEN = 21


@bp.before_request
@login_required
def _require_login():
    """Every page of assessing is for logged-in users; each view checks the rest."""


@bp.route("/")
def index():
    """The assessor's assignments; for SWV staff what waits for assessors; for them and the director
    what is being assessed, with the combined results."""
    db = get_session()
    mag_toewijzen = permissions.can_assign(current_user)
    require(permissions.can_open_beoordelen(current_user))
    wachtend = queries.wacht_op_toewijzing(db) if mag_toewijzen else []
    lopend = queries.in_beoordeling(db) if permissions.can_see_all_uitslagen(current_user) else []
    return render_form(
        "beoordeling/index.html",
        wachtrij=queries.wachtrij(db, current_user),
        mijn=queries.mijn_beoordelingen(db, current_user) if permissions.is_beoordelaar(current_user) else [],
        wachtend=wachtend,
        lopend=lopend,
        uitslagen=queries.uitslagen(db, [a.id for a in lopend]),
        mag_toewijzen=mag_toewijzen,
        mag_uitslagen=permissions.can_see_all_uitslagen(current_user),
    )


def _aanvraag(id: int, check=permissions.can_view_beoordeling) -> Aanvraag:
    return get_or_404_403(Aanvraag, id, check)


def _toewijzing_form(db, toewijzingen, form=None) -> forms.ToewijzingForm:
    """The assigning form; it offers the assessors not yet assigned to the application."""
    form = form or forms.ToewijzingForm(
        formdata=None, deadline=clock.today() + timedelta(days=STANDAARD_TERMIJN_DAGEN)
    )
    al = {t.beoordelaar_id for t, _ in toewijzingen}
    form.beoordelaars.choices = keuzes(
        (g.id, f"{g.naam} ({g.email})") for g in queries.beoordelaars(db) if g.id not in al
    )
    return form


def _pagina(aanvraag: Aanvraag, toewijzing_form=None, verklaring_form=None, score_form=None, intrekken=None):
    """The assessing page; `intrekken` is (assignment id, form) of a refused withdrawal."""
    db = get_session()
    toewijzingen = queries.toewijzingen(db, aanvraag) if permissions.can_assign(current_user) else []
    intrek_id, intrek_form = intrekken or (None, None)
    eigen = queries.toewijzing_van(db, current_user, aanvraag.id)
    criteria = queries.inhoudelijke_criteria(db, aanvraag)
    mag_uitslag = permissions.can_see_uitslag(current_user, aanvraag)
    mag_scoren = eigen is not None and permissions.can_score(current_user, eigen, aanvraag)
    if mag_scoren and score_form is None:
        score_form = forms.score_form(criteria, formdata=None)
    return render_form(
        "beoordeling/aanvraag.html",
        next(
            (
                f
                for f in (toewijzing_form, verklaring_form, score_form, intrek_form)
                if f is not None and f.errors
            ),
            None,
        ),
        aanvraag=aanvraag,
        ronde=db.get(Ronde, aanvraag.ronde_id),
        criteria=criteria,
        eigen=eigen,
        eigen_scores=queries.scores_van(db, eigen) if eigen is not None else {},
        toewijzingen=toewijzingen,
        nog_nodig=max(0, MINIMAAL_AANTAL_BEOORDELAARS - sum(t.telt_mee for t, _ in toewijzingen)),
        intrekforms={
            t.id: intrek_form if t.id == intrek_id else forms.IntrekkenForm(formdata=None, prefix=f"t{t.id}")
            for t, _ in toewijzingen
            if t.id == intrek_id or permissions.can_withdraw(current_user, t, aanvraag)
        },
        uitslag=queries.uitslag(db, aanvraag) if mag_uitslag else None,
        beoordelingen=queries.beoordelingen(db, aanvraag) if mag_uitslag else [],
        toewijzing_form=(
            _toewijzing_form(db, toewijzingen, toewijzing_form)
            if permissions.can_assign_to(current_user, aanvraag)
            else None
        ),
        verklaring_form=(
            (verklaring_form or forms.VerklaringForm(formdata=None))
            if eigen is not None and permissions.can_declare(current_user, eigen, aanvraag)
            else None
        ),
        score_form=score_form if mag_scoren else None,
        mag_herzien=eigen is not None and permissions.can_revise(current_user, eigen, aanvraag),
        Advies=Advies,
    )


@bp.route("/aanvraag/<id:id>")
def aanvraag(id: int):
    """An application's assessing, as far as the user may see it."""
    return _pagina(_aanvraag(id))


def _terug(aanvraag_id: int, anker: str = ""):
    return redirect(url_for("beoordeling.aanvraag", id=aanvraag_id) + anker, 303)


@bp.route("/aanvraag/<id:id>/toewijzen", methods=["POST"])
def toewijzen(id: int):
    """SWV staff assign assessors (at least two); the application is then being assessed."""
    aanvraag = _aanvraag(id, permissions.can_assign_to)
    db = get_session()
    form = _toewijzing_form(db, queries.toewijzingen(db, aanvraag), forms.ToewijzingForm())
    if form.validate_on_submit():
        try:
            nieuw = services.wijs_toe(db, aanvraag, current_user, form.beoordelaars.data, form.deadline.data)
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(
                f"{len(nieuw)} beoordelaar(s) aangewezen; zij zien de aanvraag op hun startpagina.", "success"
            )
            return _terug(id, "#beoordelaars")
    return _pagina(aanvraag, toewijzing_form=form)


def _eigen_toewijzing(id: int, check) -> tuple[Toewijzing, Aanvraag]:
    """The assignment and its application: 404 when missing, 403 when `check` refuses the user."""
    db = get_session()
    toewijzing = found_and_allowed(db.get(Toewijzing, id))
    aanvraag = db.get(Aanvraag, toewijzing.aanvraag_id)
    require(check(current_user, toewijzing, aanvraag))
    return toewijzing, aanvraag


@bp.route("/toewijzing/<id:id>/intrekken", methods=["POST"])
def intrekken(id: int):
    """SWV staff withdraw an assessor who has not submitted, with a reason; they then assign another."""
    toewijzing, aanvraag = _eigen_toewijzing(id, permissions.can_withdraw)
    form = forms.IntrekkenForm(prefix=f"t{toewijzing.id}")
    if form.validate_on_submit():
        try:
            services.trek_in(get_session(), toewijzing, current_user, form.reden.data or "")
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(
                "De beoordelaar is ingetrokken en ziet de aanvraag niet meer. Wijs zo nodig een ander aan.",
                "success",
            )
            return _terug(aanvraag.id, "#beoordelaars")
    return _pagina(aanvraag, intrekken=(toewijzing.id, form))


@bp.route("/toewijzing/<id:id>/verklaring", methods=["POST"])
def verklaring(id: int):
    """The assessor declares no conflict of interest before scoring, or declines with a reason."""
    toewijzing, aanvraag = _eigen_toewijzing(id, permissions.can_declare)
    form = forms.VerklaringForm()
    if form.validate_on_submit():
        try:
            services.verklaar(
                get_session(), toewijzing, current_user, bool(form.geen_conflict.data), form.reden.data or ""
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            if form.afzien.data:
                flash(
                    "U hebt afgezien van deze beoordeling. Het SWV wijst een andere beoordelaar aan.",
                    "success",
                )
                return redirect(url_for("beoordeling.index"), 303)
            flash("Uw verklaring is vastgelegd. U kunt nu scoren.", "success")
            return _terug(aanvraag.id, "#scoren")
    return _pagina(aanvraag, verklaring_form=form)


@bp.route("/toewijzing/<id:id>/scores", methods=["POST"])
def scores(id: int):
    """The assessor submits a score and motivation for every judged criterion, and a recommendation."""
    toewijzing, aanvraag = _eigen_toewijzing(id, permissions.can_score)
    db = get_session()
    criteria = queries.inhoudelijke_criteria(db, aanvraag)
    form = forms.score_form(criteria)
    if form.validate_on_submit():
        try:
            services.dien_in(
                db,
                toewijzing,
                current_user,
                form.scores(),
                Advies(form.advies.data),
                form.advies_toelichting.data or "",
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(
                "Uw beoordeling is ingediend. U ziet nu ook de scores van de andere beoordelaars.", "success"
            )
            return _terug(aanvraag.id, "#uitslag")
    return _pagina(aanvraag, score_form=form)


@bp.route("/score/<id:id>/herzien", methods=["GET", "POST"])
def herzien(id: int):
    """After submitting, the assessor changes a score with a reason; the revision is kept and shown."""
    db = get_session()
    score = get_or_404_403(Score, id, permissions.can_revise_score)
    toewijzing = db.get(Toewijzing, score.toewijzing_id)
    aanvraag = db.get(Aanvraag, toewijzing.aanvraag_id)
    criterium = db.get(Criterium, score.criterium_id)
    form = forms.HerzieningForm(score=score.score, motivering=score.motivering)
    form.score.choices = keuzes((i, f"{i} – {criterium.rubriek(i)}") for i in range(4))
    if form.validate_on_submit():
        try:
            services.herzie(
                db, score, current_user, form.score.data, form.motivering.data or "", form.reden.data
            )
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash("Uw score is herzien; de herziening staat bij de score.", "success")
            return _terug(aanvraag.id, "#uitslag")
    return render_form(
        "beoordeling/herzien.html",
        form,
        aanvraag=aanvraag,
        criterium=criterium,
        score=score,
        herzieningen=queries.herzieningen(db, score),
    )
