"""Set-aside entries counted by repeat and kept apart from the device's case label.

A laptop that sets aside the same edit again (same case, code and values) used to make a
new entry each time; from here on the office keeps one entry with a count (``repeats``,
``content_key``) and remembers the repeating local ids (``set_aside_repeats``). Entries
received before get their key at the first repeat that matches them (none: they stay as
they are, each counted once).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_key", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("repeats", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch_op.create_index(batch_op.f("ix_set_aside_content_key"), ["content_key"])
    op.create_table(
        "set_aside_repeats",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("local_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("set_aside_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["set_aside_id"],
            ["set_aside.id"],
            name=op.f("fk_set_aside_repeats_set_aside_id_set_aside"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "local_id", name=op.f("pk_set_aside_repeats")),
    )
    with op.batch_alter_table("set_aside_repeats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_set_aside_repeats_set_aside_id"), ["set_aside_id"])


def downgrade() -> None:
    with op.batch_alter_table("set_aside_repeats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_aside_repeats_set_aside_id"))
    op.drop_table("set_aside_repeats")
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_aside_content_key"))
        batch_op.drop_column("repeats")
        batch_op.drop_column("content_key")
