"""Beheer: users, roles, API tokens and the audit log."""

from flask import Blueprint

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


@bp.route("/gebruikers")
def gebruikers():
    """Placeholder until the beheer pages land."""
    return "", 404


@bp.route("/logboek")
def audit():
    """Placeholder until the beheer pages land."""
    return "", 404
