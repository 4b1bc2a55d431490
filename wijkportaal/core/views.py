"""The helpers every blueprint's views share: show a refusal, render a form page, go back after one."""

from flask import flash, redirect, render_template

from wijkportaal.core.db import rollback_request
from wijkportaal.core.errors import Weigering
from wijkportaal.core.privacy import PRIVACY_HINT


def toon_fout(form, fout: Weigering) -> None:
    """Put a refusal at its field (or above the form) and roll back whatever the request wrote."""
    rollback_request()
    field = getattr(form, fout.veld, None) if getattr(fout, "veld", None) else None
    if field is not None:
        field.errors = [*field.errors, str(fout)]
    else:
        form.form_errors.append(str(fout))


def render_form(template: str, form=None, **context):
    """A form page: 422 when it carries errors, 200 otherwise; writers see the privacy hint."""
    context.setdefault("privacy_hint", PRIVACY_HINT)
    has_errors = form is not None and bool(form.errors)
    return render_template(template, form=form, **context), 422 if has_errors else 200


def bewaar(form, opslaan, melding: str, naar):
    """Validate `form` and call `opslaan()`; on success flash `melding` and redirect to `naar(result)`.

    None means: show the form again (with its errors, after a refusal rolled the request back)."""
    if form.validate_on_submit():
        try:
            result = opslaan()
        except Weigering as fout:
            toon_fout(form, fout)
        else:
            flash(melding, "success")
            return redirect(naar(result))
    return None


def weiger_en_terug(fout: Exception | str, url: str):
    """For one-button actions: roll back, show the refusal as a message and go back to `url`."""
    rollback_request()
    flash(str(fout), "error")
    return redirect(url), 303
