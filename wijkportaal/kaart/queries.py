"""A map layer put together: the wijken with their stored boundaries and the layer's values, as the
page's table, the map (maps.kaart.Kaartlaag) and the API's GeoJSON. Read-only."""

from dataclasses import dataclass

from flask import has_request_context, url_for
from sqlmodel import Session, select

from maps import kaart as maps_kaart
from maps.kaart import GEEN_GEGEVENS, Kaartlaag
from wijkportaal.auth.models import Gebruiker
from wijkportaal.kaart.lagen import LAGEN, Keuze, Laag, Laaginhoud, Wijkwaarde
from wijkportaal.wijken.models import Regio, Wijk, Wijkgrens

GEEN = Wijkwaarde(GEEN_GEGEVENS, "Geen gegevens")


@dataclass(frozen=True)
class Rij:
    wijk: Wijk
    regio: str
    waarde: Wijkwaarde
    grens: Wijkgrens | None


@dataclass(frozen=True)
class Kaart:
    laag: Laag
    inhoud: Laaginhoud
    rijen: list[Rij]  # every wijk, by regio and name
    keuze: Keuze

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
    rijen = [Rij(w, regios[w.regio_id], inhoud.waarden.get(w.id, GEEN), grenzen.get(w.id)) for w in wijken]
    return Kaart(laag, inhoud, rijen, keuze)


def kaartlaag(k: Kaart) -> Kaartlaag:
    """What the folium map and the PNG draw."""
    vlakken = [
        maps_kaart.vlak(
            r.wijk.code,
            r.grens.geometrie,
            naam=r.wijk.naam,
            kleur=r.waarde.kleur,
            url=url_for("wijken.wijk", code=r.wijk.code) if has_request_context() else None,
            tooltip=maps_kaart.tooltip(r.wijk.naam, [r.waarde.waarde, *r.waarde.toelichting]),
            **_focus(k.keuze, r.wijk),
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


def _focus(keuze: Keuze, wijk: Wijk) -> dict:
    if keuze.wijk_id is None:
        return {}
    return {"nadruk": True} if wijk.id == keuze.wijk_id else {"gedimd": True}


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
