"""No dead ends: the pages that list every wijk (the map, its frame, the coverage matrix, the list of wijken)
link each role only to pages it may open. The browser crawl (tests/e2e/test_crawl.py) follows every link;
this is the fast check of the pages that link to wijken."""

import html
import re

import pytest

from wijkportaal.demo import DEMO_DOMEIN, DEMO_PASSWORD
from wijkportaal.kaart.queries import LAGEN

ROLLEN = ["beheerder", "swv", "directeur", "beoordelaar", "bestuurder", "schoolleider", "partner"]
PAGINAS = [
    "/wijken",
    "/expertise/dekking",
    *(f"/kaart?laag={laag}" for laag in LAGEN),
    *(f"/kaart/frame?laag={laag}" for laag in LAGEN),
]
DOWNLOAD = re.compile(r"/export|\.(csv|xlsx|ics|png)$|formaat=")
WIJKPAGINA = re.compile(r"^/wijken/[a-z0-9-]+$")


def links(text: str) -> set[str]:
    """Same-site links of a page: its hrefs, and the `url` a map shape opens on a click."""
    gevonden = re.findall(r'href="(/[^"]*)"', text) + re.findall(r'"url": "(/[^"]*)"', text)
    return {html.unescape(link) for link in gevonden}


def login(auth, rol: str) -> None:
    response = auth.login(f"{rol}@{DEMO_DOMEIN}", DEMO_PASSWORD)
    assert response.status_code == 302, rol


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_link_on_the_pages_that_list_wijken_opens(client, auth, demo, rol):
    login(auth, rol)
    gevonden: dict[str, str] = {}
    for pagina in PAGINAS:
        response = client.get(pagina)
        assert response.status_code == 200, pagina
        for link in links(response.text):
            gevonden.setdefault(link, pagina)
    # every wijk page linked, and each other path once (the coverage matrix links the register 250 times)
    te_volgen = {}
    for link, pagina in gevonden.items():
        pad = link.split("?")[0]
        if not DOWNLOAD.search(link) and (WIJKPAGINA.match(pad) or pad not in te_volgen):
            te_volgen[pad if not WIJKPAGINA.match(pad) else link] = (link, pagina)
    dood = []
    for link, pagina in te_volgen.values():
        with client.get(link) as response:  # a static file's response holds the file open until closed
            status = response.status_code
        if status in (403, 404, 500):
            dood.append(f"{pagina} → {link}: {status}")
    assert dood == []


def wijklinks(text: str) -> set[str]:
    return {link for link in links(text) if WIJKPAGINA.match(link)}


def test_a_school_leader_is_linked_to_their_own_wijk_only_and_sees_every_wijk_named(client, auth, demo):
    login(auth, "schoolleider")
    pagina = client.get("/kaart").text
    assert wijklinks(pagina) == {"/wijken/osdorp"}
    assert pagina.count('<th scope="row">') == 23  # the others are named, with their figures, without a link
    assert "Bijlmer-Oost" in pagina and "Uw eigen wijken hebben een dikke rand" in pagina
    frame = client.get("/kaart/frame?laag=overleg").text
    assert wijklinks(frame) == {"/wijken/osdorp"}
    assert frame.count('"nadruk": true') == 1  # their own wijk stands out on the map
    assert wijklinks(client.get("/expertise/dekking").text) == {"/wijken/osdorp"}


def test_swv_staff_are_linked_to_every_wijk_from_the_map_and_the_matrix(client, auth, demo):
    login(auth, "swv")
    assert len(wijklinks(client.get("/kaart").text)) == 23
    frame = client.get("/kaart/frame?laag=overleg").text
    assert len(wijklinks(frame)) == 23
    assert '"nadruk"' not in frame  # every wijk opens: none stands out
    assert len(wijklinks(client.get("/expertise/dekking").text)) == 23
    assert "Klik op een wijk om naar de pagina van die wijk te gaan." in client.get("/kaart").text
