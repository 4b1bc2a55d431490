"""What the wijkoverleg asks of its chair or secretary, and of its members."""

from datetime import date, timedelta

from flask import url_for
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.core.web import aantal, datum, datum_tijd
from wijkportaal.overleg import queries
from wijkportaal.overleg.models import Bijeenkomst
from wijkportaal.pages.te_doen.item import Item, Urgentie, nog_dagen, urgentie_van
from wijkportaal.wijken.models import Organisatie, Wijk

NOTULEN_BINNEN = timedelta(days=14)  # minutes are due two weeks after the meeting
NOTULEN_TERUG = timedelta(days=365)  # older meetings without minutes no longer ask for them
LEDEN_VOORUIT = timedelta(days=42)  # members see the meetings of the coming six weeks


def _bijeenkomst_url(b: Bijeenkomst, anker: str | None = None) -> str:
    return url_for("overleg.bijeenkomst", bijeenkomst_id=b.id, _anchor=anker)


def voorzitter(session: Session, user) -> list[Item]:
    """For the chair or secretary: the next meeting, members' proposals, minutes to record or agree,
    their own open actions and the required themes not yet discussed."""
    overleggen = queries.beheerde_overleggen(session, user)
    if not overleggen:
        return []
    ids = [o.id for o, _ in overleggen]
    wijk_van = {o.id: w for o, w in overleggen}
    vandaag = clock.today()
    volgende = queries.volgende_bijeenkomsten(session, ids)
    items = [_volgende(w, volgende.get(o.id), vandaag) for o, w in overleggen]
    for punt, b, naam in queries.open_voorstellen(session, ids):
        dag = b.start.date()
        titel = f"Voorstel beoordelen: {punt.titel}"
        wat = f"voorgesteld door {naam or 'een lid'} voor de bijeenkomst van {datum(dag)}"
        items.append(
            _over(
                b, wijk_van, titel, "Agendavoorstel", wat, dag, urgentie_van(dag, vandaag), "voorstellen-kop"
            )
        )
    for b, zonder, totaal in queries.zonder_notulen(session, ids, vandaag - NOTULEN_TERUG):
        uiterlijk = b.start.date() + NOTULEN_BINNEN
        titel = f"Notulen vastleggen van de bijeenkomst van {datum(b.start.date())}"
        wat = (
            f"{zonder} van de {aantal(totaal, 'agendapunt', 'agendapunten')} zonder notulen"
            f" · uiterlijk {datum(uiterlijk)}"
        )
        items.append(
            _over(b, wijk_van, titel, "Notulen", wat, uiterlijk, urgentie_van(uiterlijk, vandaag), "agenda")
        )
    for b in queries.notulen_vast_te_stellen(session, ids):
        titel = f"Notulen vaststellen van de bijeenkomst van {datum(b.start.date())}"
        wat = "de volgende bijeenkomst is al gehouden"
        items.append(_over(b, wijk_van, titel, "Notulen", wat, b.start.date(), Urgentie.DRINGEND))
    items += _eigen_acties(session, user, ids, wijk_van, vandaag)
    items += _themas(session, overleggen, volgende, vandaag)
    return items


def _over(
    b: Bijeenkomst,
    wijk_van: dict[int, Wijk],
    titel: str,
    soort: str,
    detail: str,
    dag: date,
    urgentie: Urgentie,
    anker: str | None = None,
) -> Item:
    """An item about meeting `b`, linking to its page (at `anker`), its detail after the wijk's name."""
    detail = f"{wijk_van[b.wijkoverleg_id].naam} · {detail}"
    return Item(titel, _bijeenkomst_url(b, anker), soort, detail, datum=dag, urgentie=urgentie)


