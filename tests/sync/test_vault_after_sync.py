"""What a laptop's vault shows after every sync step is "office state + this laptop's
unsent edits + resolved conflicts", read through the service the intake window reads
(``services.intake_edit.load_intake``), with two real laptops and a real office.

Usability test (shots 96/97, 100): both laptops edit Motivatie, laptop 2 also Doelen; sync
laptop 1 then laptop 2; laptop 2 merges both conflicts. The step-by-step assertions below
pin what each laptop must show at each moment; the second test covers the case where the
office's value of a conflicting field is older than the laptop's cursor, which the vault
used to keep showing the refused laptop value for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import intake_edit
from inburg_desktop.storage.sync_state import conflicts, resolve_conflict
from inburg_desktop.storage.vault import OpenVault

from ..conftest import LiveServer
from .test_laptops_office import (
    HANDOVER,
    enroll_vault,
    make_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    sync,
)

WENS, DOELEN, NOTES = (
    "intake.motivatie.beroepswens",
    "intake.motivatie.doelen",
    "intake.motivatie.notes",
)


@pytest.fixture
def laptops(vault: OpenVault, tmp_path: Path) -> Iterator[tuple[OpenVault, OpenVault]]:
    other = make_vault(tmp_path / "laptop-2" / "kluis.db")
    yield vault, other
    other.lock()


def shown(vault: OpenVault, case_id: str) -> dict[str, Any]:
    """The Motivatie answers as the intake window loads them."""
    with vault.session() as session:
        stored, _meta = intake_edit.load_intake(session, case_id)
    return {k: stored.fields.get(k) for k in (WENS, DOELEN, NOTES)}


def write(vault: OpenVault, case_id: str, patch: dict[str, Any], seen: int | None = None) -> None:
    with vault.transaction() as session:
        intake_edit.save(session, case_id, patch, seen_version=seen)


def test_each_laptop_shows_office_state_plus_its_own_edits_and_resolutions(
    server: LiveServer, office: Database, laptops: tuple[OpenVault, OpenVault]
) -> None:
    one, two = laptops
    consultant = new_consultant("invariant")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(one, server.url, office, consultant)
    enroll_vault(two, server.url, office, consultant)
    sync(one)
    sync(two)
    write(one, case, {WENS: "Verpleegkundige", NOTES: "Laptop 1: verpleegkundige."})
    write(two, case, {WENS: "Kapper", NOTES: "Laptop 2: kapper."})
    write(two, case, {DOELEN: "Eigen salon"})
    assert shown(two, case) == {WENS: "Kapper", DOELEN: "Eigen salon", NOTES: "Laptop 2: kapper."}

    assert sync(one).conflicts == 0
    # Laptop 2 has not synced: it shows its own unsent edits.
    assert shown(two, case)[DOELEN] == "Eigen salon"
    assert sync(two).conflicts == 2
    # The office kept laptop 1's values (laptop 2's are in the conflicts); Doelen went up.
    assert shown(two, case) == {
        WENS: "Verpleegkundige",
        DOELEN: "Eigen salon",
        NOTES: "Laptop 1: verpleegkundige.",
    }
    with two.session() as session:
        open_ = {c.field_key: (c.office_value, c.laptop_value) for c in conflicts(session)}
    assert open_ == {
        WENS: ("Verpleegkundige", "Kapper"),
        NOTES: ("Laptop 1: verpleegkundige.", "Laptop 2: kapper."),
    }
    merged = {WENS: "Verpleegkundige of kapper", NOTES: "Laptop 1 en laptop 2."}
    for key, value in merged.items():
        with two.transaction() as session:
            resolve_conflict(session, case, key, value)
        # At once, before any sync: the resolution is what the case shows.
        assert shown(two, case)[key] == value
    assert shown(two, case) == {**merged, DOELEN: "Eigen salon"}
    # Laptop 1 has not synced since: it shows what it had (its own values, no Doelen).
    assert shown(one, case) == {
        WENS: "Verpleegkundige",
        DOELEN: None,
        NOTES: "Laptop 1: verpleegkundige.",
    }
    assert sync(two).conflicts == 0
    assert shown(two, case) == {**merged, DOELEN: "Eigen salon"}
    assert sync(one).conflicts == 0
    assert shown(one, case) == shown(two, case) == {**merged, DOELEN: "Eigen salon"}
    assert office_conflicts(office, case) == []


def test_a_conflict_shows_the_office_value_even_when_the_pull_does_not_bring_it(
    server: LiveServer, office: Database, laptops: tuple[OpenVault, OpenVault]
) -> None:
    """The office changed the field before this laptop's last pull; an edit made on a
    screen older than that pull conflicts. The vault must show the office's value (the
    laptop's is kept in the conflict), not the refused one, straight after the sync."""
    one, _two = laptops
    consultant = new_consultant("cursor")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(one, server.url, office, consultant)
    sync(one)
    with one.session() as session:
        seen = intake_edit.load_intake(session, case)[0].server_version  # the screen opens
    admin.edit_case(office, case, {WENS: "Verpleegkundige"})
    sync(one)  # pulls the office's value while the screen still shows the old one
    assert shown(one, case)[WENS] == "Verpleegkundige"
    write(one, case, {WENS: "Kok"}, seen=seen)  # typed on the stale screen
    assert sync(one).conflicts == 1
    assert office_fields(office, case)[WENS] == "Verpleegkundige"
    assert shown(one, case)[WENS] == "Verpleegkundige"
    with one.session() as session:
        assert [(c.office_value, c.laptop_value) for c in conflicts(session)] == [
            ("Verpleegkundige", "Kok")
        ]
