"""`flask import duo FILE` against DUO's real school lists: upsert by code, place in wijken, report, never delete."""

import json
import os
import time
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from shapely.geometry import box, mapping, shape
from shapely.ops import unary_union
from sqlmodel import func, select

from wijkportaal.demo import WIJKEN_CSV
from wijkportaal.duo import services
from wijkportaal.duo.reader import DuoFout
from wijkportaal.wijken.models import Bestuur, Organisatie, OrganisatieSoort, Regio, Wijk, Wijkgrens
from wijkportaal.wijken.services import load_wijken, slug

DATA = Path(os.environ.get("WIJKPORTAAL_TESTDATA", Path(__file__).resolve().parents[4] / "shared" / "data"))
BO_NL = DATA / "duo-alle-vestigingen-bo-2021-10-01-nl.csv"
BO_AD = DATA / "duo-alle-vestigingen-bo-2021-10-01-amsterdam-diemen.csv"
SBO_SO = DATA / "duo-vestigingen-sbo-so-vso-amsterdam.csv"
PC4_NL = DATA / "nl-pc4-4pp-bobdenotter.csv"
PC4_AD = DATA / "pc4-amsterdam-diemen-4pp.csv"
GEBIEDEN = DATA / "amsterdam-diemen-gebieden-jetlag.geojson"

# The 2022 gebieden that the SWV's (older) division joins to another wijk; the rest are left out.
GEBIED_NAAR_WIJK = {"Bijlmer-West": "bijlmer-centrum", "Sloterdijk Nieuw-West": "geuzenveld-slotermeer"}
GEBIEDEN_ERBUITEN = ("Weesp, Driemond", "Ouder-Amstel")

if not DATA.is_dir():
    pytest.skip(f"the real DUO files are not in {DATA}", allow_module_level=True)


@pytest.fixture
def duo(runner):
    """Run `flask import duo` with the given arguments (paths become strings)."""

    def run(*args):
        return runner.invoke(args=["import", "duo", *(str(a) for a in args)])

    return run


def _grens(db, wijk, geometrie, schematisch=False):
    db.add(
        Wijkgrens(
            wijk_id=wijk.id,
            geometrie=json.dumps(mapping(geometrie)),
            is_schematisch=schematisch,
            bron="test",
            bijgewerkt_op=datetime(2026, 1, 1),
        )
    )


@pytest.fixture
def vierkanten(db):
    """Four wijken whose square boundaries together cover Amsterdam and Diemen (and more)."""
    regio = Regio(code="test", naam="Test")
    db.add(regio)
    db.flush()
    wijken = {}
    for code, (x0, y0, x1, y1) in {
        "noordwest": (4.60, 52.35, 4.90, 52.50),
        "noordoost": (4.90, 52.35, 5.20, 52.50),
        "zuidwest": (4.60, 52.20, 4.90, 52.35),
        "zuidoost": (4.90, 52.20, 5.20, 52.35),
    }.items():
        wijk = wijken[code] = Wijk(code=code, naam=code.title(), regio_id=regio.id)
        db.add(wijk)
        db.flush()
        _grens(db, wijk, box(x0, y0, x1, y1), schematisch=True)
    db.commit()
    return wijken


@pytest.fixture
def echte_grenzen(db):
    """The 23 wijken, with boundaries dissolved from the real 2022 gebieden (the division the SWV uses)."""
    load_wijken(db, WIJKEN_CSV)
    wijken = {w.code: w for w in db.exec(select(Wijk))}
    delen: dict[str, list] = {}
    for feature in json.loads(GEBIEDEN.read_text(encoding="utf-8"))["features"]:
        naam = feature["properties"]["name"].split(" (")[0]
        if naam.startswith(GEBIEDEN_ERBUITEN):
            continue
        delen.setdefault(GEBIED_NAAR_WIJK.get(naam, slug(naam)), []).append(
            shape(feature["geometry"]).buffer(0)
        )
    assert set(delen) == set(wijken)
    for code, geometrieen in delen.items():
        _grens(db, wijken[code], unary_union(geometrieen))
    db.commit()
    return wijken


