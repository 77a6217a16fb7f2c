"""The office's municipalities and who works for which (issue 16 item 5, docs/gemeenten.md).

``gemeenten`` holds each gemeente the office serves by its CBS gemeentecode (``GM`` and
four digits) and name; ``gemeente_consulenten`` which consultant accounts work for which
gemeente. Both start empty: an existing office records no gemeente and behaves as before
(no case is checked against a gemeente) until the administrator adds one.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gemeenten",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("naam", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_gemeenten")),
    )
    op.create_table(
        "gemeente_consulenten",
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("consultant", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["code"],
            ["gemeenten.code"],
            name=op.f("fk_gemeente_consulenten_code_gemeenten"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code", "consultant", name=op.f("pk_gemeente_consulenten")),
    )
    with op.batch_alter_table("gemeente_consulenten", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_gemeente_consulenten_consultant"), ["consultant"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("gemeente_consulenten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_gemeente_consulenten_consultant"))
    op.drop_table("gemeente_consulenten")
    op.drop_table("gemeenten")
