"""No dead ends: per role, a crawl from `/` in the browser that follows every same-site link and finds no
page answering 403 (a link to something the user may not open) or 500.

Breadth-first, the browser opens the first page of each kind (the same path with another id or wijk looks
the same) and collects its links; every link found is requested with the user's cookies, including the wijk
a map shape opens on a click. Links that differ only in their query (filters, sorting, paging) are followed
once per path. Logging out (a POST), forms and downloads are not followed."""

import re
import time
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

from sqlmodel import select

from wijkportaal.wijken.models import Wijk

pytestmark = pytest.mark.e2e

ROLLEN = ["beheerder", "swv", "directeur", "beoordelaar", "bestuurder", "schoolleider", "partner"]
MAX_DIEPTE = 5  # clicks from the start page
MAX_GEOPEND = 80  # pages opened in the browser per role
OVERSLAAN = re.compile(
    r"/export|/uitloggen|/kaart/assets/|/static/|\.(csv|xlsx|ics|png|svg|ico)(\?|$)|formaat="
)
KAARTFRAME = re.compile(r"/kaart/(frame|assets/)")  # opened as a request, not in the browser
KAARTLINK = re.compile(r'"url": "(/[^"]*)"')  # the page a map shape opens on a click
LINKS = """() => Array.from(document.querySelectorAll("a[href], iframe[src]"), (el) => el.href || el.src)"""


@pytest.fixture(scope="module")
def wijkcodes(live_server) -> re.Pattern:
    with live_server.session() as db:
        codes = sorted(db.exec(select(Wijk.code)), key=len, reverse=True)
    return re.compile(rf"(?<=/)({'|'.join(map(re.escape, codes))})(?=/|$)")


def eigen(url: str, basis: str) -> str | None:
    """The path and query of a same-site link worth following, else None."""
    delen = urlsplit(urljoin(basis, url))
    if f"{delen.scheme}://{delen.netloc}" != basis or OVERSLAAN.search(delen.path + "?" + delen.query):
        return None
    return delen.path + (f"?{delen.query}" if delen.query else "")


@pytest.mark.parametrize("rol", ROLLEN)
def test_no_link_answers_403_or_500(page_as, live_server, wijkcodes, rol):
    page = page_as(rol)
    # The browser does not load the map frames: their links are read from the frame's HTML below.
    page.route(KAARTFRAME, lambda route: route.abort())
    basis = live_server.url

    def soort(link: str) -> str:
        """The kind of page: its path with ids and wijk codes as placeholders."""
        return wijkcodes.sub("W", re.sub(r"\d+", "N", link.split("?")[0]))

    begin = time.monotonic()
    status: dict[str, int] = {}  # every path followed → the answer (after redirects)
    van: dict[str, str] = {}  # … and where its link was found
    pagina: set[str] = set()  # the links that answered with a page
    soorten: set[str] = set()
    wachtrij = deque([("/", 0)])
    geopend = 0

    def volg(link: str, bron: str) -> None:
        pad = link.split("?")[0]
        if pad in status:
            return
        van[pad] = f"{bron} → {link}"
        response = page.request.get(link)
        status[pad] = response.status
        if response.ok and "text/html" in response.headers.get("content-type", ""):
            pagina.add(link)
            for kaartlink in KAARTLINK.findall(response.text()):
                if (doel := eigen(kaartlink, basis)) is not None:
                    volg(doel, link)

    while wachtrij and geopend < MAX_GEOPEND:
        url, diepte = wachtrij.popleft()
        if soort(url) in soorten:
            continue
        soorten.add(soort(url))
        response = page.goto(url, wait_until="domcontentloaded")
        geopend += 1
        status.setdefault(url.split("?")[0], response.status)
        if not response.ok:
            continue
        for href in page.evaluate(LINKS):
            if (link := eigen(href, basis)) is None:
                continue
            volg(link, url)
            if (
                diepte < MAX_DIEPTE
                and link in pagina
                and soort(link) not in soorten
                and not KAARTFRAME.search(link)
            ):
                wachtrij.append((link, diepte + 1))

    fout = sorted(f"{van.get(pad, pad)}: {s}" for pad, s in status.items() if s in (403, 500))
    print(
        f"{rol}: {geopend} pagina's geopend, {len(status)} links gevolgd in {time.monotonic() - begin:.1f} s"
    )
    assert geopend > 5 and len(status) > 20  # the crawl got somewhere
    assert not wachtrij  # and every kind of page was opened
    assert fout == [], f"{rol}: {len(fout)} links die 403 of 500 geven:\n" + "\n".join(fout)
