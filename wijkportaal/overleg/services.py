"""The only code that changes a wijkoverleg. Services flush and audit; the request commits once."""

from datetime import date, datetime

from sqlmodel import Session, delete, select

from wijkportaal.core import audit, clock
from wijkportaal.core.errors import Weigering
from wijkportaal.core.web import aantal
from wijkportaal.overleg import queries, rules
from wijkportaal.overleg.models import (
    Aanwezigheid,
    AanwezigheidStatus,
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntStatus,
    AgendapuntThema,
    Amendement,
    Besluit,
    Bijeenkomst,
    Lidmaatschap,
    Overlegnorm,
    Thema,
    VerplichtThema,
    Wijkoverleg,
)


class OverlegFout(Weigering):
    """A change the rules of this feature refuse."""


def _wijk_id(session: Session, bijeenkomst: Bijeenkomst) -> int:
    return session.get(Wijkoverleg, bijeenkomst.wijkoverleg_id).wijk_id


def _log(session, user, obj, actie, wijzigingen, bijeenkomst=None, wijk_id=None):
    """Audit the change and drop the wijk's stored status, which it may change."""
    if wijk_id is None and bijeenkomst is not None:
        wijk_id = _wijk_id(session, bijeenkomst)
    audit.record(session, user, obj, actie, wijzigingen, wijk_id=wijk_id)
    queries.vergeet(session, wijk_id)


def _amendement(
    session, user, bijeenkomst, punt, omschrijving: str, reden: str | None, gewijzigd: dict | None = None
) -> None:
    """After the agenda is agreed, every change needs a reason and is kept as an amendment, with what
    changed field by field (`gewijzigd`: {field: [old, new]})."""
    if not bijeenkomst.agenda_is_vastgesteld:
        return
    if not (reden or "").strip():
        raise OverlegFout("De agenda is al vastgesteld: geef een reden voor deze wijziging.", "reden")
    session.add(
        Amendement(
            bijeenkomst_id=bijeenkomst.id,
            agendapunt_id=getattr(punt, "id", None),
            gebruiker_id=user.id,
            omschrijving=omschrijving[:500],
            reden=reden.strip(),
            wijzigingen=rules.amendement_wijzigingen(gewijzigd or {}),
        )
    )


def _themanamen(session, thema_ids: list[int]) -> list[str]:
    namen = dict(session.exec(select(Thema.id, Thema.naam).where(Thema.id.in_(thema_ids or [0]))).all())
    return sorted(namen[t] for t in thema_ids if t in namen)


def _niet_geannuleerd(bijeenkomst: Bijeenkomst) -> None:
    if bijeenkomst.is_geannuleerd:
        raise OverlegFout("Deze bijeenkomst is geannuleerd.")


# Meetings


def plan_bijeenkomst(
    session,
    user,
    overleg: Wijkoverleg,
    *,
    start: datetime,
    eind: datetime,
    locatie: str = "",
    online_link: str = "",
) -> Bijeenkomst:
    if start < clock.now():
        raise OverlegFout("Een nieuwe bijeenkomst kan niet in het verleden liggen.", "datum")
    if eind <= start:
        raise OverlegFout("De eindtijd moet na de begintijd liggen.", "eindtijd")
    b = Bijeenkomst(
        wijkoverleg_id=overleg.id,
        start=start,
        eind=eind,
        locatie=locatie.strip(),
        online_link=online_link.strip(),
    )
    session.add(b)
    session.flush()
    _log(
        session,
        user,
        b,
        "gepland",
        {"start": start, "eind": eind, "locatie": b.locatie, "online_link": b.online_link},
        wijk_id=overleg.wijk_id,
    )
    return b


# What a calendar event shows: a change to one of these is an update of the event (SEQUENCE + 1).
KALENDERVELDEN = frozenset({"start", "eind", "locatie", "online_link"})


