"""What pooled money asks of a board and of SWV staff: decisions, unpaid pledges, allocations about to
expire and vrijval waiting for the boards."""

from datetime import timedelta

from flask import url_for
from sqlmodel import Session

from wijkportaal.besluiten.models import Voorstel
from wijkportaal.besluiten.queries import wachtend_op
from wijkportaal.core import clock
from wijkportaal.core.clock import schooljaar_label
from wijkportaal.core.web import aantal, centen, datum, datum_tijd, getal
from wijkportaal.monitor import queries as monitor_queries
from wijkportaal.pages.te_doen.item import Item, Urgentie, urgentie_van
from wijkportaal.pot import permissions as pot_permissions
from wijkportaal.pot import queries as pot_queries
from wijkportaal.pot.models import Pot
from wijkportaal.wijken.permissions import volgt_wijken

VERLOOPT_BINNEN = timedelta(days=14)  # SWV staff see allocations whose decision period ends this soon


def besluiten(session: Session, user) -> list[Item]:
    """Proposals waiting for the user's decision (for their board), with the deadline, the amount, what
    the pot still has available and what the user's board paid into it."""
    vandaag = clock.today()
    items = []
    for w in wachtend_op(session, user):
        o = w.onderwerp
        delen = [f"besluit uiterlijk {datum_tijd(w.vervalt_op)}"] if w.vervalt_op else []
        if o.bedrag_cents is not None:
            delen.append(f"gevraagd {centen(o.bedrag_cents)}")
        pot = session.get(Pot, o.pot_id) if o.pot_id else None
        if pot is not None:
            beschikbaar = pot_queries.cijfers(session, [pot])[pot.id].beschikbaar
            delen.append(f"nog beschikbaar in de pot {centen(beschikbaar)}")
            if user.bestuur_id:
                eigen, aandeel = pot_queries.aandeel_van_bestuur(session, pot, user.bestuur_id)
                delen.append(
                    f"uw bestuur legde {centen(eigen)} in"
                    + (f" ({getal(aandeel)} % van de pot)" if aandeel is not None else "")
                )
        delen.append(f"{w.soort_label}{', ' + o.herkomst if o.herkomst else ''}")
        dag = w.vervalt_op.date() if w.vervalt_op else None
        items.append(
            Item(
                titel=f"Besluiten over {o.titel}"
                + (f": {centen(o.bedrag_cents)}" if o.bedrag_cents is not None else ""),
                url=url_for(o.endpoint, **o.params),
                soort="Besluit",
                detail=" · ".join(delen),
                datum=dag,
                urgentie=urgentie_van(dag, vandaag) if dag else Urgentie.GEPLAND,
            )
        )
    return items


def toezeggingen(session: Session, user) -> list[Item]:
    """Pledges of the user's board that are not paid in yet, where the user may record the payment."""
    vandaag = clock.today()
    return [
        Item(
            titel=f"Toezegging betalen: {centen(b.bedrag_cents)} aan {pot.naam}",
            url=url_for("pot.bijdrage_betalen", bijdrage_id=b.id, stap="bevestigen"),  # paid today
            soort="Toezegging",
            detail=f"{b.middelen} · "
            + (f"uiterlijk {datum(b.uiterlijk_op)}" if b.uiterlijk_op else "zonder uiterste datum"),
            datum=b.uiterlijk_op,
            urgentie=urgentie_van(b.uiterlijk_op, vandaag) if b.uiterlijk_op else Urgentie.GEPLAND,
        )
        for b, pot in pot_queries.open_toezeggingen(session, user.bestuur_id)
        if pot_permissions.can_contribute(session, user, pot, b.bron_soort, b.bestuur_id)
    ]


def verlopende_toekenningen(session: Session, user) -> list[Item]:
    """For SWV staff: allocations whose boards have not all decided and whose period ends soon."""
    if not volgt_wijken(user):
        return []
    vandaag = clock.today()
    return [
        Item(
            titel=f"Toekenning verloopt: {aanpak.naam}",
            url=url_for("pot.toekenning", toekenning_id=t.id),
            soort="Toekenning",
            detail=f"{centen(t.bedrag_cents)} uit {pot.naam} · {besloten} van de "
            f"{aantal(beslissers, 'bestuur', 'besturen')} {aantal(besloten, 'heeft', 'hebben', toon_getal=False)} besloten"
            f" · verloopt {datum_tijd(v.vervalt_op)}",
            datum=v.vervalt_op.date(),
            urgentie=urgentie_van(v.vervalt_op.date(), vandaag),
        )
        for t, v, aanpak, pot, besloten, beslissers in pot_queries.verlopende_toekenningen(
            session, clock.now() + VERLOOPT_BINNEN
        )
    ]


def vrijval(session: Session, user) -> list[Item]:
    """For SWV staff: vrijval they proposed that still waits for the boards."""
    if not volgt_wijken(user):
        return []
    vandaag = clock.today()
    items = []
    for v, wijk, pot in monitor_queries.open_voorstellen(session):
        voorstel = session.get(Voorstel, v.voorstel_id)
        dag = voorstel.vervalt_op.date() if voorstel.vervalt_op else None
        items.append(
            Item(
                titel=f"Vrijval {wijk.naam} {schooljaar_label(v.schooljaar)} wacht op de besturen",
                url=url_for("monitor.voorstel", voorstel_id=v.id),
                soort="Vrijval",
                detail=f"{centen(v.bedrag_cents)} naar {pot.naam} · voorgesteld op "
                f"{datum(voorstel.voorgesteld_op.date())}"
                + (f" · besluit uiterlijk {datum_tijd(voorstel.vervalt_op)}" if voorstel.vervalt_op else ""),
                datum=dag,
                urgentie=urgentie_van(dag, vandaag) if dag else Urgentie.GEPLAND,
            )
        )
    return items
