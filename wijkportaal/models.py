"""Imports every table module, so the metadata (and Alembic) knows them all."""

from ledger.store import tables as _ledger  # noqa: F401,E402
from wijkportaal.auth.models import ApiToken, Gebruiker, Sessie  # noqa: F401
from wijkportaal.besluiten import models as _besluiten  # noqa: F401
from wijkportaal.core.audit import AuditRegel  # noqa: F401
from wijkportaal.core.idempotentie import Idempotentie  # noqa: F401
from wijkportaal.expertise import models as _expertise  # noqa: F401
from wijkportaal.monitor import models as _monitor  # noqa: F401
from wijkportaal.overleg import models as _overleg  # noqa: F401
from wijkportaal.pot import models as _pot  # noqa: F401
from wijkportaal.wijken.models import Bestuur, Organisatie, Regio, Wijk  # noqa: F401
