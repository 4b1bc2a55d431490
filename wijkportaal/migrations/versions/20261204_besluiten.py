"""One decision workflow: proposals (voorstellen), their deciding boards and one table of decisions.

Every allocation (toekenning) and vrijval proposal gets a Voorstel that carries what was the process
part of its row (rule, status, proposer, proposed, expiry, settled); the boards of its pot become the
Voorstel's boards; every decision moves to voorstel_besluiten with its author, time and reason. The
payloads keep their own status. The downgrade restores the old columns and decision tables from the
new ones (a decision without a board, possible only under the new rule 'alleen', has no old place).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOEKENNING, VRIJVAL = "toekenning", "vrijval"
STATUS = sa.Enum("open", "goedgekeurd", "afgewezen", "verlopen", name="voorstelstatus", native_enum=False)
KEUZE = sa.Enum("akkoord", "afgewezen", name="besluitkeuze", native_enum=False)
OUDE_REGEL = sa.Enum("alle", "meerderheid", "gewogen", name="goedkeuringsregel", native_enum=False)
LOPEND = "status IN ('open', 'goedgekeurd')"

# The process columns that move from the payloads to their Voorstel (toekenningen also had vervalt_op).
PROCES = ("regel", "voorgesteld_door_id", "voorgesteld_op", "afgerond_op")

voorstellen = sa.table(
    "voorstellen",
    sa.column("id", sa.Integer()),
    sa.column("soort", sa.String()),
    sa.column("regel", sa.String()),
    sa.column("status", sa.String()),
    sa.column("beslisser_id", sa.Integer()),
    sa.column("voorgesteld_door_id", sa.Integer()),
    sa.column("voorgesteld_op", sa.DateTime()),
    sa.column("vervalt_op", sa.DateTime()),
    sa.column("afgerond_op", sa.DateTime()),
)
voorstel_besturen = sa.table(
    "voorstel_besturen", sa.column("voorstel_id", sa.Integer()), sa.column("bestuur_id", sa.Integer())
)
voorstel_besluiten = sa.table(
    "voorstel_besluiten",
    sa.column("id", sa.Integer()),
    sa.column("voorstel_id", sa.Integer()),
    sa.column("bestuur_id", sa.Integer()),
    sa.column("keuze", sa.String()),
    sa.column("toelichting", sa.String()),
    sa.column("gebruiker_id", sa.Integer()),
    sa.column("op", sa.DateTime()),
)
pot_besturen = sa.table(
    "pot_besturen", sa.column("pot_id", sa.Integer()), sa.column("bestuur_id", sa.Integer())
)


def _payload(naam: str, *, met_vervalt_op: bool) -> sa.TableClause:
    kolommen = [
        sa.column("id", sa.Integer()),
        sa.column("pot_id", sa.Integer()),
        sa.column("voorstel_id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("regel", sa.String()),
        sa.column("voorgesteld_door_id", sa.Integer()),
        sa.column("voorgesteld_op", sa.DateTime()),
        sa.column("afgerond_op", sa.DateTime()),
    ]
    if met_vervalt_op:
        kolommen.append(sa.column("vervalt_op", sa.DateTime()))
    return sa.table(naam, *kolommen)


def _oude_besluiten(naam: str, payload_kolom: str) -> sa.TableClause:
    return sa.table(
        naam,
        sa.column("id", sa.Integer()),
        sa.column(payload_kolom, sa.Integer()),
        sa.column("bestuur_id", sa.Integer()),
        sa.column("besluit", sa.String()),
        sa.column("toelichting", sa.String()),
        sa.column("gebruiker_id", sa.Integer()),
        sa.column("op", sa.DateTime()),
    )


TOEKENNINGEN = _payload("toekenningen", met_vervalt_op=True)
VRIJVAL_VOORSTELLEN = _payload("vrijval_voorstellen", met_vervalt_op=False)
TOEKENNING_BESLUITEN = _oude_besluiten("toekenning_besluiten", "toekenning_id")
VRIJVAL_BESLUITEN = _oude_besluiten("vrijval_besluiten", "voorstel_id")


def upgrade() -> None:
    op.create_table(
        "voorstellen",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column(
            "regel",
            sa.Enum("alle", "meerderheid", "gewogen", "alleen", name="besluitregel", native_enum=False),
            nullable=False,
        ),
        sa.Column("status", STATUS, nullable=False),
        sa.Column("beslisser_id", sa.Integer(), nullable=True),
        sa.Column("voorgesteld_door_id", sa.Integer(), nullable=False),
        sa.Column("voorgesteld_op", sa.DateTime(), nullable=False),
        sa.Column("vervalt_op", sa.DateTime(), nullable=True),
        sa.Column("afgerond_op", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(regel = 'alleen') = (beslisser_id IS NOT NULL)",
            name=op.f("ck_voorstellen_beslisser_bij_regel_alleen"),
        ),
        sa.ForeignKeyConstraint(
            ["beslisser_id"], ["gebruikers.id"], name=op.f("fk_voorstellen_beslisser_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["voorgesteld_door_id"],
            ["gebruikers.id"],
            name=op.f("fk_voorstellen_voorgesteld_door_id_gebruikers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voorstellen")),
    )
    with op.batch_alter_table("voorstellen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voorstellen_beslisser_id"), ["beslisser_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_voorstellen_soort"), ["soort"], unique=False)
        batch_op.create_index(batch_op.f("ix_voorstellen_status"), ["status"], unique=False)

    op.create_table(
        "voorstel_besturen",
        sa.Column("voorstel_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_voorstel_besturen_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["voorstel_id"], ["voorstellen.id"], name=op.f("fk_voorstel_besturen_voorstel_id_voorstellen")
        ),
        sa.PrimaryKeyConstraint("voorstel_id", "bestuur_id", name=op.f("pk_voorstel_besturen")),
    )
    with op.batch_alter_table("voorstel_besturen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voorstel_besturen_bestuur_id"), ["bestuur_id"], unique=False)

    op.create_table(
        "voorstel_besluiten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("voorstel_id", sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=True),
        sa.Column("keuze", KEUZE, nullable=False),
        sa.Column("toelichting", sa.String(length=2000), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bestuur_id"], ["besturen.id"], name=op.f("fk_voorstel_besluiten_bestuur_id_besturen")
        ),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f("fk_voorstel_besluiten_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            ["voorstel_id"], ["voorstellen.id"], name=op.f("fk_voorstel_besluiten_voorstel_id_voorstellen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_voorstel_besluiten")),
        sa.UniqueConstraint(
            "voorstel_id", "bestuur_id", name=op.f("uq_voorstel_besluiten_voorstel_id_bestuur_id")
        ),
    )
    with op.batch_alter_table("voorstel_besluiten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_voorstel_besluiten_voorstel_id"), ["voorstel_id"], unique=False)
        # The sole decider decides once: one decision without a board per proposal.
        batch_op.create_index(
            "uq_voorstel_besluiten_voorstel_id_alleen",
            ["voorstel_id"],
            unique=True,
            sqlite_where=sa.text("bestuur_id IS NULL"),
            postgresql_where=sa.text("bestuur_id IS NULL"),
        )

    for payload in (TOEKENNINGEN, VRIJVAL_VOORSTELLEN):
        with op.batch_alter_table(payload.name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("voorstel_id", sa.Integer(), nullable=True))

    conn = op.get_bind()
    volgende = 1
    for payload, soort, oud, payload_kolom in (
        (TOEKENNINGEN, TOEKENNING, TOEKENNING_BESLUITEN, "toekenning_id"),
        (VRIJVAL_VOORSTELLEN, VRIJVAL, VRIJVAL_BESLUITEN, "voorstel_id"),
    ):
        rijen = conn.execute(sa.select(payload).order_by(payload.c.id)).mappings().all()
        naar_voorstel = {}
        for rij in rijen:
            naar_voorstel[rij["id"]] = volgende
            conn.execute(
                voorstellen.insert().values(
                    id=volgende,
                    soort=soort,
                    regel=rij["regel"],
                    status=rij["status"],
                    beslisser_id=None,
                    voorgesteld_door_id=rij["voorgesteld_door_id"],
                    voorgesteld_op=rij["voorgesteld_op"],
                    vervalt_op=rij.get("vervalt_op"),
                    afgerond_op=rij["afgerond_op"],
                )
            )
            besturen = conn.execute(
                sa.select(pot_besturen.c.bestuur_id).where(pot_besturen.c.pot_id == rij["pot_id"])
            ).scalars()
            for bestuur_id in besturen:
                conn.execute(voorstel_besturen.insert().values(voorstel_id=volgende, bestuur_id=bestuur_id))
            conn.execute(payload.update().where(payload.c.id == rij["id"]).values(voorstel_id=volgende))
            volgende += 1
        for besluit in conn.execute(sa.select(oud).order_by(oud.c.id)).mappings():
            conn.execute(
                voorstel_besluiten.insert().values(
                    voorstel_id=naar_voorstel[besluit[payload_kolom]],
                    bestuur_id=besluit["bestuur_id"],
                    keuze=besluit["besluit"],
                    toelichting=besluit["toelichting"],
                    gebruiker_id=besluit["gebruiker_id"],
                    op=besluit["op"],
                )
            )
    if conn.dialect.name == "postgresql" and volgende > 1:
        conn.execute(
            sa.text("SELECT setval(pg_get_serial_sequence('voorstellen', 'id'), :n)"), {"n": volgende - 1}
        )

    _drop_oude_besluiten()

    with op.batch_alter_table("toekenningen", schema=None) as batch_op:
        batch_op.alter_column("voorstel_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_toekenningen_voorstel_id"), ["voorstel_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_toekenningen_voorstel_id_voorstellen"), "voorstellen", ["voorstel_id"], ["id"]
        )
        batch_op.drop_constraint("fk_toekenningen_voorgesteld_door_id_gebruikers", type_="foreignkey")
        for kolom in (*PROCES, "vervalt_op"):
            batch_op.drop_column(kolom)

    # The partial index is rebuilt by hand: SQLite's batch copy would not carry its WHERE clause.
    op.drop_index("uq_vrijval_voorstellen_wijk_id_schooljaar_lopend", table_name="vrijval_voorstellen")
    with op.batch_alter_table("vrijval_voorstellen", schema=None) as batch_op:
        batch_op.alter_column("voorstel_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_vrijval_voorstellen_voorstel_id"), ["voorstel_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_vrijval_voorstellen_voorstel_id_voorstellen"),
            "voorstellen",
            ["voorstel_id"],
            ["id"],
        )
        batch_op.drop_constraint("fk_vrijval_voorstellen_voorgesteld_door_id_gebruikers", type_="foreignkey")
        for kolom in PROCES:
            batch_op.drop_column(kolom)
    _lopend_index()


def _lopend_index() -> None:
    op.create_index(
        "uq_vrijval_voorstellen_wijk_id_schooljaar_lopend",
        "vrijval_voorstellen",
        ["wijk_id", "schooljaar"],
        unique=True,
        sqlite_where=sa.text(LOPEND),
        postgresql_where=sa.text(LOPEND),
    )


def _drop_oude_besluiten() -> None:
    with op.batch_alter_table("toekenning_besluiten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_toekenning_besluiten_toekenning_id"))
    op.drop_table("toekenning_besluiten")
    with op.batch_alter_table("vrijval_besluiten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vrijval_besluiten_voorstel_id"))
    op.drop_table("vrijval_besluiten")


def downgrade() -> None:
    conn = op.get_bind()
    besluiten: dict[str, list] = {}
    op.drop_index("uq_vrijval_voorstellen_wijk_id_schooljaar_lopend", table_name="vrijval_voorstellen")
    for payload, met_vervalt_op in ((TOEKENNINGEN, True), (VRIJVAL_VOORSTELLEN, False)):
        with op.batch_alter_table(payload.name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("regel", OUDE_REGEL, nullable=True))
            batch_op.add_column(sa.Column("voorgesteld_door_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("voorgesteld_op", sa.DateTime(), nullable=True))
            batch_op.add_column(sa.Column("afgerond_op", sa.DateTime(), nullable=True))
            if met_vervalt_op:
                batch_op.add_column(sa.Column("vervalt_op", sa.DateTime(), nullable=True))
        waarden = {
            k: sa.select(voorstellen.c[k]).where(voorstellen.c.id == payload.c.voorstel_id).scalar_subquery()
            for k in PROCES
        }
        if met_vervalt_op:
            waarden["vervalt_op"] = (
                sa.select(voorstellen.c.vervalt_op)
                .where(voorstellen.c.id == payload.c.voorstel_id)
                .scalar_subquery()
            )
        conn.execute(payload.update().values(waarden))
        # The decisions by payload, kept aside: no table may point at a payload while SQLite rebuilds it.
        besluiten[payload.name] = conn.execute(
            sa.select(payload.c.id, voorstel_besluiten)
            .join(voorstel_besluiten, voorstel_besluiten.c.voorstel_id == payload.c.voorstel_id)
            .where(voorstel_besluiten.c.bestuur_id.is_not(None))
            .order_by(voorstel_besluiten.c.id)
        ).all()
        with op.batch_alter_table(payload.name, schema=None) as batch_op:
            batch_op.alter_column("regel", existing_type=OUDE_REGEL, nullable=False)
            batch_op.alter_column("voorgesteld_door_id", existing_type=sa.Integer(), nullable=False)
            batch_op.alter_column("voorgesteld_op", existing_type=sa.DateTime(), nullable=False)
            if met_vervalt_op:
                batch_op.alter_column("vervalt_op", existing_type=sa.DateTime(), nullable=False)
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{payload.name}_voorgesteld_door_id_gebruikers"),
                "gebruikers",
                ["voorgesteld_door_id"],
                ["id"],
            )
            batch_op.drop_constraint(f"fk_{payload.name}_voorstel_id_voorstellen", type_="foreignkey")
            batch_op.drop_constraint(f"uq_{payload.name}_voorstel_id", type_="unique")
            batch_op.drop_column("voorstel_id")
    _lopend_index()

    _maak_oude_besluiten("toekenning_besluiten", "toekenning_id", "toekenningen")
    _maak_oude_besluiten("vrijval_besluiten", "voorstel_id", "vrijval_voorstellen")

    for payload, oud, payload_kolom in (
        (TOEKENNINGEN, TOEKENNING_BESLUITEN, "toekenning_id"),
        (VRIJVAL_VOORSTELLEN, VRIJVAL_BESLUITEN, "voorstel_id"),
    ):
        for rij in besluiten[payload.name]:
            conn.execute(
                oud.insert().values(
                    {
                        payload_kolom: rij[0],
                        "bestuur_id": rij.bestuur_id,
                        "besluit": rij.keuze,
                        "toelichting": rij.toelichting,
                        "gebruiker_id": rij.gebruiker_id,
                        "op": rij.op,
                    }
                )
            )

    with op.batch_alter_table("voorstel_besluiten", schema=None) as batch_op:
        batch_op.drop_index("uq_voorstel_besluiten_voorstel_id_alleen")
        batch_op.drop_index(batch_op.f("ix_voorstel_besluiten_voorstel_id"))
    op.drop_table("voorstel_besluiten")
    with op.batch_alter_table("voorstel_besturen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voorstel_besturen_bestuur_id"))
    op.drop_table("voorstel_besturen")
    with op.batch_alter_table("voorstellen", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_voorstellen_status"))
        batch_op.drop_index(batch_op.f("ix_voorstellen_soort"))
        batch_op.drop_index(batch_op.f("ix_voorstellen_beslisser_id"))
    op.drop_table("voorstellen")


def _maak_oude_besluiten(naam: str, payload_kolom: str, payload_tabel: str) -> None:
    """toekenning_besluiten or vrijval_besluiten as migrations 0003 and 0004 made them."""
    op.create_table(
        naam,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(payload_kolom, sa.Integer(), nullable=False),
        sa.Column("bestuur_id", sa.Integer(), nullable=False),
        sa.Column("besluit", KEUZE, nullable=False),
        sa.Column("toelichting", sa.String(length=2000), nullable=False),
        sa.Column("gebruiker_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["bestuur_id"], ["besturen.id"], name=op.f(f"fk_{naam}_bestuur_id_besturen")),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruikers.id"], name=op.f(f"fk_{naam}_gebruiker_id_gebruikers")
        ),
        sa.ForeignKeyConstraint(
            [payload_kolom], [f"{payload_tabel}.id"], name=op.f(f"fk_{naam}_{payload_kolom}_{payload_tabel}")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{naam}")),
        sa.UniqueConstraint(payload_kolom, "bestuur_id", name=op.f(f"uq_{naam}_{payload_kolom}_bestuur_id")),
    )
    op.create_index(op.f(f"ix_{naam}_{payload_kolom}"), naam, [payload_kolom], unique=False)
