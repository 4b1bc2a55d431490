"""The ledger's rules in plain Python: immutable types and pure functions, no Flask, no database."""
