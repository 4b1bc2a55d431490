"""Who may do what with the SWV's begroting: the one place that decides it."""

from wijkportaal.core import roles


def can_view_begroting(user) -> bool:
    """SWV staff and the director see the begroting, its export and its API."""
    return roles.heeft(user, roles.BEHEERT_SWV_GELD)


def can_import_begroting(user) -> bool:
    """SWV staff load the meerjarenbegroting."""
    return roles.heeft(user, roles.STELT_BEGROTING_VAST)