# The six Amsterdam schools whose PC4 centroid lies outside the 23 wijken of the 2022 gebieden: 1013 (in the
# harbour, Westpoort is no gebied), 1028 Ransdorp (Landelijk Noord, not drawn) and 1109 Driemond (in
# "Weesp, Driemond", which the SWV's division leaves out).
BUITEN_DE_WIJKEN = {"24NT00", "16KV00", "20XO00", "20XY00", "10RG00", "19BH00"}


def _stand(db):
    db.rollback()  # see what the command committed
    return sorted(
        (
            o.code,
            o.naam,
            o.soort,
            o.bestuur_id,
            o.adres,
            o.postcode,
            o.plaats,
            o.gemeente,
            o.cluster,
            o.lat,
            o.lon,
            o.wijk_id,
            o.is_actief,
            o.laatst_in_bron,
        )
        for o in db.exec(select(Organisatie))
    )


def _school(db, code) -> Organisatie:
    db.rollback()
    return db.exec(select(Organisatie).where(Organisatie.code == code)).one()


def _aantal(db, model) -> int:
    db.rollback()
    return db.exec(select(func.count()).select_from(model)).one()


def _ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_the_amsterdam_diemen_bo_file_and_a_reimport_that_changes_nothing(duo, db, vierkanten):
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "basisonderwijs, Windows-1252, peildatum 2021-10-01" in uit
    assert (
        "Gelezen: 209 vestigingen; in de gemeenten van het samenwerkingsverband (AMSTERDAM, DIEMEN): 209."
        in uit
    )
    assert "Scholen: 209 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verdwenen." in uit
    assert "Besturen: 37 nieuw." in uit
    assert "In een wijk geplaatst: 209; niet geplaatst: 0." in uit

    scholen = db.exec(select(Organisatie)).all()
    assert len(scholen) == 209
    assert {s.soort for s in scholen} == {OrganisatieSoort.BASISSCHOOL}
    assert sum(s.gemeente == "Diemen" for s in scholen) == 8
    assert all(s.wijk_id and s.lat and s.lon and s.bestuur_id for s in scholen)
    assert {s.bron for s in scholen} == {"duo"}
    assert {s.laatst_in_bron for s in scholen} == {date(2021, 10, 1)}
    assert _aantal(db, Bestuur) == 37

    asvo = _school(db, "04IU00")
    assert (asvo.naam, asvo.adres, asvo.postcode, asvo.plaats, asvo.gemeente) == (
        "Asvo School",
        "Frederiksplein 37",
        "1017 XL",
        "Amsterdam",
        "Amsterdam",
    )
    assert db.get(Bestuur, asvo.bestuur_id).bestuursnummer == "20970"
    assert (asvo.lat, asvo.lon) == (52.3641851, 4.8907747)  # the centroid of 1017
    assert db.get(Wijk, asvo.wijk_id).code == "noordwest"
    zeeen = _school(db, "20ZU00")  # Windows-1252 "ë"
    assert (zeeen.naam, zeeen.postcode) == ("IKC Zeven Zeeën", "1034 DN")
    petrus = _school(db, "03LA00")
    assert (petrus.naam, petrus.postcode, petrus.gemeente) == ("Sint-Petrusschool", "1111 HL", "Diemen")

    stand = _stand(db)
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 209 ongewijzigd, 0 verdwenen." in uit
    assert "Besturen: 0 nieuw." in uit
    assert _stand(db) == stand


