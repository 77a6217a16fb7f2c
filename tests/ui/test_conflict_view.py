"""The conflict view reads its list in one query, whatever the number of conflicts, and
writes a choice off the GUI thread: a vault that refuses (a full disk) is said in words,
and the conflict stays open with both values kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import Conflict, conflicts, replace_conflicts
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.conflict_view import ConflictView

from ..storage.media import fill, tmpfs

KEY = "intake.opleiding.notes"
PASSPHRASE = "een lange zin als wachtwoord"


def add_conflicts(vault: OpenVault, cases: int) -> list[str]:
    with vault.transaction() as session:
        ids = add_demo_cases(session, cases)
        for case_id in ids:
            replace_conflicts(
                session, case_id, [Conflict(case_id, KEY, "op kantoor", "op de laptop", 3)], 1
            )
    return ids


@contextmanager
def counting(vault: OpenVault) -> Iterator[list[str]]:
    """Every SQL statement the vault's engine runs meanwhile (any thread)."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(vault.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(vault.engine, "before_cursor_execute", record)


def statements_to_list(qtbot: QtBot, vault: OpenVault, expected: int) -> list[str]:
    with counting(vault) as seen:
        view = ConflictView(vault)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.items.count() == expected)  # after the read returned
    return seen


@pytest.mark.parametrize("cases", [1, 6])
def test_the_list_is_one_query_whatever_the_number_of_conflicts(
    qtbot: QtBot, vault: OpenVault, cases: int
) -> None:
    add_conflicts(vault, cases)
    reads = [s for s in statements_to_list(qtbot, vault, cases) if s.startswith("SELECT")]
    assert len(reads) == 1, reads  # before: the list, then the case's reads per conflict


def test_the_list_names_the_person_and_shows_both_values(qtbot: QtBot, vault: OpenVault) -> None:
    (case_id,) = add_conflicts(vault, 1)
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1)
    with vault.session() as session:
        name = get_case(session, case_id).case.person.display_name
    assert view.items.item(0).text().startswith(f"{name} — ")
    assert view.office.toPlainText() == "op kantoor"
    assert view.laptop.toPlainText() == "op de laptop"
    with qtbot.waitSignal(view.resolved) as resolved:
        qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    assert resolved.args == [case_id]
    qtbot.waitUntil(lambda: view.empty.isVisible() and view.tasks.pending == 0)
    with vault.session() as session:
        assert get_case(session, case_id).fields[KEY] == "op de laptop"
        assert conflicts(session) == []


@pytest.fixture
def usb_vault(tmp_path: Path) -> Iterator[tuple[Path, OpenVault]]:
    with tmpfs(tmp_path / "usb", 4096) as usb:
        vault = create_vault(usb / "kluis.db", PASSPHRASE, TEST_KDF)
        yield usb, vault
        vault.lock()


def test_a_choice_on_a_full_disk_says_so_and_keeps_the_conflict(
    qtbot: QtBot, usb_vault: tuple[Path, OpenVault]
) -> None:
    usb, vault = usb_vault
    (case_id,) = add_conflicts(vault, 1)
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    vault.engine.dispose()  # idle pool: the write opens a new WAL, which needs room
    filler = fill(usb)
    qtbot.mouseClick(view.take_laptop, Qt.MouseButton.LeftButton)
    assert not view.take_office.isEnabled()  # the buttons wait while the choice is written
    qtbot.waitUntil(lambda: view.problem.kind == "error" and view.tasks.pending == 0)
    assert "vol" in view.problem.text() and "beschadigd" not in view.problem.text()
    assert view.take_office.isEnabled() and view.items.count() == 1
    filler.unlink()
    with vault.session() as session:
        assert [c.laptop_value for c in conflicts(session)] == ["op de laptop"]
        assert KEY not in get_case(session, case_id).fields or (
            get_case(session, case_id).fields[KEY] != "op de laptop"
        )
