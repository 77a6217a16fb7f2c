"""Identity fields for who is plichtig and for the PIP deadline after a move: the
residence basis and the permit date (handover ``person.residence_basis`` and
``person.permit_since``, DOMAIN.md "Who is plichtig") and the BRP registration here
after a move from another municipality (Besluit art. 5.3 lid 3).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: plain ADD COLUMN, no table copy; existing cases read as unknown.
    op.add_column("cases", sa.Column("residence_basis", sa.String(32), nullable=True))
    op.add_column("cases", sa.Column("permit_since", sa.Date(), nullable=True))
    op.add_column("cases", sa.Column("brp_after_move", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("brp_after_move")
        batch.drop_column("permit_since")
        batch.drop_column("residence_basis")
