"""Regio's and wijken are data: `flask wijken import FILE` adds and updates them by code, never deletes."""

import pytest
from sqlmodel import select

from wijkportaal.demo import WIJKEN_CSV
from wijkportaal.wijken.cli import wijken_cli
from wijkportaal.wijken.models import Regio, Wijk
from wijkportaal.wijken.services import ImportFout, load_wijken, slug


def _stand(db):
    db.rollback()  # see what the command committed
    regios = dict(db.exec(select(Regio.id, Regio.naam)).all())
    return sorted((w.code, w.naam, regios[w.regio_id]) for w in db.exec(select(Wijk)))


def _import(runner, path):
    return runner.invoke(wijken_cli, ["import", str(path)])


def test_import_of_the_demo_file_and_a_reimport_that_changes_nothing(runner, db):
    result = _import(runner, WIJKEN_CSV)
    assert result.exit_code == 0, result.output
    assert "23 toegevoegd" in result.output
    stand = _stand(db)
    assert len(stand) == 23
    assert len({regio for _, _, regio in stand}) == 6
    assert ("osdorp", "Osdorp", "West buiten de Ring") in stand
    assert (
        db.exec(select(Regio.code).where(Regio.naam == "West buiten de Ring")).one() == "west-buiten-de-ring"
    )

    result = _import(runner, WIJKEN_CSV)
    assert result.exit_code == 0, result.output
    assert "0 toegevoegd, 0 gewijzigd, 23 ongewijzigd" in result.output
    assert _stand(db) == stand


def test_import_adds_unknown_codes_updates_known_ones_and_deletes_nothing(runner, db, tmp_path):
    _import(runner, WIJKEN_CSV)
    path = tmp_path / "wijken.csv"
    path.write_text("regio;code;naam\nWest buiten de Ring;osdorp;Osdorp-Midden\nNieuw-West;weesp;Weesp\n")

    result = _import(runner, path)
    assert result.exit_code == 0, result.output
    assert "1 toegevoegd, 1 gewijzigd, 0 ongewijzigd; 1 regio's toegevoegd" in result.output
    stand = _stand(db)
    assert len(stand) == 24
    assert ("osdorp", "Osdorp-Midden", "West buiten de Ring") in stand
    assert ("weesp", "Weesp", "Nieuw-West") in stand
    assert ("centrum-west", "Centrum-West", "Centrum en Zuid") in stand


@pytest.mark.parametrize(
    "inhoud, melding",
    [
        ("code;naam\nosdorp;Osdorp\n", "kolom regio ontbreekt"),
        ("regio;code;naam\nWest;osdorp;Osdorp\nWest;osdorp;Osdorp 2\n", "staat ook al op regel 2"),
        ("regio;code;naam\nWest;Osdorp West;Osdorp\n", "kleine letters"),
        ("regio;code;naam\nWest;osdorp;\n", "naam is leeg"),
        ("regio;code;naam\n", "geen wijken"),
        (f"regio;code;naam\nWest;osdorp;{'x' * 5000}\n", "langer dan 120"),
    ],
)
def test_import_refuses_a_bad_file_and_changes_nothing(runner, db, tmp_path, inhoud, melding):
    path = tmp_path / "wijken.csv"
    path.write_text(inhoud)
    result = _import(runner, path)
    assert result.exit_code != 0
    assert melding in result.output
    assert _stand(db) == []
    assert db.exec(select(Regio)).all() == []


def test_import_refuses_a_file_that_is_not_utf8(runner, db, tmp_path):
    path = tmp_path / "wijken.csv"
    path.write_bytes("regio;code;naam\nZuidoost;bijlmer;Bijlmer Caf\u00e9\n".encode("latin-1"))
    result = _import(runner, path)
    assert result.exit_code != 0
    assert "UTF-8" in result.output
    assert _stand(db) == []


def test_import_accepts_a_byte_order_mark(runner, db, tmp_path):
    path = tmp_path / "wijken.csv"
    path.write_text("regio;code;naam\nZuidoost;bijlmer-oost;Bijlmer-Oost\n", encoding="utf-8-sig")
    assert _import(runner, path).exit_code == 0
    assert _stand(db) == [("bijlmer-oost", "Bijlmer-Oost", "Zuidoost")]


def test_load_wijken_takes_rows_too(db):
    result = load_wijken(db, [{"regio": "Noord", "code": "oud-noord", "naam": "Oud-Noord"}])
    assert (result.toegevoegd, result.regios_toegevoegd) == (1, 1)
    with pytest.raises(ImportFout):
        load_wijken(db, [{"regio": "Noord", "code": "", "naam": "Zonder code"}])


def test_slug():
    assert slug("West binnen de Ring") == "west-binnen-de-ring"
    assert slug("IJburg, Zeeburgereiland") == "ijburg-zeeburgereiland"
    assert slug("Café Noord") == "cafe-noord"
