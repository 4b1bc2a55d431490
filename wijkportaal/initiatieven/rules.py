"""Pure rules of nieuwe initiatieven: the ten criteria of §7.4, which status may follow which, the
formal checks of an application and the dates its reports are due. No database, no Flask."""

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from ledger import to_decimal
from wijkportaal.core.exports import Kolom
from wijkportaal.initiatieven.models import Rapportsoort, Soort, Status

# The ten criteria of the Ondersteuningsplan 2025-2029, §7.4, in its exact wording, in its order.
# The formal ones (4, 7 and 9) the portal checks from the application itself; assessors score the rest.
CRITERIA: tuple[tuple[str, Soort], ...] = (
    ("Het nieuwe initiatief levert een bijdrage aan inclusiever onderwijs.", Soort.INHOUDELIJK),
    (
        "Het nieuwe initiatief is gericht op extra ondersteuning en dus niet bedoeld voor basisondersteuning. "
        "Het beoogde aanbod is er nog niet, of in onvoldoende mate.",
        Soort.INHOUDELIJK,
    ),
    ("Het nieuwe initiatief is breed toegankelijk voor leerlingen uit de buurt of wijk.", Soort.INHOUDELIJK),
    (
        "De aanvraag voor het nieuwe initiatief wordt door minimaal twee verschillende (scholen van) "
        "schoolbesturen gedaan. Denk ook aan partners vanuit jeugdhulp.",
        Soort.FORMEEL,
    ),
    (
        "De initiatiefnemers hebben over het initiatief heldere afspraken met elkaar gemaakt en de overige "
        "scholen/besturen primair onderwijs, speciaal onderwijs en speciaal basisonderwijs in de buurt/wijk.",
        Soort.INHOUDELIJK,
    ),
    (
        "De aanvraag voor het nieuwe initiatief bevat een onderbouwing waarom het beoogde aanbod op die "
        "plek(ken) en/of voor die doelgroep zo hard nodig is en daarmee bijdraagt aan het dekkend netwerk "
        "aan voorzieningen.",
        Soort.INHOUDELIJK,
    ),
    (
        "De aanvraag heeft een planmatige opzet en beschrijft: de doelgroep, doelen, werkwijzen, looptijd, "
        "resultaten, evaluatie en kennisdeling binnen het netwerk van het Samenwerkingsverband.",
        Soort.FORMEEL,
    ),
    (
        "Het subsidiebedrag heeft een adequate financiële onderbouwing (kostenraming en cofinanciering) en "
        "is in alle opzichten redelijk.",
        Soort.INHOUDELIJK,
    ),
    ("De looptijd voor een nieuw initiatief is maximaal twee jaar.", Soort.FORMEEL),
    (
        "Duurzaamheid: in de opzet is nagedacht over wat nodig is om het project na twee jaar zonder "
        "subsidie vanuit het samenwerkingsverband voort te zetten. De aanvragers kunnen ook deelplannen "
        "indienen.",
        Soort.INHOUDELIJK,
    ),
)

# The plan's sections, in the form's order: (column of Aanvraag, the label the applicant sees).
SECTIES: tuple[tuple[str, str], ...] = (
    ("titel", "Titel"),
    ("samenvatting", "Samenvatting"),
    ("doelgroep", "Doelgroep"),
    ("doelen", "Doelen"),
    ("werkwijze", "Werkwijze"),
    ("resultaten", "Beoogde resultaten"),
    ("evaluatie", "Evaluatie"),
    ("kennisdeling", "Kennisdeling binnen het netwerk"),
    ("onderbouwing", "Waarom het hier nodig is"),
    ("afspraken", "Afspraken met de andere scholen en besturen in de wijk"),
    ("duurzaamheid", "Duurzaamheid: na de twee jaar"),
)

MAX_MAANDEN = 24

# Which status may follow which. A held-back application does not change again: its next version does.
OVERGANGEN: dict[Status, frozenset[Status]] = {
    Status.CONCEPT: frozenset({Status.INGEDIEND}),
    Status.INGEDIEND: frozenset({Status.IN_BEOORDELING}),
    Status.IN_BEOORDELING: frozenset({Status.BEOORDEELD}),
    Status.BEOORDEELD: frozenset({Status.TOEGEKEND, Status.AFGEWEZEN, Status.AANGEHOUDEN}),
    Status.AANGEHOUDEN: frozenset(),
    Status.TOEGEKEND: frozenset({Status.AFGEROND}),
    Status.AFGEWEZEN: frozenset(),
    Status.AFGEROND: frozenset(),
}


