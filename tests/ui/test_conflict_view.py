"""The conflict view reads its list in one query, whatever the number of conflicts, and
writes a choice off the GUI thread: a vault that refuses (a full disk) is said in words,
and the conflict stays open with both values kept."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import event, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import Conflict, conflicts, replace_conflicts
from inburg_desktop.storage.tables import ConflictRow
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.conflict_view import ConflictView

from ..storage.media import fill, tmpfs
from .test_conflict_kinds import CHOICE, DATE, NOTES, NUMBER, with_conflict

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


# --- Esc, and a value of its own half done (usability round 3, finding 15) ---------------


def _open(qtbot: QtBot, vault: OpenVault, count: int = 1) -> ConflictView:
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(lambda: view.items.count() == count and view.tasks.pending == 0)
    return view


def _question(view: ConflictView) -> QMessageBox | None:
    """The close guard's question, when one is shown."""
    shown = [box for box in view.findChildren(QMessageBox, "unsavedQuestion") if box.isVisible()]
    return shown[-1] if shown else None


@pytest.mark.parametrize(
    ("key", "office", "laptop"),
    [
        (NOTES, "toets in Arnhem", "toets bij COA"),
        (CHOICE, "zelfstandig", "geen"),
        (NUMBER, 4, 6),
        (DATE, "1990-03-12", "1990-12-03"),
        ("intake.digitale_vaardigheden.eigen_apparaten", ["tablet"], ["smartphone"]),
    ],
    ids=["text", "choice", "number", "date", "options"],
)
def test_esc_closes_the_view_from_every_control(
    qtbot: QtBot, vault: OpenVault, key: str, office: object, laptop: object
) -> None:
    with_conflict(vault, key, office, laptop)
    view = _open(qtbot, vault)
    controls = [
        w.objectName() or type(w).__name__
        for w in view.findChildren(QWidget)
        if w.isVisibleTo(view) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(controls) >= 5
    for number in range(len(controls)):
        if not view.isVisible():
            view = _open(qtbot, vault)
        focusable = [
            w
            for w in view.findChildren(QWidget)
            if w.isVisibleTo(view) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        widget = focusable[number]
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(widget, Qt.Key.Key_Escape)
        assert not view.isVisible(), controls[number]
        assert _question(view) is None  # nothing of its own typed: no question


def test_after_a_choice_the_keyboard_stays_in_the_view_and_esc_closes_it(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with_conflict(vault, NOTES, "op kantoor", "hier")
    view = _open(qtbot, vault)
    view.take_office.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(view.take_office, Qt.Key.Key_Space)
    # the button used was disabled while writing: the focus went on to the list, not
    # nowhere (then no key reached the view)
    assert QApplication.focusWidget() is view.items
    qtbot.keyClick(view.items, Qt.Key.Key_Escape)
    assert not view.isVisible()


@pytest.mark.parametrize("button", ["take_office", "take_laptop", "take_merged"])
def test_enter_never_settles_a_conflict_and_the_last_one_leaves_no_text(
    qtbot: QtBot, vault: OpenVault, button: str
) -> None:
    """Usability round 4 (78-83): the focused "Deze houden: Andere laptop" was the default
    button, so Enter discarded this laptop's value; after the last conflict the pane kept
    the old text, greyed."""
    with_conflict(vault, NOTES, "op kantoor", "hier")
    view = _open(qtbot, vault)
    target = getattr(view, button)
    target.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        qtbot.keyClick(target, key)
        assert view.tasks.pending == 0 and view.isVisible()  # nothing was written
    assert not any(b.isDefault() for b in (view.take_office, view.take_laptop, view.take_merged))
    assert len(_open_conflicts(vault)) == 1
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(view.take_office, Qt.Key.Key_Space)  # a deliberate choice
    assert view.items.count() == 0 and view.empty.isVisible()
    assert view.merged.toPlainText() == "" and not view.editor.isVisible()
    assert view.office.toPlainText() == "" and view.laptop.toPlainText() == ""


def _open_conflicts(vault: OpenVault) -> list[Conflict]:
    with vault.session() as session:
        return conflicts(session)


def test_esc_on_a_merge_half_done_asks_and_keeps_or_uses_it(qtbot: QtBot, vault: OpenVault) -> None:
    with_conflict(vault, NOTES, "toets in Arnhem", "toets bij COA")
    view = _open(qtbot, vault)
    view.merged.setFocus()
    qtbot.keyClicks(view.merged, " (eigen)")
    typed = view.merged.toPlainText()
    qtbot.keyClick(view.merged, Qt.Key.Key_Escape)
    question = _question(view)
    assert question is not None and question.isVisible()
    assert view.isVisible()  # asked, not closed
    # Annuleren: stays, with what was typed
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert view.isVisible() and view.merged.toPlainText() == typed
    with vault.session() as session:
        assert len(conflicts(session)) == 1
    # the title bar's ✕ asks the same; Opslaan uses the value typed, then closes
    view.close()
    question = _question(view)
    assert question is not None and question.isVisible() and view.isVisible()
    with qtbot.waitSignal(view.resolved, timeout=10_000):
        question.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not view.isVisible(), timeout=10_000)
    with vault.session() as session:
        assert conflicts(session) == []
        case_id = session.execute(select(ConflictRow.case_id)).first()
    assert case_id is None


def test_niet_opslaan_closes_and_leaves_the_conflict_open(qtbot: QtBot, vault: OpenVault) -> None:
    with_conflict(vault, CHOICE, "zelfstandig", "geen")
    view = _open(qtbot, vault)
    combo = view.editor.combo
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("basis"))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    question = _question(view)
    assert question is not None and question.isVisible()
    question.button(QMessageBox.StandardButton.Discard).click()
    assert not view.isVisible()
    with vault.session() as session:
        assert len(conflicts(session)) == 1  # nothing chosen: still open
