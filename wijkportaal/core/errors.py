"""The domain error every service raises when the rules refuse a change."""


class Weigering(ValueError):
    """A change the rules refuse, with a Dutch message for the user.

    `veld` names the form field (or API field) the message belongs to; None puts it above the form.
    Raising it rolls back everything the request wrote (see `wijkportaal.core.db`)."""

    def __init__(self, message: str, veld: str | None = None):
        super().__init__(message)
        self.veld = veld


def weiger_als(melding: str | None, veld: str | None = None) -> None:
    """Refuse with `melding` when a pure rule returned one (rules return a message or None)."""
    if melding:
        raise Weigering(melding, veld)
