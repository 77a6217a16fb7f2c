"""The common base of a conflict, for a three-way merge of text, and the device a
conflict's laptop value came from (to name the sides: this laptop, another laptop).

``sync_bases`` holds, per field with an unsent local change, the value the field had
before that change (what the office and this laptop last agreed on). ``sync_conflicts``
gains the base and the device id; conflicts kept before read as "base unknown".
``sync_quarantine`` gains ``sent_at``: when the consultant sent the entry to the office.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: plain ADD COLUMN, no table copy.
    op.add_column("sync_conflicts", sa.Column("base_value", sa.Text(), nullable=True))
    op.add_column("sync_conflicts", sa.Column("device_id", sa.String(36), nullable=True))
    op.add_column("sync_quarantine", sa.Column("sent_at", sa.DateTime(), nullable=True))
    op.create_table(
        "sync_bases",
        sa.Column(
            "case_id",
            sa.String(36),
            sa.ForeignKey("cases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("field_key", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_bases")
    with op.batch_alter_table("sync_quarantine") as batch:
        batch.drop_column("sent_at")
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("device_id")
        batch.drop_column("base_value")
