"""Shared by the feature tests: domains and offers, API callers with a personal token, two pots with
their boards and users, a real local SMTP server (aiosmtpd, `postbus`) for the mail, the read-backs that check what a write left in the database, and the one shape
of a permission table (Regel, TOEGANG, voer_uit)."""

import hashlib
import itertools
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from email import message_from_bytes, policy
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
import time_machine
from aiosmtpd.controller import Controller
from sqlmodel import func, select

from ledger import Ledger
from wijkportaal.auth import services as auth_services
from wijkportaal.besluiten.models import BesluitKeuze
from wijkportaal.core import clock, jobs
from wijkportaal.core.roles import Rol
from wijkportaal.expertise.models import Domein, Eenheid, Expertise, ExpertiseSchool, ExpertiseWijk, Vorm
from wijkportaal.pot import services as pot_services
from wijkportaal.pot.models import BronSoort, Goedkeuringsregel, PeriodeSoort
from wijkportaal.wijken.models import OrganisatieSoort

_volgnummer = itertools.count(1)


@pytest.fixture
def make_domein(bewaar):
    def make(naam=None, volgorde=0, is_actief=True):
        return bewaar(
            Domein(naam=naam or f"Domein {next(_volgnummer)}", volgorde=volgorde, is_actief=is_actief)
        )

    return make


@pytest.fixture
def make_expertise(db, bewaar):
    """An offer of `aanbieder` in `domein`, serving `wijken` and/or `scholen`."""

    def make(
        aanbieder,
        domein,
        wijken=(),
        scholen=(),
        capaciteit=4,
        eenheid=Eenheid.UREN,
        wachttijd=None,
        vorm=Vorm.CONSULTATIE,
        geldig_van=date(2020, 1, 1),
        geldig_tot=None,
        door=None,
        omschrijving="",
    ):
        e = bewaar(
            Expertise(
                aanbieder_id=aanbieder.id,
                domein_id=domein.id,
                vorm=vorm,
                omschrijving=omschrijving,
                capaciteit=capaciteit,
                eenheid=eenheid,
                wachttijd_weken=wachttijd,
                geldig_van=geldig_van,
                geldig_tot=geldig_tot,
                aangemaakt_door_id=door.id if door else None,
            ),
        )
        for w in wijken:
            db.add(ExpertiseWijk(expertise_id=e.id, wijk_id=w.id))
        for s in scholen:
            db.add(ExpertiseSchool(expertise_id=e.id, organisatie_id=s.id))
        db.commit()
        return e

    return make


@pytest.fixture
def make_token(db):
    """A personal API token for `user`, in plain text, as `flask user token` would print it."""

    def make(user):
        token = auth_services.issue_token(db, user, "test")
        db.commit()
        return token

    return make


class Api:
    """A caller of the JSON API with a personal Bearer token."""

    def __init__(self, client, token):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path, **kwargs):
        return self.client.get(f"/api/v1{path}", headers=self.headers, **kwargs)

    def post(self, path, body=None, sleutel=None, **kwargs):
        headers = dict(self.headers)
        if sleutel is not None:
            headers["Idempotency-Key"] = sleutel
        return self.client.post(f"/api/v1{path}", json=body, headers=headers, **kwargs)


@pytest.fixture
def api_as(client, make_token):
    """api_as(user): an API caller logged in with that user's token."""
    return lambda user: Api(client, make_token(user))


@pytest.fixture
def potten(db, make_wijk, make_bestuur, make_org, make_user):
    """Pot A (Osdorp, boards Een and Twee) and pot B (Bos en Lommer, board Ander), school year
    2025-2026, both empty; SWV staff, the directeur, a bestuurder of each board and a schoolleider."""
    osdorp = make_wijk(naam="Osdorp", code="osdorp")
    bos = make_wijk(naam="Bos en Lommer", code="bos-en-lommer")
    een, twee, ander = (
        make_bestuur("Stichting Een"),
        make_bestuur("Stichting Twee"),
        make_bestuur("Stichting Ander"),
    )
    make_org(osdorp, bestuur=een, leerlingen=300)
    make_org(osdorp, bestuur=twee, leerlingen=100)
    make_org(bos, bestuur=ander, leerlingen=200)
    swv = make_user(Rol.SWV)

    def pot(naam, wijk, besturen):
        return pot_services.open_pot(
            db,
            swv,
            naam=naam,
            periode_soort=PeriodeSoort.SCHOOLJAAR,
            jaar=2025,
            wijk_ids=[wijk.id],
            bestuur_ids=[b.id for b in besturen],
            regel=Goedkeuringsregel.ALLE,
        )

    a = pot("GKBU Osdorp 2025-2026", osdorp, [een, twee])
    b = pot("GKBU Bos en Lommer 2025-2026", bos, [ander])
    db.commit()
    return SimpleNamespace(
        a=a,
        b=b,
        osdorp=osdorp,
        een=een,
        twee=twee,
        ander=ander,
        swv=swv,
        directeur=make_user(Rol.DIRECTEUR),
        best_een=make_user(Rol.BESTUURDER, bestuur=een),
        best_twee=make_user(Rol.BESTUURDER, bestuur=twee),
        best_ander=make_user(Rol.BESTUURDER, bestuur=ander),
        leider=make_user(Rol.SCHOOLLEIDER, organisatie=make_org(osdorp)),
    )


