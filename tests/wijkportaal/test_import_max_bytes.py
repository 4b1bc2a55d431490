"""Every import and upload refuses a file over IMPORT_MAX_BYTES before reading it, in Dutch, changing nothing."""

import io

import pytest
from sqlmodel import func, select

from wijkportaal.begroting.models import Regel
from wijkportaal.core.roles import Rol
from wijkportaal.wijken.models import Wijk

LIMIET = 1024


@pytest.fixture
def groot(tmp_path):
    def maak(naam: str, inhoud: bytes = b"") -> str:
        pad = tmp_path / naam
        pad.write_bytes(inhoud + b"x" * (LIMIET + 1 - len(inhoud)))
        return str(pad)

    return maak


@pytest.mark.parametrize(
    ("args", "naam", "kop"),
    [
        (["import", "duo"], "03-alle-vestigingen-bo.csv", b"BRIN NUMMER;VESTIGINGSNUMMER\n"),
        (["import", "grenzen"], "grenzen.geojson", b'{"type": "FeatureCollection", "features": []}'),
        (["wijken", "import"], "wijken.csv", b"regio;code;naam\n"),
        (["monitor", "import"], "verwijzingen.csv", b"wijk;schooljaar;sbo;so\n"),
        (["begroting", "import"], "begroting.csv", b"groep;regel;2026\n"),
    ],
)
def test_every_import_refuses_a_file_over_the_limit(app, runner, db, groot, args, naam, kop):
    app.config["IMPORT_MAX_BYTES"] = LIMIET
    wijken_voor = db.exec(select(func.count()).select_from(Wijk)).one()
    result = runner.invoke(args=[*args, groot(naam, kop)])
    assert result.exit_code != 0, result.output
    assert f"{naam} is 1 kB" in result.output
    assert "mag hoogstens" in result.output and "IMPORT_MAX_BYTES" in result.output
    assert db.exec(select(func.count()).select_from(Wijk)).one() == wijken_voor


def test_the_default_limit_is_20_mb(app):
    assert app.config["IMPORT_MAX_BYTES"] == 20 * 1024 * 1024


def test_a_begroting_upload_over_the_limit_is_refused_at_the_field(app, client, auth, make_user, db):
    app.config["IMPORT_MAX_BYTES"] = LIMIET
    auth.login(make_user(Rol.SWV))
    response = client.post(
        "/begroting/importeren",
        data={"bestand": (io.BytesIO(b"groep;regel;2026\n" + b"x" * LIMIET), "begroting.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "begroting.csv is 1 kB" in response.get_data(as_text=True)
    assert "mag hoogstens" in response.get_data(as_text=True)
    assert db.exec(select(func.count()).select_from(Regel)).one() == 0