def _volgende(wijk: Wijk, b: Bijeenkomst | None, vandaag: date) -> Item:
    if b is None:
        return Item(
            titel=f"Plan de volgende bijeenkomst van {wijk.naam}",
            url=url_for("overleg.bijeenkomst_nieuw", code=wijk.code),
            soort="Bijeenkomst",
            detail="Er is geen bijeenkomst gepland.",
            urgentie=Urgentie.DRINGEND,
        )
    dag = b.start.date()
    vast = b.agenda_is_vastgesteld
    return Item(
        titel=f"Volgende bijeenkomst: {datum_tijd(b.start)}"
        if vast
        else f"Agenda vaststellen voor de bijeenkomst van {datum_tijd(b.start)}",
        url=_bijeenkomst_url(b),
        soort="Bijeenkomst",
        detail=f"{wijk.naam} · {nog_dagen(dag, vandaag)}",
        datum=dag,
        urgentie=Urgentie.GEPLAND if vast else urgentie_van(dag, vandaag),
        status="agenda vastgesteld" if vast else "concept-agenda",
    )


def _eigen_acties(
    session: Session, user, ids: list[int], wijk_van: dict[int, Wijk], vandaag: date
) -> list[Item]:
    """Open actions whose owner is the user, by name or by their organisation's name."""
    organisatie = session.get(Organisatie, user.organisatie_id) if user.organisatie_id else None
    eigenaars = {user.naam, organisatie.naam if organisatie else ""}
    return [
        Item(
            titel=a.omschrijving,
            url=url_for("overleg.bijeenkomst", bijeenkomst_id=a.bijeenkomst_id, _anchor="actiepunten"),
            soort="Actiepunt",
            detail=f"{wijk_van[a.wijkoverleg_id].naam} · {a.eigenaar} · uiterlijk {datum(a.deadline)}",
            datum=a.deadline,
            urgentie=urgentie_van(a.deadline, vandaag),
        )
        for a in queries.actiepunten_van(session, ids, eigenaars)
    ]


def _themas(session: Session, overleggen, volgende: dict[int, Bijeenkomst], vandaag: date) -> list[Item]:
    """The required themes of this school year no held meeting discussed yet, per wijk."""
    statussen = queries.bewaarde_statussen(session, {w.id for _, w in overleggen})
    einde = clock.schooljaar_grenzen(clock.schooljaar_van(vandaag))[1]
    items = []
    for o, w in overleggen:
        ontbreekt = statussen[w.id].ontbrekende_themas
        if not ontbreekt:
            continue
        b = volgende.get(o.id)
        items.append(
            Item(
                titel=f"Verplichte thema's nog niet besproken: {', '.join(ontbreekt)}",
                url=_bijeenkomst_url(b, "nieuw-punt-kop")
                if b is not None
                else url_for("overleg.bijeenkomst_nieuw", code=w.code),
                soort="Thema",
                detail=f"{w.naam} · vóór het einde van het schooljaar, {datum(einde)}",
                datum=einde,
                urgentie=urgentie_van(einde, vandaag),
            )
        )
    return items


def leden(session: Session, user) -> list[Item]:
    """For a member organisation's people: the coming meetings of their overleggen (not the ones they run)."""
    beheerd = {o.id for o, _ in queries.beheerde_overleggen(session, user)}
    vandaag = clock.today()
    tot = clock.now() + LEDEN_VOORUIT
    items = []
    for b, wijk in queries.komende_bijeenkomsten_van_lid(session, user.organisatie_id, tot, beheerd):
        dag = b.start.date()
        items.append(
            Item(
                titel=f"Bijeenkomst wijkoverleg {wijk.naam}: {datum_tijd(b.start)}",
                url=_bijeenkomst_url(b),
                soort="Bijeenkomst",
                detail=" · ".join(
                    deel
                    for deel in (
                        b.locatie,
                        nog_dagen(dag, vandaag),
                        "" if b.agenda_is_vastgesteld else "u kunt nog agendapunten voorstellen",
                    )
                    if deel
                ),
                datum=dag,
                urgentie=Urgentie.DRINGEND if dag <= vandaag + timedelta(days=7) else Urgentie.GEPLAND,
                status="agenda vastgesteld" if b.agenda_is_vastgesteld else "concept-agenda",
            )
        )
    return items
