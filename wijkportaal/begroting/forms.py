"""The begroting's forms: the upload of a meerjarenbegroting file."""

from flask_wtf.file import FileField, FileRequired

from wijkportaal.core.forms import Form


class ImportForm(Form):
    bestand = FileField("Bestand (CSV of XLSX)", validators=[FileRequired("Kies een bestand.")])
