"""Validation as small functions that each return a list of errors ([] when all is well)."""

from collections.abc import Iterable, Mapping

from ledger.core.model import PostedTransaction, Posting, TransactionDraft

MAX_DESCRIPTION = 500


def total(postings: Iterable[Posting]) -> int:
    """What the postings add up to: zero for a balanced transaction."""
    return sum(p.cents for p in postings)


def check_balanced(draft: TransactionDraft | PostedTransaction) -> list[str]:
    total_cents = total(draft.postings)
    if total_cents != 0:
        return [f"De boekingen tellen niet op tot nul (verschil {total_cents} cent)."]
    return []


def check_postings(draft: TransactionDraft | PostedTransaction) -> list[str]:
    errors = []
    if len(draft.postings) < 2:
        errors.append("Een transactie heeft minstens twee boekingen.")
    if any(not isinstance(p.cents, int) or isinstance(p.cents, bool) for p in draft.postings):
        errors.append("Bedragen zijn gehele centen.")
    elif any(p.cents == 0 for p in draft.postings):
        errors.append("Een boeking van nul is niet toegestaan.")
    return errors


def check_description(draft: TransactionDraft) -> list[str]:
    errors = []
    if not draft.description.strip():
        errors.append("Geef een omschrijving.")
    if len(draft.description) > MAX_DESCRIPTION:
        errors.append(f"De omschrijving is hoogstens {MAX_DESCRIPTION} tekens.")
    if not draft.idempotency_key.strip() or len(draft.idempotency_key) > 200:
        errors.append("Elke boeking heeft een idempotentiesleutel (1 tot 200 tekens).")
    if not draft.entered_by.strip():
        errors.append("Vermeld wie de boeking invoert.")
    return errors


def check_accounts(draft: TransactionDraft, open_accounts: Iterable[str]) -> list[str]:
    known = set(open_accounts)
    return [
        f"Rekening {p.account} bestaat niet of is gesloten." for p in draft.postings if p.account not in known
    ]


def check_no_negative(new_available: Mapping[str, int]) -> list[str]:
    """`new_available`: for accounts that may not go negative, their available cents after the change."""
    return [
        f"Onvoldoende saldo op {code}: er ontbreekt {-cents} cent."
        for code, cents in new_available.items()
        if cents < 0
    ]


def validate(draft: TransactionDraft, open_accounts: Iterable[str]) -> list[str]:
    """Every rule a transaction must meet before it can be posted."""
    return (
        check_postings(draft)
        + check_balanced(draft)
        + check_description(draft)
        + check_accounts(draft, open_accounts)
    )


def reversal_of(
    original, *, effective_date, entered_by: str, idempotency_key: str, reason: str
) -> TransactionDraft:
    """The transaction that undoes `original` (a PostedTransaction): the same postings with opposite signs."""
    return TransactionDraft(
        postings=tuple(Posting(p.account, -p.cents) for p in original.postings),
        effective_date=effective_date,
        description=f"Correctie van transactie {original.id}: {reason}"[:MAX_DESCRIPTION],
        entered_by=entered_by,
        idempotency_key=idempotency_key,
        reverses=original.id,
    )
