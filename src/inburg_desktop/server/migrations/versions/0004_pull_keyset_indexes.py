"""Indexes for pulling by keyset: field changes by sequence number, and a caseload's
assignments by sequence number.

A pull page reads the field and assignment changes of a caseload from its cursor up to a
bound (``server/pull.py``); without these indexes each page scanned every field row of
the office, so its cost grew with the caseload (issue 14: 57 ms per 100-case page at
1,000 cases, 117 ms at 10,000). Only indexes are added: no data changes, and the
downgrade drops them again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 05:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_field_values_seq", "field_values", ["seq"], unique=False)
    op.create_index(
        "ix_assignments_consultant_seq",
        "assignments",
        ["consultant", "assigned_seq"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_assignments_consultant_seq", table_name="assignments")
    op.drop_index("ix_field_values_seq", table_name="field_values")