def wijzig_bijeenkomst(session, user, b: Bijeenkomst, values: dict, reden: str | None) -> dict:
    _niet_geannuleerd(b)
    if b.start <= clock.now():
        raise OverlegFout("Een bijeenkomst die al begonnen is, kan niet meer worden verplaatst.")
    if values["start"] < clock.now():
        raise OverlegFout("Een bijeenkomst kan niet naar het verleden worden verplaatst.", "datum")
    if values["eind"] <= values["start"]:
        raise OverlegFout("De eindtijd moet na de begintijd liggen.", "eindtijd")
    nieuw = {k: v for k, v in values.items() if getattr(b, k) != v}
    if not nieuw:
        return {}
    changed = audit.changes(b, nieuw)
    _amendement(session, user, b, None, "Bijeenkomst gewijzigd", reden, changed)
    if changed.keys() & KALENDERVELDEN:
        b.sequence += 1
    session.flush()
    _log(session, user, b, "gewijzigd", changed, b)
    return changed


def annuleer_bijeenkomst(session, user, b: Bijeenkomst, reden: str) -> None:
    _niet_geannuleerd(b)
    if b.start <= clock.now():
        raise OverlegFout("Een bijeenkomst die al begonnen is, kan niet meer worden geannuleerd.")
    b.is_geannuleerd = True
    b.sequence += 1
    session.flush()
    _log(session, user, b, "geannuleerd", {"reden": reden}, b)


def stel_agenda_vast(session, user, b: Bijeenkomst, voorstellen_gezien: int = 0) -> None:
    """Agree the agenda. With members' proposals still open, only when the chair confirmed having seen
    at least that many (a proposal that came in meanwhile asks again)."""
    _niet_geannuleerd(b)
    if b.agenda_is_vastgesteld:
        raise OverlegFout("De agenda is al vastgesteld.")
    open_voorstellen = queries.aantal_open_voorstellen(session, b)
    if open_voorstellen > voorstellen_gezien:
        raise OverlegFout(
            f"Er {aantal(open_voorstellen, 'staat', 'staan', toon_getal=False)} nog "
            f"{aantal(open_voorstellen, 'voorstel', 'voorstellen')} van leden open. Beoordeel "
            f"{aantal(open_voorstellen, 'het', 'ze', toon_getal=False)} eerst, of bevestig dat u de agenda "
            "toch vaststelt.",
            "bevestig",
        )
    if not session.exec(
        select(Agendapunt.id).where(
            Agendapunt.bijeenkomst_id == b.id, Agendapunt.status == AgendapuntStatus.AGENDA
        )
    ).first():
        raise OverlegFout("Een lege agenda kan niet worden vastgesteld: voeg eerst agendapunten toe.")
    b.agenda_vastgesteld_op = clock.now()
    b.agenda_vastgesteld_door_id = user.id
    session.flush()
    _log(session, user, b, "agenda vastgesteld", {}, b)


def stel_notulen_vast(session, user, b: Bijeenkomst) -> None:
    if b.notulen_vastgesteld_op is not None:
        raise OverlegFout("De notulen zijn al vastgesteld.")
    if queries.volgende_gehouden(session, b) is None:
        raise OverlegFout("Notulen worden vastgesteld in of na de volgende bijeenkomst.")
    b.notulen_vastgesteld_op = clock.now()
    b.notulen_vastgesteld_door_id = user.id
    session.flush()
    _log(session, user, b, "notulen vastgesteld", {}, b)


# Agenda items


def _set_themas(session, punt: Agendapunt, thema_ids: list[int]) -> tuple[list[int], list[int]]:
    bestaand = set(
        session.exec(select(AgendapuntThema.thema_id).where(AgendapuntThema.agendapunt_id == punt.id))
    )
    gewenst = set(thema_ids)
    if gewenst - bestaand:
        geldig = set(session.exec(select(Thema.id).where(Thema.id.in_(gewenst - bestaand), Thema.is_actief)))
        if geldig != gewenst - bestaand:
            raise OverlegFout("Onbekend thema gekozen.", "thema_ids")
    for tid in gewenst - bestaand:
        session.add(AgendapuntThema(agendapunt_id=punt.id, thema_id=tid))
    if bestaand - gewenst:
        session.exec(
            delete(AgendapuntThema).where(
                AgendapuntThema.agendapunt_id == punt.id, AgendapuntThema.thema_id.in_(bestaand - gewenst)
            )
        )
    return sorted(bestaand), sorted(gewenst)


