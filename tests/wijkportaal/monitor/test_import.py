"""`flask monitor import FILE`: counts per wijk and school year from a CSV file, all or nothing."""

import pytest
from sqlmodel import select

from wijkportaal.monitor.models import Verwijzingstelling


def tellingen(db):
    db.expire_all()
    return {(t.wijk_id, t.schooljaar): (t.sbo, t.so) for t in db.exec(select(Verwijzingstelling))}


def importeer(runner, tmp_path, tekst, encoding="utf-8"):
    path = tmp_path / "verwijzingen.csv"
    path.write_bytes(tekst.encode(encoding))
    return runner.invoke(args=["monitor", "import", str(path)])


GOED = """wijk;schooljaar;sbo;so
osdorp;2023-2024;20;10
osdorp;2024;18;9
Bos en Lommer;2023-2024;31;12
"""


def test_a_good_file_is_imported_by_code_or_name_and_again_changes_nothing(runner, tmp_path, world, db):
    result = importeer(runner, tmp_path, GOED)
    assert result.exit_code == 0, result.output
    assert "3 toegevoegd, 0 gewijzigd, 0 ongewijzigd" in result.output
    assert tellingen(db) == {
        (world.osdorp.id, 2023): (20, 10),
        (world.osdorp.id, 2024): (18, 9),
        (world.bel.id, 2023): (31, 12),
    }

    again = importeer(runner, tmp_path, GOED)
    assert again.exit_code == 0 and "0 toegevoegd, 0 gewijzigd, 3 ongewijzigd" in again.output
    assert len(tellingen(db)) == 3

    corrected = importeer(runner, tmp_path, GOED.replace("osdorp;2024;18;9", "osdorp;2024;17;9"))
    assert corrected.exit_code == 0 and "0 toegevoegd, 1 gewijzigd, 2 ongewijzigd" in corrected.output
    assert tellingen(db)[world.osdorp.id, 2024] == (17, 9)


def test_a_file_with_a_bom_and_blank_lines_is_fine(runner, tmp_path, world, db):
    result = importeer(runner, tmp_path, "\ufeffWIJK;Schooljaar;SBO;SO\n\nosdorp;2023;1;0\n;;;\n")
    assert result.exit_code == 0, result.output
    assert tellingen(db) == {(world.osdorp.id, 2023): (1, 0)}


def test_bad_rows_are_all_reported_and_nothing_is_stored(runner, tmp_path, world, db):
    tekst = """wijk;schooljaar;sbo;so
osdorp;2023-2024;20;10
osdorp;2024;-3;9
osdorp;2025;2.5;1
atlantis;2024;1;1
Bos en Lommer;2024-2026;1;1
bos-en-lommer;2019;1;1
osdorp;2023;5;5
osdorp;2026;;x
"""
    result = importeer(runner, tmp_path, tekst)
    assert result.exit_code != 0
    out = result.output
    assert "niet ingelezen" in out
    assert "regel 3: sbo: Een aantal kan niet negatief zijn." in out
    assert "regel 4: sbo: Vul een heel getal in" in out
    assert "regel 5: onbekende wijk 'atlantis'" in out
    assert "regel 6: schooljaar: 2024-2026 is geen schooljaar" in out
    assert "regel 7: schooljaar: Kies een schooljaar van 2023-2024" in out
    assert "regel 8: Osdorp 2023-2024 staat ook al op regel 2" in out
    assert "regel 9: sbo: Vul een aantal in.; so: Vul een heel getal in" in out
    assert "regel 2" not in out.replace("op regel 2", "")
    assert tellingen(db) == {}  # the good line 2 is not stored either


@pytest.mark.parametrize(
    ("tekst", "message"),
    [
        ("wijk;jaar;sbo;so\nosdorp;2023;1;1\n", "kolom schooljaar ontbreekt"),
        ("wijk,schooljaar,sbo,so\nosdorp,2023,1,1\n", "ontbreken"),
        ("wijk;schooljaar;sbo;so\n", "bevat geen aantallen"),
        (f"wijk;schooljaar;sbo;so\nosdorp;2023;{'9' * 100_000};1\n", "te groot"),
        (f"wijk;schooljaar;sbo;so\nosdorp;2023;{'9' * 200_000};1\n", "geen leesbaar CSV-bestand"),
    ],
)
def test_unusable_files_are_refused(runner, tmp_path, world, db, tekst, message):
    result = importeer(runner, tmp_path, tekst)
    assert result.exit_code != 0 and message in result.output
    assert tellingen(db) == {}


def test_a_file_that_is_not_utf8_is_refused(runner, tmp_path, world, db):
    result = importeer(runner, tmp_path, "wijk;schooljaar;sbo;so\nbørn;2023;1;1\n", encoding="utf-16")
    assert result.exit_code != 0 and "geen UTF-8" in result.output
