"""The gedeelde pot: pooled budgets of school boards, on the ledger."""
