"""Folium HTML for the maps of the wijken: from GeoJSON and Dutch legends to one self-contained page.

Pure: no Flask, no database. The caller says where Leaflet's JavaScript and CSS are served from (never a
CDN) and which background tiles to use, if any; without tiles the wijk shapes alone make the map.
folium (and with it pandas and numpy) is imported inside `kaart_html`, so the app can import this module
at start and stay light."""

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DECIMALEN = 5  # ≈ 1 m: finer than any simplified boundary, and it keeps the HTML small
SCHEMATISCH = "Schematische wijkgrenzen (geen echte grenzen)"
ACHTERGROND = "#f6f6f1"  # the map's own background when there are no tiles
GEEN_GEGEVENS = "#d9d9d9"


@dataclass(frozen=True)
class Legendapost:
    kleur: str
    label: str


@dataclass(frozen=True)
class Legenda:
    titel: str
    posten: tuple[Legendapost, ...]
    punten: bool = False  # the colours are of markers, not of areas


@dataclass(frozen=True)
class Kaartlaag:
    """What one map shows.

    `wijken`: a FeatureCollection of areas with properties `naam`, `kleur`, `tooltip` (HTML, escaped by
    `tooltip()`), `url` (opened in the top window on a click; without one the shape is not a link, as for a
    wijk the user may not open) and optionally `gedimd` and `nadruk`.
    `punten`: a FeatureCollection of points with `kleur` and `tooltip`."""

    titel: str
    wijken: dict
    legenda: tuple[Legenda, ...] = ()
    punten: dict | None = None
    puntentitel: str = "Locaties"
    schematisch: bool = False


@dataclass(frozen=True)
class Tegels:
    url: str
    attributie: str
    bron: str  # scheme and host, for the img-src of the map frame's Content-Security-Policy


TEGELS: dict[str, Tegels | None] = {
    "openstreetmap": Tegels(
        url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attributie="&copy; OpenStreetMap-bijdragers",
        bron="https://tile.openstreetmap.org",
    ),
    "geen": None,
}

# A click on a wijk opens its page in the top window: the map lives in a sandboxed iframe.
_GEDRAG = """function (feature, layer) {
        var p = feature.properties;
        if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
        if (p.url) { layer.on("click", function () { window.top.location.href = p.url; }); }
        else if (layer.setStyle) { layer.options.className = "niet-klikbaar"; }
    }"""


