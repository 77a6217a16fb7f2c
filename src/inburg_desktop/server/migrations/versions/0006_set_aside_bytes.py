"""Set-aside entries with their size and the laptop's words for their fields.

``size_bytes``: what an entry holds (its values, their words and the reason, UTF-8), so
the office bounds what one device stores in bytes as well as in entries (attack round 3:
1,000 entries of 9 values of 200 KB filled 1.8 GB). ``labels``: the field names in the
laptop's words (JSON object by field key), shown to staff beside the key. Entries held
from before get their size from the characters they hold (a lower bound of their bytes
for text beyond ASCII) and no words.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 08:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("size_bytes", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(
            sa.Column("labels", sa.Text(), nullable=False, server_default=sa.text("'{}'"))
        )
    op.execute("UPDATE set_aside SET size_bytes = length(fields) + length(reason)")


def downgrade() -> None:
    with op.batch_alter_table("set_aside", schema=None) as batch_op:
        batch_op.drop_column("labels")
        batch_op.drop_column("size_bytes")
