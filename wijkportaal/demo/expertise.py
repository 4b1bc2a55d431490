"""Demo expertise and voorzieningen: SBO/SO schools, OKT's, care providers and the SWV's own team
offering support across the wijken, with some gaps left on purpose so the coverage matrix has a story."""

import random
from datetime import date

from sqlmodel import Session

from wijkportaal.demo.organisaties import Organisaties
from wijkportaal.demo.overleggen import GEEN_OVERLEG
from wijkportaal.expertise.models import (
    Dekkingsnorm,
    Domein,
    Eenheid,
    Expertise,
    ExpertiseWijk,
    Voorziening,
    VoorzieningSoort,
    VoorzieningWijk,
    Vorm,
)
from wijkportaal.wijken.models import Organisatie, OrganisatieSoort, Regio, Wijk

DOMEINEN = [
    ("Gedrag", "Gedragsproblemen in de klas, groepsdynamiek, sociaal-emotionele ontwikkeling."),
    ("Autisme", "Leerlingen met (kenmerken van) autisme; structuur, prikkels en communicatie."),
    ("Taal/TOS", "Taalontwikkelingsstoornissen en ernstige taalachterstand."),
    ("Dyslexie", "Ernstige enkelvoudige dyslexie, lees- en spellingsproblemen."),
    ("Begaafdheid", "(Hoog)begaafde leerlingen: verrijking, verdieping, plusklas."),
    ("Medisch en revalidatie", "Chronisch zieke leerlingen en leerlingen met een motorische beperking."),
    ("Jonge kind / ontwikkelachterstand", "Ontwikkeling van kleuters, vroegsignalering, overgang vve."),
    ("Schoolaanwezigheid en thuiszitten", "Verzuim voorkomen, thuiszitters terug naar school."),
    ("Cluster 1: zien", "Blinde en slechtziende leerlingen."),
    ("Cluster 2: horen en communicatie", "Dove en slechthorende leerlingen, TOS-arrangementen."),
    ("Cluster 3: verstandelijke en lichamelijke beperking", "Zeer moeilijk lerende en lichamelijk gehandicapte leerlingen."),
    ("Cluster 4: psychiatrie en gedrag", "Psychiatrische problematiek en ernstige gedragsproblemen."),
]  # fmt: skip
SWV_TEAM = "Expertiseteam SWV Amsterdam-Diemen"
CONTACTEN = ["A. Demo", "B. Voorbeeld", "C. Proef", "D. Fictief", "E. Oefen", "F. Schets"]


def laad_expertise(
    session: Session,
    today: date,
    seed: int,
    regios: list[Regio],
    wijken: list[Wijk],
    orgs: Organisaties,
) -> tuple[int, int]:
    """Domains, the coverage norm, offers and voorzieningen; returns (offers, voorzieningen)."""
    rng = random.Random(seed)
    session.add(Dekkingsnorm())
    domeinen = {
        naam: Domein(naam=naam, omschrijving=oms, volgorde=i) for i, (naam, oms) in enumerate(DOMEINEN)
    }
    team = Organisatie(naam=SWV_TEAM, soort=OrganisatieSoort.SWV, plaats="Amsterdam")
    session.add_all([*domeinen.values(), team])
    session.flush()

    van = date(today.year - 1 if today.month < 8 else today.year, 8, 1)
    per_regio = {r.id: [w for w in wijken if w.regio_id == r.id] for r in regios}
    aanbod: list[tuple[Expertise, list[Wijk]]] = []

    def bied(aanbieder, domein, vorm, capaciteit, bediend, eenheid=Eenheid.UREN, wacht=None, oms=""):
        e = Expertise(
            aanbieder_id=aanbieder.id,
            domein_id=domeinen[domein].id,
            vorm=vorm,
            omschrijving=oms,
            capaciteit=capaciteit,
            eenheid=eenheid,
            wachttijd_weken=wacht if wacht is not None else rng.choice([0, 0, 2, 3, 4, 6, 8, 12]),
            contact_naam=rng.choice(CONTACTEN),
            contact_email=f"expertise{len(aanbod) + 1}@demo.wijkportaal.nl",
            geldig_van=van,
            geldig_tot=date(van.year + 2, 7, 31),
        )
        aanbod.append((e, bediend))

    for regio in regios:
        regio_wijken = per_regio[regio.id]
        for school in orgs.speciaal[regio.id]:
            if school.soort == OrganisatieSoort.SBO:
                bied(
                    school,
                    "Gedrag",
                    Vorm.AMBULANTE_BEGELEIDING,
                    rng.randint(20, 40),
                    regio_wijken,
                    oms="Observatie in de klas en begeleiding van de leerkracht.",
                )
                bied(school, "Dyslexie", Vorm.CONSULTATIE, rng.randint(8, 16), regio_wijken)
            else:
                bied(
                    school,
                    "Cluster 4: psychiatrie en gedrag",
                    Vorm.ARRANGEMENT,
                    rng.randint(20, 40),
                    regio_wijken,
                )
                bied(school, "Autisme", Vorm.CO_TEACHING, rng.randint(6, 30), rng.sample(regio_wijken, 2))
                bied(school, "Cluster 3: verstandelijke en lichamelijke beperking", Vorm.CONSULTATIE,
                     rng.randint(10, 30), regio_wijken)  # fmt: skip
    for wijk in wijken:
        if wijk.code in GEEN_OVERLEG:
            continue  # no OKT offer recorded yet: these wijken show their gaps
        okt = orgs.okt[wijk.id]
        bied(
            okt,
            "Jonge kind / ontwikkelachterstand",
            Vorm.CONSULTATIE,
            rng.randint(4, 10),
            [wijk],
            oms="Spreekuur op school voor leerkrachten en ouders van kleuters.",
        )
        bied(okt, "Schoolaanwezigheid en thuiszitten", Vorm.CONSULTATIE, rng.randint(2, 8), [wijk])  # fmt: skip

    zorg = [p for p in orgs.partners if p.soort == OrganisatieSoort.ZORGAANBIEDER]
    kompas, praatwolk, ruggensteun, huppelpas = zorg[:4]
    bied(kompas, "Gedrag", Vorm.ARRANGEMENT, 30, rng.sample(wijken, 8), wacht=10)
    bied(praatwolk, "Taal/TOS", Vorm.CONSULTATIE, 24, rng.sample(wijken, 9), wacht=6)
    bied(ruggensteun, "Medisch en revalidatie", Vorm.AMBULANTE_BEGELEIDING, 40, wijken, wacht=4)
    bied(huppelpas, "Medisch en revalidatie", Vorm.CONSULTATIE, 12, rng.sample(wijken, 6), wacht=2)
    bied(team, "Begaafdheid", Vorm.TRAINING, 16, wijken, wacht=0, oms="Scholing voor leerkrachten en IB'ers.")
    bied(team, "Cluster 2: horen en communicatie", Vorm.CONSULTATIE, 60, wijken, wacht=3)
    bied(team, "Autisme", Vorm.CONSULTATIE, 40, wijken, wacht=5)
    oost_zuid = [w for r in regios if r.naam in ("Zuidoost", "Oost en Diemen") for w in per_regio[r.id]]
    bied(team, "Cluster 1: zien", Vorm.AMBULANTE_BEGELEIDING, 8, oost_zuid, wacht=8)

    session.add_all(e for e, _ in aanbod)
    session.flush()
    session.add_all(ExpertiseWijk(expertise_id=e.id, wijk_id=w.id) for e, bediend in aanbod for w in bediend)

    voorzieningen = _voorzieningen(rng, regios, per_regio, orgs, domeinen, van)
    session.add_all(v for v, _ in voorzieningen)
    session.flush()
    session.add_all(
        VoorzieningWijk(voorziening_id=v.id, wijk_id=w.id) for v, bediend in voorzieningen for w in bediend
    )
    session.flush()
    return len(aanbod), len(voorzieningen)


