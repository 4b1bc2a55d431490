"""No dead ends: per role, a crawl from `/` in the browser that follows every same-site link and finds no
page answering 403 (a link to something the user may not open) or 500.

Pages are opened in Chromium breadth-first, a few per kind of page (the same path with other ids or
filters looks the same); every link found on them, including the wijk a map shape opens, is requested with
the user's cookies. Logging out (a POST), forms and downloads are not followed."""

import re
import time
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

if not Path("/usr/bin/chromium").exists():
    pytest.skip("Debian's chromium is not installed: apt-get install chromium", allow_module_level=True)

pytestmark = pytest.mark.e2e

ROLLEN = ["beheerder", "swv", "directeur", "beoordelaar", "bestuurder", "schoolleider", "partner"]
MAX_DIEPTE = 4  # clicks from the start page
MAX_GEOPEND = 80  # pages opened in the browser per role
PER_SOORT = 2  # pages opened per kind of page
OVERSLAAN = re.compile(
    r"/export|/uitloggen|/kaart/assets/|/static/|\.(csv|xlsx|ics|png|svg|ico)(\?|$)|formaat="
)
KAARTLINK = re.compile(r'"url": "(/[^"]*)"')  # the page a map shape opens on a click
LINKS = """() => Array.from(document.querySelectorAll("a[href], iframe[src]"), (el) => el.href || el.src)"""


def soort(url: str) -> str:
    """The kind of page: its path with numbers and wijk codes as placeholders, and its query's keys."""
    delen = urlsplit(url)
    pad = re.sub(r"\d+", "N", delen.path)
    pad = re.sub(r"^/wijken/[a-z-]+", "/wijken/W", pad)
    sleutels = sorted({p.split("=")[0] for p in delen.query.split("&") if p})
    return f"{pad}?{'&'.join(sleutels)}"


def eigen(url: str, basis: str) -> str | None:
    """The path and query of a same-site link worth following, else None."""
    delen = urlsplit(urljoin(basis, url))
    if f"{delen.scheme}://{delen.netloc}" != basis or OVERSLAAN.search(delen.path + "?" + delen.query):
        return None
    return delen.path + (f"?{delen.query}" if delen.query else "")


@pytest.mark.parametrize("rol", ROLLEN)
def test_no_link_answers_403_or_500(page_as, live_server, rol):
    page = page_as(rol)
    basis = live_server.url
    begin = time.monotonic()
    status: dict[str, int] = {}  # every link found → the answer (after redirects)
    html: set[str] = set()  # the links that answered with a page
    van: dict[str, str] = {"/": "(start)"}
    wachtrij = deque([("/", 0)])
    per_soort: Counter[str] = Counter()
    geopend = 0

    def controleer(link: str, bron: str) -> None:
        if link in status:
            return
        van.setdefault(link, bron)
        response = page.request.get(link)
        status[link] = response.status
        if response.ok and "text/html" in response.headers.get("content-type", ""):
            html.add(link)
            for kaartlink in KAARTLINK.findall(response.text()):
                if (doel := eigen(kaartlink, basis)) is not None:
                    controleer(doel, link)

    while wachtrij and geopend < MAX_GEOPEND:
        url, diepte = wachtrij.popleft()
        if per_soort[soort(url)] >= PER_SOORT:
            continue
        per_soort[soort(url)] += 1
        response = page.goto(url)
        geopend += 1
        status[url] = response.status
        if not response.ok or "text/html" not in response.headers.get("content-type", ""):
            continue
        for href in page.evaluate(LINKS):
            link = eigen(href, basis)
            if link is None:
                continue
            controleer(link, url)
            if diepte + 1 <= MAX_DIEPTE and link in html:
                wachtrij.append((link, diepte + 1))

    fout = sorted(f"{van.get(link)} → {link}: {s}" for link, s in status.items() if s in (403, 500))
    duur = time.monotonic() - begin
    print(f"{rol}: {geopend} pagina's geopend, {len(status)} links gevolgd in {duur:.1f} s")
    assert geopend > 5 and len(status) > 20  # the crawl got somewhere
    assert fout == [], f"{rol}: {len(fout)} links die 403 of 500 geven:\n" + "\n".join(fout)
