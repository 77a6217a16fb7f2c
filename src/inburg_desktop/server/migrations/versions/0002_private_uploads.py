"""Uploads private to the device that sends them; enrollment attempts for rate limiting.

Until now an announced hash created a shared, incomplete ``attachments`` row: the first
device to announce it fixed its length for everyone, and any device could link it to a
case of its own. From here on ``attachments`` holds only verified content, and bytes in
flight are ``uploads`` of one device. Incomplete attachments of the old kind have no
owner to hand them to, so they are dropped; the laptops that sent them upload again from
byte 0 at their next sync (their ``missing`` answer says so).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_OLD_COLUMNS = ("received", "complete", "completed_at")


def upgrade() -> None:
    attachments = sa.table("attachments", sa.column("sha256"), sa.column("complete", sa.Boolean))
    incomplete = sa.select(attachments.c.sha256).where(attachments.c.complete == sa.false())
    for name in ("attachment_chunks", "attachment_cases"):
        linked = sa.table(name, sa.column("sha256"))
        op.execute(sa.delete(linked).where(linked.c.sha256.in_(incomplete)))
    op.execute(sa.delete(attachments).where(attachments.c.complete == sa.false()))
    if op.get_context().dialect.name == "sqlite":
        # Not batch mode: rebuilding the table would DROP it, and with foreign keys on
        # SQLite cascades that into every chunk and link. SQLite >= 3.35 drops a plain
        # column in place.
        for column in _OLD_COLUMNS:
            op.execute(f"ALTER TABLE attachments DROP COLUMN {column}")
    else:
        for column in _OLD_COLUMNS:
            op.drop_column("attachments", column)

    op.create_table(
        "uploads",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("length", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "sha256", name=op.f("pk_uploads")),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_uploads_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "upload_chunks",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id", "sha256"],
            ["uploads.device_id", "uploads.sha256"],
            name=op.f("fk_upload_chunks_device_id_uploads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "sha256", "offset", name=op.f("pk_upload_chunks")),
    )
    op.create_table(
        "upload_cases",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_upload_cases_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["device_id", "sha256"],
            ["uploads.device_id", "uploads.sha256"],
            name=op.f("fk_upload_cases_device_id_uploads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("device_id", "sha256", "case_id", name=op.f("pk_upload_cases")),
    )
    op.create_table(
        "enroll_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enroll_attempts")),
    )
    with op.batch_alter_table("enroll_attempts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enroll_attempts_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_enroll_attempts_source"), ["source"], unique=False)


def downgrade() -> None:
    op.drop_table("enroll_attempts")
    op.drop_table("upload_cases")
    op.drop_table("upload_chunks")
    op.drop_table("uploads")
    op.add_column(
        "attachments",
        sa.Column("received", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column(
        "attachments",
        sa.Column("complete", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column("attachments", sa.Column("completed_at", sa.DateTime(), nullable=True))
    attachments = sa.table(
        "attachments", sa.column("length"), sa.column("received"), sa.column("completed_at")
    )
    op.execute(sa.update(attachments).values(received=attachments.c.length))
