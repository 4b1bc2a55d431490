"""The helpers every blueprint's views share: show a refusal, render a form page, go back after one,
and book money in two steps."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, render_template, request
from flask_login import current_user

import ledger
from wijkportaal.core.db import get_session, rollback_request
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


# Money in two steps: nothing is booked before the user saw the amount in words and its effect.

BEVESTIGEN, TERUG = "bevestigen", "terug"


@dataclass(frozen=True)
class Saldo:
    """The effect of a booking on one balance: `label` goes from `voor` to `na` (cents)."""

    label: str
    voor: int
    na: int


@dataclass(frozen=True)
class Bevestiging:
    """What the confirmation page of a money form shows: the amount (in figures and in words), the pot,
    further facts as (label, value) rows, the effect on the balances, and what happens next."""

    titel: str
    bedrag_cents: int | None  # None: a decision without an amount (shown without the amount row)
    pot: str
    regels: tuple[tuple[str, str], ...] = ()
    saldi: tuple[Saldo, ...] = ()
    uitleg: str = ""
    pot_label: str = "Pot"  # what `pot` names: a pot, a budget line, a round


def in_twee_stappen(
    form,
    bevestiging: Callable[[], Bevestiging],
    boek: Callable[[], object],
    *,
    origineel: tuple[type, Callable[[Any], str]],
):
    """A form that moves money, in two steps that work without JavaScript.

    Step 1 (the form's own button) validates and shows the confirmation page `bevestiging()` builds;
    nothing is booked. Its "Bevestigen" posts the same values again, with the form's idempotency key,
    and only then `boek()` runs; its "Terug" shows the filled form. Returns the response to send, or
    None: show the form (with its errors, if any). A refusal raised by `bevestiging()` or `boek()` is
    put at its field.

    `origineel` = (the record type `boek()` makes, the address of one): a repeated "Bevestigen" (a second
    click, a reload, the back button) with a key that already booked goes to what it booked, before the
    form is checked again against the state the first booking changed; nothing is booked twice."""
    if request.method != "POST" or request.form.get("actie") == TERUG:
        return None
    if request.form.get("actie") == BEVESTIGEN:
        soort, adres = origineel
        record = form.is_herhaling(get_session(), current_user, soort)
        if record is not None:
            flash("Dit was al geboekt; er is niets opnieuw geboekt.", "info")
            return redirect(adres(record))
    if not form.validate_on_submit():
        return None
    try:
        if request.form.get("actie") == BEVESTIGEN:
            return boek()
        inhoud = bevestiging()
    except (Weigering, ledger.LedgerError) as fout:
        toon_fout(form, fout)
        return None
    velden = [
        (veld.name, waarde)
        for veld in form
        if veld.name != "csrf_token"
        for waarde in request.form.getlist(veld.name) or _verborgen_waarde(veld)
    ]
    return render_template("_bevestig.html", b=inhoud, velden=velden)


def meteen_bevestigen(form, bevestiging: Callable[[], Bevestiging]):
    """Step 2 straight from a link (an item on the start page): the confirmation page for the values the
    form starts with, so the task is done with one more click ("Terug" shows the form to change them).
    None when `bevestiging()` refuses them: show the form with the refusal at its field."""
    try:
        inhoud = bevestiging()
    except (Weigering, ledger.LedgerError) as fout:
        toon_fout(form, fout)
        return None
    velden = [(veld.name, veld._value()) for veld in form if veld.name != "csrf_token"]
    return render_template("_bevestig.html", b=inhoud, velden=velden)


def _verborgen_waarde(veld) -> list[str]:
    """A hidden field the request left out keeps the value the form gave it (a new idempotency key)."""
    return [str(veld.data)] if veld.type == "HiddenField" and veld.data else []
