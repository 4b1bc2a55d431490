"""The only code that changes nieuwe initiatieven. Services flush, never commit: the request (or the
command) commits once, and a refusal (`Weigering`) rolls everything back. Every change is audited."""

from datetime import date

from sqlmodel import Session, delete, select

from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering, weiger_als
from wijkportaal.initiatieven import queries, rules
from wijkportaal.initiatieven.models import (
    Aanvraag,
    AanvraagAmbitie,
    AanvraagThema,
    AanvraagWijk,
    Ambitie,
    Cofinanciering,
    Criterium,
    Deelnemer,
    Deelplan,
    Kostenregel,
    Kostensoort,
    Partner,
    Rapportage,
    Rapportsoort,
    Ronde,
    Status,
    Vervolg,
)
from wijkportaal.wijken.models import Organisatie

BEVROREN = "Deze aanvraag is ingediend en staat vast; een wijziging wordt een nieuwe versie."


def zet_status(session: Session, aanvraag: Aanvraag, status: Status, door, reden: str | None = None) -> None:
    """Move `aanvraag` to `status` (refused when the transition is not allowed), in the audit log."""
    status = Status(status)
    weiger_als(rules.overgang_fout(aanvraag.status, status), "status")
    oud = aanvraag.status
    aanvraag.status = status
    aanvraag.gewijzigd_op = clock.now()
    if status is Status.INGEDIEND:
        aanvraag.ingediend_op = aanvraag.gewijzigd_op
    session.add(aanvraag)
    wijzigingen = {"status": [oud.value, status.value]}
    if reden:
        wijzigingen["reden"] = reden
    audit.record(session, door, aanvraag, "status", wijzigingen)


# Rounds


def open_ronde(
    session: Session,
    door,
    naam: str,
    deadline: date,
    eerste_jaar: int,
    laatste_jaar: int,
    knock_out_minimum_honderdsten: int = 150,
    begroting_regel_id: int | None = None,
) -> Ronde:
    """Open a round. Its criteria are copied from the latest round, or are §7.4's ten for the first one;
    SWV staff then change wording, weights and rubric for this round only."""
    naam = naam.strip()
    weiger_als(not naam and "Geef de ronde een naam.", "naam")
    weiger_als(
        session.exec(select(Ronde.id).where(Ronde.naam == naam)).first() is not None
        and f"Er is al een ronde ‘{naam}’.",
        "naam",
    )
    weiger_als(laatste_jaar < eerste_jaar and "Het laatste jaar ligt voor het eerste.", "laatste_jaar")
    _knock_out_op_schaal(knock_out_minimum_honderdsten)
    vorige = session.exec(select(Ronde).order_by(Ronde.id.desc())).first()
    ronde = Ronde(
        naam=naam,
        deadline=deadline,
        eerste_jaar=eerste_jaar,
        laatste_jaar=laatste_jaar,
        knock_out_minimum_honderdsten=knock_out_minimum_honderdsten,
        begroting_regel_id=begroting_regel_id,
        aangemaakt_door_id=getattr(door, "id", None),
    )
    session.add(ronde)
    session.flush()
    if vorige is not None:
        for c in queries.criteria(session, vorige.id):
            session.add(Criterium(**c.model_dump(exclude={"id", "ronde_id"}), ronde_id=ronde.id))
    else:
        for nummer, (tekst, soort) in enumerate(rules.CRITERIA, start=1):
            session.add(Criterium(ronde_id=ronde.id, nummer=nummer, tekst=tekst, soort=soort))
    audit.record(session, door, ronde, "geopend", {"naam": naam, "deadline": deadline})
    return ronde


def _knock_out_op_schaal(honderdsten: int) -> None:
    weiger_als(
        not 0 <= honderdsten <= 300 and "Het knock-outminimum ligt tussen 0 en 3.", "knock_out_minimum"
    )


def wijzig_ronde(
    session: Session, ronde: Ronde, door, deadline: date, knock_out_minimum_honderdsten: int, is_open: bool
) -> None:
    _knock_out_op_schaal(knock_out_minimum_honderdsten)
    wijzigingen = audit.changes(
        ronde,
        {
            "deadline": deadline,
            "knock_out_minimum_honderdsten": knock_out_minimum_honderdsten,
            "is_open": is_open,
        },
    )
    if wijzigingen:
        session.add(ronde)
        audit.record(session, door, ronde, "gewijzigd", wijzigingen)