def voeg_agendapunt_toe(
    session,
    user,
    b: Bijeenkomst,
    values: dict,
    thema_ids: list[int],
    reden: str | None = None,
    voorstel: bool = False,
) -> Agendapunt:
    _niet_geannuleerd(b)
    if b.start <= clock.now():
        raise OverlegFout("Deze bijeenkomst is al begonnen; de agenda kan niet meer worden aangevuld.")
    volgorde = len(session.exec(select(Agendapunt.id).where(Agendapunt.bijeenkomst_id == b.id)).all())
    punt = Agendapunt(
        bijeenkomst_id=b.id,
        volgorde=volgorde,
        status=AgendapuntStatus.VOORGESTELD if voorstel else AgendapuntStatus.AGENDA,
        voorgesteld_door_id=user.id if voorstel else None,
        **values,
    )
    session.add(punt)
    session.flush()
    _set_themas(session, punt, thema_ids)
    if not voorstel:
        _amendement(session, user, b, punt, f"Agendapunt toegevoegd: {punt.titel}", reden)
    _log(
        session,
        user,
        punt,
        "voorgesteld" if voorstel else "toegevoegd",
        {**values, "thema_ids": sorted(thema_ids)},
        b,
    )
    return punt


def wijzig_agendapunt(
    session, user, punt: Agendapunt, values: dict, thema_ids: list[int], reden: str | None = None
) -> dict:
    b = session.get(Bijeenkomst, punt.bijeenkomst_id)
    _niet_geannuleerd(b)
    oud, nieuw = _set_themas(session, punt, thema_ids)
    gewijzigd = {k: v for k, v in values.items() if getattr(punt, k) != v}
    gewijzigd_themas = {"thema_ids": [oud, nieuw]} if oud != nieuw else {}
    if not gewijzigd and not gewijzigd_themas:
        return {}
    omschrijving = f"Agendapunt gewijzigd: {punt.titel}"
    changed = audit.changes(punt, gewijzigd) | gewijzigd_themas
    if punt.status == AgendapuntStatus.AGENDA:
        velden = {k: v for k, v in changed.items() if k != "thema_ids"}
        if gewijzigd_themas:
            velden["themas"] = [_themanamen(session, oud), _themanamen(session, nieuw)]
        _amendement(session, user, b, punt, omschrijving, reden, velden)
    session.flush()
    _log(session, user, punt, "gewijzigd", changed, b)
    return changed


def schrap_agendapunt(session, user, punt: Agendapunt, reden: str | None) -> None:
    b = session.get(Bijeenkomst, punt.bijeenkomst_id)
    _niet_geannuleerd(b)
    if punt.status == AgendapuntStatus.GESCHRAPT:
        raise OverlegFout("Dit agendapunt is al geschrapt.")
    if punt.status == AgendapuntStatus.AGENDA:
        _amendement(session, user, b, punt, f"Agendapunt geschrapt: {punt.titel}", reden)
    oud = punt.status
    punt.status = AgendapuntStatus.GESCHRAPT
    session.flush()
    _log(session, user, punt, "geschrapt", {"status": [oud, punt.status], "reden": reden}, b)


def beoordeel_voorstel(session, user, punt: Agendapunt, accepteren: bool, reden: str | None) -> None:
    b = session.get(Bijeenkomst, punt.bijeenkomst_id)
    _niet_geannuleerd(b)
    if punt.status != AgendapuntStatus.VOORGESTELD:
        raise OverlegFout("Dit voorstel is al beoordeeld.")
    if accepteren:
        _amendement(session, user, b, punt, f"Voorstel opgenomen: {punt.titel}", reden)
        punt.status = AgendapuntStatus.AGENDA
    else:
        punt.status = AgendapuntStatus.AFGEWEZEN
    session.flush()
    _log(
        session, user, punt, "voorstel opgenomen" if accepteren else "voorstel afgewezen", {"reden": reden}, b
    )


# After the meeting


def _na_begin(b: Bijeenkomst) -> None:
    _niet_geannuleerd(b)
    if b.start > clock.now():
        raise OverlegFout("Dit kan pas vanaf het begin van de bijeenkomst.")