def _letterlijk(waarde):
    """Strings with their braces as HTML character references, in nested properties.

    branca compiles folium's rendered script and every Element's HTML as a Jinja template, data included:
    stored text such as "{{ 7*7 }}" would run on the server, and "{% x" would break the page. Tooltips and
    legends are HTML, so the references show as the braces they stand for."""
    if isinstance(waarde, str):
        return waarde.replace("{", "&#123;").replace("}", "&#125;")
    if isinstance(waarde, dict):
        return {k: _letterlijk(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return [_letterlijk(v) for v in waarde]
    return waarde


def _veilig(collectie: dict) -> dict:
    """A FeatureCollection whose properties hold no Jinja syntax (geometry is numbers only)."""
    return {
        **collectie,
        "features": [
            {**f, "properties": _letterlijk(f.get("properties") or {})} for f in collectie["features"]
        ],
    }


def afgerond(coordinaten, decimalen: int = DECIMALEN):
    """Nested GeoJSON coordinates rounded to `decimalen`."""
    if isinstance(coordinaten, int | float):
        return round(coordinaten, decimalen)
    return [afgerond(c, decimalen) for c in coordinaten]


def vlak(ident: str, geometrie: dict | str, **eigenschappen) -> dict:
    """A GeoJSON Feature for an area; `geometrie` as stored (GeoJSON text) or already parsed."""
    if isinstance(geometrie, str):
        geometrie = json.loads(geometrie)
    return {
        "type": "Feature",
        "id": ident,
        "properties": eigenschappen,
        "geometry": {"type": geometrie["type"], "coordinates": afgerond(geometrie["coordinates"])},
    }


def punt(ident: str, lon: float, lat: float, **eigenschappen) -> dict:
    return {
        "type": "Feature",
        "id": ident,
        "properties": eigenschappen,
        "geometry": {"type": "Point", "coordinates": afgerond([lon, lat])},
    }


def verzameling(features: Iterable[dict]) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


def tooltip(kop: str, regels: Iterable[str] = ()) -> str:
    """Tooltip HTML: a bold heading and lines, all escaped (Leaflet shows tooltip text as HTML)."""
    return "<br>".join([f"<strong>{html.escape(kop)}</strong>", *(html.escape(r) for r in regels)])


def omvang(collecties: Iterable[dict]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """((south, west), (north, east)) of every feature in the collections, or None when there is none."""
    lons, lats = [], []

    def loop(c):
        if isinstance(c[0], int | float):
            lons.append(c[0])
            lats.append(c[1])
        else:
            for deel in c:
                loop(deel)

    for collectie in collecties:
        for feature in collectie["features"]:
            loop(feature["geometry"]["coordinates"])
    if not lons:
        return None
    return (min(lats), min(lons)), (max(lats), max(lons))


def kaart_html(
    laag: Kaartlaag,
    *,
    js: Sequence[tuple[str, str]],
    css: Sequence[tuple[str, str]],
    tegels: Tegels | None = None,
    focus: tuple[tuple[float, float], tuple[float, float]] | None = None,
    nonce: str | None = None,
) -> str:
    """One HTML page with the map of `laag`, loading only the `js` and `css` given as (name, url); with a
    `nonce`, every script and style element carries it, for a Content-Security-Policy without 'unsafe-inline'."""
    import folium
    from branca.element import Element, MacroElement
    from jinja2 import Template

    gedrag = folium.JsCode(_GEDRAG)
    kaart = folium.Map(
        location=(52.36, 4.9), zoom_start=11, tiles=None, control_scale=True, zoom_snap=0.25, zoom_delta=0.5
    )
    kaart.default_js = list(js)  # on the instance: folium's class defaults point at CDNs
    kaart.default_css = list(css)
    if tegels is not None:
        folium.TileLayer(
            tiles=tegels.url, attr=tegels.attributie, name="Achtergrond", max_zoom=19, control=False
        ).add_to(kaart)
    if laag.wijken["features"]:
        folium.GeoJson(
            _veilig(laag.wijken),
            name="Wijken",
            style_function=_vlakstijl,
            highlight_function=_accent,
            on_each_feature=gedrag,
        ).add_to(kaart)
    if laag.punten and laag.punten["features"]:
        folium.GeoJson(
            _veilig(laag.punten),
            name=_letterlijk(laag.puntentitel),
            marker=folium.CircleMarker(radius=6),
            style_function=_puntstijl,
            on_each_feature=gedrag,
        ).add_to(kaart)
        folium.LayerControl(collapsed=False).add_to(kaart)
    grenzen = focus or omvang([laag.wijken, *([laag.punten] if laag.punten else [])])
    if grenzen:
        kaart.fit_bounds([list(grenzen[0]), list(grenzen[1])], padding=(24, 24))
    bediening = MacroElement()
    bediening._template = Template(_BEDIENING)
    kaart.add_child(bediening, name="bediening")
    figuur = kaart.get_root()
    figuur.title = html.escape(laag.titel)
    figuur._template = Template(_PAGINA)
    figuur.header.add_child(Element(f"<style>{_CSS}</style>"), name="kaart_css")
    figuur.html.add_child(Element(_letterlijk(_legenda_html(laag.legenda))), name="legenda")
    # Leaflet focuses the map on a mouse press; without preventScroll the page around the frame scrolls
    # to show it, the press and release land in different places and the click on a wijk is lost.
    figuur.script.add_child(Element(_FOCUS_ZONDER_SCROLLEN), name="focus_zonder_scrollen")
    if laag.schematisch:
        figuur.html.add_child(
            Element(f'<div class="kaart-melding" role="note">{html.escape(SCHEMATISCH)}</div>'),
            name="schematisch",
        )
    # folium's own viewport forbids zooming the page (maximum-scale=1, user-scalable=no): _PAGINA has one that does not
    pagina = _FOLIUM_VIEWPORT.sub("", figuur.render())
    return _met_nonce(pagina, nonce) if nonce else pagina


_NONCE = re.compile(r"[A-Za-z0-9+/_-]+=*")
_SCRIPT_OF_STYLE = re.compile(r"<(script|style)(?=[\s>])")


def _met_nonce(pagina: str, nonce: str) -> str:
    """The nonce on every <script> and <style> tag of the page. Only real tags match: every text of the data
    reaches the page through JSON with "<" escaped (folium's `tojson`) or through `html.escape`."""
    if not _NONCE.fullmatch(nonce):
        raise ValueError("A CSP nonce is base64 text.")
    return _SCRIPT_OF_STYLE.sub(rf'<\1 nonce="{nonce}"', pagina)


def _vlakstijl(feature: dict) -> dict:
    p = feature["properties"]
    return {
        "fillColor": p.get("kleur", GEEN_GEGEVENS),
        "fillOpacity": 0.2 if p.get("gedimd") else 0.7,
        "color": "#1f2d3d" if p.get("nadruk") else "#4a4a4a",
        "weight": 3.5 if p.get("nadruk") else 1.2,
    }


def _accent(feature: dict) -> dict:
    return {"weight": 3.5, "color": "#000000"}


def _puntstijl(feature: dict) -> dict:
    return {
        "fillColor": feature["properties"].get("kleur", "#333333"),
        "fill": True,
        "fillOpacity": 0.95,
        "color": "#ffffff",
        "weight": 1.5,
    }


def _legenda_html(legendas: Iterable[Legenda]) -> str:
    blokken = []
    for legenda in legendas:
        vorm = "rond" if legenda.punten else "vlak"
        posten = "".join(
            f'<li><span class="teken {vorm}" style="background:{html.escape(p.kleur)}"></span>'
            f"{html.escape(p.label)}</li>"
            for p in legenda.posten
        )
        blokken.append(f"<h2>{html.escape(legenda.titel)}</h2><ul>{posten}</ul>")
    if not blokken:
        return ""
    return f'<div class="kaart-legenda" role="note" aria-label="Legenda">{"".join(blokken)}</div>'


ZONDER_JS = "Deze kaart heeft JavaScript nodig. Dezelfde gegevens staan in de tabellen van Wijkportaal."

# The frame is a page of its own: a language, a title, a viewport that lets the user zoom, a main landmark and
# a heading (for screen readers; the page around the frame shows the visible one).
_PAGINA = (
    """<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ this.title }}</title>
{{ this.header.render(**kwargs) }}
</head>
<body>
<main class="kaart-pagina">
<h1 class="kaart-kop">{{ this.title }}</h1>
<noscript><p class="kaart-zonder-js">"""
    + html.escape(ZONDER_JS)
    + """</p></noscript>
{{ this.html.render(**kwargs) }}
</main>
<script>
{{ this.script.render(**kwargs) }}
</script>
</body>
</html>
"""
)
_FOLIUM_VIEWPORT = re.compile(r'<meta name="viewport" content="[^"]*user-scalable=no[^"]*"\s*/?>')

# The legend and the note on schematic boundaries become Leaflet controls: Leaflet stacks the controls of one
# corner, so none covers another (zoom top left, layers top right, scale bottom left, attribution bottom right).
_BEDIENING = """{% macro script(this, kwargs) %}
[["kaart-melding", "topright"], ["kaart-legenda", "bottomright"]].forEach(function (plek) {
    var el = document.querySelector("." + plek[0]);
    if (!el) { return; }
    var bediening = L.control({position: plek[1]});
    bediening.onAdd = function () {
        L.DomEvent.disableClickPropagation(el);
        L.DomEvent.disableScrollPropagation(el);
        return el;
    };
    bediening.addTo({{ this._parent.get_name() }});
});
{% endmacro %}"""

_FOCUS_ZONDER_SCROLLEN = """
document.querySelectorAll(".folium-map").forEach(function (el) {
    var focus = el.focus.bind(el);
    el.focus = function () { focus({preventScroll: true}); };
});
"""

_CSS = f"""
.folium-map.leaflet-container {{ background: {ACHTERGROND}; font-family: system-ui, sans-serif; }}
.leaflet-interactive.niet-klikbaar {{ cursor: default; }}
.kaart-pagina {{ position: absolute; inset: 0; margin: 0; }}
.kaart-kop {{ position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }}
.kaart-zonder-js {{ margin: 1rem; padding: .75rem 1rem; background: #fff3cd; border-left: 4px solid #8a6100;
  font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; }}
.kaart-legenda {{ max-width: calc(100vw - 150px); max-height: calc(100vh - 150px); overflow: auto;
  background: rgba(255,255,255,.93); border: 1px solid #999; border-radius: 4px; padding: 6px 10px;
  font: 13px/1.35 system-ui, sans-serif; color: #1a1a1a; }}
.kaart-legenda h2 {{ font-size: 13px; margin: 4px 0; }}
.kaart-legenda ul {{ list-style: none; margin: 0 0 4px; padding: 0; }}
.kaart-legenda .teken {{ display: inline-block; width: 14px; height: 14px; margin-right: 6px;
  vertical-align: -2px; border: 1px solid #555; }}
.kaart-legenda .rond {{ border-radius: 50%; }}
.kaart-melding {{ max-width: calc(100vw - 80px);
  background: #fff3cd; border: 2px solid #8a6100; border-radius: 4px; padding: 4px 10px;
  font: bold 14px system-ui, sans-serif; color: #4d3600; }}
"""
