"""The ledger persisted with SQLModel: tables, locking and the database-level guards."""
