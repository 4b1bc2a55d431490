"""Who may do what with decisions, grants and letters: the one place that decides it. Views, the API and
the start page ask these functions; templates ask them to show or hide, never decide alone.

| role | may |
|---|---|
| the directeur-bestuurder | the ranked list; decide on an assessed application; read every letter |
| SWV staff | the ranked list, every grant and letter; pay tranches; close an initiative |
| applicants and confirmed co-applicants | read the letter of their own application |
| anyone else | nothing of it |"""

from wijkportaal.core import roles
from wijkportaal.initiatieven import permissions as initiatieven_permissions
from wijkportaal.initiatieven.models import Aanvraag, Status

BESLOTEN = (Status.TOEGEKEND, Status.AFGEWEZEN, Status.AANGEHOUDEN, Status.AFGEROND)


def can_see_ranglijst(user) -> bool:
    """The director and SWV staff see the ranked list of assessed applications."""
    return roles.heeft(user, roles.ZIET_RANGLIJST)


def can_decide(user, aanvraag: Aanvraag) -> bool:
    """The directeur-bestuurder decides on an assessed application, once."""
    return roles.heeft(user, roles.BESLIST_SUBSIDIE) and aanvraag.status is Status.BEOORDEELD


def can_open_besluit(user, aanvraag: Aanvraag) -> bool:
    """The director opens the decision page of an application to decide on, and of a decided one (which
    leads to its letter: a second click on "Bevestigen" lands there too)."""
    return roles.heeft(user, roles.BESLIST_SUBSIDIE) and (
        aanvraag.status is Status.BEOORDEELD or aanvraag.status in BESLOTEN
    )


def can_read_brief(user, aanvraag: Aanvraag) -> bool:
    """The decision letter: the director, SWV staff, and the application's own applicants."""
    return roles.heeft(user, roles.ZIET_RANGLIJST) or initiatieven_permissions.is_aanvrager(user, aanvraag)


def can_see_grant(user, aanvraag: Aanvraag) -> bool:
    """A grant's commitments, payments and releases: the director, SWV staff and its applicants."""
    return aanvraag.status in (Status.TOEGEKEND, Status.AFGEROND) and can_read_brief(user, aanvraag)


def can_pay(user, aanvraag: Aanvraag) -> bool:
    """SWV staff pay a running grant in tranches."""
    return roles.heeft(user, roles.BETAALT_SUBSIDIE) and aanvraag.status is Status.TOEGEKEND


def can_close(user, aanvraag: Aanvraag) -> bool:
    """SWV staff close a running initiative; what was not paid goes back to the budget line."""
    return roles.heeft(user, roles.BETAALT_SUBSIDIE) and aanvraag.status is Status.TOEGEKEND


def directeur_leest(user, aanvraag: Aanvraag) -> bool:
    """The director reads the applications to decide on and the decided ones (a rule for initiatieven)."""
    return roles.heeft(user, roles.BESLIST_SUBSIDIE) and (
        aanvraag.status is Status.BEOORDEELD or aanvraag.status in BESLOTEN
    )
