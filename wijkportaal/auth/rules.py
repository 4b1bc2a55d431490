"""Pure rules of logging in: where a login may send the user back to, and when a session has ended."""

import unicodedata
from datetime import datetime, timedelta
from urllib.parse import unquote, urlsplit, urlunsplit

MAX_VOLGENDE = 2000  # longer is no page of this site; a browser's address bar holds about this much


def veilige_volgende(waarde: str | None) -> str | None:
    """`waarde` as a path on this site to return to after logging in, or None when it could lead elsewhere.

    Whitespace and control characters go first (browsers drop tab, CR and LF inside a URL, so `/\\t/evil`
    would become `//evil`); then the value must be a path: no scheme, no host, one leading slash, and no
    backslash (browsers read it as a slash). The same holds for the path percent-decoded, so `/%2F/evil` or
    `/%5Cevil` cannot turn into a host on a second decoding, nor after Unicode folding (NFKC)."""
    if not waarde or len(waarde) > MAX_VOLGENDE:
        return None
    schoon = "".join(teken for teken in waarde if not _weg(teken))
    if not _eigen_pad(schoon):
        return None
    try:
        delen = urlsplit(schoon)
    except ValueError:  # e.g. an unbalanced "[" that looks like an IPv6 host
        return None
    if delen.scheme or delen.netloc or not _eigen_pad(delen.path):
        return None
    ontsleuteld = delen.path
    for _ in range(3):  # %25252F… : a path that still changes after three decodings is refused
        volgende = unquote(ontsleuteld)
        if volgende == ontsleuteld:
            break
        ontsleuteld = volgende
        if not _eigen_pad(ontsleuteld) or any(_weg(teken) for teken in ontsleuteld):
            return None
    else:
        return None
    if not _eigen_pad(unicodedata.normalize("NFKC", ontsleuteld)):  # "／" or "＼" that something folds to "/"
        return None
    return urlunsplit(("", "", delen.path, delen.query, delen.fragment))


def _weg(teken: str) -> bool:
    """Whitespace, and every control, format or unassigned character (C0, DEL, C1, zero-width, bidi …)."""
    return teken.isspace() or unicodedata.category(teken)[0] in "CZ"


def _eigen_pad(pad: str) -> bool:
    return pad.startswith("/") and not pad.startswith("//") and "\\" not in pad


def sessie_verlopen(
    aangemaakt_op: datetime,
    laatst_actief_op: datetime,
    nu: datetime,
    *,
    inactief: timedelta,
    maximaal: timedelta,
) -> bool:
    """A session ends after `inactief` without a request, and `maximaal` after the login whatever the use."""
    return nu - laatst_actief_op > inactief or nu - aangemaakt_op > maximaal
