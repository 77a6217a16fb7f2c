"""Per case, the office version this laptop's acknowledged pushes produced
(``cases.pushed_version``), so a vault that went back in time notices it.

The office leaves out of a pull the values this device pushed itself (it holds them
already). A vault restored from a backup made before such a push does not hold them, yet
the pull moved its base version past them, and its next edit overwrote the office
silently (attack round 3). The office now says which version it left out
(``CaseState.own_version``); a laptop whose ``pushed_version`` is lower fetches the case
whole (``sync.engine``). A restored vault carries the value of its backup, which is what
makes the difference visible.

Backfill: 0 for every case held now. A case whose own values were left out before this
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
    # A constant default: plain ADD COLUMN, no table copy.
    op.add_column(
        "cases",
        sa.Column("pushed_version", sa.Integer(), nullable=False, server_default="0"),
    )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("pushed_version")
