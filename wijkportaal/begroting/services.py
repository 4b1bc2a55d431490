"""The only code that changes the begroting. Amounts move only through the ledger's public API; services
flush, the request (or the command) commits once, and any refusal rolls everything back.

Per line and year (see `models.rekeningen`): setting the budget moves money from the line's budget
account to its free account; a commitment (toezegging) moves it on to the commitment account, a payment
from there to the payment account, and a release back to the free account. The free and commitment
accounts may never go below zero, which the ledger enforces under its lock: two commitments that race
for the last money cannot both succeed."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from ledger import AccountKind, InsufficientFunds, Ledger, LedgerError, NotFound, Posting, TransactionDraft
from wijkportaal.begroting import queries
from wijkportaal.begroting.models import Groep, Regel, Wijziging, rekeningen
from wijkportaal.begroting.rules import EERSTE_JAAR, LAATSTE_JAAR, BegrotingRij
from wijkportaal.core import audit, clock
from wijkportaal.core.db import lock_row
from wijkportaal.core.errors import Weigering
from wijkportaal.core.web import centen


class BegrotingFout(Weigering):
    """A change the rules of the begroting refuse."""


def grootboek(session: Session) -> Ledger:
    return Ledger(session, now=clock.now)


def _door(user) -> str:
    if user is None:
        return "opdrachtregel (flask begroting)"
    return f"{user.naam} <{user.email}> (gebruiker {user.id})"


def _saldo(book: Ledger, code: str) -> int:
    try:
        return book.balance(code).posted
    except NotFound:
        return 0


_SOORTEN = {
    "beschikbaar": AccountKind.BEGROTING,
    "toegezegd": AccountKind.BEGROTING,
    "betaald": AccountKind.UITGAVEN,
}


def _open(book: Ledger, code: str, naam: str, soort: AccountKind) -> None:
    if code not in book.balances([code]):
        book.open_account(code, naam[:200], soort)


def _open_rekening(book: Ledger, regel: Regel, jaar: int, wat: str) -> str:
    """The line's account `wat` in `jaar` (beschikbaar, toegezegd or betaald), opened when missing."""
    code = getattr(rekeningen(regel.id, jaar), wat)
    _open(book, code, f"Begroting {jaar}: {regel.naam} ({wat})", _SOORTEN[wat])
    return code


def _controleer_jaar(jaar: int) -> None:
    if not isinstance(jaar, int) or isinstance(jaar, bool) or not EERSTE_JAAR <= jaar <= LAATSTE_JAAR:
        raise BegrotingFout(f"Kies een jaar tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.", "jaar")


def stel_bedrag_vast(
    session: Session, user, regel: Regel, jaar: int, cents: int, *, bron: str = "formulier"
) -> Wijziging | None:
    """Set the budget of `regel` in `jaar` to `cents`: book only the difference with what is booked and
    record the change with who and when. The same amount again changes nothing (None)."""
    _controleer_jaar(jaar)
    if not isinstance(cents, int) or isinstance(cents, bool) or cents < 0:
        raise BegrotingFout("Een bedrag op de begroting is nul of meer, in hele centen.", "bedrag")
    lock_row(session, Regel, regel.id)  # one change of a line at a time: the difference is read fresh
    book = grootboek(session)
    r = rekeningen(regel.id, jaar)
    oud = queries.bedragen(session, regel, jaar).begroot
    verschil = cents - oud
    if verschil == 0:
        return None
    _open(book, r.vastgesteld, f"Begroting {jaar}: vastgesteld", AccountKind.BUDGET)
    for wat in _SOORTEN:  # all at once, under the line's lock: commitments never open an account
        _open_rekening(book, regel, jaar, wat)
    wijziging = Wijziging(
        regel_id=regel.id,
        jaar=jaar,
        oud_cents=oud,
        nieuw_cents=cents,
        bron=bron[:200],
        gebruiker_id=getattr(user, "id", None),
    )
    session.add(wijziging)
    session.flush()
    try:
        tx = book.post(
            TransactionDraft(
                postings=(Posting(r.vastgesteld, -verschil), Posting(r.beschikbaar, verschil)),
                effective_date=date(jaar, 1, 1),
                description=f"Begroting {jaar}, {regel.naam}: {centen(oud)} wordt {centen(cents)}"[:500],
                entered_by=_door(user),
                idempotency_key=f"begroting:wijziging:{wijziging.id}",
            )
        )
    except InsufficientFunds as fout:
        vrij = _saldo(book, r.beschikbaar)
        raise BegrotingFout(
            f"De begroting van '{regel.naam}' in {jaar} kan niet lager dan {centen(oud - vrij)}: "
            "zoveel is al toegezegd.",
            "bedrag",
        ) from fout
    wijziging.transaction_id = tx.id
    session.flush()
    audit.record(
        session,
        user,
        wijziging,
        "begroting gewijzigd",
        {"regel": regel.naam, "jaar": jaar, "bedrag_cents": [oud, cents], "bron": bron},
    )
    return wijziging