def test_the_sbo_so_file_keeps_primary_special_education_and_skips_vso(duo, db, vierkanten):
    uit = _ok(duo(SBO_SO, "--postcodes", PC4_AD, "--peildatum", "2025-10-01"))
    assert "speciaal onderwijs (sbo, so en vso), UTF-8, peildatum 2025-10-01" in uit
    assert (
        "Gelezen: 44 vestigingen; in de gemeenten van het samenwerkingsverband (AMSTERDAM, DIEMEN): 44."
        in uit
    )
    assert "Overgeslagen: 12 vestigingen met alleen voortgezet speciaal onderwijs (VSO)" in uit
    assert "Scholen: 32 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verdwenen." in uit
    assert "niet geplaatst: 0." in uit

    scholen = db.exec(select(Organisatie)).all()
    per_soort = {soort: sum(s.soort == soort for s in scholen) for soort in OrganisatieSoort}
    assert (per_soort[OrganisatieSoort.SBO], per_soort[OrganisatieSoort.SO]) == (10, 22)
    kans = _school(db, "20XC00")
    assert (kans.naam, kans.soort, kans.postcode, kans.cluster) == (
        "SBO De Kans",
        OrganisatieSoort.SBO,
        "1064 NE",
        None,
    )
    jongh = _school(db, "20YD02")
    assert (jongh.naam, jongh.soort, jongh.postcode, jongh.cluster) == (
        "Mr de Jonghschool",
        OrganisatieSoort.SO,
        "1108 EL",
        "4",
    )
    orion = _school(db, "20WU00")  # (V)SO: its SO part is primary education
    assert (orion.soort, orion.cluster, orion.laatst_in_bron) == (OrganisatieSoort.SO, "3", date(2025, 10, 1))
    assert db.exec(select(Organisatie).where(Organisatie.code == "21EJ00")).first() is None  # VSO only

    # The BO file covers basisscholen only: the SO and SBO schools are not "verdwenen" from it, and vice versa.
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "Scholen: 209 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verdwenen." in uit
    uit = _ok(duo(SBO_SO, "--postcodes", PC4_AD, "--peildatum", "2025-10-01"))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 32 ongewijzigd, 0 verdwenen." in uit
    assert _aantal(db, Organisatie) == 241


def test_every_school_lands_in_one_of_the_23_real_wijken_unless_its_postcode_lies_outside(
    duo, db, echte_grenzen
):
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "In een wijk geplaatst: 203; niet geplaatst: 6." in uit
    for code in BUITEN_DE_WIJKEN:
        assert f"{code} " in uit.split("Niet geplaatst:")[1]
    assert "20XY00 De Weidevogel: ligt buiten elke wijk (postcode 1028:" in uit

    db.rollback()
    wijk_van = {o.code: o.wijk_id for o in db.exec(select(Organisatie))}
    assert {c for c, w in wijk_van.items() if w is None} == BUITEN_DE_WIJKEN
    diemen = echte_grenzen["diemen"].id
    assert {o.code for o in db.exec(select(Organisatie).where(Organisatie.gemeente == "Diemen"))} == {
        c for c, w in wijk_van.items() if w == diemen
    }
    assert len({w for w in wijk_van.values() if w}) == 23  # every wijk has a school

    uit = _ok(duo(SBO_SO, "--postcodes", PC4_AD))
    assert "In een wijk geplaatst: 32; niet geplaatst: 0." in uit
    assert (
        _school(db, "20WV00").wijk_id == echte_grenzen["bijlmer-centrum"].id
    )  # Drostenburg, in Bijlmer-West


def test_the_national_file_is_filtered_to_the_swv_and_imported_within_30_seconds(duo, db, vierkanten):
    start = time.perf_counter()
    uit = _ok(duo(BO_NL, "--postcodes", PC4_NL))
    duur = time.perf_counter() - start
    print(f"\nDUO national file (6,215 rows) on {db.get_bind().dialect.name}: {duur:.2f} s")
    assert duur <= 30
    assert (
        "Gelezen: 6.215 vestigingen; in de gemeenten van het samenwerkingsverband (AMSTERDAM, DIEMEN): 209."
        in uit
    )
    assert "Scholen: 209 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verdwenen." in uit
    assert "niet geplaatst: 0." in uit
    # The Amsterdam-Diemen file holds the same rows, and both centroid files the same points.
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 209 ongewijzigd, 0 verdwenen." in uit


