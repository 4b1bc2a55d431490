"""Pure rules of deciding: what a decision needs, and how its amounts per year must relate to the request."""

from wijkportaal.core.web import centen
from wijkportaal.subsidie.models import Uitkomst

MAX_MOTIVATIE = 5000


def veld(jaar: int) -> str:
    """The form (and API) field of a year's amount."""
    return f"bedrag_{jaar}"


def motivatie_fout(motivatie: str) -> str | None:
    if not (motivatie or "").strip():
        return "Geef een motivatie bij het besluit; zij komt in de besluitbrief."
    if len(motivatie) > MAX_MOTIVATIE:
        return f"De motivatie is te lang (hoogstens {MAX_MOTIVATIE} tekens)."
    return None


def bedrag_fouten(
    uitkomst: Uitkomst, bedragen: dict[int, int | None], gevraagd: dict[int, int], jaren: list[int]
) -> list[tuple[str, str]]:
    """(field, message) for every amount that cannot be: only a grant has amounts; a year's amount is
    whole cents, not negative, within the round's years and at most what was requested for that year;
    a grant is more than nothing."""
    ingevuld = {j: c for j, c in bedragen.items() if c}
    if uitkomst is not Uitkomst.TOEKENNEN:
        return [(veld(j), "Alleen bij toekennen hoort een bedrag.") for j in sorted(ingevuld)]
    fouten = []
    for jaar, cents in sorted(bedragen.items()):
        if cents is None:
            continue
        if not isinstance(cents, int) or isinstance(cents, bool):
            fouten.append((veld(jaar), "Geef het bedrag in euro's en hele centen."))
        elif jaar not in jaren:
            fouten.append(
                (veld(jaar), f"De ronde trekt niet op {jaar}; kies een jaar uit {jaren[0]}-{jaren[-1]}.")
            )
        elif cents < 0:
            fouten.append((veld(jaar), "Een bedrag kan niet negatief zijn."))
        elif cents > gevraagd.get(jaar, 0):
            fouten.append(
                (veld(jaar), f"Dat is meer dan gevraagd voor {jaar} ({centen(gevraagd.get(jaar, 0))}).")
            )
    if not fouten and not ingevuld:
        fouten.append((veld(jaren[0]) if jaren else "uitkomst", "Ken een bedrag toe in ten minste één jaar."))
    return fouten


def kenmerk(jaar: int, besluit_id: int) -> str:
    """The letter's reference: "SWV-NI-2026-00012"."""
    return f"SWV-NI-{jaar}-{besluit_id:05d}"
