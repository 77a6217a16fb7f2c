"""The case summary: per case, what the case list and ``inburg case list`` show and
search, kept beside the case so the list reads one table instead of every case's fields
(issue 14).

``case_summaries`` holds one row per case (``storage.case_summary``);
``case_summary_stale`` names the cases whose summary must be computed again. Triggers on
``cases`` keep the second up to date whatever writes a case: a new case or a change to
any column a summary holds (every patch moves ``version``) marks the case, a deleted
case takes its summary along, and a new office version is copied over as it is.

Backfill: every case held now is marked. The summary needs the prompt catalogue (how far
each intake topic is), which the storage layer does not read, so the first unlock after
this migration computes them (``services.case_summary.keep_summaries``) and, should a
vault be read before that, the first read does.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The columns of ``cases`` a summary is computed from (``server_version`` has a trigger of
# its own: a new office version alone changes nothing the list computes).
_WATCHED = (
    "doelgroep, given_names, family_name, date_of_birth, nationality, languages, "
    "v_nummer, koppeling, brp_registration, duo_kennisgeving, bijstand_start, pip_date, "
    "residence_basis, permit_since, brp_after_move, version"
)
TRIGGERS = {
    "case_summary_on_insert": (
        "CREATE TRIGGER case_summary_on_insert AFTER INSERT ON cases BEGIN "
        "INSERT OR IGNORE INTO case_summary_stale (case_id) VALUES (NEW.id); END"
    ),
    "case_summary_on_update": (
        f"CREATE TRIGGER case_summary_on_update AFTER UPDATE OF {_WATCHED} ON cases BEGIN "
        "INSERT OR IGNORE INTO case_summary_stale (case_id) VALUES (NEW.id); END"
    ),
    "case_summary_on_office_version": (
        "CREATE TRIGGER case_summary_on_office_version AFTER UPDATE OF server_version "
        "ON cases BEGIN UPDATE case_summaries SET server_version = NEW.server_version "
        "WHERE case_id = NEW.id; END"
    ),
    "case_summary_on_delete": (
        "CREATE TRIGGER case_summary_on_delete AFTER DELETE ON cases BEGIN "
        "DELETE FROM case_summaries WHERE case_id = OLD.id; "
        "DELETE FROM case_summary_stale WHERE case_id = OLD.id; END"
    ),
}


def upgrade() -> None:
    op.create_table(
        "case_summaries",
        sa.Column("case_id", sa.String(36), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("server_version", sa.Integer(), nullable=False),
        sa.Column("computed_with", sa.String(32), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("family_name", sa.String(200), nullable=False),
        sa.Column("doelgroep", sa.String(32), nullable=False),
        sa.Column("nationality", sa.String(3), nullable=False),
        sa.Column("languages", sa.Text(), nullable=False),
        sa.Column("v_nummer", sa.String(20), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=False),
        sa.Column("residence_basis", sa.String(32), nullable=True),
        sa.Column("permit_since", sa.Date(), nullable=True),
        sa.Column("brp_registration", sa.Date(), nullable=False),
        sa.Column("koppeling", sa.Date(), nullable=True),
        sa.Column("duo_kennisgeving", sa.Date(), nullable=True),
        sa.Column("bijstand_start", sa.Date(), nullable=True),
        sa.Column("pip_date", sa.Date(), nullable=True),
        sa.Column("brp_after_move", sa.Date(), nullable=True),
        sa.Column("wachten", sa.Text(), nullable=True),
        sa.Column("topics_covered", sa.Integer(), nullable=False),
        sa.Column("topics_total", sa.Integer(), nullable=False),
        sa.Column("pip_status", sa.Text(), nullable=False),
        sa.Column("search_own", sa.Text(), nullable=False),
        sa.Column("status_on", sa.Date(), nullable=False),
        sa.Column("status_until", sa.Date(), nullable=True),
        sa.Column("plichtig", sa.Boolean(), nullable=False),
        sa.Column("pip_deadline", sa.Date(), nullable=True),
        sa.Column("pip_deadline_provisional", sa.Boolean(), nullable=False),
        sa.Column("deadline_state", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
    )
    op.create_index("ix_case_summaries_order", "case_summaries", ["family_name", "case_id"])
    op.create_table(
        "case_summary_stale",
        sa.Column("case_id", sa.String(36), primary_key=True),
    )
    for trigger in TRIGGERS.values():
        op.execute(trigger)
    op.execute("INSERT INTO case_summary_stale (case_id) SELECT id FROM cases")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("case_summary_stale")
    op.drop_index("ix_case_summaries_order", table_name="case_summaries")
    op.drop_table("case_summaries")