def test_a_newer_file_updates_and_reports_the_disappeared_school_without_deleting_it(
    duo, db, vierkanten, tmp_path
):
    _ok(duo(BO_AD, "--postcodes", PC4_AD))
    regels = BO_AD.read_bytes().split(b"\n")
    nieuwer = tmp_path / "duo-alle-vestigingen-bo-2022-10-01-amsterdam-diemen.csv"
    nieuwer.write_bytes(
        b"\n".join(
            r.replace(b";Asvo School;", b";Asvo School aan het Frederiksplein;")
            for r in regels
            if b";04JA00;" not in r
        )
    )

    uit = _ok(duo(nieuwer, "--postcodes", PC4_AD))
    assert "peildatum 2022-10-01" in uit
    assert "Scholen: 0 nieuw, 1 gewijzigd, 207 ongewijzigd, 1 verdwenen." in uit
    assert "04IU00 Asvo School aan het Frederiksplein (naam)" in uit
    assert "Verdwenen uit het bestand (niet verwijderd" in uit
    assert "04JA00 Basisschool Rosj Pina, laatst gezien 2021-10-01" in uit
    assert _aantal(db, Organisatie) == 209
    rosj_pina = _school(db, "04JA00")
    assert (rosj_pina.is_actief, rosj_pina.laatst_in_bron) == (True, date(2021, 10, 1))
    asvo = _school(db, "04IU00")
    assert (asvo.naam, asvo.laatst_in_bron) == ("Asvo School aan het Frederiksplein", date(2022, 10, 1))
    assert _school(db, "04JS00").laatst_in_bron == date(2022, 10, 1)

    uit = _ok(duo(nieuwer, "--postcodes", PC4_AD, "--deactiveer-verdwenen"))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 208 ongewijzigd, 1 verdwenen." in uit
    assert "op inactief gezet (niet verwijderd)" in uit
    assert _school(db, "04JA00").is_actief is False
    stand = _stand(db)
    uit = _ok(duo(nieuwer, "--postcodes", PC4_AD, "--deactiveer-verdwenen"))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 208 ongewijzigd, 0 verdwenen." in uit
    assert _stand(db) == stand

    # The old file again: the school is back (and active), the name goes back; the date stays the newest.
    uit = _ok(duo(BO_AD, "--postcodes", PC4_AD))
    assert "Scholen: 0 nieuw, 2 gewijzigd, 207 ongewijzigd, 0 verdwenen." in uit
    assert "04JA00 Basisschool Rosj Pina (weer actief)" in uit
    assert "ouder dan de vorige import (peildatum 2022-10-01)" in uit
    assert _school(db, "04JA00").is_actief is True
    assert (_school(db, "04IU00").naam, _school(db, "04IU00").laatst_in_bron) == (
        "Asvo School",
        date(2022, 10, 1),
    )


def test_the_same_file_in_utf8_with_a_bom_changes_nothing(duo, db, vierkanten, tmp_path):
    _ok(duo(BO_AD, "--postcodes", PC4_AD))
    stand = _stand(db)
    utf8 = tmp_path / BO_AD.name
    utf8.write_bytes(b"\xef\xbb\xbf" + BO_AD.read_bytes().decode("cp1252").encode("utf-8"))
    uit = _ok(duo(utf8, "--postcodes", PC4_AD))
    assert "basisonderwijs, UTF-8," in uit
    assert "Scholen: 0 nieuw, 0 gewijzigd, 209 ongewijzigd, 0 verdwenen." in uit
    assert _stand(db) == stand


def test_the_swv_municipalities_come_from_the_configuration(app, duo, db):
    app.config["SWV_GEMEENTEN"] = ("diemen",)
    uit = _ok(duo(BO_NL))
    assert "in de gemeenten van het samenwerkingsverband (DIEMEN): 8." in uit
    assert {o.gemeente for o in db.exec(select(Organisatie))} == {"Diemen"}


def test_without_boundaries_the_position_is_kept_and_used_once_boundaries_exist(duo, db, tmp_path, request):
    zonder_1013 = tmp_path / "pc4.csv"
    zonder_1013.write_text(
        "".join(r for r in PC4_AD.read_text(encoding="utf-8").splitlines(keepends=True) if ",1013," not in r),
        encoding="utf-8",
    )
    uit = _ok(duo(BO_AD, "--postcodes", zonder_1013))
    assert "er zijn nog geen wijkgrenzen opgeslagen" in uit
    assert "In een wijk geplaatst: 0 (er zijn geen wijkgrenzen opgeslagen)." in uit
    db.rollback()
    assert sum(o.lat is not None for o in db.exec(select(Organisatie))) == 206

    request.getfixturevalue("vierkanten")
    uit = _ok(duo(BO_AD))  # no --postcodes: the stored positions place the schools
    assert "Scholen: 0 nieuw, 206 gewijzigd, 3 ongewijzigd, 0 verdwenen." in uit
    assert "In een wijk geplaatst: 206; niet geplaatst: 3." in uit
    assert "20XO00 De Zeeheld: geen positie bekend (geef --postcodes op)" in uit
    assert "(wijk)" in uit and "de opgeslagen wijkgrenzen zijn (deels) schematisch" in uit

    uit = _ok(duo(BO_AD, "--postcodes", zonder_1013))
    assert "Scholen: 0 nieuw, 0 gewijzigd, 209 ongewijzigd, 0 verdwenen." in uit
    assert "20XO00 De Zeeheld: postcode 1013 PV staat niet in het postcodebestand" in uit


