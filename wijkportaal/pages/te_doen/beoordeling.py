"""What assessing asks of an assessor (their assignments, with the deadline) and of SWV staff
(applications waiting for assessors)."""

from flask import url_for
from sqlmodel import Session

from wijkportaal.beoordeling import permissions, queries
from wijkportaal.core import clock
from wijkportaal.core.web import datum
from wijkportaal.initiatieven.models import Status
from wijkportaal.pages.te_doen.item import GETOOND, Item, Urgentie, met_rest, nog_dagen, urgentie_van


def beoordelen(session: Session, user) -> list[Item]:
    """Assessors: each application assigned to them that they have not submitted, due by its deadline."""
    if not permissions.is_beoordelaar(user):
        return []
    vandaag = clock.today()
    return [
        Item(
            titel=f"Beoordelen: {w.aanvraag.titel or 'aanvraag zonder titel'}",
            url=url_for("beoordeling.aanvraag", id=w.aanvraag.id)
            + ("#verklaring" if w.moet_verklaren else "#scoren"),
            soort="Beoordeling",
            detail=f"{w.ronde}, deadline {datum(w.deadline)} ({nog_dagen(w.deadline, vandaag)})",
            datum=w.deadline,
            urgentie=urgentie_van(w.deadline, vandaag),
            status="belangenconflict verklaren" if w.moet_verklaren else "scoren",
        )
        for w in queries.wachtrij(session, user)
    ]


def toewijzen(session: Session, user) -> list[Item]:
    """SWV staff: submitted applications that wait for at least two assessors, and applications being
    assessed that need another one (an assessor declined or was withdrawn)."""
    if not permissions.can_assign(user):
        return []
    items = [
        Item(
            titel=(
                "Beoordelaars aanwijzen: "
                if aanvraag.status is Status.INGEDIEND
                else "Andere beoordelaar aanwijzen: "
            )
            + (aanvraag.titel or "aanvraag zonder titel"),
            url=url_for("beoordeling.aanvraag", id=aanvraag.id) + "#beoordelaars",
            soort="Nieuw initiatief",
            detail=f"{ronde.naam}, ingediend op {datum(aanvraag.ingediend_op.date())}"
            if aanvraag.ingediend_op
            else ronde.naam,
            urgentie=Urgentie.DRINGEND,
        )
        for aanvraag, ronde in queries.wacht_op_toewijzing(session, GETOOND)
    ]
    return met_rest(
        items,
        queries.aantal_wacht_op_toewijzing(session),
        "aanvraag die op beoordelaars wacht",
        "aanvragen die op beoordelaars wachten",
        url_for("beoordeling.index"),
    )
