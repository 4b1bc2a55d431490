"""Amounts as Dutch users type them, exactly, with Dutch refusals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger import AmountError, parse_amount, to_decimal


# The two notations the portal accepts, and what it refuses rather than guesses.
@pytest.mark.parametrize(
    ("text", "cents"),
    [
        # Dutch: a dot groups exactly three digits, a comma starts the cents.
        ("1.234,56", 123456),
        ("20.000", 2000000),
        ("€ 1.000", 100000),
        ("€ 12,50", 1250),
        ("12,5", 1250),
        ("0,01", 1),
        ("1234,56", 123456),
        ("1.000.000", 100000000),
        ("12.500", 1250000),
        # Plain: exactly two digits after a dot, no thousands separators.
        ("1234.56", 123456),
        ("12.50", 1250),
        ("1234", 123400),
        # Not text at all.
        (Decimal("3.10"), 310),
        (7, 700),
    ],
)
def test_accepted(text, cents):
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "groter zijn dan nul"),
        ("-1", "positief"),
        ("1,234", "twee cijfers"),
        ("1.2345", "twee cijfers"),
        ("abc", "geen geldig"),
        (1.5, "float"),
        ("NaN", "geen geldig"),
        ("Infinity", "geen geldig"),
        ("1e5", "zonder e-notatie"),  # was booked as € 100.000,00
        ("1E5", "zonder e-notatie"),
        ("1e20", "zonder e-notatie"),
        ("12.5", "bedoeld als 12,50 of als 12.500"),  # one keystroke away from 12.500
        ("1.23,4", "geen geldig"),  # a dot that does not group three digits
        ("1.234.5", "geen geldig"),
        ("1,234.56", "geen geldig"),  # English notation
        ("99999999999999999999", "te groot"),
    ],
)
def test_refused(value, message):
    with pytest.raises(AmountError, match=message):
        parse_amount(value)


@pytest.mark.parametrize("text", ["$ 10", "USD 10", "10 GBP", "£5"])
def test_other_currency_refused(text):
    with pytest.raises(AmountError, match="euro"):
        parse_amount(text)
    with pytest.raises(AmountError, match="euro"):
        parse_amount("10", currency="USD")


@pytest.mark.parametrize("text", ["EUR 10", "€ 10", "10 euro", "10 EUR"])
def test_euro_notations_accepted(text):
    assert parse_amount(text) == 1000


@given(st.integers(1, 10**12))
def test_round_trip_through_dutch_text(cents):
    euros = to_decimal(cents)
    whole, frac = f"{euros:.2f}".split(".")
    dutch = f"{int(whole):,}".replace(",", ".") + "," + frac
    assert parse_amount(dutch) == cents
    assert parse_amount(str(euros)) == cents
