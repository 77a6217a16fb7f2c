"""A name, date or household the office's own rules refuse never reaches the laptop's
vault by a pull (attack round 4, finding 1): an old or hostile office sent given names
with a direction override, an escape or a zero-width space, a V-nummer in Arabic-Indic
digits and a week date, and the laptop stored them because its columns check only
types. Each such value is now set aside (``field_unusable``) and the laptop keeps the
value it had; the rest of the case still applies. Against a real office on SQLite and
PostgreSQL, with values planted straight in the office database as an old server would
have stored them."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.server.db import Database
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import enroll_vault, new_consultant, sync, vault_fields
from .test_sync_quarantine import CANARY, IDENTITY, office_edit, plant_office_case

HOUSEHOLD = [
    {"relation": "partner", "name": "Yonas"},
    {"relation": "kind", "name": "Sara", "date_of_birth": "2021-08-01"},
]
GOOD = {
    **IDENTITY,
    "person.v_nummer": "1234567890",
    "dates.koppeling": "2026-09-15",
    "household": HOUSEHOLD,
}

BAD: list[tuple[str, str, Any]] = [
    ("rlo-name", "person.given_names", "\u202eSelam"),
    ("escape-name", "person.given_names", "Sel\x1bam"),
    ("zero-width-name", "person.family_name", "Tes\u200bfay"),
    ("arabic-v-nummer", "person.v_nummer", "١٢٣٤٥٦٧٨٩٠"),
    ("week-date-birth", "person.date_of_birth", "1990-W01-1"),
    ("basic-form-date", "dates.koppeling", "20260915"),
    ("arabic-digit-date", "dates.koppeling", "٢٠٢٦-09-15"),
    ("household-rlo-name", "household", [{"relation": "kind", "name": "\u202eSara"}]),
    ("household-born-2090", "household", [{"relation": "kind", "date_of_birth": "2090-01-01"}]),
    ("household-week-date", "household", [{"relation": "kind", "date_of_birth": "2021-W01-1"}]),
    (
        "household-two-referents",
        "household",
        [{"relation": "referent"}, {"relation": "referent"}],
    ),
    ("household-unknown-relation", "household", [{"relation": "cousin"}]),
    ("household-unknown-key", "household", [{"relation": "kind", "colour": "blue"}]),
    (
        "household-arabic-v-nummer",
        "household",
        [{"relation": "partner", "v_nummer": "١٢٣٤٥٦٧٨٩٠"}],
    ),
    (
        "household-plichtig-text",
        "household",
        [{"relation": "partner", "inburgeringsplichtig": "ja"}],
    ),
    (
        "household-sender-relation-esc",
        "household",
        [{"relation": "overig", "sender_relation": "x\x1b"}],
    ),
    ("household-51", "household", [{"relation": "kind"}] * 51),
]


@pytest.mark.parametrize(("key", "value"), [(k, v) for _, k, v in BAD], ids=[i for i, _, _ in BAD])
def test_a_pulled_value_the_rules_refuse_is_set_aside_and_the_laptop_keeps_its_own(
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    caplog: pytest.LogCaptureFixture,
    key: str,
    value: Any,
) -> None:
    consultant = new_consultant("trek")
    case_id = plant_office_case(office, consultant, GOOD)
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 0
    before = vault_fields(vault, case_id)
    assert before[key] == GOOD[key]

    office_edit(office, case_id, {key: value, "intake.werk.notes": f"{CANARY} nieuw"})
    summary = sync(vault)

    after = vault_fields(vault, case_id)
    assert after[key] == before[key]
    # The rest of the case applied.
    assert after["intake.werk.notes"] == f"{CANARY} nieuw"
    assert summary.quarantined == 1
    with vault.session() as session:
        entries = [(e.case_id, e.error, e.field_keys, e.values) for e in quarantine(session)]
    assert entries == [(case_id, "field_unusable", (key,), {key: value})]
    assert CANARY not in caplog.text


def test_a_new_case_whose_name_the_rules_refuse_is_set_aside_whole(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("nieuw")
    bad = plant_office_case(office, consultant, {**GOOD, "person.given_names": "\u202eSelam"})
    good = plant_office_case(office, consultant, GOOD)
    enroll_vault(vault, server.url, office, consultant)
    assert sync(vault).quarantined == 1
    assert vault_fields(vault, good)["person.given_names"] == "Selam"
    with vault.session() as session:
        entries = [(e.case_id, e.error) for e in quarantine(session)]
    assert entries == [(bad, "case_incomplete")]
