"""What the office reported to DUO, and the exports it wrote (issue 15 item 7).

``duo_reported`` keeps, per record identity (``<case>/<object>/<key>``), the fingerprint
of what was last sent to DUO; ``duo_exports`` keeps each export the office wrote with its
mutations (identities and fingerprints: no BSN, no values), so ``inburg-office duo
bevestig`` marks exactly what was in the file that was sent, and only then: a send that
failed is never marked. A case's reported rows go with the case.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duo_reported",
        sa.Column("identity", sa.String(200), nullable=False),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("export_id", sa.String(32), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_duo_reported_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("identity", name=op.f("pk_duo_reported")),
    )
    op.create_index(op.f("ix_duo_reported_case_id"), "duo_reported", ["case_id"])
    op.create_table(
        "duo_exports",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("peildatum", sa.String(10), nullable=False),
        sa.Column("gemeente", sa.String(6), nullable=True),
        sa.Column("case_id", sa.String(64), nullable=True),
        sa.Column("basis", sa.Integer(), nullable=False),
        sa.Column("mutaties", sa.Text(), nullable=False),
        sa.Column("bevestiging", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duo_exports")),
        sa.UniqueConstraint("bevestiging", name=op.f("uq_duo_exports_bevestiging")),
    )


def downgrade() -> None:
    op.drop_table("duo_exports")
    op.drop_index(op.f("ix_duo_reported_case_id"), table_name="duo_reported")
    op.drop_table("duo_reported")
