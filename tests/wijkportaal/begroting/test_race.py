"""Committing more than a year's budget is impossible, also when decisions race (PostgreSQL only).

Each round sets a fresh line's budget for 2026 to ALLOWED × AMOUNT plus a remainder too small for one
more commitment, and lets THREADS threads, started together at a barrier, each try ATTEMPTS
commitments of AMOUNT through `zeg_toe`: twice what the line holds. Exactly ALLOWED succeed, the rest
are refused with the euro message, and nothing else goes wrong."""

import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from tests.conftest import in_threads
from wijkportaal.begroting import queries, services
from wijkportaal.begroting.models import Groep, Regel
from wijkportaal.core.errors import Weigering
from wijkportaal.core.roles import Rol

THREADS = 8
ATTEMPTS = 5  # 40 attempts for ALLOWED = 20 commitments
AMOUNT = 1_000_000  # € 10.000
ALLOWED = 20
REMAINDER = AMOUNT - 1
ROUNDS = 3


def _lijn(engine, swv, round_no: int) -> Regel:
    with Session(engine, expire_on_commit=False) as session:
        groep = Groep(naam=f"Samenwerking (race {round_no})")
        session.add(groep)
        session.flush()
        regel = Regel(groep_id=groep.id, naam="Nieuwe initiatieven")
        session.add(regel)
        session.flush()
        services.stel_bedrag_vast(session, swv, regel, 2026, ALLOWED * AMOUNT + REMAINDER)
        session.commit()
        return regel


def _race(engine, swv, regel) -> tuple[int, Counter, list[BaseException]]:
    barrier = threading.Barrier(THREADS)
    successes, refusals = Counter(), Counter()
    unexpected: list[BaseException] = []

    def worker(n: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            session.execute(sa.select(1))  # check out the connection before the start signal
            barrier.wait(timeout=30)
            for i in range(ATTEMPTS):
                try:
                    services.zeg_toe(
                        session, swv, regel, 2026, AMOUNT, f"Initiatief {n}.{i}", f"race:{regel.id}:{n}:{i}"
                    )
                    session.commit()
                    successes[n] += 1
                except Weigering as fout:
                    session.rollback()
                    refusals[str(fout).replace("\u00a0", " ")] += 1
                except BaseException as exc:  # deadlock, serialization failure, lock timeout, anything
                    session.rollback()
                    unexpected.append(exc)

    in_threads(worker, THREADS, timeout=90)
    return sum(successes.values()), refusals, unexpected


def test_racing_commitments_never_exceed_the_years_budget(app, database_url, make_user, runner):
    if not database_url.startswith("postgresql"):
        pytest.skip(
            "the race test needs PostgreSQL (set WIJKPORTAAL_TEST_DATABASE_URL); SQLite has one writer"
        )
    swv = make_user(Rol.SWV)
    engine = app.extensions["db_engine"]
    for round_no in range(ROUNDS):
        regel = _lijn(engine, swv, round_no)
        successes, refusals, unexpected = _race(engine, swv, regel)
        assert unexpected == [], f"round {round_no}: errors other than a refusal: {unexpected[:3]!r}"
        assert successes == ALLOWED, f"round {round_no}: {successes} commitments, the budget allows {ALLOWED}"
        assert refusals == {
            "Er is € 9.999,99 beschikbaar op 'Nieuwe initiatieven' in 2026; u vraagt € 10.000,00.": (
                THREADS * ATTEMPTS - ALLOWED
            )
        }
        with Session(engine) as session:
            [groep] = [g for g in queries.overzicht(session, 2026).groepen if g.naam.endswith(f"{round_no})")]
            assert groep.bedragen.als_dict() == {
                "begroot": 20_999_999,
                "toegezegd": 20_000_000,
                "betaald": 0,
                "resterend": 999_999,
            }
    check = runner.invoke(args=["ledger", "check"])
    assert check.exit_code == 0, check.output


def test_two_imports_at_once_one_is_refused_whole_and_can_be_run_again(app, database_url, make_user):
    """The second import waits for the first one's new groups; when the first commits, the second is
    refused with a message (nothing half-imported), and running it again finds nothing to change."""
    if not database_url.startswith("postgresql"):
        pytest.skip("needs PostgreSQL's row locks (set WIJKPORTAAL_TEST_DATABASE_URL); SQLite has one writer")
    from wijkportaal.begroting.rules import lees_bestand

    from .conftest import PLAN

    rijen = lees_bestand(PLAN.read_bytes(), PLAN.name).rijen
    swv = make_user(Rol.SWV)
    engine = app.extensions["db_engine"]
    uitkomst: list[object] = []
    with Session(engine, expire_on_commit=False) as eerste:
        services.importeer(eerste, swv, rijen, PLAN.name)

        def tweede_import() -> None:
            with Session(engine, expire_on_commit=False) as tweede:
                try:
                    services.importeer(tweede, swv, rijen, PLAN.name)
                    tweede.commit()
                    uitkomst.append("ingelezen")
                except Weigering as fout:
                    tweede.rollback()
                    uitkomst.append(str(fout))

        thread = threading.Thread(target=tweede_import)
        thread.start()
        thread.join(timeout=2)
        assert thread.is_alive(), "the second import should wait for the first one's new groups"
        eerste.commit()
    thread.join(timeout=60)
    assert uitkomst == ["Tegelijk is een ander begrotingsbestand ingelezen. Lees dit bestand opnieuw in."]
    with Session(engine) as session:
        assert services.importeer(session, swv, rijen, PLAN.name).niets_veranderd
        assert queries.overzicht(session, 2026).totaal.begroot == 481_519_900
