"""The wijkoverleg: meetings, agendas, minutes, actions; themes and the SWV overview."""

from flask import Blueprint

bp = Blueprint("overleg", __name__)


@bp.route("/overzicht")
def overzicht():
    return "", 404


@bp.route("/themas")
def themas():
    return "", 404
