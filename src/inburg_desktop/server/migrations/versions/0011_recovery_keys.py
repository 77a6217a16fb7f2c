"""The office's recovery public keys (issue 16 item 4, docs/recovery.md).

``recovery_keys`` holds each public key ``inburg-office recovery-key new`` made, by its
id (the first 128 bits of SHA-256 over the raw key); the newest is handed to laptops at
enrollment so that they wrap their vault key to it. Private keys are never stored here.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recovery_keys",
        sa.Column("key_id", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=44), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_recovery_keys")),
    )
    with op.batch_alter_table("recovery_keys", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_keys_created_at"), ["created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("recovery_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_keys_created_at"))
    op.drop_table("recovery_keys")
