"""The whole-ledger check: sums, balances, the hash chain, its head and an optional anchor kept outside the
database. Each check returns the discrepancies found, in order."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


def check_chain_head(
    head: tuple[int, str, int] | None, count: int, newest: tuple[int, str] | None, *, has_accounts: bool
) -> list[str]:
    """The chain head (last id, last hash, transaction count) against the transactions found: a ledger
    emptied or shortened behind the head (TRUNCATE, a DELETE with the guards off) is a discrepancy."""
    if head is None:
        if count or has_accounts:
            return [
                f"De kop van de keten ontbreekt, terwijl het grootboek {count} transacties en rekeningen heeft."
            ]
        return []
    last_id, last_hash, transaction_count = head
    if transaction_count != count:
        return [
            f"De kop van de keten telt {transaction_count} transacties, het grootboek heeft er {count}: "
            "transacties zijn verdwenen of buiten het grootboek om toegevoegd."
        ]
    if (last_id, last_hash) != (newest or (0, GENESIS)):
        return ["De kop van de keten wijst niet naar de laatste transactie."]
    return []


@dataclass(frozen=True)
class Anchor:
    """The chain head as an operator keeps it outside the database: `COUNT:HASH` (`flask ledger anchor`)."""

    count: int
    hash: str

    def __str__(self) -> str:
        return f"{self.count}:{self.hash}"


def parse_anchor(text: str) -> Anchor:
    """`COUNT:HASH` as `flask ledger anchor` prints it; ValueError with a Dutch message otherwise."""
    count, sep, digest = text.strip().partition(":")
    if (
        not sep
        or not count.isascii()
        or not count.isdigit()
        or len(digest) != 64
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise ValueError(
            "Geef het anker als AANTAL:HASH, zoals `flask ledger anchor` het toont "
            "(een aantal transacties, een dubbele punt en 64 hexadecimale tekens)."
        )
    anchor = Anchor(int(count), digest)
    if anchor.count == 0 and anchor.hash != GENESIS:
        raise ValueError("Een anker van 0 transacties heeft de begin-hash (64 nullen).")
    return anchor


def check_anchor(anchor: Anchor, count: int, hash_at_count: str | None) -> list[str]:
    """The ledger against an anchor taken earlier: it still holds at least `anchor.count` transactions,
    and the one at that position has the anchored hash (so nothing before it was rewritten either, as
    each hash covers the one before). `hash_at_count`: the hash of the `anchor.count`-th transaction."""
    if count < anchor.count:
        return [
            f"Het grootboek heeft {count} transacties, het anker noemt er {anchor.count}: "
            "het grootboek is geleegd of ingekort."
        ]
    if anchor.count and hash_at_count != anchor.hash:
        return [
            f"Transactie {anchor.count} heeft niet de hash van het anker: "
            "het grootboek is herschreven sinds het anker werd genomen."
        ]
    return []
