"""Nieuwe initiatieven: the URL table and thin views (load → check → act → render)."""

from flask import Blueprint

bp = Blueprint("initiatieven", __name__, url_prefix="/initiatieven")
