"""What laptops set aside and sent to the office (``POST /v1/set-aside``): edits of a
case that left a caseload, changes the office refused, records a laptop could not apply,
kept once per device and local id for office staff (``inburg-office apart-gezet``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "set_aside",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("consultant", sa.String(length=200), nullable=False),
        sa.Column("local_id", sa.BigInteger(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("case_label", sa.String(length=300), nullable=False),
        sa.Column("direction", sa.String(length=4), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("set_aside_at", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_aside")),
        sa.UniqueConstraint("device_id", "local_id", name=op.f("uq_set_aside_device_id")),
    )
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_set_aside_consultant"), ["consultant"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_aside_consultant"))
    op.drop_table("set_aside")