def test_a_school_and_a_board_made_by_hand_are_adopted_not_duplicated(duo, db, make_wijk):
    wijk = make_wijk()
    bestuur = Bestuur(naam="Stichting Asvo", bestuursnummer="20970")
    db.add(bestuur)
    db.flush()
    db.add(
        Organisatie(
            naam="ASVO", soort=OrganisatieSoort.BASISSCHOOL, code="04IU00", wijk_id=wijk.id, leerlingen=300
        )
    )
    db.commit()
    uit = _ok(duo(BO_AD))
    assert "Scholen: 208 nieuw, 1 gewijzigd, 0 ongewijzigd, 0 verdwenen." in uit
    assert "04IU00 Asvo School (naam, bestuur, adres, postcode, plaats, gemeente, bron)" in uit
    asvo = _school(db, "04IU00")
    assert (asvo.naam, asvo.bestuur_id, asvo.wijk_id, asvo.leerlingen) == (
        "Asvo School",
        bestuur.id,
        wijk.id,
        300,
    )
    assert db.get(Bestuur, bestuur.id).naam == "Stichting Asvo"
    assert (
        db.exec(select(Bestuur).where(Bestuur.bestuursnummer == "21464")).one().naam == "Bevoegd gezag 21464"
    )


def _header(path=BO_AD) -> bytes:
    return path.read_bytes().split(b"\n", 1)[0] + b"\n"


def _rij(code="04IU00", naam=b"Asvo School", gemeente=b"AMSTERDAM", brin=b"04IU") -> bytes:
    velden = [b"Noord-Holland", b"20970", brin, code.encode(), naam, b"Frederiksplein", b"37", b"1017 XL"]
    velden += [b"AMSTERDAM", b"0363", gemeente] + [b""] * 19
    return b";".join(velden) + b"\n"


SLECHTE_BESTANDEN = {
    "onbekend formaat": (
        b"naam;adres;plaats\nSchool;Straat 1;Amsterdam\n",
        "geen bekend DUO-vestigingenbestand",
    ),
    "andere kolomnamen": (
        _header().replace(b"BRIN NUMMER", b"BRIN").replace(b"GEMEENTENAAM", b"GEMEENTE"),
        "de kolommen BRIN NUMMER of INSTELLINGSCODE, VESTIGINGSNUMMER of VESTIGINGSCODE, GEMEENTENAAM ontbreken",
    ),
    "leeg": (b"", "is leeg"),
    "alleen witruimte": (b"\n \r\n", "is leeg"),
    "alleen een kopregel": (_header(), "bevat geen vestigingen, alleen een kopregel"),
    "onbekende codering": (_header() + _rij(naam=b"School \x81\x8d"), "onbekende tekencodering: regel 2"),
    "binair": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "geen tekstbestand"),
    "xlsx": (b"PK\x03\x04\x14\x00\x06\x00" + b"x" * 100, "Excel- of ZIP-bestand"),
    "utf-16": ((_header() + _rij()).decode("cp1252").encode("utf-16"), "UTF-16"),
    "verminkte codering": (_header() + _rij(naam="IKC Zeven ZeeÃ«n".encode()), "verkeerde tekencodering"),
    "te weinig velden": (
        _header() + _rij() + b"Noord-Holland;20970;04JA\n",
        "regel 3: 3 velden in plaats van 30",
    ),
    "dubbele code": (_header() + _rij() + _rij(), "vestiging 04IU00 staat ook al op regel 2"),
    "lege naam": (_header() + _rij(naam=b""), "heeft geen VESTIGINGSNAAM"),
    "lege vestigingscode": (_header() + _rij(code=""), "vestigingscode '' is ongeldig"),
    "te lange naam": (_header() + _rij(naam=b"x" * 201), "naam van vestiging 04IU00 is langer dan 200"),
    "geen school in het SWV": (
        _header() + _rij(gemeente=b"UTRECHT"),
        "geen scholen voor het primair onderwijs",
    ),
    "alleen VSO": (
        _header(SBO_SO) + b"\n".join(r for r in SBO_SO.read_bytes().split(b"\n") if r.startswith(b"VSO;")),
        "geen scholen voor het primair onderwijs",
    ),
    "onbekende soort": (
        _header(SBO_SO) + SBO_SO.read_bytes().split(b"\n")[1].replace(b"(V)SO;", b"XSO;", 1),
        "onbekende SOORT PRIMAIR ONDERWIJS 'XSO'",
    ),
}


