"""Load a record and check the user may touch it, in one step, for every view and API call."""

from collections.abc import Callable

from flask import abort
from flask_login import current_user

from wijkportaal.core.db import get_session


def get_or_404_403(model, ident, check: Callable[[object, object], bool] | None = None):
    """The record with primary key `ident`, or 404 if missing, or 403 if `check(user, record)` is false."""
    return found_and_allowed(get_session().get(model, ident), check)


def found_and_allowed(record, check: Callable[[object, object], bool] | None = None):
    """`record`, or 404 if it is None, or 403 if `check(user, record)` is false."""
    if record is None:
        abort(404)
    if check is not None and not check(current_user, record):
        abort(403)
    return record


def require(allowed: bool) -> None:
    if not allowed:
        abort(403)
