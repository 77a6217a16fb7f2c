"""When each side of a conflict changed, to say it in the conflict view.

The office now says when its value was written and when the laptop's value reached it
(``FieldConflict.office_changed_at`` / ``laptop_changed_at``); for this laptop's own value
the laptop keeps when it was typed (its outbox entry). Usability round 3: the conflict
view did not say when either side changed. Conflicts kept before have no times (the
view then says none).

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: plain ADD COLUMN, no table copy.
    op.add_column("sync_conflicts", sa.Column("office_changed_at", sa.DateTime(), nullable=True))
    op.add_column("sync_conflicts", sa.Column("laptop_changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("laptop_changed_at")
        batch.drop_column("office_changed_at")
