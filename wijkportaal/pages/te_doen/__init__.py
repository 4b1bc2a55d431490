"""The start page's registry: what waits for whom ("Te doen").

A provider is a function `(session, user) -> list[Item]` in this package that reads one feature's
`queries.py` and returns plain items (title, detail, the URL where it is done, a date and an urgency); it
returns [] for users it has nothing for. `LEVERANCIERS` lists every provider in one place: a feature adds
its items to everyone's start page with one line there. The start page only calls `voor(session, user)`,
sorts and groups; it knows no feature's tables."""

from collections.abc import Callable

from sqlmodel import Session

from wijkportaal.pages.te_doen import beoordeling, expertise, geld, initiatieven, overleg, wijken
from wijkportaal.pages.te_doen import subsidie as subsidie_items
from wijkportaal.pages.te_doen.item import TE_DOEN, Item, Urgentie

__all__ = ["LEVERANCIERS", "TE_DOEN", "Item", "Leverancier", "Urgentie", "lijsten", "voor"]

Leverancier = Callable[[Session, object], list[Item]]

LEVERANCIERS: list[Leverancier] = [
    overleg.voorzitter,  # chair or secretary: next meeting, proposals, minutes, own actions, themes
    expertise.hiaten,  # chair or secretary: the wijk's gaps in support
    overleg.leden,  # members: their overleggen's coming meetings
    geld.besluiten,  # boards (and sole deciders): proposals waiting for their decision
    geld.toezeggingen,  # boards: pledges not paid in
    wijken.gedaalde_status,  # SWV staff
    wijken.zonder_bijeenkomst,  # SWV staff
    geld.verlopende_toekenningen,  # SWV staff
    geld.vrijval,  # SWV staff
    expertise.mijn_aanbod,  # providers: their own entries, also ended ones
    initiatieven.uitnodigingen,  # school leaders and bestuurders: applications waiting for their board
    initiatieven.signalen,  # SWV staff: initiatives ending soon, late reports
    beoordeling.beoordelen,  # assessors: applications to assess, with the deadline
    beoordeling.toewijzen,  # SWV staff: submitted applications waiting for assessors
    subsidie_items.te_beslissen,  # the director: assessed applications to decide on
    subsidie_items.te_betalen,  # SWV staff: grants to pay, initiatives past their end to close
]


def voor(session: Session, user) -> list[Item]:
    """Everything every provider has for `user`, most urgent first."""
    items = [item for leverancier in LEVERANCIERS for item in leverancier(session, user)]
    return sorted(items, key=Item.sorteersleutel)


def lijsten(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """The items under their headings: "Te doen" first (also when empty), then the others as they come."""
    groepen: dict[str, list[Item]] = {TE_DOEN: []}
    for item in items:
        groepen.setdefault(item.lijst, []).append(item)
    return list(groepen.items())
