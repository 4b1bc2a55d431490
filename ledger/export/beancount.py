"""The ledger as a Beancount v3 file: pure functions, streamed line by line.

Account roots. Beancount's sign convention is ours: a positive amount goes *into* an account (a
debit), a negative one comes out of it (a credit). So our cents are written as they are, and each
kind gets the root under which its natural balance has Beancount's expected sign:

- ``pot`` → ``Assets``: pooled money held for a wijk; its balance is positive.
- ``aanpak`` → ``Assets``: money allocated to a collective approach and not yet spent; positive.
- ``begroting`` → ``Assets``: a budget line's money for one year, free to commit or committed and
  not yet paid; positive (its counterpart is the line's ``budget`` account).
- ``uitgaven`` → ``Expenses``: money that has left the ledger as spending; positive.
- ``bijdrage`` → ``Equity``: what a participant (a board, the SWV, a partner) put into the pools
  is its stake in money the participants hold together, not income the pool earned; negative.
- ``budget`` → ``Equity``: an SWV budget line such as "Nieuwe initiatieven"; the SWV is the
  partnership of the boards, so this too is the participants' own money; negative.
- ``cofinanciering`` → ``Income``: money from outside the partnership (the municipality, partners),
  received like a grant; negative.

No kind is a liability: a pledge (toezegging) is not in the ledger until it is paid in. Reservations
are not postings and are not exported; the exported balances are the posted ones.

Account names. A code such as ``pot:osdorp:2025-2026`` becomes ``Assets:Pot:Osdorp:2025-2026``: the
root of its kind, then one component per ``:``-separated part of the code, each ``-``-separated word
capitalised. For a *plain* code (every part matches ``[a-z0-9][a-z0-9-]*``) this is reversible
(lower-case the name without its root), so plain codes never collide. Any other code (capitals,
accents, spaces, other signs, empty parts) is reduced to ``[A-Za-z0-9-]`` and gets a last word
``0X`` + 12 hex digits of the SHA-256 of the code; a plain code never yields a word that starts with
``0X`` (only a word's first letter is capitalised), so the two groups cannot collide either. The name
depends on the code and kind only, so it is the same in every export. `account_names` still checks
that the mapping is one-to-one, and every ``open`` directive carries the original code as metadata.

Dates. An account is opened on the earlier of its opening date and its first use, and closed on the
later of its closing date and its last use (effective dates may lie before the day an account was
opened or after it was closed). The caller passes first and last use (one aggregate query); the
stream refuses a posting outside the account's open period instead of writing a file that
``bean-check`` would reject.
"""

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from ledger.core.model import AccountKind, PostedTransaction

CURRENCY = "EUR"

ROOTS: dict[AccountKind, str] = {
    AccountKind.POT: "Assets",
    AccountKind.AANPAK: "Assets",
    AccountKind.BEGROTING: "Assets",
    AccountKind.UITGAVEN: "Expenses",
    AccountKind.BIJDRAGE: "Equity",
    AccountKind.BUDGET: "Equity",
    AccountKind.COFINANCIERING: "Income",
}

_PLAIN_PART = re.compile(r"[a-z0-9][a-z0-9-]*")
_NOT_ALLOWED = re.compile(r"[^a-z0-9]+")
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f]')
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class ExportError(ValueError):
    """The ledger cannot be written as a valid Beancount file (a bug or a damaged ledger)."""


@dataclass(frozen=True)
class ExportAccount:
    code: str
    naam: str
    kind: AccountKind
    opened: date
    closed: date | None = None
    first_used: date | None = None  # earliest effective date of a posting to it
    last_used: date | None = None  # latest effective date of a posting to it

    @property
    def open_date(self) -> date:
        return min(self.opened, self.first_used) if self.first_used else self.opened

    @property
    def close_date(self) -> date | None:
        if self.closed is None:
            return None
        return max(self.closed, self.last_used) if self.last_used else self.closed


def account_name(code: str, kind: AccountKind) -> str:
    """The Beancount account name for one of our accounts (see the module docstring)."""
    parts = code.split(":")
    if all(_PLAIN_PART.fullmatch(part) for part in parts):
        return ":".join([ROOTS[kind], *(_capitalise(part) for part in parts)])
    components = [_capitalise(_reduce(part)) for part in parts]
    components[-1] += "-0X" + hashlib.sha256(code.encode()).hexdigest()[:12].upper()
    return ":".join([ROOTS[kind], *components])


def _reduce(part: str) -> str:
    ascii_part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode().lower()
    return _NOT_ALLOWED.sub("-", ascii_part).strip("-") or "x"


def _capitalise(part: str) -> str:
    return "-".join(word[:1].upper() + word[1:] for word in part.split("-"))


def account_names(accounts: Iterable[ExportAccount]) -> dict[str, str]:
    """Code → Beancount name for every account; refuses a mapping that is not one-to-one."""
    names: dict[str, str] = {}
    seen: dict[str, str] = {}
    for account in accounts:
        name = account_name(account.code, account.kind)
        if name in seen and seen[name] != account.code:
            raise ExportError(f"Rekeningen {seen[name]} en {account.code} krijgen dezelfde naam {name}.")
        seen[name] = account.code
        names[account.code] = name
    return names


