"""The case's gemeente in its summary (issue 16 item 5): the case list names and searches
each case's gemeente when the consultant works for several, reading one table as before.

A column of ``case_summaries`` (the CBS code, ``NULL`` when the case has none): adding it
leaves the table and its triggers in place. Every summary is computed again at the next
read anyway (the code that computes them changed: ``services.case_summary.computed_with``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_summaries", sa.Column("gemeente", sa.String(6), nullable=True))


def downgrade() -> None:
    op.drop_column("case_summaries", "gemeente")
