"""The ledger's immutable types."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class AccountKind(StrEnum):
    POT = "pot"  # pooled money of a wijk (or wijken) for a period; never below zero
    BIJDRAGE = "bijdrage"  # where a contributor's money comes from (a board, the SWV, a partner)
    BUDGET = "budget"  # an SWV budget line such as "Nieuwe initiatieven"
    COFINANCIERING = "cofinanciering"  # municipality or partner co-financing
    AANPAK = "aanpak"  # a collective approach funded from a pot; never below zero
    UITGAVEN = "uitgaven"  # money that has left the ledger: spending
    BEGROTING = "begroting"  # a budget line's money for one year, free or committed; never below zero

    @property
    def may_not_go_negative(self) -> bool:
        return self in (AccountKind.POT, AccountKind.AANPAK, AccountKind.BEGROTING)


@dataclass(frozen=True)
class Posting:
    account: str  # account code
    cents: int  # positive: into the account, negative: out of it


@dataclass(frozen=True)
class TransactionDraft:
    """What a client asks to post; the store assigns id, timestamp and hashes."""

    postings: tuple[Posting, ...]
    effective_date: date
    description: str
    entered_by: str
    idempotency_key: str
    reverses: int | None = None
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PostedTransaction:
    """A transaction as stored, with what the chain hash covers."""

    id: int
    postings: tuple[Posting, ...]
    effective_date: date
    description: str
    entered_by: str
    entered_at: datetime
    idempotency_key: str
    reverses: int | None
    prev_hash: str
    hash: str
