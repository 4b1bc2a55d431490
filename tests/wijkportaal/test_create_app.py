"""Every web worker runs create_app(): it must not load the libraries that only a few paths use."""

import json
import os
import shutil
import subprocess
import sys
import textwrap

from wijkportaal import PACKAGE, template_folder

HEAVY = ("folium", "pandas", "numpy", "alembic", "openpyxl", "geopandas", "matplotlib")
USED_LATER = {"folium", "pandas", "numpy", "alembic", "openpyxl"}  # by the map, the migrations, an XLSX


def test_create_app_imports_no_heavy_library(sqlite_template, tmp_path):
    """As gunicorn starts a worker: create_app() without arguments, on an instance folder; then a page."""
    instance = tmp_path / "instance"
    instance.mkdir()
    shutil.copy(sqlite_template, instance / "wijkportaal.sqlite")
    script = textwrap.dedent(
        f"""
        import json, sys
        from wijkportaal import create_app

        app = create_app()
        assert app.test_client().get("/inloggen").status_code == 200
        at_start = sorted(m for m in {HEAVY!r} if m in sys.modules)

        from maps.kaart import Kaartlaag, kaart_html, verzameling
        from wijkportaal import migrate
        from wijkportaal.core.exports import Kolom, xlsx_bytes

        kaart_html(Kaartlaag("x", verzameling([])), js=[], css=[])
        migrate.alembic_config("sqlite://")
        xlsx_bytes([Kolom("a")], [[1]], "blad")
        print(json.dumps({{"at_start": at_start, "later": sorted(m for m in {HEAVY!r} if m in sys.modules)}}))
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "WIJKPORTAAL_INSTANCE": str(instance)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["at_start"] == []
    assert set(loaded["later"]) >= USED_LATER  # the check sees them once the paths that need them run


def test_templates_are_found_beside_the_package_in_a_checkout():
    """A wheel ships them inside the package (tests/test_packaging.py); a checkout keeps them beside it."""
    assert template_folder() == PACKAGE.parent / "templates"
    assert (template_folder() / "base.html").is_file()
