"""Who wrote each side of a conflict, to name the sides for where they came from.

The office now says which device wrote its value (``None``: office staff, or an import)
and the consultants of both devices (``FieldConflict``): the conflict view says "Kantoor",
"Deze laptop" or "Andere laptop van <consultant>" instead of calling another laptop's
value "Op kantoor" (usability round 3). Conflicts kept before read as written at the
office, as they were shown until now.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: plain ADD COLUMN, no table copy.
    op.add_column("sync_conflicts", sa.Column("office_device_id", sa.String(36), nullable=True))
    op.add_column("sync_conflicts", sa.Column("office_consultant", sa.String(200), nullable=True))
    op.add_column("sync_conflicts", sa.Column("laptop_consultant", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts") as batch:
        batch.drop_column("laptop_consultant")
        batch.drop_column("office_consultant")
        batch.drop_column("office_device_id")
