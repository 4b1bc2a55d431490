"""Demo referral counts for the Geen Kind de Buurt Uit monitor: fictional, in proportion to pupils,
adding up to about the 373 referrals a year the Ondersteuningsplan names for the whole SWV."""

import random

from sqlmodel import Session, func, select

from wijkportaal.core.clock import schooljaar_van
from wijkportaal.monitor.models import Verwijzingstelling
from wijkportaal.wijken.models import SCHOOLSOORTEN, Organisatie, Wijk

TOTAAL_PER_JAAR = 373
BASISJAAR = 2023
# Osdorp and Bos en Lommer pool their budgets (Geen Kind de Buurt Uit) and refer fewer pupils each year.
DALING = {"osdorp": (0.12, 0.28), "bos-en-lommer": (0.10, 0.25)}


def laad_verwijzingen(session: Session, today, seed: int) -> int:
    """Counts for the baseline year and every finished school year since; returns the number of rows."""
    rng = random.Random(f"{seed}:verwijzingen")
    leerlingen = dict(
        session.exec(
            select(Organisatie.wijk_id, func.sum(Organisatie.leerlingen))
            .where(Organisatie.soort.in_(list(SCHOOLSOORTEN)), Organisatie.wijk_id.is_not(None))
            .group_by(Organisatie.wijk_id)
        ).all()
    )
    totaal = sum(int(v or 0) for v in leerlingen.values()) or 1
    laatste = schooljaar_van(today) - 1  # the last finished school year
    rijen = []
    for wijk in session.exec(select(Wijk).order_by(Wijk.code)):
        basis = max(2, round(TOTAAL_PER_JAAR * int(leerlingen.get(wijk.id) or 0) / totaal))
        sbo_deel = rng.uniform(0.55, 0.65)
        aantal = basis
        for jaar in range(BASISJAAR, laatste + 1):
            if jaar > BASISJAAR:
                dalingen = DALING.get(wijk.code, (0.02, 0.04))
                aantal = max(0, round(aantal * (1 - rng.uniform(*dalingen))))
            sbo = round(aantal * sbo_deel)
            rijen.append(Verwijzingstelling(wijk_id=wijk.id, schooljaar=jaar, sbo=sbo, so=aantal - sbo))
    session.add_all(rijen)
    session.flush()
    return len(rijen)
