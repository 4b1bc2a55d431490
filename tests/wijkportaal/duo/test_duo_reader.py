"""Reading DUO files without a database: format, encoding, codes and reference dates."""

from datetime import date

import pytest

from wijkportaal.duo.reader import DuoFout, decodeer, parse_duo, parse_postcodes, peildatum_uit_naam
from wijkportaal.wijken.models import OrganisatieSoort

NIEUW_BO = (
    "PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;"
    "HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;GEMEENTENUMMER;GEMEENTENAAM\n"
    "Noord-Holland;41595;10BA;00;Openbare Basisschool  Het Atelier;Ouderkerkerlaan;24-26;1112be;DIEMEN;0384;DIEMEN\n"
    "Utrecht;12345;99XX;99XX00;Elders;Straat;1;3511 AA;UTRECHT;0344;UTRECHT\n"
)


def test_a_bo_file_in_the_newer_format_with_instellingscode_is_basisonderwijs():
    bestand = parse_duo(NIEUW_BO, "03-alle-vestigingen-bo.csv", "UTF-8", ["Amsterdam", "Diemen"])
    assert (bestand.formaat, bestand.gelezen, bestand.in_gemeenten, bestand.peildatum) == (
        "basisonderwijs",
        2,
        1,
        None,
    )
    assert bestand.soorten == {OrganisatieSoort.BASISSCHOOL}
    [v] = bestand.vestigingen
    assert (
        v.code,
        v.naam,
        v.postcode,
        v.pc4,
        v.plaats,
        v.gemeente,
        v.adres,
        v.bestuursnummer,
        v.cluster,
    ) == (
        "10BA00",  # only the location number: the BRIN is put in front
        "Openbare Basisschool Het Atelier",
        "1112 BE",
        "1112",
        "Diemen",
        "Diemen",
        "Ouderkerkerlaan 24-26",
        "41595",
        None,
    )


def test_a_comma_separated_copy_is_read_as_well():
    tekst = NIEUW_BO.replace(";", ",")
    assert [v.code for v in parse_duo(tekst, "x.csv", "UTF-8", ["DIEMEN"]).vestigingen] == ["10BA00"]


def test_the_encoding_is_detected():
    assert decodeer("Zeeën;".encode("cp1252"), "x") == ("Zeeën;", "Windows-1252")
    assert decodeer("Zeeën;".encode(), "x") == ("Zeeën;", "UTF-8")
    assert decodeer(b"\xef\xbb\xbfZee;", "x") == ("Zee;", "UTF-8")
    with pytest.raises(DuoFout, match="onbekende tekencodering: regel 2"):
        decodeer(b"kop\nZee\x81n\n", "x")
    with pytest.raises(DuoFout, match="stuurtekens"):
        decodeer("Zee\x85n".encode(), "x")


@pytest.mark.parametrize(
    "naam, datum",
    [
        ("duo-alle-vestigingen-bo-2021-10-01-nl.csv", date(2021, 10, 1)),
        ("03-alle-vestigingen-bo_20240301.csv", date(2024, 3, 1)),
        ("09. alle vestigingen sbo, so en vso.csv", None),
        ("vestigingen-2021-13-01.csv", None),
    ],
)
def test_the_reference_date_comes_from_the_file_name(naam, datum):
    assert peildatum_uit_naam(naam) == datum


def test_postcode_centroids_accept_short_column_names_and_decimal_commas():
    assert parse_postcodes("pc4;lat;lon\n1017;52,3625;4,8977\n", "x") == {"1017": (52.3625, 4.8977)}
    assert parse_postcodes("PC4;LAT;LNG\n1111;52,34;4,96\n", "x") == {"1111": (52.34, 4.96)}
