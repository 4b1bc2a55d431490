"""What the expertise register asks: the gaps in a chair's wijk, and a provider's own entries."""

from datetime import timedelta

from flask import url_for
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.core.web import aantal, datum
from wijkportaal.expertise import permissions
from wijkportaal.expertise import queries as expertise_queries
from wijkportaal.expertise.models import Expertise
from wijkportaal.overleg import queries as overleg_queries
from wijkportaal.pages.te_doen.item import Item, Urgentie

MIJN_AANBOD = "Mijn aanbod"
LOOPT_AF_BINNEN = timedelta(days=30)
GETOOND = 5  # domains named in a gap's line; the wijk page lists them all


def hiaten(session: Session, user) -> list[Item]:
    """For the chair or secretary: the expertise domains their wijk lacks or has too little of."""
    items = []
    for _, wijk in overleg_queries.beheerde_overleggen(session, user):
        gaten = expertise_queries.dekking_van_wijk(session, wijk.id).hiaten(wijk.id)
        if not gaten:
            continue
        namen = [f"{d.naam} ({c.status.label.lower()})" for d, c in gaten]
        items.append(
            Item(
                titel=f"Hiaten in het aanbod van {wijk.naam}: "
                f"{aantal(len(gaten), 'expertisegebied', 'expertisegebieden')}",
                url=url_for("wijken.wijk", code=wijk.code, _anchor="hiaten-kop"),
                soort="Dekkend aanbod",
                detail=", ".join(namen[:GETOOND]) + (", …" if len(namen) > GETOOND else ""),
                urgentie=Urgentie.SIGNAAL,
            )
        )
    return items


def mijn_aanbod(session: Session, user) -> list[Item]:
    """A provider's own offers and the voorzieningen its school hosts, ended ones included."""
    vandaag = clock.today()
    items = []
    for entry, naam in expertise_queries.aanbod_van(session, permissions.eigen_organisatie_id(user)):
        if isinstance(entry, Expertise):
            titel = f"{naam}: {entry.vorm.label.lower()}"
            url = url_for("expertise.expertise", expertise_id=entry.id)
            wacht = expertise_queries.wachttijd_tekst(entry.wachttijd_weken)
            wacht = wacht if entry.wachttijd_weken == 0 else f"wachttijd {wacht}"
            wat = f"{expertise_queries.capaciteit_tekst(entry.capaciteit, entry.eenheid)}, {wacht}"
        else:
            titel = naam
            url = url_for("expertise.voorziening", voorziening_id=entry.id)
            wat = f"{entry.soort.label}, {entry.plaatsen_vrij} van de {aantal(entry.plaatsen, 'plaats', 'plaatsen')} vrij"
        eind = entry.geldig_tot
        if eind is not None and eind < vandaag:
            status, urgentie, wanneer = "beëindigd", Urgentie.SIGNAAL, f"beëindigd op {datum(eind)}"
        elif entry.geldig_van > vandaag:
            status, urgentie, wanneer = "gepland", Urgentie.GEPLAND, f"vanaf {datum(entry.geldig_van)}"
        elif eind is not None and eind <= vandaag + LOOPT_AF_BINNEN:
            status, urgentie, wanneer = "loopt af", Urgentie.DRINGEND, f"loopt tot {datum(eind)}"
        else:
            status, urgentie = "loopt", Urgentie.GEPLAND
            wanneer = f"loopt tot {datum(eind)}" if eind else "zonder einddatum"
        items.append(
            Item(
                titel=titel,
                url=url,
                soort="Aanbod",
                detail=f"{wat} · {wanneer}",
                datum=eind,
                urgentie=urgentie,
                status=status,
                lijst=MIJN_AANBOD,
            )
        )
    return items
