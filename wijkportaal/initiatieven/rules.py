"""Pure rules of nieuwe initiatieven: which status may follow which, and (below) the formal checks."""

from wijkportaal.initiatieven.models import Status

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
