"""The operator commands: `flask user create`, `flask user token`, `flask db upgrade`."""

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlmodel import select

from wijkportaal import migrate
from wijkportaal.auth.models import ApiToken, Gebruiker
from wijkportaal.core.db import make_engine
from wijkportaal.core.roles import Rol


def test_user_create_with_scope_and_token(runner, make_org, make_wijk, db, client):
    wijk = make_wijk(code="osdorp")
    school = make_org(wijk)
    result = runner.invoke(
        args=[
            "user",
            "create",
            "--email",
            "Nieuw@School.nl",
            "--naam",
            "Nieuwe Leider",
            "--rol",
            "schoolleider",
            "--school",
            str(school.id),
            "--wijk",
            "osdorp",
            "--password",
            "een-lang-wachtwoord",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.exec(select(Gebruiker).where(Gebruiker.email == "nieuw@school.nl")).one()
    assert user.rol == Rol.SCHOOLLEIDER and user.organisatie_id == school.id and user.wijk_id == wijk.id

    result = runner.invoke(args=["user", "token", "nieuw@school.nl"])
    assert result.exit_code == 0
    token = result.output.strip()
    assert token.startswith("wp_")
    assert db.exec(select(ApiToken).where(ApiToken.gebruiker_id == user.id)).one().prefix == token[:10]
    response = client.get("/api/v1/wijken", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert [w["code"] for w in response.json] == ["osdorp"]


def test_user_create_refuses_bad_input(runner, db):
    cases = [
        (["--rol", "koning"], "Invalid value"),
        (["--rol", "bestuurder"], "bestuur"),
        (["--rol", "swv", "--wijk", "bestaat-niet"], "onbekende wijk"),
        (["--rol", "swv", "--password", "kort"], "12 tekens"),
    ]
    for extra, message in cases:
        args = ["user", "create", "--email", "x@y.nl", "--naam", "X"]
        if "--password" not in extra:
            extra = [*extra, "--password", "een-lang-wachtwoord"]
        result = runner.invoke(args=args + extra)
        assert result.exit_code != 0, extra
        assert message in result.output, (extra, result.output)
    assert db.exec(select(Gebruiker)).all() == []


def test_user_token_for_unknown_email(runner):
    result = runner.invoke(args=["user", "token", "niemand@nergens.nl"])
    assert result.exit_code != 0 and "Geen gebruiker" in result.output


def _schema_and_rows(url: str) -> dict:
    """The applied revision, every table with its columns and its number of rows."""
    engine = make_engine(url)
    inspector = sa.inspect(engine)
    with engine.connect() as conn:
        state = {
            table: (
                sorted(c["name"] for c in inspector.get_columns(table)),
                conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one(),
            )
            for table in inspector.get_table_names()
        }
        state["revision"] = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return state


def test_db_upgrade_is_idempotent(runner, database_url, make_user):
    migrate.downgrade(database_url, "0008")
    make_user(Rol.SWV, email="blijft@test.nl")

    first = runner.invoke(args=["db", "upgrade"])
    assert first.exit_code == 0 and "Database bijgewerkt" in first.output
    after_first = _schema_and_rows(database_url)
    head = ScriptDirectory.from_config(migrate.alembic_config(database_url)).get_current_head()
    assert after_first["revision"] == head != "0008"
    assert "sleutel" in after_first["idempotentie"][0]
    assert after_first["gebruikers"][1] == 1

    second = runner.invoke(args=["db", "upgrade"])
    assert second.exit_code == 0 and "Database bijgewerkt" in second.output
    assert _schema_and_rows(database_url) == after_first


def test_user_token_refuses_an_inactive_user_as_the_beheer_page_does(runner, make_user, db):
    user = make_user(rol=Rol.SWV, email="oud@swv.nl")
    user.is_actief = False
    db.add(user)
    db.commit()
    result = runner.invoke(args=["user", "token", "oud@swv.nl"])
    assert result.exit_code == 1
    assert "niet actief" in result.output
    assert db.exec(select(ApiToken).where(ApiToken.gebruiker_id == user.id)).first() is None
