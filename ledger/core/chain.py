"""Tamper evidence: each transaction's hash covers its canonical content and the previous hash."""

import hashlib
import json

GENESIS = "0" * 64


def canonical(
    *,
    id: int,
    effective_date,
    description: str,
    entered_by: str,
    entered_at,
    idempotency_key: str,
    reverses: int | None,
    postings,
) -> bytes:
    """A byte string that changes whenever any stored field of the transaction changes."""
    body = {
        "id": id,
        "datum": effective_date.isoformat(),
        "omschrijving": description,
        "door": entered_by,
        "op": entered_at.isoformat(timespec="microseconds"),
        "sleutel": idempotency_key,
        "draait_terug": reverses,
        "boekingen": sorted([p.account, p.cents] for p in postings),
    }
    return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + content).hexdigest()


HASHED_FIELDS = (
    "id",
    "effective_date",
    "description",
    "entered_by",
    "entered_at",
    "idempotency_key",
    "reverses",
)


def hash_of(tx) -> str:
    """The chain hash a PostedTransaction must have: its canonical content on top of its `prev_hash`."""
    return chain_hash(
        tx.prev_hash, canonical(**{name: getattr(tx, name) for name in HASHED_FIELDS}, postings=tx.postings)
    )


def content_digest(draft) -> str:
    """What the client asked for (not when or by which id): same key + same digest = the same request."""
    body = {
        "datum": draft.effective_date.isoformat(),
        "omschrijving": draft.description,
        "door": draft.entered_by,
        "draait_terug": draft.reverses,
        "boekingen": sorted([p.account, p.cents] for p in draft.postings),
    }
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
