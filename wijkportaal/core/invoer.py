"""Reading what people type or import: whole counts, with the same Dutch messages in forms and files."""

import re

_GETAL = re.compile(r"[0-9]+")
_NEGATIEF = re.compile(r"-\s*[0-9]+([.,][0-9]+)?")


def lees_aantal(tekst, maximum: int, te_groot: str | None = None) -> int:
    """A whole number from 0 to `maximum`; ValueError with a Dutch message for anything else."""
    tekst = "" if tekst is None else str(tekst).strip()
    if not tekst:
        raise ValueError("Vul een aantal in.")
    if _NEGATIEF.fullmatch(tekst):
        raise ValueError("Een aantal kan niet negatief zijn.")
    if not _GETAL.fullmatch(tekst):
        raise ValueError("Vul een heel getal in (0 of meer), zonder komma, punt of letters.")
    if len(tekst) > len(str(maximum)) or int(tekst) > maximum:
        raise ValueError(te_groot or f"Dit aantal is te groot (hoogstens {maximum:,}).".replace(",", "."))
    return int(tekst)