@pytest.fixture
def inleg(db, potten):
    """inleg(door, bron, bestuur_id, cents, sleutel, toezegging=False): a contribution to pot A on
    1 September 2025 through the service (a pledge is due by 31 December 2025)."""

    def leg_in(door, bron, bestuur_id, cents, sleutel, toezegging=False):
        return pot_services.voeg_bijdrage_toe(
            db,
            door,
            potten.a,
            bron=bron,
            bestuur_id=bestuur_id,
            partner_naam="",
            middelen="eigen middelen",
            bedrag_cents=cents,
            datum=date(2025, 9, 1),
            toezegging=toezegging,
            uiterlijk_op=date(2025, 12, 31) if toezegging else None,
            sleutel=sleutel,
        )

    return leg_in


@pytest.fixture
def startklas(db, potten, inleg):
    """Pot A with € 10.000 paid in by the SWV and the approach Startklas with € 4.000 approved by both
    boards, so € 6.000 is available; `potten` with `van_swv` and `aanpak` set."""
    p = potten
    p.van_swv = inleg(p.swv, BronSoort.SWV, None, 1_000_000, "inleg")
    p.aanpak = pot_services.maak_aanpak(
        db, p.swv, p.a, naam="Startklas", doel="", doelgroep="", niveau="wijk", school_ids=[], budgetten={}
    )
    toekenning = pot_services.stel_toekenning_voor(
        db,
        p.swv,
        p.a,
        p.aanpak,
        bedrag_cents=400_000,
        toelichting="",
        vervalt_op=clock.now() + timedelta(days=14),
        sleutel="startklas",
    )
    for bestuurder in (p.best_een, p.best_twee):
        pot_services.neem_besluit(
            db,
            bestuurder,
            toekenning,
            bestuur_id=bestuurder.bestuur_id,
            besluit=BesluitKeuze.AKKOORD,
            toelichting="",
        )
    db.commit()
    return p


@pytest.fixture
def pot_gebruikers(potten, make_user, make_org):
    """The users of a pot's permission table: (rol, eigen) → user; "bestuurder ander" is Stichting
    Ander's, whose board does not take part in pot A."""
    p = potten
    return {
        ("beheerder", None): make_user(Rol.BEHEERDER),
        ("swv", None): p.swv,
        ("directeur", None): p.directeur,
        ("beoordelaar", None): make_user(Rol.BEOORDELAAR),
        ("bestuurder", True): p.best_een,
        ("bestuurder", False): p.best_ander,
        ("schoolleider", True): p.leider,
        ("partner", True): make_user(Rol.PARTNER, organisatie=make_org(p.osdorp, OrganisatieSoort.OKT)),
    }


def _bijdrage_formulier(sleutel, bedrag="1,00", bron="swv", bestuur_id=0, soort="ingelegd", **extra):
    return {
        "bron": bron,
        "bestuur_id": bestuur_id,
        "partner_naam": "",
        "middelen": "eigen middelen",
        "bedrag": bedrag,
        "datum": "2025-09-01",
        "soort": soort,
        "uiterlijk_op": "2025-12-31" if soort == "toezegging" else "",
        "sleutel": sleutel,
        **extra,
    }


@pytest.fixture
def bijdrage_formulier():
    """bijdrage_formulier(sleutel, bedrag=..., ...): what the contribution form posts, dated in the
    school year 2025-2026 of the `potten` fixture; by default € 1,00 paid in by the SWV."""
    return _bijdrage_formulier


@pytest.fixture
def toezegging_formulier(potten, bijdrage_formulier):
    """The form of Stichting Een pledging € 2.500,00 to pot A, payable by 31 December 2025."""
    return bijdrage_formulier(
        "toezegging-1", "2.500,00", bron="bestuur", bestuur_id=potten.een.id, soort="toezegging"
    )


