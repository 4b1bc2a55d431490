"""A double-entry ledger of pooled budgets: balanced, append-only, hash-chained, with two-phase reservations.

The portal uses only this public API."""

from ledger.core.check import Anchor, parse_anchor
from ledger.core.model import AccountKind, PostedTransaction, Posting, TransactionDraft
from ledger.core.money import AmountError, parse_amount, to_decimal
from ledger.store.api import (
    Balance,
    IdempotencyConflict,
    InsufficientFunds,
    Ledger,
    LedgerError,
    NotFound,
    Reservation,
    ReservationRequest,
    ValidationFailed,
)
from ledger.store.tables import ReservationStatus

__all__ = [
    "AccountKind",
    "Anchor",
    "AmountError",
    "Balance",
    "IdempotencyConflict",
    "InsufficientFunds",
    "Ledger",
    "LedgerError",
    "NotFound",
    "Posting",
    "PostedTransaction",
    "Reservation",
    "ReservationRequest",
    "ReservationStatus",
    "TransactionDraft",
    "ValidationFailed",
    "parse_amount",
    "parse_anchor",
    "to_decimal",
]
