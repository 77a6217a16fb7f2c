"""Sync state on the laptop: conflicts kept side by side, quarantined ops, resolutions
in the outbox, attachment upload state.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column(
            "case_id",
            sa.String(36),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("field_key", sa.String(200), primary_key=True),
        sa.Column("office_value", sa.Text(), nullable=False),
        sa.Column("office_version", sa.Integer(), nullable=False),
        sa.Column("laptop_value", sa.Text(), nullable=False),
        sa.Column("op_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("op_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("patch", sa.Text(), nullable=False),
        sa.Column("error", sa.String(100), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # Plain ADD COLUMN (SQLite supports it with a constant default): no table copy.
    op.add_column("outbox", sa.Column("resolves", sa.Text(), nullable=False, server_default="[]"))
    op.add_column(
        "attachments",
        sa.Column("uploaded", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch:
        batch.drop_column("uploaded")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("resolves")
    op.drop_table("sync_quarantine")
    op.drop_table("sync_conflicts")
