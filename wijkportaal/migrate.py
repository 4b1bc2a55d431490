"""Alembic, driven from the app: `flask db upgrade` and the test fixtures use the same code.

alembic is imported inside the functions: the app registers the `db` commands at start without loading it."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

# Inside the package, so that an installed wheel has them.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(database_url: str) -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    cfg.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(slug)s")
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(database_url), revision)
    analyze(database_url)


def analyze(database_url: str) -> None:
    """Refresh the planner's statistics (SQLite keeps none until asked; PostgreSQL's autovacuum also does it)."""
    from sqlalchemy import text

    from wijkportaal.core.db import make_engine

    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()


def downgrade(database_url: str, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(database_url), revision)