def registreer_aanwezigheid(session, user, b: Bijeenkomst, statussen: dict[int, AanwezigheidStatus]) -> dict:
    _na_begin(b)
    leden = set(
        session.exec(
            select(Lidmaatschap.organisatie_id).where(Lidmaatschap.wijkoverleg_id == b.wijkoverleg_id)
        )
    )
    if not set(statussen) <= leden:
        raise OverlegFout("Aanwezigheid kan alleen voor leden van het wijkoverleg worden vastgelegd.")
    bestaand = {
        a.organisatie_id: a
        for a in session.exec(select(Aanwezigheid).where(Aanwezigheid.bijeenkomst_id == b.id))
    }
    changed = {}
    for org_id, status in statussen.items():
        rij = bestaand.get(org_id)
        if rij is None:
            session.add(Aanwezigheid(bijeenkomst_id=b.id, organisatie_id=org_id, status=status))
            changed[str(org_id)] = [None, status]
        elif rij.status != status:
            changed[str(org_id)] = [rij.status, status]
            rij.status = status
    session.flush()
    if changed:
        _log(session, user, b, "aanwezigheid", changed, b)
    return changed


def schrijf_notulen(session, user, punt: Agendapunt, tekst: str) -> None:
    b = session.get(Bijeenkomst, punt.bijeenkomst_id)
    _na_begin(b)
    if b.notulen_vastgesteld_op is not None:
        raise OverlegFout(
            "De notulen van deze bijeenkomst zijn vastgesteld en kunnen niet meer worden gewijzigd."
        )
    changed = audit.changes(punt, {"notulen": tekst.strip()})
    if changed:
        session.flush()
        _log(session, user, punt, "notulen", changed, b)


def voeg_besluit_toe(session, user, b: Bijeenkomst, tekst: str, agendapunt_id: int | None) -> Besluit:
    _na_begin(b)
    if b.notulen_vastgesteld_op is not None:
        raise OverlegFout("De notulen van deze bijeenkomst zijn vastgesteld.")
    besluit = Besluit(bijeenkomst_id=b.id, agendapunt_id=agendapunt_id or None, tekst=tekst.strip())
    session.add(besluit)
    session.flush()
    _log(session, user, besluit, "toegevoegd", {"tekst": besluit.tekst}, b)
    return besluit


def voeg_actiepunt_toe(
    session,
    user,
    b: Bijeenkomst,
    *,
    omschrijving: str,
    eigenaar: str,
    deadline: date,
    agendapunt_id: int | None = None,
) -> Actiepunt:
    _na_begin(b)
    actie = Actiepunt(
        wijkoverleg_id=b.wijkoverleg_id,
        bijeenkomst_id=b.id,
        agendapunt_id=agendapunt_id or None,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar.strip(),
        deadline=deadline,
    )
    session.add(actie)
    session.flush()
    _log(
        session,
        user,
        actie,
        "toegevoegd",
        {"omschrijving": actie.omschrijving, "eigenaar": actie.eigenaar, "deadline": deadline},
        b,
    )
    return actie


def wijzig_actiepunt_status(session, user, actie: Actiepunt, status: ActiepuntStatus) -> None:
    if actie.status == status:
        return
    changed = audit.changes(
        actie, {"status": status, "afgerond_op": clock.now() if status == ActiepuntStatus.AFGEROND else None}
    )
    session.flush()
    _log(session, user, actie, "status", changed, session.get(Bijeenkomst, actie.bijeenkomst_id))


# The overleg itself


def stel_overleg_in(session, user, wijk, voorzitter_id: int) -> Wijkoverleg:
    overleg = session.exec(select(Wijkoverleg).where(Wijkoverleg.wijk_id == wijk.id)).first()
    if overleg is None:
        overleg = Wijkoverleg(wijk_id=wijk.id, voorzitter_id=voorzitter_id, opgericht_op=clock.today())
        session.add(overleg)
        session.flush()
        _log(session, user, overleg, "ingesteld", {"voorzitter_id": voorzitter_id}, wijk_id=wijk.id)
    else:
        changed = audit.changes(overleg, {"voorzitter_id": voorzitter_id})
        session.flush()
        if changed:
            _log(session, user, overleg, "voorzitter", changed, wijk_id=wijk.id)
    return overleg


