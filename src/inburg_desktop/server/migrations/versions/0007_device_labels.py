"""A label for each laptop, given by the office when it makes the enrollment code.

``enrollment_codes.label`` holds what the administrator typed with ``inburg-office enroll
--label`` ("laptop 2, kamer 3"); redeeming the code copies it to ``devices.label``. Two
laptops of one consultant, often installed from one image with the same computer name,
were listed alike (usability round 4 #8). Devices and codes from before get an empty
label: the listing shows their computer name and short id instead.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("enrollment_codes", "devices"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("label", sa.String(100), nullable=False, server_default=sa.text("''"))
            )


def downgrade() -> None:
    for table in ("devices", "enrollment_codes"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("label")
