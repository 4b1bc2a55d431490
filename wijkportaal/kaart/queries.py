"""A map layer put together: the wijken with their stored boundaries and the layer's values, as the
page's table, the map (maps.kaart.Kaartlaag) and the API's GeoJSON. Read-only.

The map layers: one function per layer, from the database to a colour and a Dutch value per wijk and
(for marker layers) points. Adding a layer is one decorated function (`laag`); pages, frame, API and PNG
follow."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from flask import has_request_context, url_for
from sqlmodel import Session, select

from maps import kaart as maps_kaart
from maps.kaart import GEEN_GEGEVENS, Kaartlaag
from wijkportaal.auth.models import Gebruiker
from wijkportaal.core import clock
from wijkportaal.core.web import aantal as tel
from wijkportaal.core.web import euro, getal
from wijkportaal.kaart.permissions import wijken_met_geld, wijken_te_openen
from wijkportaal.kaart.rules import (
    DEKKING_KLEUREN,
    GEEN_INZAGE,
    NEUTRAAL,
    OVERLEG_KLEUREN,
    POT_KLEUREN,
    SCHOOL_KLEUREN,
    VOORZIENING_KLEUREN,
    Keuze,
    Laag,
    Laaginhoud,
    Punt,
    Wijkwaarde,
    _decimaal,
    _klassen,
    _legenda,
)
from wijkportaal.overleg.queries import bewaarde_statussen
from wijkportaal.wijken.models import SCHOOLSOORTEN, Organisatie, Regio, Wijk, Wijkgrens
from wijkportaal.wijken.queries import leerlingen_per_wijk

GEEN = Wijkwaarde(GEEN_GEGEVENS, "Geen gegevens")


@dataclass(frozen=True)
class Rij:
    wijk: Wijk
    regio: str
    waarde: Wijkwaarde
    grens: Wijkgrens | None
    te_openen: bool  # the user may open the wijk's page: its name and shape link there


@dataclass(frozen=True)
class Kaart:
    laag: Laag
    inhoud: Laaginhoud
    rijen: list[Rij]  # every wijk, by regio and name
    keuze: Keuze

    @property
    def alle_te_openen(self) -> bool:
        return all(r.te_openen for r in self.rijen)

    @property
    def schematisch(self) -> bool:
        return any(r.grens is not None and r.grens.is_schematisch for r in self.rijen)


def kaart(session: Session, user: Gebruiker, naam: str, keuze: Keuze) -> Kaart:
    """Layer `naam` (a key of LAGEN) for `user`."""
    laag = LAGEN[naam]
    inhoud = laag.inhoud(session, user, keuze)
    regios = dict(session.exec(select(Regio.id, Regio.naam)).all())
    grenzen = {g.wijk_id: g for g in session.exec(select(Wijkgrens))}
    wijken = sorted(session.exec(select(Wijk)), key=lambda w: (regios[w.regio_id], w.naam))
    te_openen = wijken_te_openen(session, user)
    rijen = [
        Rij(
            w,
            regios[w.regio_id],
            inhoud.waarden.get(w.id, GEEN),
            grenzen.get(w.id),
            te_openen is None or w.id in te_openen,
        )
        for w in wijken
    ]
    return Kaart(laag, inhoud, rijen, keuze)


def kaartlaag(k: Kaart) -> Kaartlaag:
    """What the folium map and the PNG draw."""
    vlakken = [
        maps_kaart.vlak(
            r.wijk.code,
            r.grens.geometrie,
            naam=r.wijk.naam,
            kleur=r.waarde.kleur,
            url=url_for("wijken.wijk", code=r.wijk.code) if r.te_openen and has_request_context() else None,
            tooltip=maps_kaart.tooltip(r.wijk.naam, [r.waarde.waarde, *r.waarde.toelichting]),
            **_focus(k, r),
        )
        for r in k.rijen
        if r.grens is not None
    ]
    punten = [
        maps_kaart.punt(
            p.ident,
            p.lon,
            p.lat,
            naam=p.naam,
            kleur=p.kleur,
            tooltip=maps_kaart.tooltip(p.naam, [p.soort, *p.toelichting]),
        )
        for p in k.inhoud.punten
    ]
    return Kaartlaag(
        titel=k.laag.titel + (f" — {k.inhoud.ondertitel}" if k.inhoud.ondertitel else ""),
        wijken=maps_kaart.verzameling(vlakken),
        legenda=k.inhoud.legenda,
        punten=maps_kaart.verzameling(punten) if k.laag.puntentitel else None,
        puntentitel=k.laag.puntentitel,
        schematisch=k.schematisch,
    )


def _focus(k: Kaart, r: Rij) -> dict:
    """A wijk's own map dims the others; on the map of all wijken the user's own stand out when not every
    wijk opens for them."""
    if k.keuze.wijk_id is None:
        return {} if k.alle_te_openen or not r.te_openen else {"nadruk": True}
    return {"nadruk": True} if r.wijk.id == k.keuze.wijk_id else {"gedimd": True}


def focus(k: Kaart) -> tuple | None:
    """The bounds of the chosen wijk, for its own small map."""
    vlakken = [
        maps_kaart.vlak(r.wijk.code, r.grens.geometrie)
        for r in k.rijen
        if r.wijk.id == k.keuze.wijk_id and r.grens is not None
    ]
    return maps_kaart.omvang([maps_kaart.verzameling(vlakken)])


def geojson(k: Kaart) -> dict:
    """The layer for the API: one feature per wijk (geometry null without a stored boundary), then the
    layer's points; `onderdeel` tells them apart."""
    wijken = []
    for r in k.rijen:
        eigenschappen = {
            "onderdeel": "wijk",
            "code": r.wijk.code,
            "naam": r.wijk.naam,
            "regio": r.regio,
            "kleur": r.waarde.kleur,
            "waarde": r.waarde.waarde,
            "toelichting": list(r.waarde.toelichting),
            **r.waarde.eigenschappen,
        }
        if r.grens is not None:
            wijken.append(maps_kaart.vlak(r.wijk.code, r.grens.geometrie, **eigenschappen))
        else:
            wijken.append(
                {"type": "Feature", "id": r.wijk.code, "properties": eigenschappen, "geometry": None}
            )
    punten = [
        maps_kaart.punt(
            p.ident, p.lon, p.lat, onderdeel="punt", naam=p.naam, kleur=p.kleur, **p.eigenschappen
        )
        for p in k.inhoud.punten
    ]
    return maps_kaart.verzameling(wijken + punten)