def benoem_secretaris(session, user, overleg: Wijkoverleg, secretaris_id: int | None) -> None:
    changed = audit.changes(overleg, {"secretaris_id": secretaris_id})
    if changed:
        session.flush()
        audit.record(session, user, overleg, "secretaris", changed, wijk_id=overleg.wijk_id)


def voeg_lid_toe(session, user, overleg: Wijkoverleg, organisatie_id: int) -> None:
    if session.exec(
        select(Lidmaatschap).where(
            Lidmaatschap.wijkoverleg_id == overleg.id, Lidmaatschap.organisatie_id == organisatie_id
        )
    ).first():
        raise OverlegFout("Deze organisatie is al lid.", "organisatie_id")
    lid = Lidmaatschap(wijkoverleg_id=overleg.id, organisatie_id=organisatie_id, sinds=clock.today())
    session.add(lid)
    session.flush()
    audit.record(
        session, user, lid, "lid toegevoegd", {"organisatie_id": organisatie_id}, wijk_id=overleg.wijk_id
    )


def verwijder_lid(session, user, overleg: Wijkoverleg, lid: Lidmaatschap) -> None:
    audit.record(
        session, user, lid, "lid verwijderd", {"organisatie_id": lid.organisatie_id}, wijk_id=overleg.wijk_id
    )
    session.delete(lid)
    session.flush()


# Themes and the bar (SWV staff)


def maak_thema(session, user, naam: str, omschrijving: str) -> Thema:
    if session.exec(select(Thema).where(Thema.naam == naam.strip())).first():
        raise OverlegFout("Er bestaat al een thema met deze naam.", "naam")
    thema = Thema(naam=naam.strip(), omschrijving=omschrijving.strip())
    session.add(thema)
    session.flush()
    audit.record(session, user, thema, "aangemaakt", {"naam": thema.naam})
    return thema


def wijzig_thema(session, user, thema: Thema, values: dict) -> None:
    dubbel = session.exec(
        select(Thema).where(Thema.naam == values.get("naam", thema.naam), Thema.id != thema.id)
    )
    if dubbel.first():
        raise OverlegFout("Er bestaat al een thema met deze naam.", "naam")
    changed = audit.changes(thema, values)
    if changed:
        session.flush()
        audit.record(session, user, thema, "gewijzigd", changed)
        queries.vergeet(session)


def zet_verplichte_themas(session, user, schooljaar: int, thema_ids: list[int]) -> None:
    bestaand = set(
        session.exec(select(VerplichtThema.thema_id).where(VerplichtThema.schooljaar == schooljaar))
    )
    gewenst = set(thema_ids)
    if gewenst == bestaand:
        return
    if gewenst - bestaand:
        geldig = set(session.exec(select(Thema.id).where(Thema.id.in_(gewenst - bestaand))))
        if geldig != gewenst - bestaand:
            raise OverlegFout("Onbekend thema gekozen.", "thema_ids")
    for tid in gewenst - bestaand:
        session.add(VerplichtThema(schooljaar=schooljaar, thema_id=tid))
    if bestaand - gewenst:
        session.exec(
            delete(VerplichtThema).where(
                VerplichtThema.schooljaar == schooljaar, VerplichtThema.thema_id.in_(bestaand - gewenst)
            )
        )
    session.flush()
    queries.vergeet(session)
    audit.record(
        session,
        user,
        VerplichtThema.__tablename__,
        "vastgesteld",
        {"schooljaar": schooljaar, "thema_ids": [sorted(bestaand), sorted(gewenst)]},
    )


def begin_schooljaar(session, schooljaar: int) -> int:
    """The new school year's required themes take effect: the stored statuses are computed again against
    them. A year for which SWV staff set no list yet keeps last year's (active) themes, so no wijk is
    suddenly without any; returns how many were carried over."""
    overgenomen = 0
    if not session.exec(select(VerplichtThema.id).where(VerplichtThema.schooljaar == schooljaar)).first():
        vorig = session.exec(
            select(VerplichtThema.thema_id)
            .join(Thema, Thema.id == VerplichtThema.thema_id)
            .where(VerplichtThema.schooljaar == schooljaar - 1, Thema.is_actief.is_(True))
        ).all()
        for thema_id in vorig:
            session.add(VerplichtThema(schooljaar=schooljaar, thema_id=thema_id))
        overgenomen = len(vorig)
        if vorig:
            session.flush()
            audit.record(
                session,
                None,
                VerplichtThema.__tablename__,
                "overgenomen",
                {"schooljaar": schooljaar, "thema_ids": sorted(vorig)},
            )
    queries.vergeet(session)
    session.flush()
    return overgenomen


