"""The only code that writes wijk boundaries: the import and the demo replace them all at once."""

from collections.abc import Mapping

import sqlalchemy as sa
from sqlmodel import Session

from wijkportaal.core import clock
from wijkportaal.wijken.models import Wijkgrens

_MAX_BRON = 200


def vervang_grenzen(
    session: Session, geometrieen: Mapping[int, str], *, bron: str, is_schematisch: bool
) -> int:
    """Replace every stored boundary by `geometrieen` (wijk id → GeoJSON geometry text in WGS84).

    Wijken not in `geometrieen` are left without a boundary, so a map never mixes two imports.
    The caller's transaction makes this all or nothing."""
    session.execute(sa.delete(Wijkgrens))
    nu = clock.now()
    session.add_all(
        Wijkgrens(
            wijk_id=wijk_id,
            geometrie=geometrie,
            is_schematisch=is_schematisch,
            bron=bron[:_MAX_BRON],
            bijgewerkt_op=nu,
        )
        for wijk_id, geometrie in geometrieen.items()
    )
    session.flush()
    return len(geometrieen)
