"""Keyboard first (issue 13 item 11): focus back in the passphrase field after a wrong
one; menus and tabs with mnemonics, unique per window; Ctrl+Shift+P in the intake; a Help
menu whose shortcut overview is read from the window's own actions; Tab leaves the Gesprek
form; list shortcuts without a selection; Ctrl+Q closes the PIP editor, asking first when
there are unsaved edits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.intake import TopicState
from inburg_desktop.services.vault_session import TEST_KDF
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.shortcut_overview import (
    ShortcutOverview,
    plain_text,
    shortcut_rows,
)
from inburg_desktop.ui.unlock_window import UnlockWindow

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py
TODAY = date(2026, 11, 2)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        return add_demo_cases(session, 8, TODAY)


def _show(qtbot: QtBot, window: QWidget) -> None:
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _main(qtbot: QtBot, vault: OpenVault) -> MainWindow:
    window = MainWindow(vault)
    _show(qtbot, window)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    return window


def _intake(qtbot: QtBot, vault: OpenVault, case_id: str) -> IntakeWindow:
    window = IntakeWindow(vault, case_id)
    _show(qtbot, window)
    qtbot.waitUntil(lambda: window.stored is not None, timeout=10_000)
    # the topic's form is put in place with a queued show: wait until it is on screen
    qtbot.waitUntil(lambda: window.panel is not None and window.panel.isVisible())
    return window


def _pip(qtbot: QtBot, vault: OpenVault, case_id: str) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=TODAY)
    _show(qtbot, window)
    qtbot.waitUntil(lambda: window.context is not None, timeout=10_000)
    return window


# --- a wrong passphrase ----------------------------------------------------------------


def test_after_a_wrong_passphrase_the_field_has_the_keyboard_with_the_text_selected(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    window = UnlockWindow(path)
    _show(qtbot, window)
    qtbot.keyClicks(window.passphrase, "verkeerd wachtwoord")
    qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.failures == 1, timeout=10_000)
    assert QApplication.focusWidget() is window.passphrase
    assert window.passphrase.selectedText() == "verkeerd wachtwoord"
    # typing again replaces it, and Enter tries again
    qtbot.keyClicks(window.passphrase, PASSPHRASE)
    assert window.passphrase.text() == PASSPHRASE
    with qtbot.waitSignal(window.unlocked, timeout=10_000) as blocker:
        qtbot.keyClick(window.passphrase, Qt.Key.Key_Return)
    blocker.args[0].lock()


# --- mnemonics -------------------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text)
    return found.group(1).lower() if found else None


def _check_mnemonics(window: QMainWindow) -> None:
    """Menu titles and tab texts of the window each have an Alt+letter, no two the same;
    every item of a menu has one, no two the same within that menu."""
    letters: dict[str, str] = {}
    for menu_action in window.menuBar().actions():
        title = menu_action.text()
        letter = _mnemonic(title)
        assert letter is not None, f"menu {title!r} has no mnemonic"
        assert letter not in letters, f"{title!r} and {letters[letter]!r} share Alt+{letter}"
        letters[letter] = title
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        items: dict[str, str] = {}
        for item in menu.actions():
            if item.isSeparator() or not item.text() or not item.isVisible():
                continue
            item_letter = _mnemonic(item.text())
            assert item_letter is not None, f"{title!r} → {item.text()!r} has no mnemonic"
            assert item_letter not in items, (
                f"{title!r}: {item.text()!r} and {items[item_letter]!r} share {item_letter}"
            )
            items[item_letter] = item.text()
    for bar in window.findChildren(QTabBar):
        if not bar.isVisibleTo(window):
            continue
        for index in range(bar.count()):
            text = bar.tabText(index)
            letter = _mnemonic(text)
            assert letter is not None, f"tab {text!r} has no mnemonic"
            assert letter not in letters, f"{text!r} and {letters[letter]!r} share Alt+{letter}"
            letters[letter] = text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_menus_and_tabs_have_unique_mnemonics_in_every_window(
    qtbot: QtBot, vault: OpenVault, cases: list[str], language: str
) -> None:
    use_language(language)
    try:
        _check_mnemonics(_main(qtbot, vault))
        _check_mnemonics(_intake(qtbot, vault, cases[0]))
        _check_mnemonics(_pip(qtbot, vault, cases[7]))
    finally:
        use_language("nl")


# --- shortcuts -------------------------------------------------------------------------


def test_ctrl_shift_p_in_the_intake_opens_the_pip_editor_of_its_case(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    intake = _intake(qtbot, vault, cases[2])
    qtbot.keyClick(intake, Qt.Key.Key_P, CTRL | SHIFT)
    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, PipEditorWindow)]
    assert [e.case_id for e in editors] == [cases[2]]
    for editor in editors:
        qtbot.addWidget(editor)
    assert intake.states()[intake.topic_id] is not TopicState.PARKED  # not Ctrl+P


def _every_key(window: QWidget) -> set[str]:
    """Every key sequence bound in ``window``, read from the widgets (not the overview)."""
    keys: set[str] = set()
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            keys.add(sequence.toString(QKeySequence.SequenceFormat.NativeText))
    return {k for k in keys if k}


def _cell(overview: ShortcutOverview, row: int, column: int) -> str:
    item = overview.table.item(row, column)
    assert item is not None
    return item.text()


def test_help_menu_lists_every_shortcut_the_window_has(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    for make in (lambda: _main(qtbot, vault), lambda: _intake(qtbot, vault, cases[0])):
        window = make()
        help_menu = window.menuBar().actions()[-1]
        assert plain_text(help_menu.text()) == "Help"
        qtbot.keyClick(window, Qt.Key.Key_F1)
        overviews = [w for w in window.findChildren(ShortcutOverview) if w.isVisible()]
        assert len(overviews) == 1, type(window).__name__
        overview = overviews[0]
        shown = {_cell(overview, r, 1) for r in range(overview.table.rowCount())}
        listed = {key for row in shown for key in row.split(", ")}
        assert _every_key(window) <= listed, _every_key(window) - listed
        for row in range(overview.table.rowCount()):
            assert _cell(overview, row, 0), _cell(overview, row, 1)
        overview.close()
    # a new action is in the next overview at once: nothing to keep up to date
    extra = QAction("Iets nieuws", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+F9"))
    window.addAction(extra)
    assert ("Iets nieuws", "Ctrl+Shift+F9") in {
        (r.description, r.keys) for r in shortcut_rows(window)
    }


def test_every_shortcut_in_every_window_is_described(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    from inburg_desktop.ui.interpreter_window import InterpreterWindow

    intake = _intake(qtbot, vault, cases[0])
    qtbot.keyClick(intake, Qt.Key.Key_T, CTRL)
    interpreter = intake.interpreter
    assert isinstance(interpreter, InterpreterWindow)
    windows: list[QWidget] = [
        _main(qtbot, vault),
        intake,
        _pip(qtbot, vault, cases[7]),
        interpreter,
    ]
    for window in windows:
        rows = shortcut_rows(window)
        assert rows, window
        silent = [row.keys for row in rows if not row.description]
        assert not silent, (type(window).__name__, silent)


# --- Tab through the intake ------------------------------------------------------------


def test_tab_leaves_the_gesprek_form_and_comes_round_to_it(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    window = _intake(qtbot, vault, cases[0])
    assert window.panel is not None
    window.panel.focus_prompt_field()
    start = QApplication.focusWidget()
    assert start is not None and window.panel.isAncestorOf(start)
    visited: list[QWidget | None] = []
    for _press in range(80):
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is start:
            break
    outside = [w for w in visited if w is not None and not window.panel.isAncestorOf(w)]
    assert window.map in outside  # the topic map, by Tab alone
    assert any(isinstance(w, QTabBar) for w in outside)  # and the tabs
    assert visited[-1] is start  # and round again to where it started
    # every field of the form on the way, in reading order
    chain = [w for w in window.panel.tab_chain() if w.isVisibleTo(window.panel)]
    inside = [w for w in visited if w in chain]
    at = chain.index(start)
    assert inside == chain[at + 1 :] + chain[: at + 1]


# --- the case list's shortcuts without a selection -------------------------------------


def test_list_shortcuts_without_a_selection_say_why_then_act_on_the_current_row(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> None:
    window = _main(qtbot, vault)
    window.search.setFocus()
    assert window.selected_row() is None
    opened: list[str] = []
    window.case_opened.connect(opened.append)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert opened == []
    assert "Kies eerst een dossier" in window.notice.text() and window.notice.isVisible()
    assert QApplication.focusWidget() is window.table  # the keyboard is in the list now
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert len(opened) == 1
    # a search that leaves one case: the shortcut acts on it
    window.table.clearSelection()
    window.table.setCurrentIndex(window.proxy.index(-1, -1))
    qtbot.keyClicks(window.search, "yildiz")
    assert window.proxy.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL)
    assert len(opened) == 2 and opened[1] != ""


# --- Ctrl+Q in the PIP editor ----------------------------------------------------------


@pytest.fixture
def pip_editor(qtbot: QtBot, vault: OpenVault, cases: list[str]) -> Iterator[PipEditorWindow]:
    """An editor the test closes itself (it deletes itself on close, so it is not handed
    to qtbot, which would close it again)."""
    from inburg_desktop.demo.pip_stages import DRAFT_INDEX

    editor = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.waitUntil(lambda: editor.context is not None, timeout=10_000)
    yield editor
    if shiboken6.isValid(editor) and editor.isVisible():
        with closing_for_lock():  # close without the question
            editor.close()


def _question(editor: PipEditorWindow) -> QMessageBox:
    box = editor.close_guard.question
    assert box is not None and box.isVisible()
    return box


def test_ctrl_q_closes_an_unchanged_pip_editor(qtbot: QtBot, pip_editor: PipEditorWindow) -> None:
    with qtbot.waitSignal(pip_editor.destroyed, timeout=10_000):
        qtbot.keyClick(pip_editor, Qt.Key.Key_Q, CTRL)


def test_ctrl_q_with_unsaved_edits_asks_and_keeps_or_saves(
    qtbot: QtBot, pip_editor: PipEditorWindow
) -> None:
    pip_editor.form.toelichting.setPlainText("Afspraak: twee keer per week les.")
    qtbot.keyClick(pip_editor, Qt.Key.Key_Q, CTRL)
    box = _question(pip_editor)
    assert pip_editor.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert pip_editor.isVisible()
    assert pip_editor.form.toelichting.toPlainText() == "Afspraak: twee keer per week les."
    qtbot.keyClick(pip_editor, Qt.Key.Key_Q, CTRL)
    box = _question(pip_editor)
    with qtbot.waitSignal(pip_editor.saved, timeout=10_000) as saved:
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert saved.args == ["draft"]
    qtbot.waitUntil(lambda: not shiboken6.isValid(pip_editor), timeout=10_000)


def test_close_without_saving_drops_the_edits(
    qtbot: QtBot, vault: OpenVault, cases: list[str], pip_editor: PipEditorWindow
) -> None:
    from inburg_desktop.demo.pip_stages import DRAFT_INDEX

    pip_editor.form.toelichting.setPlainText("niet bewaren")
    qtbot.keyClick(pip_editor, Qt.Key.Key_W, CTRL)
    box = _question(pip_editor)
    discard = box.button(QMessageBox.StandardButton.Discard)
    assert discard.text() == "&Niet opslaan"
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(pip_editor), timeout=10_000)
    again = _pip(qtbot, vault, cases[DRAFT_INDEX])
    assert again.form.toelichting.toPlainText() != "niet bewaren"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_key_names_as_keyboards_print_them_in_f1_menus_and_tooltips(
    qtbot: QtBot, vault: OpenVault, cases: list[str], language: str
) -> None:
    """Usability round 3: F1 listed "Ctrl+PgDown" and "Ctrl+Return"; keyboards print
    "PgDn" and "Enter". The F1 list, a menu's shortcut (the action's key as Qt draws it)
    and a button's tooltip all read the same names, in both UI languages."""
    use_language(language)
    try:
        intake = _intake(qtbot, vault, cases[0])
        pip = _pip(qtbot, vault, cases[7])
        keys = {row.keys for window in (intake, pip) for row in shortcut_rows(window)}
        drawn = {
            action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for window in (intake, pip)
            for action in window.findChildren(QAction)
        }
        tips = {button.toolTip() for button in pip.findChildren(QWidget) if button.toolTip()}
        for texts in (keys, drawn):
            joined = " ".join(texts)
            assert "Ctrl+PgDn" in joined and "Ctrl+Enter" in joined, joined
        everything = " ".join(keys | drawn | tips)
        for english_name in ("PgDown", "Return"):
            assert english_name not in everything
    finally:
        use_language("nl")


def test_a_key_named_twice_is_listed_once(qtbot: QtBot, vault: OpenVault, cases: list[str]) -> None:
    """Ctrl+Return and the keypad's Ctrl+Enter are both "Ctrl+Enter" on the keyboard."""
    intake = _intake(qtbot, vault, cases[0])
    for row in shortcut_rows(intake):
        names = row.keys.split(", ")
        assert len(names) == len(set(names)), row
