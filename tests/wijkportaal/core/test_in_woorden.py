"""The amount in words on a confirmation page, as on a cheque."""

import pytest

from wijkportaal.core.web import in_woorden


@pytest.mark.parametrize(
    ("cents", "woorden"),
    [
        (10_000_000, "honderdduizend euro"),
        (2_400_000, "vierentwintigduizend euro"),
        (100_000, "duizend euro"),
        (100, "één euro"),
        (1_234_567, "twaalfduizenddriehonderdvijfenveertig euro en zevenenzestig cent"),
        (1_250, "twaalf euro en vijftig cent"),
        (1, "één cent"),
        (100_000_000_000, "een miljard euro"),
    ],
)
def test_amount_in_words(cents, woorden):
    assert in_woorden(cents) == woorden