def wijzig_criterium(session: Session, criterium: Criterium, door, **waarden) -> None:
    """Change a criterium's wording, weight or rubric; refused once applications of its round are in,
    so that they are judged on what they were submitted against."""
    weiger_als(
        queries.ronde_heeft_ingediende_aanvragen(session, criterium.ronde_id)
        and "Deze ronde heeft al ingediende aanvragen; wijzig de criteria in een nieuwe ronde.",
        "tekst",
    )
    weiger_als(
        not waarden.get("tekst", criterium.tekst).strip() and "Vul de tekst van het criterium in.", "tekst"
    )
    wijzigingen = audit.changes(criterium, waarden)
    if wijzigingen:
        session.add(criterium)
        audit.record(session, door, criterium, "gewijzigd", wijzigingen)


# Applying


def start_aanvraag(session: Session, door, ronde: Ronde) -> Aanvraag:
    """A draft in `ronde`, with the starter's board (and school) as the confirmed main applicant."""
    weiger_als(not ronde.is_open and f"{ronde.naam} is gesloten.")
    weiger_als(clock.today() > ronde.deadline and f"De deadline van {ronde.naam} is voorbij.")
    bestuur_id = queries.bestuur_van(session, door)
    weiger_als(
        bestuur_id is None
        and "U vraagt aan namens een bestuur of school; uw account hoort bij geen van beide."
    )
    aanvraag = Aanvraag(ronde_id=ronde.id, aanvrager_id=door.id)
    session.add(aanvraag)
    session.flush()
    nu = clock.now()
    school_id = door.organisatie_id if not door.bestuur_id else None
    session.add(
        Deelnemer(
            aanvraag_id=aanvraag.id,
            bestuur_id=bestuur_id,
            school_id=school_id,
            is_hoofdaanvrager=True,
            is_bevestigd=True,
            uitgenodigd_door_id=door.id,
            bevestigd_door_id=door.id,
            bevestigd_op=nu,
        )
    )
    wijk_id = door.wijk_id or (
        session.exec(select(Organisatie.wijk_id).where(Organisatie.id == school_id)).first()
        if school_id
        else None
    )
    if wijk_id:
        session.add(AanvraagWijk(aanvraag_id=aanvraag.id, wijk_id=wijk_id))
    audit.record(session, door, aanvraag, "aangemaakt", {"ronde": ronde.naam})
    return aanvraag


def _concept(aanvraag: Aanvraag) -> None:
    weiger_als(aanvraag.status is not Status.CONCEPT and BEVROREN)


def _gewijzigd(session: Session, aanvraag: Aanvraag, door, actie: str, wijzigingen: dict) -> None:
    aanvraag.gewijzigd_op = clock.now()
    session.add(aanvraag)
    audit.record(session, door, aanvraag, actie, wijzigingen)


def bewaar_plan(
    session: Session,
    aanvraag: Aanvraag,
    door,
    waarden: dict,
    wijk_ids: list[int],
    ambities: list[Ambitie],
    thema_ids: list[int] | None = None,
) -> None:
    """Save the plan's sections, dates, wijken, ambitions and (when given) themes. A draft may be
    incomplete; its dates, when both are given, must make a run of at most 24 months."""
    _concept(aanvraag)
    start, eind = waarden.get("startdatum"), waarden.get("einddatum")
    if start and eind:
        weiger_als(next(iter(rules.looptijd_fouten(start, eind)), None), "einddatum")
    if waarden.get("agendapunt_id") is not None:
        keuzes = {pid for pid, _ in queries.agendapunt_keuzes(session, wijk_ids, aanvraag.agendapunt_id)}
        weiger_als(
            waarden["agendapunt_id"] not in keuzes
            and "Kies een agendapunt van het wijkoverleg van een van de gekozen wijken.",
            "agendapunt",
        )
    wijzigingen = audit.changes(aanvraag, waarden)
    oude_wijken, oude_ambities = (
        set(queries.wijk_ids(session, aanvraag)),
        set(queries.ambities(session, aanvraag)),
    )
    if set(wijk_ids) != oude_wijken:
        session.exec(delete(AanvraagWijk).where(AanvraagWijk.aanvraag_id == aanvraag.id))
        session.add_all(AanvraagWijk(aanvraag_id=aanvraag.id, wijk_id=w) for w in sorted(set(wijk_ids)))
        wijzigingen["wijken"] = [sorted(oude_wijken), sorted(set(wijk_ids))]
    if set(ambities) != oude_ambities:
        session.exec(delete(AanvraagAmbitie).where(AanvraagAmbitie.aanvraag_id == aanvraag.id))
        session.add_all(AanvraagAmbitie(aanvraag_id=aanvraag.id, ambitie=a) for a in sorted(set(ambities)))
        wijzigingen["ambities"] = [sorted(oude_ambities), sorted(set(ambities))]
    oude_themas = set(queries.thema_ids(session, aanvraag))
    if thema_ids is not None and set(thema_ids) != oude_themas:
        session.exec(delete(AanvraagThema).where(AanvraagThema.aanvraag_id == aanvraag.id))
        session.add_all(AanvraagThema(aanvraag_id=aanvraag.id, thema_id=t) for t in sorted(set(thema_ids)))
        wijzigingen["themas"] = [sorted(oude_themas), sorted(set(thema_ids))]
    if wijzigingen:
        _gewijzigd(session, aanvraag, door, "plan", wijzigingen)


