"""The benchmark dataset: every Dutch primary-school partnership together, ten school years of wijkoverleg.

At scale 1: 150 regio's, 1,500 wijken, 1,000 besturen, 6,500 schools, an OKT per wijk, 90,000 meetings,
900,000 agenda items, 100,000 action items. A smaller scale shrinks the number of wijken (and everything
that hangs off them) but keeps the history per wijk the same, so a wijk page costs about the same.
Rows go in with SQLAlchemy Core executemany (SQLite) or COPY (PostgreSQL); the schema comes from Alembic.
"""

import json
import math
import random
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

import wijkportaal.models  # noqa: F401  (registers every table on the metadata)
from wijkportaal import migrate
from wijkportaal.auth.passwords import hash_password
from wijkportaal.core import clock

DATA = Path(__file__).resolve().parent / "data"
PASSWORD = "wijkportaal-bench"
SWV_EMAIL = "swv@bench.wijkportaal.nl"
CHAIR_EMAIL = "schoolleider@bench.wijkportaal.nl"
BATCH = 10_000
SEED = 20261123

FULL = {
    "regios": 150,
    "wijken": 1_500,
    "besturen": 1_000,
    "scholen": 6_500,  # of which `speciaal` are SBO or SO
    "speciaal": 500,
    "bijeenkomsten": 90_000,
    "agendapunten_per_bijeenkomst": 10,
    "actiepunten": 100_000,
}
ZONDER_OVERLEG = 0.05  # share of wijken without a wijkoverleg
# profile: (share, meetings per school year, agenda agreed beforehand, OKT present, SO present, themed items)
PROFIELEN = {
    "goed": (0.70, 7.0, 0.92, 0.88, 0.82, 0.45),
    "matig": (0.15, 5.0, 0.60, 0.60, 0.45, 0.25),
    "gestopt": (0.05, 5.0, 0.80, 0.70, 0.60, 0.30),
    "nieuw": (0.10, 6.0, 0.85, 0.85, 0.75, 0.40),
}