# soort, domein, places, regio's that have one (by index in the list of regio's)
VOORZIENINGEN = [
    (VoorzieningSoort.STARTKLAS, "Jonge kind / ontwikkelachterstand", 12, (0, 2, 4, 5)),
    (VoorzieningSoort.THUISZITTERSGROEP, "Schoolaanwezigheid en thuiszitten", 8, (1, 4)),
    (
        VoorzieningSoort.ONDERWIJSZORGGROEP,
        "Cluster 3: verstandelijke en lichamelijke beperking",
        10,
        (0, 3, 5),
    ),
    (VoorzieningSoort.PLUSKLAS, "Begaafdheid", 15, (0, 1, 2, 3)),
    (VoorzieningSoort.TAALKLAS, None, 16, (2, 5)),
    (VoorzieningSoort.MAATWERKKLAS, "Autisme", 8, (3,)),
]


def _voorzieningen(rng, regios, per_regio, orgs, domeinen, van) -> list[tuple[Voorziening, list[Wijk]]]:
    uit = []
    for soort, domein, plaatsen, regio_nummers in VOORZIENINGEN:
        for i in regio_nummers:
            regio = regios[i % len(regios)]
            regio_wijken = per_regio[regio.id]
            gastwijk = rng.choice(regio_wijken)
            gast = rng.choice(
                [s for s in orgs.scholen[gastwijk.id] if s.soort == OrganisatieSoort.BASISSCHOOL]
            )
            v = Voorziening(
                naam=f"{soort.label} {regio.naam}",
                soort=soort,
                locatie_id=gast.id,
                domein_id=domeinen[domein].id if domein else None,
                doelgroep=_DOELGROEPEN[soort],
                plaatsen=plaatsen,
                plaatsen_bezet=rng.randint(plaatsen // 2, plaatsen),
                financiering=rng.choice(["Ondersteuningsmiddelen SWV", "Besturen samen", "Gemeente en SWV"]),
                contact_naam=rng.choice(CONTACTEN),
                contact_email=f"voorziening.{soort.value}.{i}@demo.wijkportaal.nl",
                geldig_van=van,
            )
            uit.append((v, regio_wijken))
    return uit


_DOELGROEPEN = {
    VoorzieningSoort.STARTKLAS: "Kleuters die een zachte start in het onderwijs nodig hebben",
    VoorzieningSoort.THUISZITTERSGROEP: "Leerlingen die langer dan vier weken niet naar school gaan",
    VoorzieningSoort.ONDERWIJSZORGGROEP: "Leerlingen die onderwijs en zorg op één plek nodig hebben",
    VoorzieningSoort.PLUSKLAS: "(Hoog)begaafde leerlingen uit groep 5 tot en met 8, één dag per week",
    VoorzieningSoort.TAALKLAS: "Nieuwkomers zonder Nederlandse taal, het eerste jaar",
    VoorzieningSoort.MAATWERKKLAS: "Leerlingen met autisme die een kleine groep nodig hebben",
    VoorzieningSoort.OVERIG: "",
}