def nodig_uit(
    session: Session, aanvraag: Aanvraag, door, bestuur_id: int, school_id: int | None = None
) -> Deelnemer:
    """Invite a board (optionally through one of its schools) as co-applicant; it confirms itself."""
    _concept(aanvraag)
    weiger_als(
        session.exec(
            select(Deelnemer.id).where(
                Deelnemer.aanvraag_id == aanvraag.id, Deelnemer.bestuur_id == bestuur_id
            )
        ).first()
        is not None
        and "Dit bestuur doet al mee aan de aanvraag; een bestuur doet één keer mee.",
        "bestuur_id",
    )
    if school_id is not None:
        school = session.get(Organisatie, school_id)
        weiger_als(
            (school is None or school.bestuur_id != bestuur_id)
            and "Deze school hoort niet bij het gekozen bestuur.",
            "school_id",
        )
    deelnemer = Deelnemer(
        aanvraag_id=aanvraag.id, bestuur_id=bestuur_id, school_id=school_id, uitgenodigd_door_id=door.id
    )
    session.add(deelnemer)
    _gewijzigd(session, aanvraag, door, "uitgenodigd", {"bestuur_id": bestuur_id, "school_id": school_id})
    return deelnemer


def bevestig_deelname(session: Session, aanvraag: Aanvraag, door) -> Deelnemer:
    """The invited board of `door` confirms it takes part."""
    _concept(aanvraag)
    deelnemer = _deelnemer_van(session, aanvraag, door)
    weiger_als(deelnemer.is_bevestigd and "Uw bestuur heeft de deelname al bevestigd.")
    deelnemer.is_bevestigd, deelnemer.bevestigd_op, deelnemer.bevestigd_door_id = True, clock.now(), door.id
    session.add(deelnemer)
    _gewijzigd(session, aanvraag, door, "deelname bevestigd", {"bestuur_id": deelnemer.bestuur_id})
    return deelnemer


def wijs_deelname_af(session: Session, aanvraag: Aanvraag, door) -> None:
    """The invited board of `door` declines: the invitation is withdrawn."""
    _concept(aanvraag)
    deelnemer = _deelnemer_van(session, aanvraag, door)
    weiger_als(deelnemer.is_bevestigd and "Uw bestuur heeft de deelname al bevestigd.")
    session.delete(deelnemer)
    _gewijzigd(session, aanvraag, door, "deelname afgewezen", {"bestuur_id": deelnemer.bestuur_id})


def _deelnemer_van(session: Session, aanvraag: Aanvraag, door) -> Deelnemer:
    bestuur_id = queries.bestuur_van(session, door)
    deelnemer = session.exec(
        select(Deelnemer).where(Deelnemer.aanvraag_id == aanvraag.id, Deelnemer.bestuur_id == bestuur_id)
    ).first()
    if deelnemer is None:
        raise Weigering("Uw bestuur is niet uitgenodigd voor deze aanvraag.")
    return deelnemer


def verwijder_deelnemer(session: Session, aanvraag: Aanvraag, door, deelnemer: Deelnemer) -> None:
    _concept(aanvraag)
    weiger_als(deelnemer.aanvraag_id != aanvraag.id and "Dit bestuur doet niet mee aan deze aanvraag.")
    weiger_als(deelnemer.is_hoofdaanvrager and "Het bestuur van de hoofdaanvrager blijft in de aanvraag.")
    session.delete(deelnemer)
    _gewijzigd(session, aanvraag, door, "deelnemer verwijderd", {"bestuur_id": deelnemer.bestuur_id})


