"""A production image installs the wheel (`pip install .`, not editable): it must hold the whole app,
templates and migrations included, and run from outside the checkout."""

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOT_SOURCE = shutil.ignore_patterns(
    ".*", "__pycache__", "*.egg-info", "build", "dist", "instance", "bench", "tests", "node_modules"
)


def _shipped(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a copy of the checkout (pip builds in the source folder and leaves build/)."""
    tmp = tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT, tmp / "src", ignore=NOT_SOURCE)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp / "dist", tmp / "src"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = (tmp / "dist").glob("wijkportaal-*.whl")
    return path


def test_the_wheel_holds_every_file_of_the_packages_the_templates_and_the_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"wijkportaal/templates/{n}" for n in _shipped(ROOT / "templates")}
    for package in ("wijkportaal", "ledger", "maps"):  # the migrations and static files are in wijkportaal/
        expected |= {f"{package}/{n}" for n in _shipped(ROOT / package)}
    assert "wijkportaal/templates/base.html" in expected and "wijkportaal/migrations/env.py" in expected
    assert "wijkportaal/templates/mail/uitnodiging.txt" in expected  # the plain-text part of a mail
    assert sorted(expected - names) == []


def test_the_installed_package_migrates_and_serves_outside_the_checkout(wheel, tmp_path):
    """The wheel's own files, first on the path, with the dependencies of this environment."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    instance = tmp_path / "instance"
    script = textwrap.dedent(
        f"""
        import wijkportaal
        from wijkportaal import create_app, migrate, template_folder

        assert wijkportaal.__file__.startswith({str(site)!r}), wijkportaal.__file__
        assert template_folder() == wijkportaal.PACKAGE / "templates"
        migrate.upgrade("sqlite:///{instance}/wijkportaal.sqlite")
        client = create_app().test_client()
        assert client.get("/inloggen").status_code == 200
        assert client.get("/static/wijkportaal.css").status_code == 200
        """
    )
    instance.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "WIJKPORTAAL_INSTANCE": str(instance), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
