"""The office account this laptop is enrolled for (``sync.consultant``) in NFC.

A vault enrolled with an older version against an office that held the consultant's name
decomposed ("Jose\\u0301 Ruiz") stored that form. Every decision taken since records the
account as its decider id (``services.consulent``), while the office now holds its names
in NFC (office migration 0008): the stored account must be the one spelling the office
knows (attack round 7, finding 13). The consultant's own name setting is read in NFC
already (``consulent._text``); the account is what identifies, so it is rewritten here.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
import unicodedata

import sqlalchemy as sa
from alembic import op

from inburg_desktop.protocol.canonical import canonical_json

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ACCOUNT_KEY = "sync.consultant"


def upgrade() -> None:
    conn = op.get_bind()
    stored = conn.execute(
        sa.text("SELECT value FROM settings WHERE key = :key"), {"key": ACCOUNT_KEY}
    ).scalar()
    if stored is None:
        return
    try:
        account = json.loads(stored)
    except ValueError:
        return  # not ours to repair here: enrollment() reads it as "not enrolled"
    if not isinstance(account, str):
        return
    normal = unicodedata.normalize("NFC", account)
    if normal != account:
        conn.execute(
            sa.text("UPDATE settings SET value = :value WHERE key = :key"),
            {"value": canonical_json(normal), "key": ACCOUNT_KEY},
        )


def downgrade() -> None:
    pass  # the NFC form is the same name; nothing to undo
