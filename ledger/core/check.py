"""The whole-ledger check: sums, balances and the hash chain. Returns the discrepancies found, in order."""

from collections.abc import Iterable, Mapping

from ledger.core.chain import GENESIS, canonical, chain_hash
from ledger.core.model import PostedTransaction


def check_ledger(
    transactions: Iterable[PostedTransaction],
    stored_balances: Mapping[str, int],
    *,
    first_only: bool = True,
) -> list[str]:
    """Recompute every transaction's sum, the hash chain and every balance; `transactions` in id order."""
    errors: list[str] = []
    computed: dict[str, int] = {}
    prev = GENESIS
    for tx in transactions:
        total = sum(p.cents for p in tx.postings)
        if total != 0 or len(tx.postings) < 2:
            errors.append(f"Transactie {tx.id}: de boekingen tellen op tot {total} cent in plaats van nul.")
        if tx.prev_hash != prev:
            errors.append(f"Transactie {tx.id}: de keten is onderbroken (vorige hash klopt niet).")
        expected = chain_hash(
            tx.prev_hash,
            canonical(
                id=tx.id,
                effective_date=tx.effective_date,
                description=tx.description,
                entered_by=tx.entered_by,
                entered_at=tx.entered_at,
                idempotency_key=tx.idempotency_key,
                reverses=tx.reverses,
                postings=tx.postings,
            ),
        )
        if tx.hash != expected:
            errors.append(f"Transactie {tx.id}: de inhoud past niet bij de opgeslagen hash (gewijzigd?).")
        if errors and first_only:
            return errors[:1]
        for p in tx.postings:
            computed[p.account] = computed.get(p.account, 0) + p.cents
        prev = tx.hash
    for account in sorted(set(computed) | set(stored_balances)):
        if computed.get(account, 0) != stored_balances.get(account, 0):
            errors.append(
                f"Rekening {account}: opgeslagen saldo {stored_balances.get(account, 0)} cent, "
                f"som van de boekingen {computed.get(account, 0)} cent."
            )
            if first_only:
                return errors[:1]
    return errors
