"""The folium map and the PNG drawn from plain data: local assets only, escaped tooltips, small HTML."""

import io
import math
import re

import pytest
from PIL import Image

from maps.kaart import (
    SCHEMATISCH,
    TEGELS,
    Kaartlaag,
    Legenda,
    Legendapost,
    kaart_html,
    omvang,
    punt,
    tooltip,
    verzameling,
    vlak,
)
from maps.png import teken_png

JS = [("leaflet", "/kaart/assets/leaflet-1.9.3/leaflet.js")]
CSS = [("leaflet_css", "/kaart/assets/leaflet-1.9.3/leaflet.css")]
CDN = re.compile(r"cdn\.|unpkg|jsdelivr|cdnjs|code\.jquery|bootstrap|fontawesome", re.IGNORECASE)


def vierkant(x, y, d=0.01, punten=4):
    """A closed ring around (x, y) with `punten` corners."""
    ring = [
        [x + d * math.cos(2 * math.pi * i / punten), y + d * math.sin(2 * math.pi * i / punten)]
        for i in range(punten)
    ]
    return {"type": "Polygon", "coordinates": [ring + [ring[0]]]}


def laag(schematisch=False, wijken=2, punten=0, hoekpunten=4) -> Kaartlaag:
    vlakken = [
        vlak(
            f"wijk-{i}",
            vierkant(4.8 + i * 0.02, 52.35, punten=hoekpunten),
            naam=f"Wijk {i}",
            kleur="#1a9850",
            url=f"/wijken/wijk-{i}",
            tooltip=tooltip(f"Wijk {i}", ["Opstartend", "3 bijeenkomsten gehouden (minimaal 4)."]),
        )
        for i in range(wijken)
    ]
    scholen = [
        punt(
            f"school-{i}",
            4.8 + (i % 40) * 0.005,
            52.33 + (i // 40) * 0.005,
            naam=f"School {i}",
            kleur="#2563eb",
            tooltip=tooltip(f"School {i}", ["Basisschool", "312 leerlingen"]),
        )
        for i in range(punten)
    ]
    return Kaartlaag(
        titel="Wijkoverleg",
        wijken=verzameling(vlakken),
        legenda=(
            Legenda(
                "Wijkoverleg",
                (Legendapost("#1a9850", "Functionerend"), Legendapost("#d73027", "Geen overleg")),
            ),
        ),
        punten=verzameling(scholen) if punten else None,
        puntentitel="Scholen",
        schematisch=schematisch,
    )


def test_the_map_loads_only_the_local_leaflet_it_is_given():
    html = kaart_html(laag(punten=3), js=JS, css=CSS)
    assert not CDN.search(html)
    assert re.findall(r'<script src="([^"]+)"', html) == ["/kaart/assets/leaflet-1.9.3/leaflet.js"]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == [
        "/kaart/assets/leaflet-1.9.3/leaflet.css"
    ]
    assert "$(" not in html and "jQuery" not in html  # nothing needs jQuery
    assert "http" not in html.replace("http-equiv", "")  # no tiles, no remote anything


def test_tiles_only_when_asked_for():
    assert "tile.openstreetmap.org" not in kaart_html(laag(), js=JS, css=CSS, tegels=TEGELS["geen"])
    html = kaart_html(laag(), js=JS, css=CSS, tegels=TEGELS["openstreetmap"])
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html and "OpenStreetMap-bijdragers" in html


def test_legend_tooltips_and_a_click_that_opens_the_wijk_in_the_top_window():
    html = kaart_html(laag(), js=JS, css=CSS)
    assert "Functionerend" in html and "Geen overleg" in html and 'class="kaart-legenda"' in html
    assert "3 bijeenkomsten gehouden (minimaal 4)." in html
    assert "window.top.location.href = p.url" in html
    assert '"url": "/wijken/wijk-1"' in html


def test_tooltips_are_escaped():
    assert tooltip("<script>alert(1)</script>", ["a & b"]) == (
        "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong><br>a &amp; b"
    )


@pytest.mark.parametrize(
    "tekst", ["7*7={{ 7*7 }}", "{% if true %}ja{% endif %}", "{% kapot", "{# weg #}zichtbaar"]
)
def test_stored_text_is_shown_never_run_as_a_template(tekst):
    """Names, tooltips and legend labels come from the database; folium's renderer must not evaluate them."""
    kaart = laag(punten=1)
    wijk = kaart.wijken["features"][0]
    wijk["properties"]["tooltip"] = tooltip(tekst)
    kaart.punten["features"][0]["properties"]["naam"] = tekst
    kaart = Kaartlaag(
        titel=kaart.titel,
        wijken=kaart.wijken,
        legenda=(Legenda(tekst, (Legendapost("#1a9850", tekst),)),),
        punten=kaart.punten,
        puntentitel=tekst,
    )
    html = kaart_html(kaart, js=JS, css=CSS)
    assert "7*7=49" not in html and ">ja<" not in html
    letterlijk = tekst.replace("{", "&#123;").replace("}", "&#125;")
    assert html.count(letterlijk) >= 2  # legend title and label, as text the browser shows
    assert html.count(letterlijk.replace("&", "\\u0026")) >= 2  # tooltip and name, inside the JSON
    assert kaart.wijken["features"][0]["properties"]["tooltip"] == tooltip(
        tekst
    )  # the caller's data untouched


def test_a_press_on_the_map_does_not_scroll_the_page_around_the_frame():
    assert "preventScroll: true" in kaart_html(laag(), js=JS, css=CSS)


def test_schematic_boundaries_are_labelled_as_such():
    assert SCHEMATISCH in kaart_html(laag(schematisch=True), js=JS, css=CSS)
    assert SCHEMATISCH not in kaart_html(laag(schematisch=False), js=JS, css=CSS)
    assert SCHEMATISCH == "Schematische wijkgrenzen (geen echte grenzen)"


def test_coordinates_are_rounded_to_five_decimals_and_bounds_cover_everything():
    feature = vlak(
        "a",
        '{"type":"Polygon","coordinates":[[[4.123456789,52.987654321],[4.2,52.9],[4.1,52.8],[4.123456789,52.987654321]]]}',
    )
    assert feature["geometry"]["coordinates"][0][0] == [4.12346, 52.98765]
    assert punt("p", 4.9876543, 52.1234567)["geometry"]["coordinates"] == [4.98765, 52.12346]
    assert omvang([verzameling([feature])]) == ((52.8, 4.1), (52.98765, 4.2))
    assert omvang([verzameling([])]) is None


def test_23_wijken_with_300_markers_stay_under_a_megabyte():
    html = kaart_html(laag(wijken=23, punten=300, hoekpunten=300), js=JS, css=CSS)
    assert len(html.encode()) < 1_000_000


def test_png_has_the_layer_colours():
    uit = io.BytesIO()
    teken_png(laag(schematisch=True, wijken=3, punten=5), uit)
    beeld = Image.open(io.BytesIO(uit.getvalue()))
    assert beeld.format == "PNG" and beeld.width >= 1000
    kleuren = {k for _, k in beeld.convert("RGB").getcolors(maxcolors=1_000_000)}
    assert len(kleuren) > 10
    assert any(
        abs(r - 0x1A) < 40 and abs(g - 0x98) < 40 and abs(b - 0x50) < 40 for r, g, b in kleuren
    )  # green wijken


def test_png_takes_dollar_signs_in_names_as_text():
    """A name like "$\\frac{" would be a broken formula to matplotlib's mathtext and stop the export."""
    kaart = laag(wijken=2)
    kaart.wijken["features"][0]["properties"]["naam"] = r"Wijk $\frac{ en $5"
    kaart = Kaartlaag(
        titel="Kosten in $ en $\\",
        wijken=kaart.wijken,
        legenda=(Legenda("$x$", (Legendapost("#1a9850", r"$\sqrt{"),)),),
    )
    uit = io.BytesIO()
    teken_png(kaart, uit)
    assert Image.open(io.BytesIO(uit.getvalue())).format == "PNG"


def test_the_frame_is_a_page_of_its_own_for_screen_readers_and_zoom():
    html = kaart_html(
        Kaartlaag(titel="Wijkoverleg <&> {{ 7*7 }}", wijken=laag().wijken, legenda=laag().legenda),
        js=JS,
        css=CSS,
    )
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl">')
    assert "<title>Wijkoverleg &lt;&amp;&gt; {{ 7*7 }}</title>" in html
    assert '<h1 class="kaart-kop">Wijkoverleg &lt;&amp;&gt; {{ 7*7 }}</h1>' in html
    assert html.count("<main") == 1 and html.index("<main") < html.index('class="folium-map"') < html.index(
        "</main>"
    )
    viewports = re.findall(r'<meta name="viewport"[^>]*>', html)
    assert viewports == [
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
    ]  # zoom allowed
    assert "<noscript><p" in html and "JavaScript nodig" in html


def test_a_wijk_without_url_is_no_link():
    gewoon = laag(wijken=2)
    zonder = gewoon.wijken["features"][1]["properties"]
    del zonder["url"]
    html = kaart_html(gewoon, js=JS, css=CSS)
    assert html.count('"url": "/wijken/') == 1
    assert 'layer.options.className = "niet-klikbaar"' in html and ".niet-klikbaar" in html


def test_the_legend_and_the_note_are_leaflet_controls_so_controls_do_not_overlap():
    html = kaart_html(laag(schematisch=True), js=JS, css=CSS)
    assert '[["kaart-melding", "topright"], ["kaart-legenda", "bottomright"]]' in html
    assert re.search(r"bediening\.addTo\(map_[0-9a-f]+\)", html)


def test_with_a_nonce_every_script_and_style_carries_it_and_data_cannot_earn_one():
    """The frame's policy allows scripts by nonce only: a text in the data that closes a script and opens
    another must stay text, without the nonce."""
    aanval = '</script><script>alert("x")</script><style>body{}</style>'
    gewoon = laag()
    kwaad = Kaartlaag(
        titel=aanval,
        wijken=verzameling(
            [vlak("w", vierkant(4.8, 52.35), naam=aanval, kleur="#1a9850", tooltip=tooltip(aanval, [aanval]))]
        ),
        legenda=(Legenda(aanval, (Legendapost("#1a9850", aanval),)),),
        puntentitel=aanval,
    )
    for kaartlaag in (gewoon, kwaad):
        html = kaart_html(kaartlaag, js=JS, css=CSS, nonce="abc-123_XYZ")
        tags = re.findall(r"<(?:script|style)\b[^>]*>", html)
        assert len(tags) >= 4
        assert all('nonce="abc-123_XYZ"' in tag for tag in tags), tags
        assert 'alert("x")</script>' not in html
    assert "nonce" not in kaart_html(gewoon, js=JS, css=CSS)
    with pytest.raises(ValueError):
        kaart_html(gewoon, js=JS, css=CSS, nonce='"><script>')
