"""The shared form pieces: the base form (WTForms' bundled Dutch messages and the BSN check of every
free-text field), choices, checkboxes, counts, money, and the idempotency key of a form that creates
something."""

import uuid

from flask import request
from flask_wtf import FlaskForm
from markupsafe import Markup, escape
from wtforms import Field, HiddenField, PasswordField, SelectChoice, SelectMultipleField, StringField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, html_params

import ledger
from wijkportaal.core import idempotentie
from wijkportaal.core.invoer import lees_aantal
from wijkportaal.core.privacy import BSN_MESSAGE, bevat_bsn


class Form(FlaskForm):
    """The base of every form. Wijkportaal stores no pupil data, so every free-text field (a StringField
    or TextAreaField, or a subclass) refuses a BSN-like number, without anyone having to remember it.
    A field opts out by naming it in `zonder_bsn_controle`; a field class by `bsn_controle = False`
    (passwords, hidden fields, counts and amounts)."""

    zonder_bsn_controle: tuple[str, ...] = ()

    class Meta:
        locales = ("nl_NL", "nl")

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for name, field in self._fields.items():
            if _controleer_bsn(field) and name not in self.zonder_bsn_controle and bevat_bsn(field.data):
                if BSN_MESSAGE not in field.errors:
                    field.errors = [*field.errors, BSN_MESSAGE]
                    self._errors = None  # WTForms caches form.errors
                ok = False
        return ok


def _controleer_bsn(field) -> bool:
    return (
        isinstance(field, StringField)
        and not isinstance(field, PasswordField | HiddenField)
        and getattr(field, "bsn_controle", True)
        and isinstance(field.data, str)
    )


def keuzes(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class AantalField(StringField):
    """A whole number ≥ 0, typed as text so '3,5' and '-2' get a clear Dutch message (and stay in the
    field to correct); after validation `data` is the int (None when left empty and not required)."""

    bsn_controle = False

    def __init__(
        self, *args, verplicht: bool = True, maximum: int = 100_000, te_groot: str | None = None, **kw
    ):
        super().__init__(*args, **kw)
        self.verplicht, self.maximum, self.te_groot = verplicht, maximum, te_groot
        if verplicht:
            self.flags.required = True

    def pre_validate(self, form) -> None:
        if not self.verplicht and not str(self.data or "").strip():
            self.data = None
            return
        try:
            self.data = lees_aantal(self.data, self.maximum, self.te_groot)
        except ValueError as fout:
            raise ValidationError(str(fout)) from fout


class CheckboxesField(SelectMultipleField):
    """A multiple choice rendered as checkboxes; unknown values are refused by pre_validate."""

    widget = ListWidget(prefix_label=False, html_tag="ul")
    option_widget = CheckboxInput()

    def process_formdata(self, valuelist) -> None:
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError("Kies alleen uit de genoemde mogelijkheden.") from exc

    def pre_validate(self, form) -> None:
        if self.data and not set(self.data) <= {choice.value for choice in self.choices}:
            raise ValidationError("Kies alleen uit de genoemde mogelijkheden.")


def _lichte_select(field, **kwargs) -> Markup:
    kwargs.setdefault("id", field.id)
    gekozen = field.data or ""
    opties = "".join(
        f'<option value="{escape(waarde)}"{" selected" if waarde == gekozen else ""}>{escape(label)}</option>'
        for waarde, label in field.choices
    )
    return Markup(f"<select {html_params(name=field.name, **kwargs)}>{opties}</select>")


class LichteKeuzeField(Field):
    """A <select> of many (value, label) string pairs, rendered in one pass and checked against a set:
    WTForms' SelectField builds a choice object and its attributes per option, which for the 1,500
    wijken of the national dataset took a fifth of the initiatives overview's time. Empty means no choice."""

    widget = staticmethod(_lichte_select)

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.choices: list[tuple[str, str]] = []

    def process_formdata(self, valuelist) -> None:
        self.data = valuelist[0] if valuelist else None

    def pre_validate(self, form) -> None:
        if self.data and self.data not in {waarde for waarde, _ in self.choices}:
            raise ValidationError("Kies een waarde uit de lijst.")


class BedragField(StringField):
    """An amount in euros ('1.234,56' or '1234.56'); `cents` holds the exact value after validation."""

    bsn_controle = False
    cents: int | None = None

    def __init__(self, *args, optional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.optional = optional

    def pre_validate(self, form) -> None:
        self.cents = None
        if not (self.data or "").strip():
            if self.optional:
                return
            raise ValidationError("Vul een bedrag in.")
        try:
            self.cents = ledger.parse_amount(self.data)
        except ledger.AmountError as fout:
            raise ValidationError(str(fout)) from fout


class SleutelMixin:
    """A form that creates something: an idempotency key made when the form is shown, so that
    submitting it twice creates once (see `wijkportaal.core.idempotentie`)."""

    sleutel = HiddenField(default=lambda: str(uuid.uuid4()))

    def nieuwe_sleutel(self) -> None:
        if not self.sleutel.data:
            self.sleutel.data = str(uuid.uuid4())

    def validate_sleutel(self, field) -> None:
        if not field.data or len(field.data) > idempotentie.MAX_SLEUTEL:
            raise ValidationError("Het formulier is onvolledig; laad de pagina opnieuw.")

    def _fingerprint(self) -> str:
        invoer = {k: v for k, v in self.data.items() if k not in ("sleutel", "csrf_token", "submit")}
        return idempotentie.digest(request.endpoint, request.view_args, invoer)

    def eenmalig(self, session, user, soort, maak):
        """`maak(ledger_key)` once for this user and this form's key; a repeat returns the original record."""
        record, _nieuw = idempotentie.eenmalig(
            session, user, self.sleutel.data, self._fingerprint(), soort, maak
        )
        return record

    def is_herhaling(self, session, user, soort):
        """The record this form's key already made with the same content (a repeated confirmation, a
        second click, a reload), or None."""
        if request.method != "POST":
            return None
        return idempotentie.eerder(session, user, self.sleutel.data or "", self._fingerprint(), soort)
