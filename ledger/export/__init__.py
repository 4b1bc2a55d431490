"""Exports of the ledger. `beancount` is pure; `source` reads the store for it."""

from ledger.export.beancount import (
    ROOTS,
    ExportAccount,
    ExportError,
    account_name,
    account_names,
    beancount_lines,
    write_beancount,
)
from ledger.export.source import Totals, begin_snapshot, export_accounts, export_beancount, totals

__all__ = [
    "ROOTS",
    "ExportAccount",
    "ExportError",
    "Totals",
    "account_name",
    "account_names",
    "beancount_lines",
    "begin_snapshot",
    "export_accounts",
    "export_beancount",
    "totals",
    "write_beancount",
]
