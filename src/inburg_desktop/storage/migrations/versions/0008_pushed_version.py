"""Per case, the office version this laptop's acknowledged pushes produced
(``pushed_versions``), so a vault that went back in time notices it.

The office leaves out of a pull the values this device pushed itself (it holds them
already). A vault restored from a backup made before such a push does not hold them, yet
the pull moved its base version past them, and its next edit overwrote the office
silently (attack round 3). The office now says which version it left out
(``CaseState.own_version``); a laptop whose noted version is lower fetches the case
whole (``sync.engine``). A restored vault carries the value of its backup, which is what
makes the difference visible.

Backfill: none (no row reads as 0). A case whose own values were left out before this
migration is then fetched whole once at its next change: a few kilobytes, never wrong.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A table of its own: the cases table (and its summary triggers) stays as it is.
    op.create_table(
        "pushed_versions",
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("pushed_versions")