def quote(text: str) -> str:
    """A Beancount string literal: backslash, quote, newline, return and tab escaped; other control
    characters (which Beancount cannot escape) replaced by U+FFFD."""
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif unicodedata.category(char) == "Cc":
            out.append("\ufffd")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def amount(cents: int) -> str:
    """Integer cents as a Beancount amount with two decimals, e.g. -123456 → '-1234.56 EUR'."""
    return f"{_euros(cents)} {CURRENCY}"


def _euros(cents: int) -> str:
    if not isinstance(cents, int) or isinstance(cents, bool):
        raise ExportError(f"Bedragen zijn gehele centen, niet {cents!r}.")
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def beancount_lines(
    accounts: Iterable[ExportAccount],
    transactions: Iterable[PostedTransaction],
    *,
    balances: Mapping[str, int] | None = None,
    title: str = "Wijkportaal grootboek",
) -> Iterator[str]:
    """The whole ledger as Beancount text, in one pass over `transactions`: yields whole lines, one
    chunk per directive, so memory does not grow with the ledger.

    With `balances` (code → posted cents, as the ledger stores them), the file ends with a ``balance``
    assertion per open account on the day after the last transaction, so ``bean-check`` itself
    verifies that the stored balances equal the sum of the exported postings."""
    accounts = sorted(accounts, key=lambda a: (a.open_date, a.code))
    names = account_names(accounts)
    by_code = {a.code: a for a in accounts}
    width = max((len(n) for n in names.values()), default=0)

    yield "; Grootboek van Wijkportaal, geëxporteerd in Beancount-formaat (v3).\n"
    yield "; Bedragen in euro; de oorspronkelijke rekeningcode staat bij elke rekening als `code`.\n"
    yield f'option "title" {quote(title)}\n'
    yield f'option "operating_currency" "{CURRENCY}"\n'
    yield "\n"
    for account in accounts:
        yield f"{account.open_date.isoformat()} open {names[account.code]} {CURRENCY}\n"
        yield f"  code: {quote(account.code)}\n"
        yield f"  naam: {quote(account.naam)}\n"
        yield f"  soort: {quote(account.kind.value)}\n"
    last_day = max((a.open_date for a in accounts), default=None)

    # Per code: the posting line's start, and the first and last day the account may be used.
    spans = {
        a.code: (f"  {names[a.code]:<{width}}  ", a.open_date, a.close_date or date.max) for a in accounts
    }
    for tx in transactions:
        day = tx.effective_date
        chunk = [
            f"\n{day.isoformat()} * {quote(tx.description)}\n",
            f"  ledger-id: {tx.id}\n",
        ]
        if tx.reverses is not None:
            chunk.append(f"  reverses: {tx.reverses}\n")
        chunk.append(
            f"  idempotency-key: {quote(tx.idempotency_key)}\n"
            f"  entered-by: {quote(tx.entered_by)}\n"
            f'  entered-at: "{tx.entered_at.isoformat(timespec="microseconds")}"\n'
            f"  prev-hash: {quote(tx.prev_hash)}\n"
            f"  hash: {quote(tx.hash)}\n"
        )
        for posting in tx.postings:
            span = spans.get(posting.account)
            if span is None:
                raise ExportError(f"Transactie {tx.id} boekt op onbekende rekening {posting.account}.")
            if not span[1] <= day <= span[2]:
                raise ExportError(
                    f"Transactie {tx.id} ({day}) valt buiten de looptijd van {posting.account}."
                )
            chunk.append(f"{span[0]}{amount(posting.cents):>18}\n")
        yield "".join(chunk)
        if last_day is None or day > last_day:
            last_day = day

    closing = [a for a in accounts if a.close_date is not None]
    if closing:
        yield "\n"
    for account in sorted(closing, key=lambda a: (a.close_date, a.code)):
        yield f"{account.close_date.isoformat()} close {names[account.code]}\n"

    if balances is not None and last_day is not None:
        unknown = sorted(set(balances) - set(by_code))
        if unknown:
            raise ExportError(f"Saldo voor onbekende rekening {unknown[0]}.")
        # Beancount checks a balance over the account and its sub-accounts (Expenses:Uitgaven
        # includes Expenses:Uitgaven:Osdorp), so each assertion is the sum over that subtree, with
        # an explicit tolerance of zero (by default it would let a cent pass).
        subtree: dict[str, int] = dict.fromkeys(names.values(), 0)
        for code, name in names.items():
            parts = name.split(":")
            for depth in range(2, len(parts) + 1):
                ancestor = ":".join(parts[:depth])
                if ancestor in subtree:
                    subtree[ancestor] += balances.get(code, 0)
        day = last_day + timedelta(days=1)
        yield "\n"
        yield "; Opgeslagen saldi na de laatste transactie, inclusief onderliggende rekeningen.\n"
        for account in accounts:
            if account.close_date is None:
                name = names[account.code]
                exact = f"{_euros(subtree[name])} ~ 0.00 {CURRENCY}"  # Beancount would allow ±0.01
                yield f"{day.isoformat()} balance {name:<{width}}  {exact:>25}\n"


def write_beancount(out: TextIO, *args, **kwargs) -> None:
    """`beancount_lines` written to a text file object."""
    out.writelines(beancount_lines(*args, **kwargs))
