"""Every table on the metadata, so Alembic and the tests see them all: the core's and each feature's models."""

from importlib import import_module, util

import ledger.store.tables  # noqa: F401
import wijkportaal.core.audit  # noqa: F401
import wijkportaal.core.idempotentie  # noqa: F401
import wijkportaal.core.jobs  # noqa: F401
from wijkportaal import FEATURES

for _feature in FEATURES:
    if util.find_spec(f"wijkportaal.{_feature}.models") is not None:
        import_module(f"wijkportaal.{_feature}.models")