def overgang_fout(van: Status, naar: Status) -> str | None:
    """A Dutch message when `naar` may not follow `van`, else None."""
    if naar in OVERGANGEN[van]:
        return None
    return f"Een aanvraag met status ‘{van.label.lower()}’ kan niet naar ‘{naar.label.lower()}’."


@dataclass(frozen=True)
class Deelname:
    bestuur_id: int
    bestuur: str
    is_bevestigd: bool


@dataclass(frozen=True)
class Plan:
    """What the formal checks read of an application, as plain values."""

    secties: dict[str, str]
    startdatum: date | None
    einddatum: date | None
    deelnames: list[Deelname]
    wijken: int
    ambities: int
    kosten: list[tuple[int, int]]  # (jaar, cents)
    cofinanciering: list[tuple[int, int]]  # (jaar, cents)
    ronde_jaren: range = field(default_factory=lambda: range(0))


def plus_maanden(dag: date, maanden: int) -> date:
    """The same day `maanden` later (the month's last day when that month is shorter)."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    jaar, maand = dag.year + jaar, maand + 1
    return date(jaar, maand, min(dag.day, calendar.monthrange(jaar, maand)[1]))


def controle_besturen(plan: Plan) -> list[str]:
    """At least two different boards that confirmed; no board twice."""
    fouten = [
        f"Het bestuur {naam} staat meer dan één keer in de aanvraag; een bestuur doet één keer mee."
        for naam, aantal in Counter(d.bestuur for d in plan.deelnames).items()
        if aantal > 1
    ]
    bevestigd = {d.bestuur_id for d in plan.deelnames if d.is_bevestigd}
    if len(bevestigd) < 2:
        wachtend = sorted({d.bestuur for d in plan.deelnames if not d.is_bevestigd})
        melding = (
            "Er doen minstens twee verschillende schoolbesturen mee die hun deelname hebben bevestigd; "
            f"nu {len(bevestigd)}."
        )
        if wachtend:
            melding += f" Wacht nog op bevestiging van: {', '.join(wachtend)}."
        fouten.append(melding)
    return fouten


def controle_secties(plan: Plan) -> list[str]:
    """Every section of the plan filled in, at least one wijk and one ambition."""
    fouten = [
        f"Vul de sectie ‘{label}’ in." for naam, label in SECTIES if not plan.secties.get(naam, "").strip()
    ]
    if not plan.wijken:
        fouten.append("Kies minstens één wijk.")
    if not plan.ambities:
        fouten.append("Kies minstens één ambitie van het ondersteuningsplan.")
    return fouten


def controle_looptijd(plan: Plan) -> list[str]:
    """A start and an end date, the end after the start, at most 24 months."""
    return looptijd_fouten(plan.startdatum, plan.einddatum)


def looptijd_fouten(startdatum: date | None, einddatum: date | None) -> list[str]:
    if startdatum is None or einddatum is None:
        return ["Vul de start- en einddatum in."]
    if einddatum <= startdatum:
        return ["De einddatum moet na de startdatum liggen."]
    uiterlijk = plus_maanden(startdatum, MAX_MAANDEN) - timedelta(days=1)
    if einddatum > uiterlijk:
        return [
            f"De looptijd is langer dan {MAX_MAANDEN} maanden: de einddatum is uiterlijk "
            f"{uiterlijk.strftime('%d-%m-%Y')}."
        ]
    return []


def controle_begroting(plan: Plan) -> list[str]:
    """Costs in the years the initiative runs, co-financing never more than the costs of its year, and a
    request in the years the round draws on."""
    if not plan.kosten:
        return ["Voeg minstens één kostenregel toe aan de begroting."]
    fouten = []
    kosten, cofi = per_jaar(plan.kosten), per_jaar(plan.cofinanciering)
    if plan.startdatum and plan.einddatum and plan.einddatum > plan.startdatum:
        looptijd = range(plan.startdatum.year, plan.einddatum.year + 1)
        for jaar in sorted((set(kosten) | set(cofi)) - set(looptijd)):
            fouten.append(f"De begroting noemt {jaar}, buiten de looptijd ({looptijd[0]}-{looptijd[-1]}).")
    for jaar in sorted(cofi):
        if cofi[jaar] > kosten.get(jaar, 0):
            fouten.append(
                f"De cofinanciering in {jaar} ({_euro(cofi[jaar])}) is hoger dan de kosten in dat jaar "
                f"({_euro(kosten.get(jaar, 0))})."
            )
    if plan.ronde_jaren:
        for jaar in sorted(j for j in kosten if kosten[j] > cofi.get(j, 0) and j not in plan.ronde_jaren):
            fouten.append(
                f"Er wordt geld gevraagd voor {jaar}, maar deze ronde verdeelt alleen geld voor "
                f"{plan.ronde_jaren[0]}-{plan.ronde_jaren[-1]}."
            )
    if sum(kosten.values()) <= sum(cofi.values()):
        fouten.append("De kosten min de cofinanciering moeten samen een bedrag groter dan nul vragen.")
    return fouten


# The formal checks, each returning the list of what is missing; all of them together decide whether an
# application can be submitted.
CONTROLES = (controle_besturen, controle_secties, controle_looptijd, controle_begroting)


def formele_controles(plan: Plan) -> list[str]:
    """Everything that keeps `plan` from being submitted, in Dutch; [] when it may be submitted."""
    return [fout for controle in CONTROLES for fout in controle(plan)]


def gevraagd(kosten: list[tuple[int, int]], cofinanciering: list[tuple[int, int]]) -> dict[int, int]:
    """The requested cents per year: the costs minus the co-financing."""
    uitkomst = per_jaar(kosten)
    for jaar, cents in per_jaar(cofinanciering).items():
        uitkomst[jaar] = uitkomst.get(jaar, 0) - cents
    return dict(sorted(uitkomst.items()))


def per_jaar(regels: list[tuple[int, int]]) -> dict[int, int]:
    """The cents summed per year."""
    totaal: dict[int, int] = defaultdict(int)
    for jaar, cents in regels:
        totaal[jaar] += cents
    return dict(totaal)


def _euro(cents: int) -> str:
    """€ 1.234,56 without Babel, so the rules stay free of the web layer."""
    bedrag = f"{to_decimal(cents):,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {bedrag}"


def rapport_deadlines(startdatum: date, einddatum: date) -> dict[Rapportsoort, date]:
    """When the reports are due: the interim one halfway (at most a year after the start), the final one
    two months after the end."""
    halverwege = startdatum + (einddatum - startdatum) / 2
    return {
        Rapportsoort.TUSSENTIJDS: min(halverwege, plus_maanden(startdatum, 12)),
        Rapportsoort.EIND: plus_maanden(einddatum, 2),
    }


def te_laat(
    deadlines: dict[Rapportsoort, date], ingediend: set[Rapportsoort], vandaag: date
) -> list[Rapportsoort]:
    """The reports past their date and not yet in."""
    return [soort for soort, dag in deadlines.items() if dag < vandaag and soort not in ingediend]


def jaren(rijen) -> list[int]:
    """Every year any of the overview's rows requests or is granted money in."""
    return sorted({jaar for r in rijen for jaar in (*r.gevraagd, *r.toegekend)})