LAGEN: dict[str, Laag] = {}


def laag(naam: str, titel: str, uitleg: str, kolom: str, **opties) -> Callable:
    """Register a layer function under `naam`."""

    def registreer(functie: Callable[[Session, Gebruiker, Keuze], Laaginhoud]):
        LAGEN[naam] = Laag(naam, titel, uitleg, kolom, functie, **opties)
        return functie

    return registreer


@laag(
    "overleg",
    "Wijkoverleg",
    "Of het wijkoverleg functioneert volgens de norm, en anders wat er ontbreekt.",
    "Wijkoverleg",
)
def overleg(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    statussen = bewaarde_statussen(session, None)
    return Laaginhoud(
        waarden={
            wijk_id: Wijkwaarde(
                kleur=OVERLEG_KLEUREN[s.status],
                waarde=s.status.label,
                toelichting=tuple(s.redenen),
                eigenschappen={"overleg_status": s.status.value, "status_redenen": list(s.redenen)},
            )
            for wijk_id, s in statussen.items()
        },
        legenda=(_legenda("Wijkoverleg", {s.label: k for s, k in OVERLEG_KLEUREN.items()}),),
    )


@laag(
    "scholen",
    "Scholen",
    "Basisscholen, scholen voor speciaal basisonderwijs en speciaal onderwijs, met hun leerlingen.",
    "Scholen",
    puntentitel="Scholen",
)
def scholen(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    query = select(Organisatie).where(Organisatie.soort.in_(list(SCHOOLSOORTEN)), Organisatie.is_actief)
    if keuze.wijk_id is not None:
        query = query.where(Organisatie.wijk_id == keuze.wijk_id)
    lijst = list(session.exec(query.order_by(Organisatie.naam)))
    per_wijk: dict[int, list[Organisatie]] = defaultdict(list)
    for school in lijst:
        if school.wijk_id is not None:
            per_wijk[school.wijk_id].append(school)
    return Laaginhoud(
        waarden={
            wijk_id: Wijkwaarde(
                kleur=NEUTRAAL,
                waarde=f"{tel(len(rij), 'school', 'scholen')}, "
                f"{tel(sum(s.leerlingen or 0 for s in rij), 'leerling', 'leerlingen')}",
                eigenschappen={"scholen": len(rij), "leerlingen": sum(s.leerlingen or 0 for s in rij)},
            )
            for wijk_id, rij in per_wijk.items()
        },
        legenda=(_legenda("Scholen", {s.label: k for s, k in SCHOOL_KLEUREN.items()}, punten=True),),
        punten=tuple(
            Punt(
                ident=f"school-{s.id}",
                naam=s.naam,
                lat=s.lat,
                lon=s.lon,
                kleur=SCHOOL_KLEUREN[s.soort],
                soort=s.soort.label,
                toelichting=(f"{getal(s.leerlingen)} leerlingen",) if s.leerlingen else (),
                eigenschappen={"soort": s.soort.value, "leerlingen": s.leerlingen},
            )
            for s in lijst
            if s.lat is not None and s.lon is not None
        ),
    )


def pot_per_leerling(session: Session) -> dict[int, tuple[Decimal, int]]:
    """Per wijk: the money paid into its pots per pupil (in euros), and the number of pots.

    A pot for several wijken counts for each by its pupils, so its money is not counted twice."""
    from wijkportaal.pot.models import Pot, PotWijk
    from wijkportaal.pot.queries import cijfers

    leerlingen = leerlingen_per_wijk(session)
    wijken_van: dict[int, list[int]] = defaultdict(list)
    for pot_id, wijk_id in session.exec(select(PotWijk.pot_id, PotWijk.wijk_id)):
        wijken_van[pot_id].append(wijk_id)
    potten = list(session.exec(select(Pot).where(Pot.id.in_(list(wijken_van) or [0]))))
    ingelegd = {pot_id: c.ingelegd for pot_id, c in cijfers(session, potten).items()}
    per_leerling: dict[int, Decimal] = defaultdict(Decimal)
    aantal: dict[int, int] = defaultdict(int)
    for pot_id, wijk_ids in wijken_van.items():
        totaal = sum(leerlingen.get(w, 0) for w in wijk_ids)
        for wijk_id in wijk_ids:
            aantal[wijk_id] += 1
            if totaal:
                per_leerling[wijk_id] += Decimal(ingelegd.get(pot_id, 0)) / 100 / totaal
    return {w: (per_leerling[w].quantize(Decimal("0.01")), aantal[w]) for w in aantal}


@laag(
    "pot",
    "Gedeelde pot",
    "Het geld dat in de potten van de wijk is ingelegd, per leerling. Alleen voor de wijken die u mag zien.",
    "Ingelegd per leerling",
)
def pot(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    zichtbaar = wijken_met_geld(session, user)
    bedragen = {w: v for w, v in pot_per_leerling(session).items() if zichtbaar is None or w in zichtbaar}
    grenzen = _klassen(max((b for b, _ in bedragen.values()), default=Decimal(0)) or Decimal(1))
    waarden = {}
    for wijk_id, (bedrag, aantal) in bedragen.items():
        klasse = next(i for i, g in enumerate(grenzen) if bedrag <= g)
        waarden[wijk_id] = Wijkwaarde(
            kleur=POT_KLEUREN[klasse],
            waarde=f"{euro(bedrag)} per leerling",
            toelichting=(tel(aantal, "pot", "potten"),),
            eigenschappen={"centen_per_leerling": int(bedrag * 100), "potten": aantal},
        )
    leeg = Wijkwaarde(GEEN_GEGEVENS, "Geen pot", eigenschappen={"centen_per_leerling": None, "potten": 0})
    verborgen = Wijkwaarde(GEEN_GEGEVENS, GEEN_INZAGE, eigenschappen={"centen_per_leerling": None})
    for wijk_id in session.exec(select(Wijk.id)):
        if wijk_id not in waarden:
            waarden[wijk_id] = leeg if zichtbaar is None or wijk_id in zichtbaar else verborgen
    posten = {
        f"tot {euro(g)}" if i else f"tot {euro(g)} per leerling": kleur
        for i, (g, kleur) in enumerate(zip(grenzen, POT_KLEUREN, strict=True))
    }
    posten[f"Geen pot of {GEEN_INZAGE.lower()}"] = GEEN_GEGEVENS
    return Laaginhoud(waarden=waarden, legenda=(_legenda("Ingelegd per leerling", posten),))


@laag(
    "dekking",
    "Dekking expertise",
    "Of er in de wijk genoeg aanbod is voor een expertisedomein: gedekt, dun of ontbrekend.",
    "Dekking",
)
def dekking(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    from wijkportaal.expertise.queries import Dekking, dekkingsmatrix

    matrix = dekkingsmatrix(session)
    legenda = (_legenda("Dekking", {d.label: DEKKING_KLEUREN[d.value] for d in Dekking}),)
    domein = next((d for d in matrix.domeinen if d.id == keuze.domein_id), None) or next(
        iter(matrix.domeinen), None
    )
    if domein is None:
        return Laaginhoud(waarden={}, legenda=legenda, ondertitel="Er zijn nog geen expertisedomeinen.")
    waarden = {}
    for wijk in matrix.wijken:
        cel = matrix.cel(wijk.id, domein.id)
        toelichting = [
            f"{_decimaal(cel.uren_per_1000)} uur per week per 1.000 leerlingen",
            (
                "onbekend aantal plaatsen"
                if cel.plaatsen_per_1000 is None
                else tel(cel.plaatsen_per_1000, "plaats", "plaatsen")
            )
            + " per 1.000 leerlingen",
        ]
        if cel.aanbieders:
            toelichting.append(f"Aanbieders: {', '.join(cel.aanbieders)}")
        waarden[wijk.id] = Wijkwaarde(
            kleur=DEKKING_KLEUREN[cel.status.value],
            waarde=cel.status.label,
            toelichting=tuple(toelichting),
            eigenschappen={
                "domein": domein.naam,
                "dekking": cel.status.value,
                "uren_per_1000": None if cel.uren_per_1000 is None else str(cel.uren_per_1000),
                "plaatsen_per_1000": None if cel.plaatsen_per_1000 is None else str(cel.plaatsen_per_1000),
                "aanbieders": list(cel.aanbieders),
            },
        )
    return Laaginhoud(waarden=waarden, legenda=legenda, ondertitel=f"Domein: {domein.naam}")


@laag(
    "voorzieningen",
    "Voorzieningen",
    "Bovenschoolse voorzieningen op hun locatie, met hun plaatsen; per wijk hoeveel er de wijk bedienen.",
    "Voorzieningen voor de wijk",
    puntentitel="Voorzieningen",
)
def voorzieningen(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    from wijkportaal.expertise.models import Voorziening, VoorzieningSoort, VoorzieningWijk

    kleuren = dict(zip(VoorzieningSoort, VOORZIENING_KLEUREN, strict=False))
    rijen = list(
        session.exec(
            select(Voorziening, Organisatie)
            .join(Organisatie, Organisatie.id == Voorziening.locatie_id)
            .where(Voorziening.geldig_op(clock.today()))
            .order_by(Voorziening.naam)
        )
    )
    bediend: dict[int, list[str]] = defaultdict(list)
    geldig = {v.id: v for v, _ in rijen}
    for voorziening_id, wijk_id in session.exec(
        select(VoorzieningWijk.voorziening_id, VoorzieningWijk.wijk_id)
    ):
        if voorziening_id in geldig:
            bediend[wijk_id].append(geldig[voorziening_id].naam)
    punten = tuple(
        Punt(
            ident=f"voorziening-{v.id}",
            naam=v.naam,
            lat=org.lat,
            lon=org.lon,
            kleur=kleuren[v.soort],
            soort=v.soort.label,
            toelichting=tuple(
                t
                for t in (
                    f"Locatie: {org.naam}",
                    f"{v.plaatsen_bezet} van de {tel(v.plaatsen, 'plaats', 'plaatsen')} bezet",
                    f"Doelgroep: {v.doelgroep}" if v.doelgroep else "",
                )
                if t
            ),
            eigenschappen={
                "soort": v.soort.value,
                "plaatsen": v.plaatsen,
                "plaatsen_bezet": v.plaatsen_bezet,
            },
        )
        for v, org in rijen
        if org.lat is not None
        and org.lon is not None
        and (keuze.wijk_id is None or org.wijk_id == keuze.wijk_id)
    )
    return Laaginhoud(
        waarden={
            wijk_id: Wijkwaarde(
                kleur=NEUTRAAL,
                waarde=tel(len(namen), "voorziening", "voorzieningen"),
                toelichting=tuple(sorted(namen)),
                eigenschappen={"voorzieningen": sorted(namen)},
            )
            for wijk_id, namen in bediend.items()
        },
        legenda=(_legenda("Voorzieningen", {s.label: kleuren[s] for s in VoorzieningSoort}, punten=True),),
        punten=punten,
    )


@laag(
    "initiatieven",
    "Nieuwe initiatieven",
    "De gefinancierde nieuwe initiatieven van de wijk en het geld dat eraan is toegekend.",
    "Initiatieven",
)
def initiatieven(session: Session, user: Gebruiker, keuze: Keuze) -> Laaginhoud:
    from ledger import to_decimal
    from wijkportaal.initiatieven.queries import per_wijk

    return Laaginhoud(
        waarden={
            wijk_id: Wijkwaarde(
                kleur=NEUTRAAL,
                waarde=f"{tel(len(titels), 'initiatief', 'initiatieven')}, {euro(to_decimal(cents))} toegekend",
                toelichting=tuple(sorted(titels)),
                eigenschappen={"initiatieven": len(titels), "toegekend_centen": cents},
            )
            for wijk_id, (titels, cents) in per_wijk(session).items()
        },
        legenda=(_legenda("Initiatieven", {"Wijk met gefinancierde initiatieven": NEUTRAAL}),),
    )