@pytest.fixture
def pot_saldo(db):
    """pot_saldo(pot): the pot's posted ledger balance in cents, read afresh."""

    def saldo(pot) -> int:
        db.expire_all()
        return Ledger(db).balance(pot.account_code).posted

    return saldo


@pytest.fixture
def aantal(db):
    """aantal(Model): its number of rows, read afresh."""

    def tel(model) -> int:
        db.expire_all()
        return db.exec(select(func.count()).select_from(model)).one()

    return tel


@pytest.fixture
def momentopname(db):
    """momentopname(*tables): per table its row count and a hash of all its rows in key order; equal
    before and after a request means nothing was added, changed or removed."""

    def neem(*tabellen: str) -> dict[str, tuple[int, str]]:
        db.expire_all()
        result = {}
        for naam in tabellen:
            tabel = sa.Table(naam, sa.MetaData(), autoload_with=db.get_bind())
            rijen = db.execute(sa.select(tabel).order_by(*tabel.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rijen]).encode()).hexdigest()
            result[naam] = (len(rijen), digest)
        db.rollback()
        return result

    return neem


# Money forms in two steps.


class _Verborgen(HTMLParser):
    """The hidden fields of the confirmation page's form: what step 2 posts."""

    def __init__(self):
        super().__init__()
        self.velden: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.velden.append((a["name"], a.get("value") or ""))


def _bevestigingsformulier(html: str) -> dict[str, list[str]]:
    """What "Bevestigen" on a confirmation page posts: its hidden fields and the button's value."""
    parser = _Verborgen()
    parser.feed(html)
    body: dict[str, list[str]] = {"actie": ["bevestigen"]}
    for naam, waarde in parser.velden:
        body.setdefault(naam, []).append(waarde)
    return body


def _bevestigd(client, url: str, data: dict, **kwargs):
    """POST a money form as a user does: step 1 with `data`; when that shows the confirmation page,
    press "Bevestigen" there (its hidden fields, not `data`). A refused step 1 is returned as it is."""
    eerste = client.post(url, data=data)
    html = eerste.get_data(as_text=True)
    if eerste.status_code != 200 or 'value="bevestigen"' not in html:
        return eerste
    return client.post(url, data=_bevestigingsformulier(html), **kwargs)


@pytest.fixture
def bevestigingsformulier():
    """bevestigingsformulier(html): the body "Bevestigen" on that confirmation page posts."""
    return _bevestigingsformulier


@pytest.fixture
def bevestigd(client):
    """bevestigd(url, data, **kw): a money form posted in its two steps (form, then "Bevestigen")."""
    return lambda url, data, **kw: _bevestigd(client, url, data, **kw)


# The permission tables: one shape for every feature.

IN_TE_LOGGEN = 302  # anonymous users are sent to the login page


@dataclass(frozen=True)
class Regel:
    """One row of a permission table: `rol` (own object or not) sends `methode url` with `data` and gets
    `status`; `effect(wereld, db)` then checks what the request left in the database.

    `rol` is a `Rol` value, "anoniem", or a position the feature's world names (e.g. "voorzitter");
    `eigen` is True for a user whose board, wijk or organisation owns the object, False for one whose
    does not, None for roles that see everything. `url` and the string values of `data` are formatted
    with `w` = the world, e.g. "/potten/{w.a.id}"."""

    methode: str
    url: str
    rol: str
    eigen: bool | None
    status: int
    effect: Callable[[object, object], None] | None = None
    data: dict | None = None

    @property
    def naam(self) -> str:
        wie = self.rol + {True: " eigen", False: " ander", None: ""}[self.eigen]
        return f"{self.methode} {self.url} {wie} -> {self.status}"


def _wie(sleutel: str) -> tuple[str, bool | None]:
    rol, _, eigen = sleutel.partition(" ")
    return rol, {"eigen": True, "ander": False, "": None}[eigen]


def telt(model, waar, aantal: int) -> Callable[[object, object], None]:
    """Effect: exactly `aantal` rows of `model` meet the conditions `waar(world)` returns."""

    def check(w, db):
        gevonden = db.exec(select(func.count()).select_from(model).where(*waar(w))).one()
        assert gevonden == aantal, f"{model.__name__}: {gevonden} rows, expected {aantal}"

    return check