def export(rijen) -> tuple[list[Kolom], list[list]]:
    """The overview's columns and rows for CSV and XLSX: one requested and one granted column per year."""
    per_jaar = jaren(rijen)
    kolommen = [
        Kolom("Nummer", "getal", 8),
        Kolom("Versie", "getal", 8),
        Kolom("Titel", breedte=50),
        Kolom("Status", breedte=16),
        Kolom("Ronde", breedte=14),
        Kolom("Aanvrager", breedte=30),
        Kolom("Besturen", breedte=50),
        Kolom("Wijken", breedte=40),
        Kolom("Ambities", breedte=12),
        *(Kolom(f"Gevraagd {jaar}", "geld", 16) for jaar in per_jaar),
        *(Kolom(f"Toegekend {jaar}", "geld", 16) for jaar in per_jaar),
    ]
    regels = [
        [
            r.aanvraag.id,
            r.aanvraag.versie,
            r.aanvraag.titel,
            r.aanvraag.status.label,
            r.ronde,
            r.aanvrager,
            r.besturen,
            r.wijken,
            [a.value for a in r.ambities],
            *(to_decimal(r.gevraagd.get(jaar, 0)) for jaar in per_jaar),
            *(to_decimal(r.toegekend.get(jaar, 0)) for jaar in per_jaar),
        ]
        for r in rijen
    ]
    return kolommen, regels