_NIET_BETAALD = "Er is {vrij} toegezegd en nog niet betaald op '{regel}' in {jaar}; "


def _verplaats(
    session: Session,
    user,
    regel: Regel,
    jaar: int,
    van_naar: tuple[str, str],
    cents: int,
    omschrijving: str,
    sleutel: str,
    weigering: str,
    ontvanger: str | None = None,
):
    """Move `cents` between two of the line's accounts in `jaar` (`van_naar`: beschikbaar, toegezegd or
    betaald). Refused with `weigering` when the account it comes from holds less (read under the lock).
    With `ontvanger`, "toegezegd" is that one commitment's own account (see `Rekeningen.toezegging`)."""
    _controleer_jaar(jaar)
    if not isinstance(cents, int) or isinstance(cents, bool) or cents <= 0:
        raise BegrotingFout("Het bedrag moet groter zijn dan nul.", "bedrag")
    if not omschrijving.strip():
        raise BegrotingFout("Geef een omschrijving.", "omschrijving")
    book = grootboek(session)
    r = rekeningen(regel.id, jaar)
    van, naar = (
        r.toezegging(ontvanger) if wat == "toegezegd" and ontvanger else getattr(r, wat) for wat in van_naar
    )
    if ontvanger and van_naar[1] == "toegezegd":
        _open(book, naar, f"Begroting {jaar}: {regel.naam}, toegezegd aan {ontvanger}", AccountKind.BEGROTING)

    def fout(vrij: int) -> BegrotingFout:
        return BegrotingFout(
            weigering.format(vrij=centen(vrij), regel=regel.naam, jaar=jaar, cents=centen(cents)), "bedrag"
        )

    if van not in book.balances([van]):  # nothing was ever budgeted on this line in this year
        raise fout(0)
    try:
        return book.post(
            TransactionDraft(
                postings=(Posting(van, -cents), Posting(naar, cents)),
                effective_date=date(jaar, 1, 1),
                description=omschrijving.strip()[:500],
                entered_by=_door(user),
                idempotency_key=sleutel,
            )
        )
    except InsufficientFunds as exc:
        raise fout(_saldo(book, van)) from exc
    except LedgerError as exc:
        raise BegrotingFout(str(exc), "bedrag") from exc


def zeg_toe(
    session: Session,
    user,
    regel: Regel,
    jaar: int,
    cents: int,
    omschrijving: str,
    sleutel: str,
    ontvanger: str | None = None,
):
    """Commit `cents` of the line's budget in `jaar` (a grant); refused when less is left. With
    `ontvanger` the commitment has its own account (a grant to one initiative), paid and released by name.

    `sleutel` is the ledger's idempotency key: the same commitment again returns the original."""
    weigering = "Er is {vrij} beschikbaar op '{regel}' in {jaar}; u vraagt {cents}."
    return _verplaats(
        session,
        user,
        regel,
        jaar,
        ("beschikbaar", "toegezegd"),
        cents,
        omschrijving,
        sleutel,
        weigering,
        ontvanger,
    )


