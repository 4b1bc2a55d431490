"""The whole-ledger check: sums, balances and the hash chain. Returns the discrepancies found, in order."""

from collections.abc import Iterable, Mapping

from ledger.core import rules
from ledger.core.chain import GENESIS, hash_of
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
        if rules.check_balanced(tx):
            total = rules.total(tx.postings)
            errors.append(f"Transactie {tx.id}: de boekingen tellen op tot {total} cent in plaats van nul.")
        errors += [f"Transactie {tx.id}: {error}" for error in rules.check_postings(tx)]
        if tx.prev_hash != prev:
            errors.append(f"Transactie {tx.id}: de keten is onderbroken (vorige hash klopt niet).")
        if tx.hash != hash_of(tx):
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