def voeg_partner_toe(session: Session, aanvraag: Aanvraag, door, naam: str, rol: str = "") -> Partner:
    _concept(aanvraag)
    partner = Partner(aanvraag_id=aanvraag.id, naam=naam.strip(), rol=rol.strip())
    session.add(partner)
    _gewijzigd(session, aanvraag, door, "partner toegevoegd", {"naam": partner.naam})
    return partner


def voeg_deelplan_toe(
    session: Session, aanvraag: Aanvraag, door, titel: str, beschrijving: str = ""
) -> Deelplan:
    _concept(aanvraag)
    deelplan = Deelplan(aanvraag_id=aanvraag.id, titel=titel.strip(), beschrijving=beschrijving.strip())
    session.add(deelplan)
    _gewijzigd(session, aanvraag, door, "deelplan toegevoegd", {"titel": deelplan.titel})
    return deelplan


def _eigen_deelplan(session: Session, aanvraag: Aanvraag, deelplan_id: int | None) -> None:
    if deelplan_id is not None:
        deelplan = session.get(Deelplan, deelplan_id)
        weiger_als(
            (deelplan is None or deelplan.aanvraag_id != aanvraag.id)
            and "Kies een deelplan van deze aanvraag.",
            "deelplan_id",
        )


def voeg_kosten_toe(
    session: Session,
    aanvraag: Aanvraag,
    door,
    jaar: int,
    soort: Kostensoort,
    omschrijving: str,
    bedrag_cents: int,
    deelplan_id: int | None = None,
) -> Kostenregel:
    """A cost line; amounts come in as exact cents, never negative."""
    _concept(aanvraag)
    weiger_als(bedrag_cents < 0 and "Een bedrag kan niet negatief zijn.", "bedrag")
    _eigen_deelplan(session, aanvraag, deelplan_id)
    regel = Kostenregel(
        aanvraag_id=aanvraag.id,
        deelplan_id=deelplan_id,
        jaar=jaar,
        soort=soort,
        omschrijving=omschrijving.strip(),
        bedrag_cents=bedrag_cents,
    )
    session.add(regel)
    _gewijzigd(
        session, aanvraag, door, "kosten toegevoegd", {"jaar": jaar, "soort": soort, "cents": bedrag_cents}
    )
    return regel


def voeg_cofinanciering_toe(
    session: Session,
    aanvraag: Aanvraag,
    door,
    bron: str,
    jaar: int,
    bedrag_cents: int,
    deelplan_id: int | None = None,
) -> Cofinanciering:
    _concept(aanvraag)
    weiger_als(bedrag_cents < 0 and "Een bedrag kan niet negatief zijn.", "bedrag")
    _eigen_deelplan(session, aanvraag, deelplan_id)
    regel = Cofinanciering(
        aanvraag_id=aanvraag.id,
        deelplan_id=deelplan_id,
        bron=bron.strip(),
        jaar=jaar,
        bedrag_cents=bedrag_cents,
    )
    session.add(regel)
    _gewijzigd(
        session,
        aanvraag,
        door,
        "cofinanciering toegevoegd",
        {"bron": bron, "jaar": jaar, "cents": bedrag_cents},
    )
    return regel


# What an application may lose while it is a draft: a partner, a cost line, a co-financing, a deelplan.
VERWIJDERBAAR = {
    "partner": Partner,
    "kosten": Kostenregel,
    "cofinanciering": Cofinanciering,
    "deelplan": Deelplan,
}


def verwijder_onderdeel(session: Session, aanvraag: Aanvraag, door, soort: str, id: int) -> None:
    """Remove a part of a draft; a deelplan takes its own cost lines and co-financing with it."""
    _concept(aanvraag)
    model = VERWIJDERBAAR[soort]
    onderdeel = session.get(model, id)
    weiger_als(
        (onderdeel is None or onderdeel.aanvraag_id != aanvraag.id) and "Dit onderdeel bestaat niet (meer)."
    )
    if model is Deelplan:
        for deel in (Kostenregel, Cofinanciering):
            session.exec(delete(deel).where(deel.deelplan_id == id))
    session.delete(onderdeel)
    _gewijzigd(session, aanvraag, door, f"{soort} verwijderd", {"id": id})