def betaal(
    session: Session,
    user,
    regel: Regel,
    jaar: int,
    cents: int,
    omschrijving: str,
    sleutel: str,
    ontvanger: str | None = None,
):
    """Pay `cents` against the line's commitments in `jaar`; never more than is committed and unpaid."""
    weigering = _NIET_BETAALD + "u vraagt {cents}."
    return _verplaats(
        session,
        user,
        regel,
        jaar,
        ("toegezegd", "betaald"),
        cents,
        omschrijving,
        sleutel,
        weigering,
        ontvanger,
    )


def geef_vrij(
    session: Session,
    user,
    regel: Regel,
    jaar: int,
    cents: int,
    omschrijving: str,
    sleutel: str,
    ontvanger: str | None = None,
):
    """Release committed money that will not be paid back to the line's free budget in `jaar`."""
    weigering = _NIET_BETAALD + "u wilt {cents} vrijgeven."
    return _verplaats(
        session,
        user,
        regel,
        jaar,
        ("toegezegd", "beschikbaar"),
        cents,
        omschrijving,
        sleutel,
        weigering,
        ontvanger,
    )


# Import


@dataclass(frozen=True)
class Resultaat:
    """What an import changed: new groups and lines, and every changed amount."""

    nieuwe_groepen: list[str]
    nieuwe_regels: list[str]
    wijzigingen: list[tuple[str, str, int, int, int]]  # groep, regel, jaar, oud, nieuw

    @property
    def niets_veranderd(self) -> bool:
        return not (self.nieuwe_groepen or self.nieuwe_regels or self.wijzigingen)


def importeer(session: Session, user, rijen: list[BegrotingRij], bron: str) -> Resultaat:
    """Bring the begroting in line with the rows of a file (already read without errors): groups and
    lines that are new are added, every amount that differs is set. Lines not in the file stay as they are.

    Two imports at the same moment that both add a group, a line or a year: the one that commits first
    wins, the other is refused whole (the caller rolls it back) and can simply be run again."""
    try:
        return _importeer(session, user, rijen, bron)
    except IntegrityError as fout:
        raise BegrotingFout(
            "Tegelijk is een ander begrotingsbestand ingelezen. Lees dit bestand opnieuw in.", "bestand"
        ) from fout


def _importeer(session: Session, user, rijen: list[BegrotingRij], bron: str) -> Resultaat:
    groepen = {g.naam: g for g in session.exec(select(Groep))}
    regels = {(r.groep_id, r.naam): r for r in session.exec(select(Regel))}
    nieuwe_groepen, nieuwe_regels, wijzigingen = [], [], []
    groep_volgorde: dict[str, int] = {}
    for rij in rijen:
        groep_volgorde.setdefault(rij.groep, len(groep_volgorde))
        groep = groepen.get(rij.groep)
        if groep is None:
            groep = Groep(naam=rij.groep, volgorde=groep_volgorde[rij.groep])
            session.add(groep)
            session.flush()
            groepen[groep.naam] = groep
            nieuwe_groepen.append(groep.naam)
            audit.record(session, user, groep, "aangemaakt", {"naam": groep.naam, "bron": bron})
        elif groep.volgorde != groep_volgorde[rij.groep]:
            groep.volgorde = groep_volgorde[rij.groep]
        regel = regels.get((groep.id, rij.regel))
        if regel is None:
            regel = Regel(groep_id=groep.id, naam=rij.regel, volgorde=rij.rij)
            session.add(regel)
            session.flush()
            regels[(groep.id, regel.naam)] = regel
            nieuwe_regels.append(f"{groep.naam} / {regel.naam}")
            audit.record(session, user, regel, "aangemaakt", {"groep": groep.naam, "naam": regel.naam})
        elif regel.volgorde != rij.rij:
            regel.volgorde = rij.rij
        for jaar, cents in sorted(rij.bedragen.items()):
            wijziging = stel_bedrag_vast(session, user, regel, jaar, cents, bron=bron)
            if wijziging is not None:
                wijzigingen.append((groep.naam, regel.naam, jaar, wijziging.oud_cents, cents))
    session.flush()
    return Resultaat(nieuwe_groepen, nieuwe_regels, wijzigingen)
