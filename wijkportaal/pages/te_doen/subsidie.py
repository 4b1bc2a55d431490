"""What deciding and funding ask: the director's assessed applications to decide on, and for SWV staff
the grants with money to pay this year and the initiatives past their end date to close."""

from flask import url_for
from sqlmodel import Session

from wijkportaal.core import clock, roles
from wijkportaal.core.web import centen
from wijkportaal.pages.te_doen.item import GETOOND, Item, Urgentie, met_rest
from wijkportaal.subsidie import queries


def te_beslissen(session: Session, user) -> list[Item]:
    """The director: assessed applications waiting for a decision, from the ranked list."""
    if not roles.heeft(user, roles.BESLIST_SUBSIDIE):
        return []
    items = [
        Item(
            titel=f"Besluiten: {aanvraag.titel}",
            url=url_for("subsidie.besluit", id=aanvraag.id),
            soort="Besluit",
            detail=f"Nieuw initiatief, {ronde.naam}: beoordeeld; zie ook de ranglijst",
            urgentie=Urgentie.DRINGEND,
        )
        for aanvraag, ronde in queries.te_beslissen(session, GETOOND)
    ]
    return met_rest(
        items,
        queries.aantal_te_beslissen(session),
        "beoordeelde aanvraag",
        "beoordeelde aanvragen",
        url_for("subsidie.ranglijst"),
    )


def te_betalen(session: Session, user) -> list[Item]:
    """SWV staff: grants with money committed for this year and not yet paid; initiatives past their end."""
    if not roles.heeft(user, roles.BETAALT_SUBSIDIE):
        return []
    vandaag = clock.today()
    lijst = queries.te_betalen(session, vandaag, GETOOND)
    volledig = url_for("initiatieven.overzicht", status="toegekend")
    afronden = [
        Item(
            titel=f"Afronden: {t.titel}",
            url=url_for("subsidie.subsidie", id=t.aanvraag_id),
            soort="Subsidie",
            detail=f"einddatum voorbij; nog open {centen(t.open_dit_jaar)}",
            datum=t.einddatum,
            urgentie=Urgentie.TE_LAAT,
        )
        for t in lijst.afronden
    ]
    betalen = [
        Item(
            titel=f"Betalen: {t.titel}",
            url=url_for("subsidie.subsidie", id=t.aanvraag_id) + "#betalingen",
            soort="Subsidie",
            detail=f"nog te betalen tot en met {vandaag.year}: {centen(t.open_dit_jaar)}",
            urgentie=Urgentie.SIGNAAL,
        )
        for t in lijst.betalen
    ]
    return met_rest(
        afronden,
        lijst.aantal_afronden,
        "initiatief om af te ronden",
        "initiatieven om af te ronden",
        volledig,
    ) + met_rest(betalen, lijst.aantal_betalen, "subsidie om te betalen", "subsidies om te betalen", volledig)
