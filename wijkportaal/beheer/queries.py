"""Read-only queries for the beheer pages: the user list, a user's tokens and the audit log.

Each page runs a fixed number of queries, whatever the size of the page."""

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select
from wtforms.fields.choices import SelectChoice

from wijkportaal.auth.models import ApiToken, Gebruiker
from wijkportaal.core.audit import AuditRegel
from wijkportaal.core.roles import ROL_LABELS, Rol
from wijkportaal.core.web import datum, datum_tijd
from wijkportaal.expertise.models import Domein
from wijkportaal.overleg.models import Thema
from wijkportaal.wijken.models import Bestuur, Organisatie, Wijk

PER_PAGINA = 50


@dataclass
class Pagina:
    items: list
    nummer: int
    totaal: int
    per_pagina: int = PER_PAGINA

    @property
    def aantal_paginas(self) -> int:
        return max(1, math.ceil(self.totaal / self.per_pagina))

    @property
    def eerste(self) -> int:
        return (self.nummer - 1) * self.per_pagina + 1 if self.items else 0

    @property
    def laatste(self) -> int:
        return (self.nummer - 1) * self.per_pagina + len(self.items)


def _pagina(session: Session, query, count_query, nummer: int) -> Pagina:
    totaal = session.exec(count_query).one()
    nummer = min(max(1, nummer), max(1, math.ceil(totaal / PER_PAGINA)))
    items = list(session.exec(query.offset((nummer - 1) * PER_PAGINA).limit(PER_PAGINA)))
    return Pagina(items=items, nummer=nummer, totaal=totaal)


# --- users ---------------------------------------------------------------------------------------


@dataclass
class GebruikerRegel:
    gebruiker: Gebruiker
    bestuur: str | None
    organisatie: str | None
    wijk: str | None


def gebruikers_pagina(session: Session, *, rol: str | None, zoek: str | None, nummer: int) -> Pagina:
    conditions = []
    if rol:
        conditions.append(Gebruiker.rol == Rol(rol))
    if zoek:
        term = zoek.lower()
        conditions.append(
            or_(
                func.lower(Gebruiker.naam).contains(term, autoescape=True),
                func.lower(Gebruiker.email).contains(term, autoescape=True),
            )
        )
    query = (
        select(Gebruiker, Bestuur.naam, Organisatie.naam, Wijk.naam)
        .outerjoin(Bestuur, Bestuur.id == Gebruiker.bestuur_id)
        .outerjoin(Organisatie, Organisatie.id == Gebruiker.organisatie_id)
        .outerjoin(Wijk, Wijk.id == Gebruiker.wijk_id)
        .where(*conditions)
        .order_by(func.lower(Gebruiker.naam), Gebruiker.id)
    )
    count = select(func.count()).select_from(Gebruiker).where(*conditions)
    pagina = _pagina(session, query, count, nummer)
    pagina.items = [GebruikerRegel(g, b, o, w) for g, b, o, w in pagina.items]
    return pagina


def scope_keuzes(session: Session) -> dict[str, list[SelectChoice]]:
    """The choices for a user's bestuur, school, organisation and wijk."""
    organisaties = list(session.exec(select(Organisatie).order_by(Organisatie.naam)))

    def naam(o: Organisatie) -> str:
        return o.naam if o.is_actief else f"{o.naam} (niet actief)"

    return {
        "besturen": [
            SelectChoice(str(b.id), b.naam) for b in session.exec(select(Bestuur).order_by(Bestuur.naam))
        ],
        "scholen": [SelectChoice(str(o.id), naam(o)) for o in organisaties if o.soort.is_school],
        "organisaties": [
            SelectChoice(str(o.id), naam(o), optgroup=o.soort.label)
            for o in sorted(organisaties, key=lambda o: (o.soort.label, o.naam))
        ],
        "wijken": [SelectChoice(str(w.id), w.naam) for w in session.exec(select(Wijk).order_by(Wijk.naam))],
    }


def gebruiker_scope(session: Session, gebruiker: Gebruiker) -> dict:
    return {
        "bestuur": session.get(Bestuur, gebruiker.bestuur_id) if gebruiker.bestuur_id else None,
        "organisatie": session.get(Organisatie, gebruiker.organisatie_id)
        if gebruiker.organisatie_id
        else None,
        "wijk": session.get(Wijk, gebruiker.wijk_id) if gebruiker.wijk_id else None,
    }


def tokens_van(session: Session, gebruiker: Gebruiker) -> list[ApiToken]:
    return list(
        session.exec(
            select(ApiToken)
            .where(ApiToken.gebruiker_id == gebruiker.id)
            .order_by(ApiToken.aangemaakt_op.desc(), ApiToken.id.desc())
        )
    )


