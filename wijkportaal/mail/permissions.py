"""Who may see the outbox, resend mail and mark bounces, and who sets notification settings."""

from wijkportaal.core import roles


def can_manage_mail(user) -> bool:
    """The beheerder keeps the mail running: failed and held messages, bounced addresses."""
    return roles.heeft(user, roles.BEHEERT_GEBRUIKERS)


def can_set_voorkeuren(user) -> bool:
    """Every logged-in user sets their own notification settings."""
    return bool(getattr(user, "is_authenticated", False))
