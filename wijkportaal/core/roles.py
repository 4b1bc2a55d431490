"""The seven roles and the groups of roles, each named once by what its members may do.

Permission functions in the features' `permissions.py` use these groups and nothing else; templates
ask those functions and never compare roles themselves."""

from enum import StrEnum


class Rol(StrEnum):
    BEHEERDER = "beheerder"
    SWV = "swv"
    DIRECTEUR = "directeur"
    BEOORDELAAR = "beoordelaar"
    BESTUURDER = "bestuurder"
    SCHOOLLEIDER = "schoolleider"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return ROL_LABELS[self]


ROL_LABELS = {
    Rol.BEHEERDER: "Beheerder",
    Rol.SWV: "SWV-medewerker",
    Rol.DIRECTEUR: "Directeur-bestuurder",
    Rol.BEOORDELAAR: "Beoordelaar",
    Rol.BESTUURDER: "Bestuurder",
    Rol.SCHOOLLEIDER: "Schoolleider",
    Rol.PARTNER: "Partner",
}

# Staff of the samenwerkingsverband: they see every wijk, every pot and the SWV overview.
ZIET_ALLE_WIJKEN = frozenset({Rol.BEHEERDER, Rol.SWV, Rol.DIRECTEUR, Rol.BEOORDELAAR})
# Keep the portal's reference data: themes and the bar, the expertise taxonomy and norm, the wijkoverleggen
# and their chairs, and read the audit log.
BEHEERT_REFERENTIE = frozenset({Rol.SWV, Rol.BEHEERDER})
# Act for the SWV with money: open pots, record the SWV's contributions, the vrijval and co-financing,
# keep the monitor's counts and targets.
BEHEERT_SWV_GELD = frozenset({Rol.SWV, Rol.DIRECTEUR})
# Load the SWV's meerjarenbegroting (its groups, lines and amounts per year).
STELT_BEGROTING_VAST = frozenset({Rol.SWV})
# Manage users, roles and API tokens.
BEHEERT_GEBRUIKERS = frozenset({Rol.BEHEERDER})
# Act for a school board (bevoegd gezag): contribute, propose and decide for their own board.
BESTUURT = frozenset({Rol.BESTUURDER})
# Offer expertise or host a voorziening for their own organisation.
BIEDT_AAN = frozenset({Rol.SCHOOLLEIDER, Rol.PARTNER})
# Follow up every wijk day to day: the signals on the SWV staff's start page (a status that dropped,
# allocations about to expire, vrijval waiting for the boards, wijken without a recent meeting).
VOLGT_WIJKEN = frozenset({Rol.SWV})
# Apply for a nieuw initiatief for their school or board, and confirm their board's part in one.
VRAAGT_AAN = frozenset({Rol.SCHOOLLEIDER, Rol.BESTUURDER})
# Run the rounds of nieuwe initiatieven and see every application, its reports and the overview.
BEHEERT_INITIATIEVEN = frozenset({Rol.SWV})
# Assess the nieuwe initiatieven assigned to them: declare on a conflict of interest, score, recommend.
BEOORDEELT = frozenset({Rol.BEOORDELAAR})
# See the assessors' scores of every application (in the API too).
ZIET_SCORES = frozenset({Rol.SWV, Rol.DIRECTEUR})
# Read the kennisbank of funded initiatives.
LEEST_KENNISBANK = ZIET_ALLE_WIJKEN | {Rol.BESTUURDER, Rol.SCHOOLLEIDER, Rol.PARTNER}
# Read the Geen Kind de Buurt Uit monitor (of the wijken they may see).
LEEST_MONITOR = ZIET_ALLE_WIJKEN | {Rol.BESTUURDER, Rol.SCHOOLLEIDER}
# Decide on assessed nieuwe initiatieven (grant, reject, hold back): the directeur-bestuurder alone.
BESLIST_SUBSIDIE = frozenset({Rol.DIRECTEUR})
# Read the director's ranked list and every decision letter.
ZIET_RANGLIJST = frozenset({Rol.SWV, Rol.DIRECTEUR})
# Pay grants in tranches and close funded initiatives, releasing what was not spent.
BETAALT_SUBSIDIE = frozenset({Rol.SWV})


def heeft(user, groep: frozenset[Rol]) -> bool:
    """A logged-in user whose role is in `groep`."""
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "rol", None) in groep