def wijzig_norm(session, user, values: dict) -> Overlegnorm:
    norm = session.exec(select(Overlegnorm).order_by(Overlegnorm.id)).first()
    if norm is None:
        norm = Overlegnorm()
        session.add(norm)
        session.flush()
    changed = audit.changes(norm, values)
    if changed:
        norm.gewijzigd_op = clock.now()
        session.flush()
        audit.record(session, user, norm, "gewijzigd", changed)
        queries.vergeet(session)
    return norm


# Gaps in the wijk's support (dekkend aanbod)

DEKKEND_AANBOD = "dekkend aanbod"


def volgende_bijeenkomst(session, overleg: Wijkoverleg) -> Bijeenkomst | None:
    """The next meeting that has not begun and is not cancelled: where new agenda items go."""
    return session.exec(
        select(Bijeenkomst)
        .where(
            Bijeenkomst.wijkoverleg_id == overleg.id,
            Bijeenkomst.start > clock.now(),
            Bijeenkomst.is_geannuleerd.is_(False),
        )
        .order_by(Bijeenkomst.start)
    ).first()


def hiaat_titel(domein_naam: str) -> str:
    return f"Hiaat in het aanbod: {domein_naam}"


def zet_hiaat_op_agenda(session, user, overleg: Wijkoverleg, domein, cel, reden: str | None) -> Agendapunt:
    """Put a coverage gap on the next meeting's agenda, tagged with the theme 'Dekkend aanbod'."""
    b = volgende_bijeenkomst(session, overleg)
    if b is None:
        raise OverlegFout("Er is geen geplande bijeenkomst. Plan eerst een bijeenkomst.")
    if b.agenda_is_vastgesteld and not (reden or "").strip():
        raise OverlegFout("De agenda is al vastgesteld: geef een reden voor deze wijziging.", "reden")
    titel = hiaat_titel(domein.naam)
    al = session.exec(
        select(Agendapunt.id).where(
            Agendapunt.bijeenkomst_id == b.id,
            Agendapunt.titel == titel,
            Agendapunt.status.in_([AgendapuntStatus.AGENDA, AgendapuntStatus.VOORGESTELD]),
        )
    ).first()
    if al is not None:
        raise OverlegFout(f"Dit hiaat staat al op de agenda van de bijeenkomst van {b.start:%d-%m-%Y}.")
    thema = session.exec(select(Thema).where(Thema.naam.ilike(DEKKEND_AANBOD), Thema.is_actief)).first()
    return voeg_agendapunt_toe(
        session,
        user,
        b,
        {"titel": titel, "beschrijving": _hiaat_beschrijving(domein, cel), "eigenaar": "", "minuten": 15},
        [thema.id] if thema else [],
        reden=reden,
    )


def _hiaat_beschrijving(domein, cel) -> str:
    from wijkportaal.core.web import getal

    regels = [f"Dekking voor {domein.naam}: {cel.status.label.lower()}."]
    if cel.aanbieders:
        regels.append("Aanbod nu: " + ", ".join(cel.aanbieders) + ".")
        cijfers = []
        if cel.uren_per_1000:
            cijfers.append(f"{getal(cel.uren_per_1000)} uur per week")
        if cel.plaatsen_per_1000:
            cijfers.append(aantal(cel.plaatsen_per_1000, "plaats", "plaatsen"))
        if cijfers:
            regels.append("Per 1.000 leerlingen: " + " en ".join(cijfers) + ".")
    else:
        regels.append("Er is in de wijk geen aanbod geregistreerd.")
    regels.append("Bespreek wie dit kan bieden en wat de wijk nodig heeft.")
    return " ".join(regels)