def dien_in(session: Session, aanvraag: Aanvraag, door) -> None:
    """Submit: only when every formal check passes and the round is open; from then on it is frozen."""
    aanvraag = lock_row(session, Aanvraag, aanvraag.id)
    _concept(aanvraag)
    ronde = session.get(Ronde, aanvraag.ronde_id)
    weiger_als(not ronde.is_open and f"{ronde.naam} is gesloten.")
    weiger_als(clock.today() > ronde.deadline and f"De deadline van {ronde.naam} is voorbij.")
    fouten = queries.formele_controles(session, aanvraag)
    weiger_als(fouten and "De aanvraag kan nog niet worden ingediend. Nog nodig: " + " ".join(fouten))
    zet_status(session, aanvraag, Status.INGEDIEND, door)


def nieuwe_versie(session: Session, aanvraag: Aanvraag, door) -> Aanvraag:
    """A held-back application comes back as a new draft version: a copy of everything, pointing at the
    version it replaces, which stays as it was."""
    lock_row(session, Aanvraag, aanvraag.id)
    weiger_als(
        aanvraag.status is not Status.AANGEHOUDEN
        and "Alleen een aangehouden aanvraag krijgt een nieuwe versie."
    )
    weiger_als(
        session.exec(select(Aanvraag.id).where(Aanvraag.vorige_versie_id == aanvraag.id)).first() is not None
        and "Er is al een nieuwe versie van deze aanvraag."
    )
    kopie = Aanvraag(
        **aanvraag.model_dump(
            exclude={
                "id",
                "versie",
                "vorige_versie_id",
                "status",
                "aangemaakt_op",
                "gewijzigd_op",
                "ingediend_op",
            }
        ),
        versie=aanvraag.versie + 1,
        vorige_versie_id=aanvraag.id,
    )
    session.add(kopie)
    session.flush()
    deelplannen = {}
    for d in queries.deelplannen(session, aanvraag):
        nieuw = Deelplan(aanvraag_id=kopie.id, titel=d.titel, beschrijving=d.beschrijving)
        session.add(nieuw)
        session.flush()
        deelplannen[d.id] = nieuw.id
    for model in (
        Deelnemer,
        Partner,
        AanvraagWijk,
        AanvraagAmbitie,
        AanvraagThema,
        Kostenregel,
        Cofinanciering,
    ):
        for rij in session.exec(select(model).where(model.aanvraag_id == aanvraag.id)).all():
            waarden = rij.model_dump(exclude={"id", "aanvraag_id"})
            if "deelplan_id" in waarden and waarden["deelplan_id"] is not None:
                waarden["deelplan_id"] = deelplannen[waarden["deelplan_id"]]
            session.add(model(**waarden, aanvraag_id=kopie.id))
    audit.record(
        session, door, kopie, "nieuwe versie", {"versie": kopie.versie, "vorige_versie_id": aanvraag.id}
    )
    return kopie


def rapporteer(
    session: Session,
    aanvraag: Aanvraag,
    door,
    soort: Rapportsoort,
    resultaten: str,
    bereikte_leerlingen: int,
    evaluatie: str,
    vervolg: Vervolg | None = None,
    toelichting_vervolg: str = "",
) -> Rapportage:
    """A funded initiative's interim or final report; the final one says what happens after two years."""
    weiger_als(aanvraag.status is not Status.TOEGEKEND and "Alleen een toegekend initiatief rapporteert.")
    weiger_als(
        soort is Rapportsoort.EIND and vervolg is None and "Kies wat er na de twee jaar gebeurt.", "vervolg"
    )
    weiger_als(
        soort in queries.rapportages(session, aanvraag) and f"De {soort.label.lower()} is al ingediend."
    )
    rapportage = Rapportage(
        aanvraag_id=aanvraag.id,
        soort=soort,
        resultaten=resultaten.strip(),
        bereikte_leerlingen=bereikte_leerlingen,
        evaluatie=evaluatie.strip(),
        vervolg=vervolg if soort is Rapportsoort.EIND else None,
        toelichting_vervolg=toelichting_vervolg.strip(),
        ingediend_door_id=door.id,
    )
    session.add(rapportage)
    audit.record(session, door, rapportage, "ingediend", {"aanvraag_id": aanvraag.id, "soort": soort})
    return rapportage
