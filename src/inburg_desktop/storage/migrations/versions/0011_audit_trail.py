"""The audit trail (issue 16 item 1): an append-only table of hash-chained entries.

``audit_trail`` holds the entries of ``domain.audit`` exactly as hashed; triggers refuse
every ``UPDATE`` and every ``DELETE`` unless the purge path marked the case in
``audit_purge`` in the same transaction, so removing a case's chains is a deliberate,
whole-case act. The triggers keep honest code honest; they do not stop someone holding
the key, who can drop them: that is what the hash chain and the office's anchor
(``audit_anchors``) are for.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TRIGGERS = {
    "audit_trail_no_update": (
        "CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail "
        "BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END"
    ),
    "audit_trail_no_delete": (
        "CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail "
        "WHEN NOT EXISTS (SELECT 1 FROM audit_purge WHERE case_id = OLD.case_id) "
        "BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "audit_trail",
        sa.Column("row_id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("part", sa.String(120), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_trail_chain", "audit_trail", ["case_id", "device_id", "seq"])
    op.create_table(
        "audit_anchors",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("device_id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table("audit_purge", sa.Column("case_id", sa.String(64), primary_key=True))
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("audit_purge")
    op.drop_table("audit_anchors")
    op.drop_index("ix_audit_trail_chain", table_name="audit_trail")
    op.drop_table("audit_trail")
