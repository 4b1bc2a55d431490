"""`flask import …`: the group the reference-data imports (DUO school lists, wijk boundaries) hang on."""

from flask.cli import AppGroup

import_cli = AppGroup("import", help="Referentiegegevens importeren.")
