"""Quarantine for both directions: what could not be sent (set aside on this laptop or
refused by the office) and what arrived from the office but could not be applied.

The first quarantine table was keyed by op id, which cannot hold a pulled case (no op) and
would mix up two ops that came to share an id after the outbox was renumbered around an op
set aside here. Rows keep their op id as data; existing rows move over as pushes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_quarantine_v2",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("op_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.String(64), nullable=False),
        sa.Column("field_keys", sa.Text(), nullable=False, server_default="[]"),
        sa.Column("patch", sa.Text(), nullable=False),
        sa.Column("error", sa.String(100), nullable=False),
        sa.Column("message", sa.Text(), nullable=False, server_default=""),
        sa.Column("detail", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sqlite_autoincrement=True,
    )
    conn = op.get_bind()
    old = conn.execute(
        sa.text(
            "SELECT op_id, case_id, patch, error, message, created_at FROM sync_quarantine "
            "ORDER BY op_id"
        )
    ).all()
    for op_id, case_id, patch, error, message, created_at in old:
        try:
            loaded = json.loads(patch)
            keys = sorted(loaded) if isinstance(loaded, dict) else []
        except ValueError:
            keys = []
        conn.execute(
            sa.text(
                "INSERT INTO sync_quarantine_v2 (direction, op_id, case_id, field_keys, patch,"
                " error, message, detail, created_at) VALUES ('push', :op_id, :case_id, :keys,"
                " :patch, :error, :message, '{}', :created_at)"
            ),
            {
                "op_id": op_id,
                "case_id": case_id,
                "keys": json.dumps(keys),
                "patch": patch,
                "error": error,
                "message": message,
                "created_at": created_at,
            },
        )
    op.drop_table("sync_quarantine")
    op.rename_table("sync_quarantine_v2", "sync_quarantine")
    op.create_index("ix_sync_quarantine_case_id", "sync_quarantine", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_sync_quarantine_case_id", "sync_quarantine")
    op.rename_table("sync_quarantine", "sync_quarantine_v2")
    op.create_table(
        "sync_quarantine",
        sa.Column("op_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("patch", sa.Text(), nullable=False),
        sa.Column("error", sa.String(100), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    # Only pushes with an op id fit the old table; the newest entry per op id wins.
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "INSERT OR REPLACE INTO sync_quarantine (op_id, case_id, patch, error, message,"
            " created_at) SELECT op_id, case_id, patch, error, message, created_at"
            " FROM sync_quarantine_v2 WHERE op_id IS NOT NULL ORDER BY id"
        )
    )
    op.drop_table("sync_quarantine_v2")
