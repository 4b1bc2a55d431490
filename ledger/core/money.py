"""Money is exact: integer euro cents in storage, Decimal at the edges, never float."""

import re
from decimal import Decimal, InvalidOperation

CURRENCY = "EUR"
_DUTCH_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
CENT = Decimal("0.01")


class AmountError(ValueError):
    """An amount the ledger refuses; the message is Dutch and shown to the user."""


def parse_amount(value, *, currency: str = CURRENCY, allow_zero: bool = False) -> int:
    """A positive amount in euros (str, int or Decimal; '1.234,56' and '1234.56' both work) as cents."""
    if currency != CURRENCY:
        raise AmountError(f"Alleen bedragen in euro's zijn mogelijk (niet {currency}).")
    if isinstance(value, float | bool):
        raise AmountError("Geef het bedrag als tekst of decimaal getal, niet als kommagetal (float).")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    else:
        amount = _parse_text(str(value))
    if not amount.is_finite():
        raise AmountError("Dit is geen geldig bedrag.")
    if amount >= Decimal(10) ** 13 or amount <= -(Decimal(10) ** 13):
        raise AmountError("Dit bedrag is te groot.")
    cents = amount.quantize(CENT)
    if cents != amount:
        raise AmountError("Een bedrag heeft hoogstens twee cijfers achter de komma.")
    if cents < 0:
        raise AmountError("Het bedrag moet positief zijn.")
    if cents == 0 and not allow_zero:
        raise AmountError("Het bedrag moet groter zijn dan nul.")
    return int(cents * 100)


_OTHER_CURRENCY = re.compile(
    r"[$£¥₹]|\b(USD|GBP|JPY|CHF|SEK|NOK|DKK|PLN|CZK|HUF|CNY|INR|AUD|CAD|TRY|MAD|SRD|ANG)\b"
)
_EURO = re.compile(r"(?i)^(eur(o)?|€)\s*|\s*(eur(o)?|€)$")


def _parse_text(text: str) -> Decimal:
    if _OTHER_CURRENCY.search(text.upper()):
        raise AmountError("Alleen bedragen in euro's zijn mogelijk.")
    cleaned = _EURO.sub("", text.strip().replace("\u00a0", " ")).replace(" ", "")
    if "," in cleaned or _DUTCH_THOUSANDS.fullmatch(cleaned):  # Dutch notation: 1.234,56 and 20.000
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation as exc:
        raise AmountError("Dit is geen geldig bedrag.") from exc


def to_decimal(cents: int) -> Decimal:
    """Cents as euros, for display and export."""
    return (Decimal(cents) / 100).quantize(CENT)