# --- the audit log -------------------------------------------------------------------------------

SOORT_LABELS = {
    "gebruikers": "Gebruiker",
    "api_tokens": "API-token",
    "wijkoverleggen": "Wijkoverleg",
    "lidmaatschappen": "Lidmaatschap",
    "bijeenkomsten": "Bijeenkomst",
    "agendapunten": "Agendapunt",
    "agendapunt_themas": "Thema van agendapunt",
    "amendementen": "Amendement",
    "aanwezigheden": "Aanwezigheid",
    "besluiten": "Besluit",
    "actiepunten": "Actiepunt",
    "themas": "Thema",
    "verplichte_themas": "Verplicht thema",
    "overlegnormen": "Overlegnorm",
    "organisaties": "Organisatie",
    "besturen": "Bestuur",
    "wijken": "Wijk",
    "regios": "Regio",
    "expertise_aanbod": "Expertise-aanbod",
    "voorzieningen": "Voorziening",
    "expertisedomeinen": "Expertisedomein",
    "dekkingsnormen": "Dekkingsnorm",
    "voorstellen": "Voorstel",
    "voorstel_besluiten": "Besluit over een voorstel",
}

VELD_LABELS = {
    "email": "E-mailadres",
    "naam": "Naam",
    "rol": "Rol",
    "bestuur_id": "Bestuur",
    "organisatie_id": "Organisatie",
    "wijk_id": "Wijk",
    "is_actief": "Actief",
    "gebruiker_id": "Gebruiker",
    "prefix": "Begin van het token",
    "voorzitter_id": "Voorzitter",
    "secretaris_id": "Secretaris",
    "thema_id": "Thema",
    "aanbieder_id": "Aanbieder",
    "locatie_id": "Locatie (school)",
    "domein_id": "Expertisedomein",
    "wachttijd_weken": "Wachttijd (weken)",
    "geldig_van": "Geldig vanaf",
    "geldig_tot": "Geldig tot en met",
    "min_uren_per_1000": "Minimum uur per week per 1.000 leerlingen",
    "min_plaatsen_per_1000": "Minimum plaatsen per 1.000 leerlingen",
}

# Fields whose values are ids of another record, shown by that record's name.
_VERWIJZINGEN: dict[str, type] = {
    "bestuur_id": Bestuur,
    "organisatie_id": Organisatie,
    "wijk_id": Wijk,
    "gebruiker_id": Gebruiker,
    "voorzitter_id": Gebruiker,
    "secretaris_id": Gebruiker,
    "thema_id": Thema,
    "aanbieder_id": Organisatie,
    "locatie_id": Organisatie,
    "domein_id": Domein,
}
_MAX_TEKST = 300
_DATUM_TIJD = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def soort_label(soort: str) -> str:
    return SOORT_LABELS.get(soort, soort.replace("_", " ").capitalize())


def veld_label(veld: str) -> str:
    if veld in VELD_LABELS:
        return VELD_LABELS[veld]
    return veld.removesuffix("_id").replace("_", " ").capitalize()


def _verwijzing(veld: str) -> type | None:
    if veld.endswith("_door_id"):
        return Gebruiker
    return _VERWIJZINGEN.get(veld)


@dataclass
class Wijziging:
    veld: str
    oud: str | None  # None: a value set at creation, not a change
    nieuw: str


@dataclass
class LogRegel:
    regel: AuditRegel
    door: str | None
    object: str
    wijk: str | None
    wijzigingen: list[Wijziging] = field(default_factory=list)


def _is_paar(value: Any) -> bool:
    """audit.changes() stores a change as [old, new]; a creation stores plain values."""
    return isinstance(value, list) and len(value) == 2