VOOR = [
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Hoog",
    "Laag",
    "Oud",
    "Nieuw",
    "Groot",
    "Klein",
    "Ooster",
    "Wester",
    "Bos",
    "Zand",
    "Berg",
    "Dal",
    "Veld",
    "Water",
    "Molen",
    "Kerk",
]
STAM = [
    "veen",
    "dijk",
    "hoven",
    "wijk",
    "meer",
    "dam",
    "horst",
    "loo",
    "berg",
    "rade",
    "zand",
    "broek",
    "hout",
    "kamp",
    "gaarde",
    "haven",
    "lanen",
    "weide",
    "burg",
    "beek",
]
DEEL = [
    "Centrum",
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Buiten",
    "Oud",
    "Haven",
    "Park",
    "Dorp",
    "Polder",
    "Kern",
]
DIER = [
    "Regenboog",
    "Zonnebloem",
    "Klimop",
    "Vlinder",
    "Wereldboom",
    "Notenkraker",
    "Sterrenwacht",
    "Kompas",
    "Windroos",
    "Springplank",
    "Tweemaster",
    "Boomgaard",
    "Kameleon",
    "Ontdekking",
    "Horizon",
    "Vuurtoren",
    "Eikenhof",
    "Lindeboom",
    "Meander",
    "Zeppelin",
]
SCHOOLTYPE = [
    "OBS",
    "CBS",
    "RKBS",
    "IKC",
    "Montessorischool",
    "Daltonschool",
    "Jenaplanschool",
    "Vrije School",
]
THEMAS = [
    (
        "Inclusief onderwijs",
        ["Inclusief onderwijs: wat kan de wijk zelf?", "Thuisnabij onderwijs in de wijk"],
    ),
    ("Dekkend aanbod", ["Dekkend aanbod: hiaten in de wijk", "Expertise delen tussen scholen"]),
    (
        "Ondersteuningsbehoeften in de wijk",
        ["Ondersteuningsbehoeften: analyse schoolondersteuningsprofielen", "Trends in aanmeldingen OT"],
    ),
    (
        "Overstappen en schoolwissels",
        ["Tussentijdse overstappen tussen scholen", "Warme overdracht bij wissels"],
    ),
    ("Thuiszitten en schoolaanwezigheid", ["Thuiszitters: stand van zaken", "Verzuim en leerplicht"]),
    ("Jonge kind", ["Jonge kind: instroom en VVE", "Doorgaande lijn peuteropvang - groep 1"]),
    ("Samenwerking met jeugdhulp", ["Inzet OKT op de scholen", "Samenwerking met jeugdhulpaanbieders"]),
    ("Nieuwe initiatieven", ["Nieuw initiatief: gezamenlijke aanvraag", "Voortgang lopend initiatief"]),
    ("Gedeelde pot", ["Gedeelde pot: bestedingsvoorstel", "Bijdragen besturen aan de wijkpot"]),
]
VERPLICHT_HUIDIG = 5  # required themes this school year (the first five, rotated by year)
EIGENAREN = ["voorzitter", "secretaris", "OKT", "leerplicht", "IB'er", "SO-school", "SWV", "directeur"]
BESCHRIJVINGEN = [
    "Korte toelichting door de eigenaar, stukken vooraf rondgestuurd.",
    "Bespreken en besluiten over het voorstel.",
    "Ter informatie; vragen vooraf mailen aan de voorzitter.",
    "Vervolg op het vorige overleg.",
    "",
]
NOTULEN = [
    "Besproken; de scholen herkennen het beeld. Afgesproken dat de IB'ers voor de volgende bijeenkomst "
    "in kaart brengen welke expertise beschikbaar is en waar de hiaten zitten.",
    "Toelichting gegeven door het OKT. Vragen over wachttijden; het SWV neemt dit mee naar het regio-overleg. "
    "Geen besluiten.",
    "Voorstel aangenomen. De voorzitter stuurt de uitwerking rond en agendeert de evaluatie na de zomer.",
    "Kort besproken wegens tijdgebrek; doorgeschoven naar de volgende bijeenkomst.",
    "Stand van zaken gedeeld, aantallen zijn stabiel. Leerplicht en SO-school sluiten aan bij de casusbespreking.",
]
ACTIES = [
    "Overzicht expertise per school aanvullen",
    "Contact opnemen met leerplicht over verzuimcijfers",
    "Voorstel voor gezamenlijke aanvraag uitwerken",
    "Uitnodiging sturen aan de SO-school voor de casusbespreking",
    "Afspraken warme overdracht op papier zetten",
    "Cijfers thuiszitters opvragen bij het SWV",
]


def counts_for(scale: float) -> dict[str, int]:
    c = {k: max(1, round(v * scale)) for k, v in FULL.items()}
    c["agendapunten_per_bijeenkomst"] = FULL["agendapunten_per_bijeenkomst"]
    c["wijken"] = max(c["wijken"], 3)
    c["regios"] = min(c["regios"], c["wijken"])
    c["scholen"] = max(c["scholen"], 2 * c["wijken"] + c["speciaal"])
    return c


# ---------------------------------------------------------------------------------------------- loading


