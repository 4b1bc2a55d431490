"""What nieuwe initiatieven ask of a board and of SWV staff: invitations to confirm, and funded
initiatives that end soon or are late with a report."""

from flask import url_for
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.core.web import datum
from wijkportaal.initiatieven import permissions, queries
from wijkportaal.pages.te_doen.item import GETOOND, Item, Urgentie, met_rest, urgentie_van


def uitnodigingen(session: Session, user) -> list[Item]:
    """School leaders and bestuurders: applications that wait for their board's confirmation."""
    if not permissions.can_start_aanvraag(user):
        return []
    vandaag = clock.today()
    return [
        Item(
            titel=f"Deelname bevestigen: {aanvraag.titel or 'aanvraag zonder titel'}",
            url=url_for("initiatieven.aanvraag", id=aanvraag.id),
            soort="Nieuw initiatief",
            detail=f"{ronde.naam}, indienen uiterlijk {datum(ronde.deadline)}",
            datum=ronde.deadline,
            urgentie=urgentie_van(ronde.deadline, vandaag),
        )
        for aanvraag, ronde in queries.uitnodigingen(session, user)
    ]


def signalen(session: Session, user) -> list[Item]:
    """SWV staff: funded initiatives ending within three months, and reports that are late."""
    if not permissions.can_see_all(user):
        return []
    vandaag = clock.today()
    eerste, aantal = queries.eerste_signalen(session, vandaag, GETOOND)  # oldest first
    items = [
        Item(
            titel=f"{s.wat}: {s.aanvraag.titel}",
            url=url_for("initiatieven.aanvraag", id=s.aanvraag.id),
            soort="Nieuw initiatief",
            datum=s.datum,
            urgentie=Urgentie.TE_LAAT if s.datum < vandaag else urgentie_van(s.datum, vandaag),
        )
        for s in eerste
    ]
    return met_rest(
        items,
        aantal,
        "signaal over een initiatief",
        "signalen over initiatieven",
        url_for("initiatieven.overzicht", signalen="alle", _anchor="signalen-kop"),
    )
