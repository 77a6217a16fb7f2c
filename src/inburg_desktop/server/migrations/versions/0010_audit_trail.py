"""The audit trail at the office (issue 16 item 1): the entries laptops send, and the
head of each chain they are checked against.

``audit_entries`` holds each entry as it was hashed (``domain.audit``), once it extended
the chain the office holds; ``audit_chains`` holds that chain's head and the device it
belongs to. A row edited, removed or moved in ``audit_entries`` shows against them
(``inburg-office audit CASE_ID --verify``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 22:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("part", sa.String(length=120), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("pushed_by", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
        sa.UniqueConstraint("case_id", "device_id", "seq", name=op.f("uq_audit_entries_case_id")),
    )
    op.create_index(op.f("ix_audit_entries_case_id"), "audit_entries", ["case_id"], unique=False)
    op.create_table(
        "audit_chains",
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=36), nullable=False),
        sa.Column("head_seq", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "device_id", name=op.f("pk_audit_chains")),
    )


def downgrade() -> None:
    op.drop_table("audit_chains")
    op.drop_index(op.f("ix_audit_entries_case_id"), table_name="audit_entries")
    op.drop_table("audit_entries")
