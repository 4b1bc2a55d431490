"""The gedeelde pot: pots, contributions, approaches, allocations with approval, spending."""

from datetime import timedelta

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
from wijkportaal.core.errors import Weigering, weiger_als
from wijkportaal.core.exports import download
from wijkportaal.core.forms import keuzes
from wijkportaal.core.ids import id_arg
from wijkportaal.core.views import (
    BEVESTIGEN,
    Bevestiging,
    Saldo,
    bewaar,
    in_twee_stappen,
    meteen_bevestigen,
    render_form,
    toon_fout,
    weiger_en_terug,
)
from wijkportaal.core.web import centen, datum
from wijkportaal.pot import forms, permissions, queries, rules, services
from wijkportaal.pot.models import (
    Aanpak,
    Besteding,
    Bijdrage,
    BronSoort,
    Goedkeuringsregel,
    Overheveling,
    PeriodeSoort,
    Pot,
    Terugdraaiing,
    Toekenning,
)
from wijkportaal.pot.services import PotFout
from wijkportaal.wijken.models import SCHOOLSOORTEN, Bestuur, Organisatie, Wijk

bp = Blueprint("pot", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every page of the pot needs a login."""


def _pot(pot_id: int) -> Pot:
    db = get_session()
    return get_or_404_403(Pot, pot_id, lambda user, pot: permissions.can_view_pot(db, user, pot))


@bp.route("/potten")
def index():
    """The pots the user may see, with paid in, reserved, allocated, spent and available."""
    db = get_session()
    ids = permissions.zichtbare_pot_ids(db, current_user)
    query = select(Pot).order_by(Pot.periode_start.desc(), Pot.naam)
    if ids is not None:
        query = query.where(Pot.id.in_(list(ids) or [0]))
    potten = list(db.exec(query))
    return render_template(
        "pot/index.html",
        potten=potten,
        cijfers=queries.cijfers(db, potten),
        mag_openen=permissions.can_open_pot(current_user),
        wachtend=besluiten_queries.wachtend_op(db, current_user),
    )


@bp.route("/potten/nieuw", methods=["GET", "POST"])
def nieuw():
    """Open a pot for one or more wijken and a period, with its boards and approval rule."""
    require(permissions.can_open_pot(current_user))
    db = get_session()
    form = forms.PotForm()
    form.wijk_ids.choices = keuzes((w.id, w.naam) for w in db.exec(select(Wijk).order_by(Wijk.naam)))
    form.bestuur_ids.choices = keuzes((b.id, b.naam) for b in db.exec(select(Bestuur).order_by(Bestuur.naam)))
    if request.method == "GET":
        form.jaar.data = clock.schooljaar_van(clock.today())
        if permissions.must_open_for_own_board(current_user):
            form.bestuur_ids.data = [current_user.bestuur_id]
    if form.validate_on_submit():
        if permissions.must_open_for_own_board(current_user) and current_user.bestuur_id not in (
            form.bestuur_ids.data or []
        ):
            form.bestuur_ids.errors.append("Uw eigen bestuur doet mee in een pot die u opent.")
        else:
            try:
                pot = form.eenmalig(
                    db,
                    current_user,
                    Pot,
                    lambda _sleutel: services.open_pot(
                        db,
                        current_user,
                        naam=form.naam.data,
                        periode_soort=PeriodeSoort(form.periode_soort.data),
                        jaar=form.jaar.data,
                        wijk_ids=form.wijk_ids.data or [],
                        bestuur_ids=form.bestuur_ids.data or [],
                        regel=Goedkeuringsregel(form.regel.data),
                    ),
                )
            except Weigering as fout:
                toon_fout(form, fout)
            else:
                flash("De pot is geopend.", "success")
                return redirect(url_for("pot.pot", pot_id=pot.id))
    return render_form("pot/pot_form.html", form)


@bp.route("/potten/<id:pot_id>")
def pot(pot_id: int):
    """A pot: its figures, boards, contributions and pledges, approaches, allocations and journal."""
    pot = _pot(pot_id)
    db = get_session()
    bijdragen = list(
        db.exec(select(Bijdrage).where(Bijdrage.pot_id == pot.id).order_by(Bijdrage.datum.desc()))
    )
    namen = {
        b.id: b.naam
        for b in db.exec(
            select(Bestuur).where(Bestuur.id.in_([x.bestuur_id for x in bijdragen if x.bestuur_id] or [0]))
        )
    }
    return render_template(
        "pot/pot.html",
        pot=pot,
        c=queries.cijfers(db, [pot])[pot.id],
        wijken=queries.wijken_van(db, pot),
        besturen=queries.besturen_van(db, pot),
        bijdragen=bijdragen,
        bestuur_namen=namen,
        aanpakken=queries.aanpakken_van(db, pot),
        toekenningen=queries.toekenningen_van(db, pot),
        journaal=services.grootboek(db).transactions(account=pot.account_code, limit=50),
        mag_beheren=permissions.can_manage_pot(db, current_user, pot),
        regel_vast=services.heeft_geld(db, pot),
        regels=list(Goedkeuringsregel),
        beheert_swv_geld=permissions.beheert_swv_geld(current_user),
        neemt_deel=permissions.neemt_deel(db, current_user, pot),
        vandaag=clock.today(),
        correcties=queries.correcties(db, pot),
        overhevelingen=queries.overhevelingen_van(db, pot),
        mag_terugdraaien=lambda b: permissions.can_reverse_bijdrage(db, current_user, pot, b),
    )


@bp.route("/potten/<id:pot_id>/regel", methods=["POST"])
def regel(pot_id: int):
    """Change the approval rule, as long as no money is in the pot."""
    pot = _pot(pot_id)
    db = get_session()
    require(permissions.can_manage_pot(db, current_user, pot))
    try:
        nieuwe = Goedkeuringsregel(request.form.get("regel", ""))
        services.wijzig_regel(db, current_user, pot, nieuwe)
    except ValueError as fout:  # PotFout, or an unknown rule
        melding = fout if isinstance(fout, PotFout) else "Kies een van de goedkeuringsregels."
        return weiger_en_terug(melding, url_for("pot.pot", pot_id=pot.id))
    flash("De goedkeuringsregel is aangepast.", "success")
    return redirect(url_for("pot.pot", pot_id=pot.id))


@bp.route("/potten/<id:pot_id>/bijdragen/nieuw", methods=["GET", "POST"])
def bijdrage_nieuw(pot_id: int):
    """Record a contribution or a pledge, after the user confirmed the amount."""
    pot = _pot(pot_id)
    db = get_session()
    bronnen = permissions.bronnen_voor_bijdrage(db, current_user, pot)
    require(bool(bronnen))
    form = forms.BijdrageForm()
    form.bron.choices = keuzes((b.value, b.label) for b in bronnen)
    mag = set(permissions.besturen_voor_bijdrage(db, current_user, pot))
    besturen = [b["bestuur"] for b in queries.besturen_van(db, pot) if b["bestuur"].id in mag]
    # "—" (no board) only for a user who may also book from another source: a bestuurder sees their own board.
    geen = [(0, "—")] if set(bronnen) - {BronSoort.BESTUUR} else []
    form.bestuur_id.choices = keuzes(geen + [(b.id, b.naam) for b in besturen])
    if request.method == "GET":
        form.nieuwe_sleutel()
        form.datum.data = clock.today()
        if len(besturen) == 1:
            form.bestuur_id.data = besturen[0].id

    def mag_boeken() -> None:
        bron, bestuur_id = BronSoort(form.bron.data), form.bestuur_id.data or None
        if not permissions.can_contribute(db, current_user, pot, bron, bestuur_id):
            raise Weigering("Kies het bestuur waarvan u de bijdrage vastlegt.", "bestuur_id")
        onvolledig = rules.bijdrage_onvolledig(
            bron == BronSoort.PARTNER,
            form.partner_naam.data or "",
            form.soort.data == "toezegging",
            form.datum.data,
            form.uiterlijk_op.data,
        )
        if onvolledig:
            raise Weigering(*onvolledig)

    klaar = in_twee_stappen(
        form,
        lambda: mag_boeken() or _bevestig_bijdrage(db, pot, form, besturen),
        lambda: mag_boeken() or _boek_bijdrage(db, pot, form),
        origineel=(Bijdrage, lambda b: url_for("pot.pot", pot_id=b.pot_id)),
    )
    if klaar is not None:
        return klaar
    return render_form(
        "pot/bijdrage_form.html",
        form,
        pot=pot,
        kies_bestuur=bool(besturen),
        kies_partner=BronSoort.PARTNER in bronnen,
    )


def _bevestig_bijdrage(db, pot: Pot, form, besturen) -> Bevestiging:
    bron = BronSoort(form.bron.data)
    namen = {b.id: b.naam for b in besturen}
    van = namen.get(form.bestuur_id.data) if bron == BronSoort.BESTUUR else None
    van = van or (form.partner_naam.data if bron == BronSoort.PARTNER else None) or bron.label
    c = queries.cijfers(db, [pot])[pot.id]
    bedrag = form.bedrag.cents
    regels = (("Van", van), ("Bron van het geld", form.middelen.data), ("Datum", datum(form.datum.data)))
    if form.soort.data == "toezegging":
        return Bevestiging(
            titel="Toezegging bevestigen",
            bedrag_cents=bedrag,
            pot=pot.naam,
            regels=(*regels, ("Uiterlijk betaald op", datum(form.uiterlijk_op.data))),
            saldi=(
                Saldo("Nog toegezegd", c.toegezegd, c.toegezegd + bedrag),
                Saldo("Beschikbaar in de pot (blijft gelijk)", c.beschikbaar, c.beschikbaar),
            ),
            uitleg="Een toezegging komt pas in de pot als ze betaald is.",
        )
    return Bevestiging(
        titel="Bijdrage bevestigen",
        bedrag_cents=bedrag,
        pot=pot.naam,
        regels=regels,
        saldi=(Saldo("Beschikbaar in de pot", c.beschikbaar, c.beschikbaar + bedrag),),
        uitleg="Na uw bevestiging wordt de bijdrage in het grootboek geboekt.",
    )


def _boek_bijdrage(db, pot: Pot, form):
    form.eenmalig(
        db,
        current_user,
        Bijdrage,
        lambda grootboeksleutel: services.voeg_bijdrage_toe(
            db,
            current_user,
            pot,
            bron=BronSoort(form.bron.data),
            bestuur_id=form.bestuur_id.data or None,
            partner_naam=form.partner_naam.data or "",
            middelen=form.middelen.data,
            bedrag_cents=form.bedrag.cents,
            datum=form.datum.data,
            toezegging=form.soort.data == "toezegging",
            uiterlijk_op=form.uiterlijk_op.data,
            sleutel=grootboeksleutel,
        ),
    )
    flash("De bijdrage is vastgelegd.", "success")
    return redirect(url_for("pot.pot", pot_id=pot.id))


@bp.route("/bijdragen/<id:bijdrage_id>/betalen", methods=["GET", "POST"])
def bijdrage_betalen(bijdrage_id: int):
    """A pledge is paid in: post it in the ledger, after the user confirmed the amount."""
    bijdrage = get_or_404_403(Bijdrage, bijdrage_id)
    pot = _pot(bijdrage.pot_id)
    db = get_session()
    require(permissions.can_contribute(db, current_user, pot, bijdrage.bron_soort, bijdrage.bestuur_id))
    form = forms.BetaalForm()
    if request.method == "GET":
        form.nieuwe_sleutel()
        form.datum.data = clock.today()

    def bevestiging() -> Bevestiging:
        weiger_als("Deze toezegging is al betaald." if bijdrage.transaction_id else None)
        weiger_als(rules.betaling_te_vroeg(bijdrage.datum, form.datum.data), "datum")
        beschikbaar = queries.cijfers(db, [pot])[pot.id].beschikbaar
        return Bevestiging(
            titel="Betaling van een toezegging bevestigen",
            bedrag_cents=bijdrage.bedrag_cents,
            pot=pot.naam,
            regels=(("Toegezegd op", datum(bijdrage.datum)), ("Betaald op", datum(form.datum.data))),
            saldi=(Saldo("Beschikbaar in de pot", beschikbaar, beschikbaar + bijdrage.bedrag_cents),),
            uitleg="Na uw bevestiging wordt de toezegging als betaald in het grootboek geboekt.",
        )

    def boek():
        form.eenmalig(
            db,
            current_user,
            Bijdrage,
            lambda grootboeksleutel: services.betaal_toezegging(
                db, current_user, bijdrage, form.datum.data, grootboeksleutel
            ),
        )
        flash("De toezegging is als betaald geboekt.", "success")
        return redirect(url_for("pot.pot", pot_id=pot.id))

    if request.method == "GET" and request.args.get("stap") == BEVESTIGEN:  # paid today: from the start page
        klaar = meteen_bevestigen(form, bevestiging)
    else:
        klaar = in_twee_stappen(
            form, bevestiging, boek, origineel=(Bijdrage, lambda b: url_for("pot.pot", pot_id=b.pot_id))
        )
    if klaar is not None:
        return klaar
    return render_form("pot/betaal_form.html", form, pot=pot, bijdrage=bijdrage)


@bp.route("/potten/<id:pot_id>/aanpakken/nieuw", methods=["GET", "POST"])
def aanpak_nieuw(pot_id: int):
    """Describe a collective approach with its budget."""
    pot = _pot(pot_id)
    db = get_session()
    require(permissions.can_manage_pot(db, current_user, pot))
    form = forms.AanpakForm()
    form.niveau.choices = keuzes([("school", "School"), ("buurt", "Buurt"), ("wijk", "Wijk")])
    wijk_ids = [w.id for w in queries.wijken_van(db, pot)]
    form.school_ids.choices = keuzes(
        (o.id, o.naam)
        for o in db.exec(
            select(Organisatie)
            .where(Organisatie.wijk_id.in_(wijk_ids or [0]), Organisatie.soort.in_(list(SCHOOLSOORTEN)))
            .order_by(Organisatie.naam)
        )
    )
    jaar = pot.periode_start.year
    if form.validate_on_submit():
        budgetten = {jaar: form.budget_jaar1.cents}
        if form.budget_jaar2.cents:
            budgetten[jaar + 1] = form.budget_jaar2.cents
        aanpak = form.eenmalig(
            db,
            current_user,
            Aanpak,
            lambda _sleutel: services.maak_aanpak(
                db,
                current_user,
                pot,
                naam=form.naam.data,
                doel=form.doel.data or "",
                doelgroep=form.doelgroep.data or "",
                niveau=form.niveau.data,
                school_ids=form.school_ids.data or [],
                budgetten=budgetten,
            ),
        )
        flash("De aanpak is vastgelegd. Stel nu een toekenning uit de pot voor.", "success")
        return redirect(url_for("pot.aanpak", aanpak_id=aanpak.id))
    return render_form("pot/aanpak_form.html", form, pot=pot, jaar=jaar)


@bp.route("/aanpakken/<id:aanpak_id>")
def aanpak(aanpak_id: int):
    """An approach: budget per year against what was allocated and spent, and its spending."""
    aanpak = get_or_404_403(Aanpak, aanpak_id)
    pot = _pot(aanpak.pot_id)
    form = forms.BestedingForm()
    form.nieuwe_sleutel()
    form.datum.data = clock.today()
    return _aanpak_pagina(pot, aanpak, form)


def _aanpak_pagina(pot: Pot, aanpak: Aanpak, form):
    db = get_session()
    return render_form(
        "pot/aanpak.html",
        form,
        pot=pot,
        a=_aanpak_cijfers(db, pot, aanpak),
        aanpak=aanpak,
        bestedingen=list(
            db.exec(
                select(Besteding).where(Besteding.aanpak_id == aanpak.id).order_by(Besteding.datum.desc())
            )
        ),
        mag_beheren=permissions.can_manage_pot(db, current_user, pot),
        correcties=queries.correcties(db, pot),
        overhevelingen=queries.overhevelingen_van(db, pot),
        mag_terugdraaien=permissions.can_reverse_besteding(current_user),
    )


def _aanpak_cijfers(db, pot: Pot, aanpak: Aanpak) -> dict:
    return next(a for a in queries.aanpakken_van(db, pot) if a["aanpak"].id == aanpak.id)


@bp.route("/aanpakken/<id:aanpak_id>/bestedingen", methods=["POST"])
def besteding_nieuw(aanpak_id: int):
    """Record spending on an approach, within its approved budget, after the user confirmed the amount."""
    aanpak = get_or_404_403(Aanpak, aanpak_id)
    pot = _pot(aanpak.pot_id)
    db = get_session()
    require(permissions.can_manage_pot(db, current_user, pot))
    form = forms.BestedingForm()

    def bevestiging() -> Bevestiging:
        toegekend, besteed = services.toegekend_en_besteed(db, aanpak)
        weiger_als(rules.boven_budget(toegekend - besteed, form.bedrag.cents), "bedrag")
        return Bevestiging(
            titel="Besteding bevestigen",
            bedrag_cents=form.bedrag.cents,
            pot=pot.naam,
            regels=(
                ("Aanpak", aanpak.naam),
                ("Omschrijving", form.omschrijving.data),
                ("Factuurnummer", form.factuurreferentie.data or "—"),
                ("Datum", datum(form.datum.data)),
            ),
            saldi=(
                Saldo(
                    "Nog te besteden voor deze aanpak",
                    toegekend - besteed,
                    toegekend - besteed - form.bedrag.cents,
                ),
            ),
            uitleg="Na uw bevestiging wordt de besteding in het grootboek geboekt.",
        )

    def boek():
        form.eenmalig(
            db,
            current_user,
            Besteding,
            lambda grootboeksleutel: services.boek_besteding(
                db,
                current_user,
                aanpak,
                datum=form.datum.data,
                omschrijving=form.omschrijving.data,
                factuurreferentie=form.factuurreferentie.data or "",
                bedrag_cents=form.bedrag.cents,
                sleutel=grootboeksleutel,
            ),
        )
        flash("De besteding is geboekt.", "success")
        return redirect(url_for("pot.aanpak", aanpak_id=aanpak.id))

    klaar = in_twee_stappen(
        form, bevestiging, boek, origineel=(Besteding, lambda b: url_for("pot.aanpak", aanpak_id=b.aanpak_id))
    )
    return _aanpak_pagina(pot, aanpak, form) if klaar is None else klaar


@bp.route("/potten/<id:pot_id>/toekenningen/nieuw", methods=["GET", "POST"])
def toekenning_nieuw(pot_id: int):
    """Propose to fund an approach from the pot, after the user confirmed: the money is reserved at once."""
    pot = _pot(pot_id)
    db = get_session()
    require(permissions.can_manage_pot(db, current_user, pot))
    form = forms.ToekenningForm()
    aanpakken = {
        a.id: a for a in db.exec(select(Aanpak).where(Aanpak.pot_id == pot.id).order_by(Aanpak.naam))
    }
    form.aanpak_id.choices = keuzes((a.id, a.naam) for a in aanpakken.values())
    if request.method == "GET":
        form.nieuwe_sleutel()
        form.aanpak_id.data = request.args.get("aanpak", type=id_arg)
    c = queries.cijfers(db, [pot])[pot.id]

    def bevestiging() -> Bevestiging:
        weiger_als(rules.boven_beschikbaar(c.beschikbaar, form.bedrag.cents), "bedrag")
        return Bevestiging(
            titel="Toekenning bevestigen",
            bedrag_cents=form.bedrag.cents,
            pot=pot.naam,
            regels=(
                ("Aanpak", aanpakken[form.aanpak_id.data].naam),
                ("Besluiten binnen", f"{form.termijn_dagen.data} dagen"),
                ("Goedkeuringsregel", pot.regel.label),
            ),
            saldi=(Saldo("Beschikbaar in de pot", c.beschikbaar, c.beschikbaar - form.bedrag.cents),),
            uitleg=(
                "Na uw bevestiging wordt het bedrag meteen gereserveerd; het wordt pas geboekt als de "
                "besturen instemmen. Stemmen ze niet in, dan komt het weer vrij."
            ),
        )

    def boek():
        toekenning = form.eenmalig(
            db,
            current_user,
            Toekenning,
            lambda grootboeksleutel: services.stel_toekenning_voor(
                db,
                current_user,
                pot,
                aanpakken[form.aanpak_id.data],
                bedrag_cents=form.bedrag.cents,
                toelichting=form.toelichting.data or "",
                vervalt_op=clock.now() + timedelta(days=form.termijn_dagen.data),
                sleutel=grootboeksleutel,
            ),
        )
        flash("Het bedrag is gereserveerd; de deelnemende besturen kunnen nu besluiten.", "success")
        return redirect(url_for("pot.toekenning", toekenning_id=toekenning.id))

    klaar = in_twee_stappen(
        form,
        bevestiging,
        boek,
        origineel=(Toekenning, lambda t: url_for("pot.toekenning", toekenning_id=t.id)),
    )
    return render_form("pot/toekenning_form.html", form, pot=pot, c=c) if klaar is None else klaar


def _besluit_vastleggen(form: BesluitForm, beslis, terug: str):
    """A board's decision from the form through `beslis(keuze, toelichting)`: a redirect to `terug` with
    the new status, or None with the refusal at its field."""
    if not form.validate_on_submit():
        return None
    try:
        status = beslis(BesluitKeuze(form.besluit.data), form.toelichting.data or "")
    except (Weigering, ledger.LedgerError) as fout:
        toon_fout(form, fout)
        return None
    flash(f"Uw besluit is vastgelegd. Status: {status.label}.", "success")
    return redirect(terug)


def _besluitvorming(db, voorstel_id: int, gevolg: str, pot: Pot) -> dict:
    """What a page of a boards' decision shows: the decisions so far, whether the user decides now and,
    if so, what their "akkoord" does (`gevolg`, weighed by what each board put into `pot`)."""
    voorstel = db.get(Voorstel, voorstel_id)
    mag_besluiten = besluiten_permissions.wacht_op(db, current_user, voorstel)
    return {
        "mag_besluiten": mag_besluiten,
        "gevolg_van_akkoord": besluiten_queries.gevolg_van_akkoord(
            db,
            voorstel,
            besluiten_permissions.beslisser_van(current_user, voorstel),
            gevolg,
            services.ingelegd_per_bestuur(db, pot),
        )
        if mag_besluiten
        else None,
        **besluiten_queries.besluitvorming(db, voorstel),
    }


@bp.route("/toekenningen/<id:toekenning_id>", methods=["GET", "POST"])
def toekenning(toekenning_id: int):
    """An allocation and the boards' decisions; a bestuurder decides here for their own board."""
    toekenning = get_or_404_403(Toekenning, toekenning_id)
    pot = _pot(toekenning.pot_id)
    db = get_session()
    form = BesluitForm()
    if request.method == "POST":
        require(permissions.can_decide(db, current_user, toekenning))
        klaar = _besluit_vastleggen(
            form,
            lambda keuze, toelichting: services.neem_besluit(
                db,
                current_user,
                toekenning,
                bestuur_id=current_user.bestuur_id,
                besluit=keuze,
                toelichting=toelichting,
            ),
            url_for("pot.toekenning", toekenning_id=toekenning.id),
        )
        if klaar:
            return klaar
    aanpak = db.get(Aanpak, toekenning.aanpak_id)
    return render_form(
        "pot/toekenning.html",
        form,
        pot=pot,
        t=toekenning,
        aanpak=aanpak,
        **_besluitvorming(
            db,
            toekenning.voorstel_id,
            f"wordt {centen(toekenning.bedrag_cents)} toegekend aan {aanpak.naam}",
            pot,
        ),
    )


@bp.route("/overhevelingen/<id:overheveling_id>", methods=["GET", "POST"])
def overheveling(overheveling_id: int):
    """Carrying a closed pot's balance over to the new school year; its boards decide here."""
    db = get_session()
    overheveling = get_or_404_403(
        Overheveling, overheveling_id, lambda user, o: permissions.can_view_overheveling(db, user, o)
    )
    form = BesluitForm()
    if request.method == "POST":
        require(permissions.can_decide_overheveling(db, current_user, overheveling))
        klaar = _besluit_vastleggen(
            form,
            lambda keuze, toelichting: services.neem_overhevelingsbesluit(
                db,
                current_user,
                overheveling,
                bestuur_id=current_user.bestuur_id,
                besluit=keuze,
                toelichting=toelichting,
            ),
            url_for("pot.overheveling", overheveling_id=overheveling.id),
        )
        if klaar:
            return klaar
    van, naar = db.get(Pot, overheveling.van_pot_id), db.get(Pot, overheveling.naar_pot_id)
    return render_form(
        "pot/overheveling.html",
        form,
        o=overheveling,
        van=van,
        naar=naar,
        mag_naar=permissions.can_view_pot(db, current_user, naar),
        **_besluitvorming(
            db,
            overheveling.voorstel_id,
            f"gaat {centen(overheveling.bedrag_cents)} van {van.naam} naar {naar.naam}",
            van,
        ),
    )


# Reversals: a wrong booking is undone with a new one and a reason, never edited


@bp.route("/bijdragen/<id:bijdrage_id>/terugdraaien", methods=["GET", "POST"])
def bijdrage_terugdraaien(bijdrage_id: int):
    """Undo a paid contribution with a ledger reversal and a reason."""
    bijdrage = get_or_404_403(Bijdrage, bijdrage_id)
    pot = _pot(bijdrage.pot_id)
    require(permissions.can_reverse_bijdrage(get_session(), current_user, pot, bijdrage))
    return _terugdraaien(pot, bijdrage, url_for("pot.pot", pot_id=pot.id), bijdrage=bijdrage)


@bp.route("/bestedingen/<id:besteding_id>/terugdraaien", methods=["GET", "POST"])
def besteding_terugdraaien(besteding_id: int):
    """Undo a spending with a ledger reversal and a reason."""
    besteding = get_or_404_403(Besteding, besteding_id)
    aanpak = get_session().get(Aanpak, besteding.aanpak_id)
    pot = _pot(aanpak.pot_id)
    require(permissions.can_reverse_besteding(current_user))
    return _terugdraaien(pot, besteding, url_for("pot.aanpak", aanpak_id=aanpak.id), besteding=besteding)


def _terugdraaien(pot: Pot, boeking, terug: str, **welke):
    db = get_session()
    form = forms.TerugdraaiForm()
    if request.method == "GET":
        form.nieuwe_sleutel()
    klaar = bewaar(
        form,
        lambda: form.eenmalig(
            db,
            current_user,
            Terugdraaiing,
            lambda sleutel: services.draai_terug(
                db, current_user, pot, reden=form.reden.data or "", sleutel=sleutel, **welke
            ),
        ),
        "De boeking is teruggedraaid. Beide boekingen staan in het journaal.",
        lambda _rij: terug,
    )
    if klaar is not None:
        return klaar
    return render_form(
        "pot/terugdraaien_form.html",
        form,
        pot=pot,
        boeking=boeking,
        terug=terug,
        al=queries.correcties(db, pot).per_origineel.get(boeking.transaction_id),
    )


# Reports: pages and CSV/XLSX downloads, for whoever may view the pot


FORMATEN = "<any(csv, xlsx):formaat>"


def _naam(pot: Pot, rapport: str) -> str:
    return f"pot-{pot.id}-{rapport}-{clock.today():%Y-%m-%d}"


@bp.route("/potten/<id:pot_id>/rapport")
def rapport(pot_id: int):
    """Per pot: paid in, pledged, reserved, allocated, spent and available."""
    pot = _pot(pot_id)
    return render_template(
        "pot/rapport_pot.html",
        pot=pot,
        rijen=queries.pot_rapport(get_session(), pot),
        vandaag=clock.today(),
        correcties=queries.correcties(get_session(), pot),
    )


@bp.route(f"/potten/<id:pot_id>/rapport.{FORMATEN}")
def rapport_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = rules.pot_rijen(queries.pot_rapport(get_session(), pot))
    return download(rules.POT_KOLOMMEN, rijen, formaat, _naam(pot, "rapport"), blad="Pot")


@bp.route("/potten/<id:pot_id>/rapport/besturen")
def rapport_besturen(pot_id: int):
    """Per board: contributed and pledged, share of the pot, against a fair share by pupils."""
    pot = _pot(pot_id)
    regels, totaal = queries.besturen_rapport(get_session(), pot)
    return render_template(
        "pot/rapport_besturen.html",
        pot=pot,
        regels=regels,
        totaal=totaal,
        correcties=queries.correcties(get_session(), pot),
    )


@bp.route(f"/potten/<id:pot_id>/rapport/besturen.{FORMATEN}")
def rapport_besturen_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = rules.besturen_rijen(*queries.besturen_rapport(get_session(), pot))
    return download(rules.BESTUUR_KOLOMMEN, rijen, formaat, _naam(pot, "besturen"), blad="Besturen")


@bp.route("/potten/<id:pot_id>/rapport/aanpakken")
def rapport_aanpakken(pot_id: int):
    """Per approach and year: budget against allocated and spent."""
    pot = _pot(pot_id)
    rapporten, totaal = queries.aanpakken_rapport(get_session(), pot)
    return render_template(
        "pot/rapport_aanpakken.html",
        pot=pot,
        rapporten=rapporten,
        totaal=totaal,
        schooljaar=pot.periode_soort == PeriodeSoort.SCHOOLJAAR,
        correcties=queries.correcties(get_session(), pot),
    )


@bp.route(f"/potten/<id:pot_id>/rapport/aanpakken.{FORMATEN}")
def rapport_aanpakken_export(pot_id: int, formaat: str):
    pot = _pot(pot_id)
    rijen = rules.aanpakken_rijen(*queries.aanpakken_rapport(get_session(), pot))
    return download(rules.AANPAK_KOLOMMEN, rijen, formaat, _naam(pot, "aanpakken"), blad="Aanpakken")


def _journaal_fout(pot: Pot, opties, filter_):
    """Bad filter input: the page again with Dutch messages, 422."""
    return render_template(
        "pot/rapport_journaal.html",
        pot=pot,
        opties=opties,
        f=filter_,
        pagina=None,
        namen={},
        correcties=rules.Correcties([]),
    ), 422


@bp.route("/potten/<id:pot_id>/journaal")
def journaal(pot_id: int):
    """Every transaction of the pot and its approaches with postings, author and hash; filtered, 50 a page."""
    pot = _pot(pot_id)
    db = get_session()
    opties = queries.rekeningen(db, pot)
    f = rules.lees_filter(request.args, opties)
    if f.fouten:
        return _journaal_fout(pot, opties, f)
    return render_template(
        "pot/rapport_journaal.html",
        pot=pot,
        opties=opties,
        f=f,
        pagina=queries.journaal_pagina(db, pot, f),
        namen=queries.rekening_namen(db, pot),
        correcties=queries.correcties(db, pot),
        overhevelingen=queries.overhevelingen_van(db, pot),
    )


@bp.route(f"/potten/<id:pot_id>/journaal.{FORMATEN}")
def journaal_export(pot_id: int, formaat: str):
    """The filtered journal, all of it (not paged), one row per posting; the CSV is streamed."""
    pot = _pot(pot_id)
    db = get_session()
    opties = queries.rekeningen(db, pot)
    f = rules.lees_filter(request.args, opties)
    f.fouten.pop("pagina", None)  # a download is never paged
    f.fouten.pop("transactie", None)
    if f.fouten:
        return _journaal_fout(pot, opties, f)
    rijen = _journaal_stroom(pot.id, f, queries.rekening_namen(db, pot))
    return download(rules.JOURNAAL_KOLOMMEN, rijen, formaat, _naam(pot, "journaal"), blad="Journaal")


def _journaal_stroom(pot_id: int, f: rules.JournaalFilter, namen: dict[str, str]):
    """A streamed CSV reads after the request's own session was closed: ask for the session only when
    the rows are read, so the stream's context opens one and closes it when the stream ends."""
    db = get_session()
    yield from rules.journaal_rijen(queries.transacties(db, db.get(Pot, pot_id), f), namen)
