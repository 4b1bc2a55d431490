"""Two directors' decisions that race can never commit more than a year's budget (PostgreSQL only).

Sixteen assessed applications each ask € 30.000 for 2026 on a line holding € 200.000: room for six.
Eight threads, started together at a barrier, each grant two of them at once. Exactly six grants
succeed, the other ten are refused with the euro message at the year's field, and nothing else fails."""

import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from tests.conftest import in_threads
from wijkportaal.begroting import queries as begroting_queries
from wijkportaal.core.errors import Weigering
from wijkportaal.initiatieven.models import Aanvraag
from wijkportaal.subsidie import services
from wijkportaal.subsidie.models import Uitkomst

THREADS = 8
PER_THREAD = 2
AMOUNT = 30_000_00
ALLOWED = 6  # 6 × € 30.000 = € 180.000 of € 200.000


def test_racing_grants_never_commit_more_than_the_years_budget(
    app, database_url, db, maak_beoordeeld, directeur, runner
):
    if not database_url.startswith("postgresql"):
        pytest.skip("the race needs PostgreSQL (set WIJKPORTAAL_TEST_DATABASE_URL); SQLite has one writer")
    ids = [maak_beoordeeld(f"Initiatief {i}", AMOUNT).id for i in range(THREADS * PER_THREAD)]
    engine = app.extensions["db_engine"]
    barrier = threading.Barrier(THREADS)
    successes, refusals = Counter(), Counter()
    unexpected: list[BaseException] = []

    def worker(n: int) -> None:
        with app.app_context(), Session(engine, expire_on_commit=False) as session:
            session.execute(sa.select(1))
            barrier.wait(timeout=30)
            for aid in ids[n * PER_THREAD : (n + 1) * PER_THREAD]:
                try:
                    services.beslis(
                        session,
                        directeur,
                        session.get(Aanvraag, aid),
                        Uitkomst.TOEKENNEN,
                        "Goed",
                        {2026: AMOUNT},
                    )
                    session.commit()
                    successes[n] += 1
                except Weigering as fout:
                    session.rollback()
                    refusals[(fout.veld, str(fout).replace("\u00a0", " "))] += 1
                except BaseException as exc:  # deadlock, serialization failure, anything
                    session.rollback()
                    unexpected.append(exc)

    in_threads(worker, THREADS, timeout=120)
    assert unexpected == []
    assert sum(successes.values()) == ALLOWED
    assert refusals == {
        (
            "bedrag_2026",
            "Er is € 20.000,00 beschikbaar op 'Nieuwe initiatieven' in 2026; u vraagt € 30.000,00.",
        ): (THREADS * PER_THREAD - ALLOWED)
    }
    db.expire_all()
    statussen = Counter(db.exec(select(Aanvraag.status).where(Aanvraag.id.in_(ids))).all())
    assert statussen == {"toegekend": ALLOWED, "beoordeeld": THREADS * PER_THREAD - ALLOWED}
    regel = begroting_queries.overzicht(db, 2026).groepen[0].regels[0].bedragen
    assert (regel.toegezegd, regel.resterend) == (18_000_000, 2_000_000)
    check = runner.invoke(args=["ledger", "check"])
    assert check.exit_code == 0, check.output