@pytest.mark.parametrize("inhoud, melding", SLECHTE_BESTANDEN.values(), ids=SLECHTE_BESTANDEN.keys())
def test_a_bad_file_is_refused_with_a_dutch_message_and_nothing_is_written(
    duo, db, tmp_path, inhoud, melding
):
    path = tmp_path / "vestigingen.csv"
    path.write_bytes(inhoud)
    result = duo(path)
    assert result.exit_code == 1, result.output
    assert melding in result.output
    assert "Er is niets ingelezen." in result.output
    assert "Traceback" not in result.output
    assert _aantal(db, Organisatie) == 0
    assert _aantal(db, Bestuur) == 0


SLECHTE_POSTCODES = {
    "andere kolommen": (b"pc;x;y\n1017;52.3;4.9\n", "geen postcodebestand"),
    "verwisseld": (
        b"postcode,latitude,longitude\n1017,4.9,52.36\n",
        "regel 2: (4.9, 52.36) ligt niet in Nederland",
    ),
    "geen getal": (
        b"postcode,latitude,longitude\n1017,noord,oost\n",
        "regel 2: latitude/longitude is geen getal",
    ),
    "leeg": (b"postcode,latitude,longitude\n", "bevat geen postcodes"),
}


@pytest.mark.parametrize("inhoud, melding", SLECHTE_POSTCODES.values(), ids=SLECHTE_POSTCODES.keys())
def test_a_bad_postcode_file_is_refused_and_nothing_is_written(duo, db, tmp_path, inhoud, melding):
    path = tmp_path / "pc4.csv"
    path.write_bytes(inhoud)
    result = duo(BO_AD, "--postcodes", path)
    assert result.exit_code == 1, result.output
    assert melding in result.output
    assert _aantal(db, Organisatie) == 0


def test_a_missing_file_or_a_folder_gets_a_dutch_message(duo, tmp_path):
    result = duo(tmp_path / "bestaat-niet.csv")
    assert result.exit_code == 1
    assert "bestaat-niet.csv bestaat niet" in result.output
    result = duo(tmp_path)
    assert result.exit_code == 1
    assert "is een map, geen bestand" in result.output


@pytest.mark.parametrize(
    "fout, melding",
    [
        (DuoFout("kapot halverwege"), "Fout: kapot halverwege"),
        (sa.exc.OperationalError("INSERT", {}, Exception("schijf vol")), "De database weigerde de import"),
    ],
)
def test_an_error_halfway_rolls_back_everything(duo, db, vierkanten, monkeypatch, fout, melding):
    echte_plaats, teller = services._plaats, iter(range(10_000))

    def plaats_en_breek_af(*args):
        if next(teller) == 150:  # the boards and 150 schools are in the session by now
            raise fout
        return echte_plaats(*args)

    monkeypatch.setattr(services, "_plaats", plaats_en_breek_af)
    result = duo(BO_AD, "--postcodes", PC4_AD)
    assert result.exit_code == 1
    assert melding in result.output and "Er is niets ingelezen." in result.output
    assert _aantal(db, Organisatie) == 0
    assert _aantal(db, Bestuur) == 0


def test_an_unreadable_stored_boundary_stops_the_import(duo, db, make_wijk):
    wijk = make_wijk()
    db.add(
        Wijkgrens(wijk_id=wijk.id, geometrie="{niet: json", bron="test", bijgewerkt_op=datetime(2026, 1, 1))
    )
    db.commit()
    result = duo(BO_AD, "--postcodes", PC4_AD)
    assert result.exit_code == 1
    assert f"De opgeslagen grens van wijk {wijk.id} is geen geldige GeoJSON-geometrie" in result.output
    assert _aantal(db, Organisatie) == 0