class Sink:
    """Writes rows (tuples, in `columns` order) into a table in batches."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def load(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class SqliteSink(Sink):
    def load(self, table, columns, rows):
        stmt = sa.insert(SQLModel.metadata.tables[table])
        n = 0
        with self.engine.begin() as conn:
            it = iter(rows)
            while batch := list(islice(it, BATCH)):
                conn.execute(stmt, [dict(zip(columns, row, strict=True)) for row in batch])
                n += len(batch)
        return n

    def finish(self):
        with self.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")


class PostgresSink(Sink):
    def load(self, table, columns, rows):
        n = 0
        with self.engine.connect() as conn:
            raw = conn.connection.driver_connection
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
            raw.commit()
        return n

    def finish(self):
        with self.engine.begin() as conn:
            for table in SQLModel.metadata.sorted_tables:
                id_col = table.columns.get("id")
                if id_col is None or not isinstance(id_col.type, sa.Integer):
                    continue
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
                )
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("ANALYZE")


# ---------------------------------------------------------------------------------------------- the data


@dataclass
class Overleg:
    id: int
    wijk_id: int
    profiel: str
    opgericht: date
    voorzitter_id: int
    leden: list[tuple[int, str]] = field(default_factory=list)  # (organisatie_id, soort)


@dataclass
class Meeting:
    overleg: Overleg
    start: datetime
    jaar: int
    id: int = 0
    geannuleerd: bool = False
    voorbij: bool = False
    eerste_punt: int = 0
    punten: int = 0


class Dataset:
    """Builds every table's rows from one seed, relative to `moment` (so statuses look realistic today)."""

    def __init__(self, scale: float, seed: int = SEED, moment: datetime | None = None):
        self.c = counts_for(scale)
        self.rng = random.Random(seed)
        self.moment = moment or clock.now()
        self.vandaag = self.moment.date()
        self.huidig = clock.schooljaar_van(self.vandaag)
        self.eerste = self.huidig - 9
        self.password_hash = hash_password(PASSWORD)

    def _naam(self) -> str:
        return self.rng.choice(VOOR) + self.rng.choice(STAM)

    # -- reference data: regio's, wijken, besturen, organisaties

    def regios(self):
        for i in range(1, self.c["regios"] + 1):
            yield (i, f"R{i:03d}", f"Regio {self._naam()}")

    def wijken(self):
        r, w = self.c["regios"], self.c["wijken"]
        self.wijk_regio = {i: (i - 1) * r // w + 1 for i in range(1, w + 1)}
        for i in range(1, w + 1):
            yield (i, f"W{i:04d}", f"{self._naam()}-{self.rng.choice(DEEL)}", self.wijk_regio[i])

    def besturen(self):
        r, b = self.c["regios"], self.c["besturen"]
        self.besturen_per_regio: dict[int, list[int]] = {}
        for i in range(1, b + 1):
            self.besturen_per_regio.setdefault((i - 1) * r // b + 1, []).append(i)
            yield (i, f"Stichting {self._naam()} Onderwijs", f"{40000 + i}")

    def _bestuur(self, wijk_id: int) -> int:
        eigen = self.besturen_per_regio.get(self.wijk_regio[wijk_id])
        if eigen and self.rng.random() < 0.9:
            return self.rng.choice(eigen)
        return self.rng.randint(1, self.c["besturen"])

    def organisaties(self):
        rng, w = self.rng, self.c["wijken"]
        self.scholen_per_wijk: dict[int, list[int]] = {i: [] for i in range(1, w + 1)}
        self.speciaal_per_regio: dict[int, list[int]] = {}
        self.okt: dict[int, int] = {}
        self.leerplicht: dict[int, int] = {}
        self.soort: dict[int, str] = {}
        regulier = self.c["scholen"] - self.c["speciaal"]
        wijk_van_school = [1 + i % w for i in range(2 * w)] + [
            rng.randint(1, w) for _ in range(regulier - 2 * w)
        ]
        org_id = 0
        for wijk_id in sorted(wijk_van_school):
            org_id += 1
            naam = f"{rng.choice(SCHOOLTYPE)} {'De ' if rng.random() < 0.6 else ''}{rng.choice(DIER)}"
            yield self._org(org_id, naam, "basisschool", wijk_id, self._bestuur(wijk_id))
        for k in range(self.c["speciaal"]):
            org_id += 1
            wijk_id = rng.randint(1, w)
            soort = "sbo" if k % 2 == 0 else "so"
            naam = f"{soort.upper()} {rng.choice(DIER)}" + (
                f" (cluster {rng.randint(2, 4)})" if soort == "so" else ""
            )
            self.speciaal_per_regio.setdefault(self.wijk_regio[wijk_id], []).append(org_id)
            yield self._org(org_id, naam, soort, wijk_id, self._bestuur(wijk_id))
        for wijk_id in range(1, w + 1):
            org_id += 1
            self.okt[wijk_id] = org_id
            yield self._org(org_id, f"Ouder- en Kindteam W{wijk_id:04d}", "okt", wijk_id, None)
        for regio_id in range(1, self.c["regios"] + 1):
            org_id += 1
            self.leerplicht[regio_id] = org_id
            yield self._org(org_id, f"Leerplicht regio R{regio_id:03d}", "leerplicht", None, None)
            org_id += 1
            yield self._org(org_id, f"JGZ regio R{regio_id:03d}", "jgz", None, None)

    def _org(self, org_id, naam, soort, wijk_id, bestuur_id):
        self.soort[org_id] = soort
        school = soort in ("basisschool", "sbo", "so")
        if school and soort == "basisschool":
            self.scholen_per_wijk[wijk_id].append(org_id)
        rng = self.rng
        return (
            org_id,
            naam,
            soort,
            f"{org_id:05d}{chr(65 + org_id % 26)}{chr(65 + org_id // 26 % 26)}" if school else None,
            wijk_id,
            bestuur_id,
            f"{rng.choice(DIER)}straat {rng.randint(1, 250)}",
            f"{rng.randint(1000, 9999)} {chr(65 + rng.randint(0, 25))}{chr(65 + rng.randint(0, 25))}",
            self._naam(),
            rng.randint(80, 650) if school else None,
            True,
        )

    # -- people and the overleggen

    def plan_overleggen(self) -> None:
        rng, w = self.rng, self.c["wijken"]
        zonder = set(rng.sample(range(2, w + 1), round(ZONDER_OVERLEG * w)))
        namen, gewichten = zip(*((k, v[0]) for k, v in PROFIELEN.items()), strict=True)
        self.overleggen: list[Overleg] = []
        gebruiker_id = 1  # 1 is the SWV user
        for wijk_id in range(1, w + 1):
            if wijk_id in zonder:
                continue
            gebruiker_id += 1
            profiel = "goed" if wijk_id == 1 else rng.choices(namen, gewichten)[0]
            if profiel == "nieuw":
                start = datetime.combine(self.vandaag, datetime.min.time()) - timedelta(
                    days=rng.randint(90, 700)
                )
                opgericht = start.date()
            else:
                opgericht = date(self.eerste, 8, 1) + timedelta(days=rng.randint(0, 40))
            overleg = Overleg(len(self.overleggen) + 1, wijk_id, profiel, opgericht, gebruiker_id)
            leden = [(s, "basisschool") for s in self.scholen_per_wijk[wijk_id]]
            leden.append((self.okt[wijk_id], "okt"))
            regio = self.wijk_regio[wijk_id]
            speciaal = self.speciaal_per_regio.get(regio) or [
                o for v in self.speciaal_per_regio.values() for o in v
            ]
            leden.append((rng.choice(speciaal), "so"))
            leden.append((self.leerplicht[regio], "leerplicht"))
            overleg.leden = leden
            self.overleggen.append(overleg)

    def gebruikers(self):
        aangemaakt = self.moment - timedelta(days=400)
        yield (
            1,
            SWV_EMAIL,
            "SWV-medewerker (bench)",
            "swv",
            self.password_hash,
            None,
            None,
            None,
            True,
            aangemaakt,
        )
        for o in self.overleggen:
            email = CHAIR_EMAIL if o.wijk_id == 1 else f"voorzitter.w{o.wijk_id:04d}@bench.wijkportaal.nl"
            school = self.scholen_per_wijk[o.wijk_id][0]
            naam = f"Voorzitter {self._naam()} (W{o.wijk_id:04d})"
            yield (
                o.voorzitter_id,
                email,
                naam,
                "schoolleider",
                self.password_hash,
                None,
                school,
                o.wijk_id,
                True,
                aangemaakt,
            )

    def themas(self):
        for i, (naam, _) in enumerate(THEMAS, start=1):
            yield (i, naam, f"Thema {naam.lower()} voor het wijkoverleg.", True)

    def verplicht_per_jaar(self) -> dict[int, list[int]]:
        n = len(THEMAS)
        return {
            jaar: sorted({1 + (k + jaar) % n for k in range(VERPLICHT_HUIDIG)})
            for jaar in range(self.eerste, self.huidig + 1)
        }

    def verplichte_themas(self):
        i = 0
        for jaar, themas in self.verplicht_per_jaar().items():
            for thema_id in themas:
                i += 1
                yield (i, jaar, thema_id)

    def overlegnormen(self):
        yield (1, 12, 4, 120, 75, 50, self.moment - timedelta(days=300))

    def wijkoverleggen(self):
        for o in self.overleggen:
            yield (o.id, o.wijk_id, o.voorzitter_id, None, o.opgericht)

    def lidmaatschappen(self):
        i = 0
        for o in self.overleggen:
            for org_id, _ in o.leden:
                i += 1
                yield (i, o.id, org_id, o.opgericht)

    # -- ten school years of meetings

    def _venster(self, o: Overleg, jaar: int) -> tuple[date, date] | None:
        """The part of school year `jaar` (September to June) in which overleg `o` can have met."""
        begin, einde = date(jaar, 9, 1), date(jaar + 1, 6, 30)
        begin = max(begin, o.opgericht + timedelta(days=14))
        einde = min(einde, self.vandaag + timedelta(days=90))
        if o.profiel == "gestopt":
            einde = min(einde, date(self.huidig - 2, 6, 30) + timedelta(days=-120 * (o.id % 3)))
        return (begin, einde) if einde > begin + timedelta(days=7) else None

    def plan_bijeenkomsten(self) -> None:
        rng = self.rng
        slots = []
        for o in self.overleggen:
            rate = PROFIELEN[o.profiel][1]
            for jaar in range(self.eerste, self.huidig + 1):
                venster = self._venster(o, jaar)
                if venster:
                    slots.append([o, jaar, venster, rate * (venster[1] - venster[0]).days / 302])
        totaal = self.c["bijeenkomsten"]
        factor = totaal / sum(s[3] for s in slots)
        aantallen = [math.floor(s[3] * factor + rng.random()) for s in slots]
        while (verschil := totaal - sum(aantallen)) != 0:
            k = rng.randrange(len(slots))
            if verschil > 0:
                aantallen[k] += 1
            elif aantallen[k] > 1:
                aantallen[k] -= 1
        meetings = []
        for (o, jaar, (begin, einde), _), n in zip(slots, aantallen, strict=True):
            stap = (einde - begin).days / max(n, 1)
            for k in range(n):
                dag = begin + timedelta(days=int((k + 0.5) * stap + rng.uniform(-0.3, 0.3) * stap))
                dag = min(max(dag, begin), einde)
                if dag.weekday() >= 5:
                    dag += timedelta(days=7 - dag.weekday())
                uur = rng.choice((9, 13, 15, 15, 15, 16))
                meetings.append(Meeting(o, datetime(dag.year, dag.month, dag.day, uur, 30), jaar))
        # Ids in the order the meetings were planned, so a wijk's rows are spread over the table as in real life.
        meetings.sort(key=lambda m: (m.start - timedelta(days=30), m.overleg.id))
        for i, m in enumerate(meetings, start=1):
            m.id = i
        self.meetings = meetings

    def bijeenkomsten(self):
        rng, moment = self.rng, self.moment
        self.gehouden: list[Meeting] = []
        for m in self.meetings:
            profiel = PROFIELEN[m.overleg.profiel]
            geannuleerd = rng.random() < 0.04
            voorbij = m.start <= moment
            if voorbij:
                if rng.random() < profiel[2]:
                    vastgesteld = m.start - timedelta(days=rng.randint(3, 14), hours=5)
                elif rng.random() < 0.5:
                    vastgesteld = m.start + timedelta(days=1)
                else:
                    vastgesteld = None
            elif (m.start - moment).days <= 14 and rng.random() < 0.7:
                vastgesteld = moment - timedelta(days=rng.randint(0, 3), hours=2)
            else:
                vastgesteld = None
            notulen = m.start + timedelta(days=42)
            notulen = (
                notulen if voorbij and not geannuleerd and notulen <= moment and rng.random() < 0.9 else None
            )
            if voorbij and not geannuleerd:
                self.gehouden.append(m)
            m.geannuleerd = geannuleerd
            m.voorbij = voorbij
            chair = m.overleg.voorzitter_id
            yield (
                m.id,
                m.overleg.id,
                m.start,
                m.start + timedelta(hours=2),
                f"{rng.choice(SCHOOLTYPE)} {rng.choice(DIER)}, teamkamer",
                f"https://meet.example.nl/w{m.overleg.wijk_id:04d}-{m.id}" if rng.random() < 0.15 else "",
                geannuleerd,
                vastgesteld,
                chair if vastgesteld else None,
                notulen,
                chair if notulen else None,
                min(m.start - timedelta(days=30), moment),
            )

    def agendapunten(self):
        """Agenda items, about ten a meeting (the total is exactly ten times the meetings); themes on a share."""
        rng = self.rng
        verplicht = self.verplicht_per_jaar()
        per = self.c["agendapunten_per_bijeenkomst"]
        self.agendapunt_themas: list[tuple[int, int]] = []
        item_id = 0
        verschil = 0
        for k, m in enumerate(self.meetings):
            if k % 2 == 0:
                verschil = rng.randint(-3, 3) if k + 1 < len(self.meetings) else 0
                n = per + verschil
            else:
                n = per - verschil
            m.eerste_punt, m.punten = item_id + 1, n
            p_thema = PROFIELEN[m.overleg.profiel][5]
            themas = [t for t in range(1, len(THEMAS) + 1)]
            gewichten = [3 if t in verplicht[m.jaar] else 1 for t in themas]
            aangemaakt = min(m.start - timedelta(days=20), self.moment)
            gehouden = m.voorbij and not m.geannuleerd
            for volgorde in range(1, n + 1):
                item_id += 1
                if volgorde == 1:
                    titel, thema = "Opening en mededelingen", None
                elif volgorde == 2:
                    titel, thema = "Notulen en actiepuntenlijst vorige bijeenkomst", None
                elif volgorde == n:
                    titel, thema = "Rondvraag en sluiting", None
                else:
                    thema = rng.choices(themas, gewichten)[0]
                    titel = rng.choice(THEMAS[thema - 1][1])
                r = rng.random()
                if not m.voorbij:
                    status = "voorgesteld" if r < 0.1 else "agenda"
                else:
                    status = "afgewezen" if r < 0.02 else "geschrapt" if r < 0.04 else "agenda"
                yield (
                    item_id,
                    m.id,
                    volgorde,
                    titel,
                    rng.choice(BESCHRIJVINGEN),
                    rng.choice(EIGENAREN),
                    rng.choice((5, 10, 15, 15, 20, 30, 45)),
                    status,
                    None,
                    rng.choice(NOTULEN) if gehouden and status == "agenda" else "",
                    aangemaakt,
                )
                if thema is not None and rng.random() < p_thema:
                    self.agendapunt_themas.append((item_id, thema))
                    if rng.random() < 0.1:
                        extra = rng.choice(themas)
                        if extra != thema:
                            self.agendapunt_themas.append((item_id, extra))

    def aanwezigheden(self):
        rng = self.rng
        i = 0
        for m in self.gehouden:
            profiel = PROFIELEN[m.overleg.profiel]
            for org_id, soort in m.overleg.leden:
                p = {"okt": profiel[3], "so": profiel[4], "leerplicht": 0.5}.get(soort, 0.85)
                r = rng.random()
                status = "aanwezig" if r < p else "afgemeld" if r < p + (1 - p) * 0.6 else "afwezig"
                i += 1
                yield (i, m.id, org_id, status)

    def actiepunten(self):
        rng, vandaag = self.rng, self.vandaag
        gekozen = sorted(
            (rng.choice(self.gehouden) for _ in range(self.c["actiepunten"])), key=lambda m: m.id
        )
        for i, m in enumerate(gekozen, start=1):
            deadline = m.start.date() + timedelta(days=rng.randint(14, 90))
            r = rng.random()
            if deadline < vandaag - timedelta(days=365):
                status = "open" if r < 0.01 else "vervallen" if r < 0.08 else "afgerond"
            elif deadline < vandaag:
                status = "open" if r < 0.35 else "vervallen" if r < 0.40 else "afgerond"
            else:
                status = "open" if r < 0.8 else "afgerond"
            afgerond = None
            if status == "afgerond":
                afgerond = min(
                    m.start + timedelta(days=rng.randint(7, (deadline - m.start.date()).days + 20)),
                    self.moment,
                )
            yield (
                i,
                m.overleg.id,
                m.id,
                m.eerste_punt + rng.randint(2, m.punten - 2),
                rng.choice(ACTIES),
                rng.choice(EIGENAREN),
                deadline,
                status,
                afgerond,
                min(m.start + timedelta(hours=3), self.moment),
            )

    def tables(self) -> Iterator[tuple[str, list[str], Callable[[], Iterable[tuple]]]]:
        """(table, columns, rows) in foreign-key order; later steps use what earlier ones planned."""
        yield "regios", ["id", "code", "naam"], self.regios
        yield "wijken", ["id", "code", "naam", "regio_id"], self.wijken
        yield "besturen", ["id", "naam", "bestuursnummer"], self.besturen
        yield (
            "organisaties",
            [
                "id",
                "naam",
                "soort",
                "code",
                "wijk_id",
                "bestuur_id",
                "adres",
                "postcode",
                "plaats",
                "leerlingen",
                "is_actief",
            ],
            self.organisaties,
        )
        self.plan_overleggen()
        yield (
            "gebruikers",
            [
                "id",
                "email",
                "naam",
                "rol",
                "wachtwoord_hash",
                "bestuur_id",
                "organisatie_id",
                "wijk_id",
                "is_actief",
                "aangemaakt_op",
            ],
            self.gebruikers,
        )
        yield "themas", ["id", "naam", "omschrijving", "is_actief"], self.themas
        yield "verplichte_themas", ["id", "schooljaar", "thema_id"], self.verplichte_themas
        yield (
            "overlegnormen",
            [
                "id",
                "periode_maanden",
                "min_bijeenkomsten",
                "max_dagen_sinds_laatste",
                "min_pct_vastgesteld",
                "min_pct_okt_so",
                "gewijzigd_op",
            ],
            self.overlegnormen,
        )
        yield (
            "wijkoverleggen",
            ["id", "wijk_id", "voorzitter_id", "secretaris_id", "opgericht_op"],
            self.wijkoverleggen,
        )
        yield "lidmaatschappen", ["id", "wijkoverleg_id", "organisatie_id", "sinds"], self.lidmaatschappen
        self.plan_bijeenkomsten()
        yield (
            "bijeenkomsten",
            [
                "id",
                "wijkoverleg_id",
                "start",
                "eind",
                "locatie",
                "online_link",
                "is_geannuleerd",
                "agenda_vastgesteld_op",
                "agenda_vastgesteld_door_id",
                "notulen_vastgesteld_op",
                "notulen_vastgesteld_door_id",
                "aangemaakt_op",
            ],
            self.bijeenkomsten,
        )
        yield (
            "agendapunten",
            [
                "id",
                "bijeenkomst_id",
                "volgorde",
                "titel",
                "beschrijving",
                "eigenaar",
                "minuten",
                "status",
                "voorgesteld_door_id",
                "notulen",
                "aangemaakt_op",
            ],
            self.agendapunten,
        )
        yield "agendapunt_themas", ["agendapunt_id", "thema_id"], lambda: iter(self.agendapunt_themas)
        yield "aanwezigheden", ["id", "bijeenkomst_id", "organisatie_id", "status"], self.aanwezigheden
        yield (
            "actiepunten",
            [
                "id",
                "wijkoverleg_id",
                "bijeenkomst_id",
                "agendapunt_id",
                "omschrijving",
                "eigenaar",
                "deadline",
                "status",
                "afgerond_op",
                "aangemaakt_op",
            ],
            self.actiepunten,
        )


# ---------------------------------------------------------------------------------------------- driving it


def sqlite_url(name: str = "bench") -> str:
    return f"sqlite:///{DATA / f'{name}.sqlite'}"


def meta_path(url: str) -> Path:
    return DATA / (
        "postgresql.json" if url.startswith("postgresql") else Path(url.rsplit("/", 1)[1]).stem + ".json"
    )


def load_meta(url: str) -> dict | None:
    path = meta_path(url)
    return json.loads(path.read_text()) if path.exists() else None


def ensure_postgres_database(url: str) -> None:
    """Create the database when missing, then drop and recreate its schema public."""
    import psycopg

    base, name = url.rsplit("/", 1)
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _engine(url: str) -> sa.Engine:
    if url.startswith("sqlite"):
        engine = sa.create_engine(url)

        @sa.event.listens_for(engine, "connect")
        def _fast(dbapi_connection, _record):
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=OFF")
            cur.execute("PRAGMA synchronous=OFF")
            cur.execute("PRAGMA cache_size=-200000")
            cur.close()

        return engine
    return sa.create_engine("postgresql+psycopg://" + url.removeprefix("postgresql://"))


def generate(url: str, scale: float, seed: int = SEED, log=print) -> dict:
    """Build the schema with Alembic and fill it; returns what was loaded (also written next to the data)."""
    DATA.mkdir(parents=True, exist_ok=True)
    meta_path(url).unlink(missing_ok=True)
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        sink_cls = SqliteSink
    else:
        ensure_postgres_database(url)
        sink_cls = PostgresSink
    migrate.upgrade(url)
    engine = _engine(url)
    sink = sink_cls(engine)
    started = time.perf_counter()
    dataset = Dataset(scale, seed)
    loaded = {}
    for table, columns, rows in dataset.tables():
        t0 = time.perf_counter()
        loaded[table] = sink.load(table, columns, rows())
        log(f"  {table:<20} {loaded[table]:>9,} rows  {time.perf_counter() - t0:6.1f} s")
    t0 = time.perf_counter()
    sink.finish()
    log(f"  {'finish/ANALYZE':<20} {'':>9}       {time.perf_counter() - t0:6.1f} s")
    engine.dispose()
    meta = {
        "url": url,
        "scale": scale,
        "seed": seed,
        "generated_at": dataset.moment.isoformat(),
        "seconds": round(time.perf_counter() - started, 1),
        "rows": loaded,
        "logins": {"swv": SWV_EMAIL, "schoolleider": CHAIR_EMAIL, "password": PASSWORD},
    }
    meta_path(url).write_text(json.dumps(meta, indent=2))
    return meta


def ensure(url: str, scale: float, reuse: bool, log=print) -> dict:
    """Reuse a finished dataset of the same scale when asked (bringing its schema up to date), else generate."""
    meta = load_meta(url)
    if reuse and meta and meta["scale"] == scale and meta["url"] == url:
        migrate.upgrade(url)
        log(
            f"  reusing dataset from {meta['generated_at']} ({meta['rows']['bijeenkomsten']:,} bijeenkomsten)"
        )
        return meta
    return generate(url, scale, log=log)
