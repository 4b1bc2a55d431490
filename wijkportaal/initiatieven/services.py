"""The only code that changes nieuwe initiatieven. Services flush, never commit: the request (or the
command) commits once, and a refusal (`Weigering`) rolls everything back."""

from sqlmodel import Session

from wijkportaal.core import audit, clock
from wijkportaal.core.errors import weiger_als
from wijkportaal.initiatieven import rules
from wijkportaal.initiatieven.models import Aanvraag, Status


def zet_status(session: Session, aanvraag: Aanvraag, status: Status, door, reden: str | None = None) -> None:
    """Move `aanvraag` to `status` (refused when the transition is not allowed), in the audit log."""
    status = Status(status)
    weiger_als(rules.overgang_fout(aanvraag.status, status), "status")
    oud = aanvraag.status
    aanvraag.status = status
    aanvraag.gewijzigd_op = clock.now()
    if status is Status.INGEDIEND:
        aanvraag.ingediend_op = aanvraag.gewijzigd_op
    session.add(aanvraag)
    wijzigingen = {"status": [oud.value, status.value]}
    if reden:
        wijzigingen["reden"] = reden
    audit.record(session, door, aanvraag, "status", wijzigingen)