def toon_waarde(veld: str, value: Any, namen: dict[tuple[type, int], str]) -> str:
    """A value from `wijzigingen` as a person reads it: names instead of ids, Dutch dates, ja/nee."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    model = _verwijzing(veld)
    if model is not None and isinstance(value, int):
        return namen.get((model, value), f"#{value}")
    if veld == "rol" and value in ROL_LABELS:
        return ROL_LABELS[Rol(value)]
    if isinstance(value, list):
        return ", ".join(toon_waarde(veld, v, namen) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {toon_waarde(k, v, namen)}" for k, v in value.items()) or "—"
    text = str(value)
    if _DATUM_TIJD.match(text):
        return datum_tijd(datetime.fromisoformat(text))
    if _DATUM.match(text):
        return datum(date.fromisoformat(text))
    return text if len(text) <= _MAX_TEKST else text[: _MAX_TEKST - 1] + "…"


def _verwezen_ids(regels: list[AuditRegel]) -> dict[type, set[int]]:
    ids: dict[type, set[int]] = {}
    for regel in regels:
        if regel.wijk_id:
            ids.setdefault(Wijk, set()).add(regel.wijk_id)
        if regel.object_soort == "gebruikers" and regel.object_id:
            ids.setdefault(Gebruiker, set()).add(regel.object_id)
        for veld, value in (regel.wijzigingen or {}).items():
            model = _verwijzing(veld)
            if model is None:
                continue
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, int) and not isinstance(v, bool):
                    ids.setdefault(model, set()).add(v)
    return ids


def _namen(session: Session, ids: dict[type, set[int]]) -> dict[tuple[type, int], str]:
    """One query per kind of record referred to on the page."""
    namen = {}
    for model, model_ids in ids.items():
        for ident, naam in session.exec(select(model.id, model.naam).where(model.id.in_(sorted(model_ids)))):
            namen[(model, ident)] = naam
    return namen


def _log_regel(regel: AuditRegel, door: str | None, namen: dict) -> LogRegel:
    objectnaam = soort_label(regel.object_soort)
    if regel.object_soort == "gebruikers" and (Gebruiker, regel.object_id) in namen:
        objectnaam += f" {namen[(Gebruiker, regel.object_id)]}"
    elif regel.object_id is not None:
        objectnaam += f" #{regel.object_id}"
    wijzigingen = []
    for veld, value in (regel.wijzigingen or {}).items():
        if _is_paar(value):
            oud, nieuw = value
            wijzigingen.append(
                Wijziging(veld_label(veld), toon_waarde(veld, oud, namen), toon_waarde(veld, nieuw, namen))
            )
        else:
            wijzigingen.append(Wijziging(veld_label(veld), None, toon_waarde(veld, value, namen)))
    return LogRegel(
        regel=regel,
        door=door,
        object=objectnaam,
        wijk=namen.get((Wijk, regel.wijk_id)) if regel.wijk_id else None,
        wijzigingen=wijzigingen,
    )


def logboek_pagina(
    session: Session,
    *,
    soort: str | None = None,
    gebruiker_id: int | None = None,
    wijk_id: int | None = None,
    van: date | None = None,
    tot: date | None = None,
    nummer: int = 1,
) -> Pagina:
    """The audit log newest first, filtered, one page of PER_PAGINA lines."""
    conditions = []
    if soort:
        conditions.append(AuditRegel.object_soort == soort)
    if gebruiker_id:
        conditions.append(AuditRegel.gebruiker_id == gebruiker_id)
    if wijk_id:
        conditions.append(AuditRegel.wijk_id == wijk_id)
    if van:
        conditions.append(AuditRegel.op >= datetime.combine(van, time.min))
    if tot:
        conditions.append(AuditRegel.op < datetime.combine(tot + timedelta(days=1), time.min))
    query = (
        select(AuditRegel, Gebruiker.naam)
        .outerjoin(Gebruiker, Gebruiker.id == AuditRegel.gebruiker_id)
        .where(*conditions)
        .order_by(AuditRegel.op.desc(), AuditRegel.id.desc())
    )
    count = select(func.count()).select_from(AuditRegel).where(*conditions)
    pagina = _pagina(session, query, count, nummer)
    namen = _namen(session, _verwezen_ids([regel for regel, _ in pagina.items]))
    pagina.items = [_log_regel(regel, door, namen) for regel, door in pagina.items]
    return pagina


def logboek_keuzes(session: Session) -> dict[str, list[SelectChoice]]:
    """Every kind of object the log can name (so a saved filter link keeps working before its first
    line), the people that occur in the log, and every wijk."""
    soorten = set(SOORT_LABELS) | set(session.exec(select(AuditRegel.object_soort).distinct()))
    door = select(AuditRegel.gebruiker_id).where(AuditRegel.gebruiker_id.is_not(None)).distinct()
    gebruikers = session.exec(
        select(Gebruiker.id, Gebruiker.naam).where(Gebruiker.id.in_(door)).order_by(Gebruiker.naam)
    )
    return {
        "soorten": sorted((SelectChoice(s, soort_label(s)) for s in soorten), key=lambda c: c.label),
        "gebruikers": [SelectChoice(str(i), naam) for i, naam in gebruikers],
        "wijken": [SelectChoice(str(w.id), w.naam) for w in session.exec(select(Wijk).order_by(Wijk.naam))],
    }
