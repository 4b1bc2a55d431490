"""The command groups several features hang their commands on."""

from flask.cli import AppGroup

# `flask import …`: reference-data imports (DUO school lists, wijk boundaries).
import_cli = AppGroup("import", help="Referentiegegevens importeren.")
