"""No pupil data: free text with a BSN-like number (nine digits passing the elfproef) is refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wijkportaal.core.privacy import bevat_bsn, elfproef


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_valid_bsns_pass_the_elfproef(bsn):
    assert elfproef(bsn)


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678", "1234567890"])
def test_other_numbers_fail(number):
    assert not elfproef(number)


@pytest.mark.parametrize(
    "text",
    ["BSN 111222333", "leerling 111.222.333 thuis", "nummer 1112 22 333", "(111-222-333)"],
)
def test_bsn_like_numbers_in_text_are_found(text):
    assert bevat_bsn(text)


@pytest.mark.parametrize(
    "text",
    ["", None, "Op 12-03-2026 met 25 leerlingen", "telefoon 0201234567", "IBAN 1234567890", "1112223330"],
)
def test_ordinary_text_passes(text):
    assert not bevat_bsn(text)


@given(st.integers(10_000_000, 99_999_999))
def test_exactly_one_check_digit_completes_a_bsn(first_eight):
    digits = str(first_eight)
    completions = [d for d in "0123456789" if elfproef(digits + d)]
    assert len(completions) <= 1
    for d in completions:
        assert bevat_bsn(f"dossier {digits}{d} besproken")
