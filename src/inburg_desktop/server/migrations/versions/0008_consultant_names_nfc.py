"""Consultant names in Unicode Normalization Form C.

A consultant's name was stored as typed, so "José Ruiz" with a composed é (U+00E9) and
with e + U+0301 were two consultants (two caseloads) that every listing showed alike
(attack round 6, finding 9). Names are now normalised where they enter
(``domain.safe_text.person_name``); this brings the names stored before into the same
form, in every table that names a consultant. Two spellings of one name become one
consultant: they could not be told apart on any screen, and an administrator typing
either one meant that person.

A name already in NFC is left untouched; so is every other column. There is no way
back: which rows held the decomposed spelling is not kept (downgrade leaves the names).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 15:40:00
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("devices", "enrollment_codes", "assignments", "removals", "set_aside")
"""Every table with a ``consultant`` column (server/tables.py)."""


def upgrade() -> None:
    bind = op.get_bind()
    for name in TABLES:
        table = sa.table(name, sa.column("consultant", sa.String))
        stored = bind.execute(sa.select(table.c.consultant).distinct()).scalars().all()
        for consultant in stored:
            normal = unicodedata.normalize("NFC", consultant)
            if normal != consultant:
                bind.execute(
                    table.update().where(table.c.consultant == consultant).values(consultant=normal)
                )


def downgrade() -> None:
    """Nothing to undo: an NFC name reads as the same name."""
