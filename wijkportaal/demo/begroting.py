"""The demo begroting: §7.5's lines of "Samenwerking in de wijk en regio" for 2025-2029, loaded the way
SWV staff load it (the import's parser and service), so its amounts are in the ledger."""

from sqlmodel import Session

from wijkportaal.begroting import services
from wijkportaal.begroting.rules import lees_cellen

# Ondersteuningsplan 2025-2029, §7.5 Meerjarenbegroting, LASTEN: "Samenwerking in de wijk en regio".
SAMENWERKING = """groep;regel;2025;2026;2027;2028;2029
Samenwerking in de wijk en regio;Bouwen aan expertisenetwerken SO;150.000;-;-;-;-
Samenwerking in de wijk en regio;Nieuwe initiatieven;-;200.000;200.000;200.000;200.000
Samenwerking in de wijk en regio;Netwerk van wijken;-;8.000;8.000;8.000;8.000
Samenwerking in de wijk en regio;Cockpits gebiedsgericht samenwerken;-;58.000;58.000;58.000;58.000"""


def laad_begroting(session: Session, swv) -> str:
    """Import the lines as `swv` (an SWV staff user); returns a short Dutch summary."""
    inlezing = lees_cellen([regel.split(";") for regel in SAMENWERKING.splitlines()])
    if inlezing.fouten:
        raise ValueError(f"De demo-begroting is onleesbaar: {inlezing.fouten}")
    resultaat = services.importeer(session, swv, inlezing.rijen, "demo: Ondersteuningsplan §7.5")
    return f"begroting 2025-2029 met {len(resultaat.nieuwe_regels)} regels"