def regels(
    methode, url, verwacht: dict[str, int], *, data=None, rijen=None, wel=None, niet=None
) -> list[Regel]:
    """The rows of one request: `verwacht` maps "rol", "rol eigen" or "rol ander" to the status; a write
    that is let through (status < 400, not the anonymous redirect to the login) must show effect `wel`,
    a refused one effect `niet`. With `rijen` = (Model, waar), `wel` and `niet` are row counts."""
    if rijen is not None:
        wel, niet = telt(*rijen, wel), telt(*rijen, niet)
    return [
        Regel(methode, url, *_wie(wie), status, wel if status < 400 and wie != "anoniem" else niet, data)
        for wie, status in verwacht.items()
    ]


def pytest_generate_tests(metafunc):
    """A test asking for `regel` runs once per row of its module's TOEGANG: a list of requests, each a
    dict of the arguments of `regels` (methode, url, verwacht, and for writes data, rijen, wel, niet)."""
    if "regel" in metafunc.fixturenames and hasattr(metafunc.module, "TOEGANG"):
        tabel = [r for verzoek in metafunc.module.TOEGANG for r in regels(**verzoek)]
        metafunc.parametrize("regel", tabel, ids=[r.naam for r in tabel])


@pytest.fixture
def voer_uit(client, auth, db, make_token):
    """voer_uit(regel, wereld): log in as the row's user (an API call carries that user's token and a
    JSON body), send the request, assert the exact status, then the effect."""

    def run(regel: Regel, wereld) -> None:
        url = regel.url.format(w=wereld)
        data = {k: v.format(w=wereld) if isinstance(v, str) else v for k, v in (regel.data or {}).items()}
        api = url.startswith("/api/")
        headers = {"Idempotency-Key": "matrix"} if api and regel.methode == "POST" else {}
        if regel.rol != "anoniem":
            gebruiker = wereld.gebruikers[(regel.rol, regel.eigen)]
            if api:
                headers["Authorization"] = f"Bearer {make_token(gebruiker)}"
            else:
                assert auth.login(gebruiker).status_code == 302
        if api:  # a JSON body, in which an id taken from the world is a number
            body = {k: int(v) if k.endswith("_id") else v for k, v in data.items()}
            response = client.open(url, method=regel.methode, json=body or None, headers=headers)
        else:
            response = client.open(url, method=regel.methode, data=data, headers=headers)
        assert response.status_code == regel.status, response.get_data(as_text=True)[:2000]
        if regel.rol == "anoniem" and not api:
            assert response.status_code == IN_TE_LOGGEN
            assert response.headers["Location"].startswith("/inloggen")
        if regel.effect is not None:
            db.expire_all()
            regel.effect(wereld, db)

    return run


class Postbus:
    """An SMTP handler that keeps what it receives, or refuses every recipient with `weiger` ("451 …")."""

    def __init__(self):
        self.ontvangen: list[SimpleNamespace] = []
        self.weiger: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.weiger:
            return self.weiger
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.ontvangen.append(
            SimpleNamespace(
                mail_from=envelope.mail_from,
                rcpt_tos=list(envelope.rcpt_tos),
                bericht=message_from_bytes(envelope.original_content, policy=policy.default),
            )
        )
        return "250 Message accepted for delivery"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dichte_poort() -> int:
    """A local port nobody listens on: a mail server that is down."""
    return vrije_poort()


@pytest.fixture
def postbus(app):
    """A local SMTP server the app's sender delivers to (MAIL_BACKEND smtp)."""
    handler = Postbus()
    controller = Controller(handler, hostname="127.0.0.1", port=vrije_poort())
    controller.start()
    app.config.update(
        MAIL_BACKEND="smtp",
        MAIL_SMTP_HOST="127.0.0.1",
        MAIL_SMTP_PORT=controller.port,
        MAIL_FROM="Wijkportaal <noreply@wijkportaal.test>",
        BASE_URL="https://wijkportaal.test",
    )
    yield handler
    controller.stop()


# Scheduled jobs under a stopped clock


@pytest.fixture
def klok(request):
    """A stopped clock at the test module's KLOK_START (an aware datetime); `klok.shift(timedelta)` and
    `klok.move_to(moment)` move it."""
    with time_machine.travel(request.module.KLOK_START, tick=False) as reis:
        yield reis


def draai_job(app, naam: str) -> str:
    """Run the scheduled job `naam` once, as the scheduler does; its summary line ("1 herinnering verstuurd")."""
    uitkomst = jobs.run_job(app, jobs.registered(app)[naam])
    assert uitkomst.gelukt, uitkomst.regel
    return uitkomst.regel
