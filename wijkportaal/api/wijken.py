"""The wijk responses, built from the same queries and status verdict as the wijk pages."""

from sqlmodel import Session, select

from wijkportaal.api.schemas import (
    BijeenkomstSamenvatting,
    Lid,
    OpenActiepunt,
    WijkDetail,
    WijkSamenvatting,
)
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.overleg import queries
from wijkportaal.overleg.permissions import zichtbare_wijk_ids
from wijkportaal.overleg.queries import bewaarde_statussen, wijk_statussen
from wijkportaal.overleg.rules import WijkStatus
from wijkportaal.wijken.models import Regio, Wijk


def wijken(session: Session, user: Gebruiker) -> list[WijkSamenvatting]:
    """Every wijk `user` may see, in a fixed number of queries however many there are."""
    lijst = queries.zichtbare_wijken(session, user)
    statussen = bewaarde_statussen(session, zichtbare_wijk_ids(session, user))
    regios = dict(session.exec(select(Regio.id, Regio.naam)).all())
    return [_samenvatting(wijk, regios[wijk.regio_id], statussen[wijk.id]) for wijk in lijst]


def wijk(session: Session, wijk: Wijk) -> WijkDetail:
    overleg = queries.overleg_van(session, wijk)
    voorzitter = session.get(Gebruiker, overleg.voorzitter_id) if overleg and overleg.voorzitter_id else None
    komend, verleden = queries.bijeenkomsten(session, overleg)
    vandaag = clock.today()
    samenvatting = _samenvatting(
        wijk, session.get(Regio, wijk.regio_id).naam, wijk_statussen(session, {wijk.id})[wijk.id]
    )
    return WijkDetail(
        **samenvatting.model_dump(),
        voorzitter=voorzitter.naam if voorzitter else None,
        leden=[Lid(naam=org.naam, soort=org.soort) for org in queries.leden(session, overleg)],
        bijeenkomsten=[
            BijeenkomstSamenvatting(
                id=b.id,
                start=b.start,
                eind=b.eind,
                locatie=b.locatie,
                online_link=b.online_link,
                agenda_vastgesteld=b.agenda_is_vastgesteld,
                geannuleerd=b.is_geannuleerd,
            )
            for b in [*reversed(verleden), *komend]
        ],
        open_actiepunten=[
            OpenActiepunt(
                omschrijving=a.omschrijving,
                eigenaar=a.eigenaar,
                deadline=a.deadline,
                te_laat=a.is_te_laat(vandaag),
            )
            for a in queries.open_actiepunten(session, overleg)
        ],
    )


def _samenvatting(wijk: Wijk, regio: str, status: WijkStatus) -> WijkSamenvatting:
    return WijkSamenvatting(
        code=wijk.code,
        naam=wijk.naam,
        regio=regio,
        overleg_status=status.status,
        status_redenen=status.redenen,
        laatste_bijeenkomst=status.laatste_bijeenkomst,
        bijeenkomsten_dit_schooljaar=status.bijeenkomsten_dit_schooljaar,
        ontbrekende_themas=status.ontbrekende_themas,
        te_late_actiepunten=status.te_late_actiepunten,
    )
