"""Wijkportaal stores no pupil data: refuse free text that holds a BSN-like number."""

import re

# Nine digits, optionally grouped with spaces, dots or dashes (123.456.782, 1234 56 782).
_CANDIDATE = re.compile(r"(?<!\d)\d(?:[ .-]?\d){8}(?!\d)")

PRIVACY_HINT = "Noem geen namen of andere gegevens van leerlingen; schrijf over groepen en aantallen."
BSN_MESSAGE = (
    "Deze tekst bevat een nummer dat op een burgerservicenummer (BSN) lijkt. "
    "Wijkportaal bewaart geen leerlinggegevens: haal het nummer weg."
)


def elfproef(digits: str) -> bool:
    """The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def bevat_bsn(text: str | None) -> bool:
    if not text:
        return False
    return any(elfproef(re.sub(r"\D", "", m.group())) for m in _CANDIDATE.finditer(text))
