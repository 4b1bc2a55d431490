"""Money is exact: integer euro cents in storage, Decimal at the edges, never float."""

import re
from decimal import Decimal

CURRENCY = "EUR"
CENT = Decimal("0.01")


class AmountError(ValueError):
    """An amount the ledger refuses; the message is Dutch and shown to the user."""


def parse_amount(value, *, currency: str = CURRENCY, allow_zero: bool = False) -> int:
    """A positive amount in euros (str, int or Decimal) as cents; text in Dutch ('1.234,56', '20.000')
    or plain notation ('1234.56', '12.50') only."""
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


_PLAIN = re.compile(r"\d+(\.\d{2})?")  # 1234 or 1234.56: no thousands separators, cents with two digits
_DUTCH = re.compile(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?")  # 1.234,56 · 20.000 · 1234,5
_ONE_DECIMAL = re.compile(r"\d+\.\d")


def _parse_text(text: str) -> Decimal:
    """Exactly two notations: Dutch (1.234,56 · 20.000 · € 1.000) and plain (1234.56 · 12.50).

    Anything else is refused rather than guessed: 1e5 is not € 100.000, and 12.5 is one keystroke
    away from 12.500."""
    if _OTHER_CURRENCY.search(text.upper()):
        raise AmountError("Alleen bedragen in euro's zijn mogelijk.")
    cleaned = _EURO.sub("", text.strip().replace("\u00a0", " ")).replace(" ", "")
    negative = cleaned.startswith("-")
    digits = cleaned.removeprefix("-")
    if _PLAIN.fullmatch(digits):
        amount = Decimal(digits)
    elif _DUTCH.fullmatch(digits):
        from babel.numbers import NumberFormatError, parse_decimal

        try:
            amount = parse_decimal(digits, locale="nl_NL", strict=True)
        except NumberFormatError as exc:
            raise AmountError("Dit is geen geldig bedrag.") from exc
    elif "e" in digits.lower() and any(c.isdigit() for c in digits):
        raise AmountError(
            "Schrijf het bedrag voluit, zonder e-notatie: bijvoorbeeld 100.000,00 of 100000.00."
        )
    elif _ONE_DECIMAL.fullmatch(digits):
        raise AmountError(
            f"Is '{digits}' bedoeld als {digits.replace('.', ',')}0 of als {digits}00? Schrijf centen met "
            f"een komma ({digits.replace('.', ',')}0) of met twee cijfers achter de punt ({digits}0)."
        )
    elif re.fullmatch(r"[\d.]+,\d{3,}|\d+\.\d{3,}", digits):
        raise AmountError("Een bedrag heeft hoogstens twee cijfers achter de komma.")
    else:
        raise AmountError(
            "Dit is geen geldig bedrag. Schrijf het als 1.234,56 of 1234.56 (twee cijfers achter de punt)."
        )
    return -amount if negative else amount


def to_decimal(cents: int) -> Decimal:
    """Cents as euros, for display and export."""
    return (Decimal(cents) / 100).quantize(CENT)
