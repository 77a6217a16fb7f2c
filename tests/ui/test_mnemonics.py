"""Every button, labelled field, menu and tab of every window has an Alt+letter of its
own within its window, and Alt+letter acts on it instead of typing the letter into the
field that has the keyboard (usability round 2 finding 15: Alt+O in Dossiergegevens typed
"o" into a date field; "PIP opstellen" had no mnemonic)."""

from __future__ import annotations

from collections.abc import Generator
from functools import partial
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.mnemonics import keyed, letter_of, menu_items, menus_of

from .every_window import every_window
from .pip_confirm import CONSULENT


def problems(name: str, window: QWidget) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for item in keyed(window):
        key = letter_of(item.get())
        if key is None:
            if item.required:
                out.append(f"{name}: {item.what} has no Alt+letter")
        elif key in seen:
            out.append(f"{name}: {item.what} and {seen[key]} share Alt+{key}")
        else:
            seen[key] = item.what
    for menu in menus_of(window):  # each menu is a scope of its own
        in_menu: dict[str, str] = {}
        for item in menu_items(menu):
            key = letter_of(item.get())
            if key is None:
                out.append(f"{name}: {menu.title()!r} → {item.what} has no letter")
            elif key in in_menu:
                out.append(f"{name}: {menu.title()!r} → {item.what} and {in_menu[key]} share {key}")
            else:
                in_menu[key] = item.what
    return out


def test_every_button_field_menu_menu_item_and_tab_has_its_own_alt_letter(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    AppController(vault_path, AppSettings())  # installs the keeper, as the app does
    found: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        QApplication.processEvents()  # the keeper looks once per event-loop turn
        found += problems(shown.name, shown.window)
    assert found == [], "\n".join(sorted(set(found)))


def alone(qtbot: QtBot, vault: OpenVault, name: str) -> QWidget:
    """One window of ``every_window``, built on its own. Taking it from the walk left the
    walk halfway, with every window before it alive and working (the PIP editor's preview,
    the main window's reads): the garbage collector then met them mid-event-loop, a
    segfault in a full run under load (CI of 2026-11-30)."""
    from tests.ui.every_window import TODAY, Shown, _handhaving, _ready, demo_cases

    from inburg_desktop.demo.pip_stages import SIGNED_INDEX
    from inburg_desktop.ui.voortgang.window import TalkWindow

    ids = demo_cases(vault)
    consulent.save_name(vault, CONSULENT)  # as the walk has it by then
    if name == "CaseDetailsDialog":
        return _ready(qtbot, CaseDetailsDialog(vault, ids[0], today=TODAY), lambda: True)
    if name == "TalkWindow":
        talk = TalkWindow(vault, ids[SIGNED_INDEX], today=TODAY)
        return _ready(qtbot, talk, lambda: talk.screen_data is not None)
    walk = cast(Generator[Shown, None, None], _handhaving(qtbot, vault, ids[0]))
    try:
        return next(s.window for s in walk if s.name == name)
    finally:
        walk.close()


def _has_keyboard(field: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return field.hasFocus() or (focus is not None and field.isAncestorOf(focus))


def test_alt_letter_in_dossiergegevens_moves_to_the_field_and_never_types(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Alt+letter of a label puts the keyboard in its field; no Alt+letter ever types
    into the date field that has the keyboard (Alt+O typed "o")."""
    AppController(vault_path, AppSettings())
    dialog = alone(qtbot, vault, "CaseDetailsDialog")
    assert isinstance(dialog, CaseDetailsDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    labels = [
        label
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
        and label.buddy().isEnabled()  # Qt gives no keyboard to a disabled field
        and letter_of(label.text()) is not None
    ]
    assert len(labels) >= 4
    date_field = dialog.permit.edit
    failed: list[str] = []
    for label in labels:
        key = letter_of(label.text())
        assert key is not None
        date_field.setFocus()
        qtbot.waitUntil(date_field.hasFocus)
        before = date_field.text()
        qtbot.keyClick(date_field, Qt.Key(ord(key.upper())), Qt.KeyboardModifier.AltModifier)
        assert date_field.text() == before, f"Alt+{key} typed into the date field"
        buddy = label.buddy()
        assert buddy is not None
        reached = partial(_has_keyboard, buddy)
        try:
            qtbot.waitUntil(reached, timeout=2000)
        except QtTimeout:
            failed.append(f"Alt+{key} ({label.text()!r}) did not reach its field")
    assert failed == []


def test_every_submenu_opens_and_a_choice_in_it_is_made_by_its_letter(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 3, finding 15: "Taal van de app" could not be used by keyboard.
    In the open menu, an item's letter opens its submenu; in "Taal van de app" the letter
    of "English" asks for the English UI."""
    AppController(vault_path, AppSettings())
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    opened = 0
    for menu in menus_of(window):
        for action in menu.actions():
            sub = action.menu()
            if not isinstance(sub, QMenu) or not action.isVisible():
                continue
            key = letter_of(action.text())
            assert key is not None, action.text()
            menu.popup(window.mapToGlobal(window.rect().center()))
            qtbot.waitUntil(menu.isVisible)
            qtbot.keyClick(menu, key)
            qtbot.waitUntil(sub.isVisible)
            opened += 1
            if "Taal" in action.text():
                english = next(a for a in sub.actions() if "English" in a.text())
                choice = letter_of(english.text())
                assert choice is not None
                with qtbot.waitSignal(window.language_requested) as asked:
                    qtbot.keyClick(sub, choice)
                assert asked.args == ["en"]
            sub.hide()
            menu.hide()
    assert opened >= 3  # Vragenboekje, Taal van de app, Automatisch vergrendelen na


def test_the_talk_windows_question_steps_have_the_letters_of_their_menu_items(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 6 finding 16: the keeper gave "Volgende vraag" an l beside the g of
    the menu "Gesprek" (read as Alt+G, which opens the menu). The buttons hold the letters
    of the menu's same acts, apart from every menu title, and Alt+letter steps."""
    from inburg_desktop.ui.voortgang.window import TalkWindow

    AppController(vault_path, AppSettings())
    window = alone(qtbot, vault, "TalkWindow")
    assert isinstance(window, TalkWindow)
    QApplication.processEvents()
    titles = {letter_of(a.text()) for a in window.menuBar().actions()}
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    items = {_plain_text(a.text()): letter_of(a.text()) for a in menu.actions()}
    forward, back = window.step_buttons[1], window.step_buttons[-1]
    assert letter_of(forward.text()) == items["Volgende vraag"] == "v"
    assert letter_of(back.text()) == items["Vorige vraag"] == "r"
    assert not titles & {letter_of(forward.text()), letter_of(back.text())}
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    start = window.prompt_index
    # a button's letter clicks it, animated (the click lands a moment later)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.prompt_index == start + 1)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.prompt_index == start)


def _plain_text(text: str) -> str:
    return text.replace("&", "")


def test_the_decisions_question_has_its_letters(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 6 finding 18: "Besluit nemen" had no Alt-letter. The question
    "Beslissen…" asks before a fine is decided (a message box, not in ``every_window``):
    each of its buttons has a letter of its own."""
    from PySide6.QtWidgets import QMessageBox

    from inburg_desktop.ui.handhaving.dialogs import DecideDialog

    AppController(vault_path, AppSettings())
    form = alone(qtbot, vault, "DecideDialog")
    assert isinstance(form, DecideDialog)
    form.submit()
    box = form.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    QApplication.processEvents()  # the keeper looks once per event-loop turn
    assert problems("DecideConfirmation", box) == []
    letters = [letter_of(b.text()) for b in box.buttons()]
    assert None not in letters and len(set(letters)) == len(letters)
    assert letters[0] == "b"  # "&Besluit nemen"
    box.reject()
    qtbot.waitUntil(box.isHidden)
    form.reject()


def _question_letters(qtbot: QtBot, box: object, name: str) -> list[str]:
    """The walker's look at a question box, once the keeper has seen it; its buttons each
    with a letter of their own."""
    from PySide6.QtWidgets import QMessageBox

    assert isinstance(box, QMessageBox), name
    qtbot.waitUntil(box.isVisible)
    QApplication.processEvents()  # the keeper looks once per event-loop turn
    found = problems(name, box)
    letters = [letter_of(b.text()) for b in box.buttons()]
    if None in letters or len(set(letters)) != len(letters):
        found.append(f"{name}: buttons {[b.text() for b in box.buttons()]}")
    return found


def test_every_question_of_the_enforcement_talk_and_agenda_windows_has_its_letters(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 6 #18 / round 7 #17: "Besluit nemen" in the decision's
    confirmation had no Alt-letter. The walker goes through the questions these windows
    ask (message boxes, outside ``every_window``): the decision's confirmation, the
    question before an empty talk is recorded, and the close question of each of their
    forms with something typed."""
    from PySide6.QtWidgets import QDialog, QPlainTextEdit

    from inburg_desktop.ui.agenda.state_dialogs import SnoozeDialog
    from inburg_desktop.ui.handhaving.dialogs import DecideDialog, ViolationDialog
    from inburg_desktop.ui.voortgang.amend_dialog import AmendDialog
    from inburg_desktop.ui.voortgang.window import TalkWindow

    from .every_window import TODAY

    AppController(vault_path, AppSettings())
    found: list[str] = []

    form = alone(qtbot, vault, "DecideDialog")
    assert isinstance(form, DecideDialog)
    form.submit()
    found += _question_letters(qtbot, form.confirm_box, "DecideConfirmation")
    assert form.confirm_box is not None
    form.confirm_box.reject()
    qtbot.waitUntil(lambda: form.confirm_box is None or not form.confirm_box.isVisible())

    talk = alone(qtbot, vault, "TalkWindow")
    assert isinstance(talk, TalkWindow)
    talk.record_held()  # nothing typed: the question before an empty talk
    qtbot.waitUntil(lambda: talk.confirm_box is not None)
    found += _question_letters(qtbot, talk.confirm_box, "EmptyTalkQuestion")
    assert talk.confirm_box is not None
    talk.confirm_box.reject()

    def close_question(dialog: QDialog, typed_in: QWidget, name: str) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert isinstance(typed_in, QPlainTextEdit)
        typed_in.setFocus()
        qtbot.keyClicks(typed_in, "Iets getypt")
        dialog.reject()  # Esc: asks first
        guard = getattr(dialog, "close_guard", None)
        question = getattr(guard, "question", None)
        qtbot.waitUntil(lambda: getattr(guard, "question", None) is not None)
        question = getattr(guard, "question", None)
        found.extend(_question_letters(qtbot, question, name))
        assert question is not None
        question.reject()

    violation = ViolationDialog(TODAY)
    close_question(violation, violation.toelichting, "ViolationCloseQuestion")
    amend = AmendDialog(1, TODAY)
    close_question(amend, amend.reason_edit, "AmendCloseQuestion")
    snooze = SnoozeDialog("Oproep — Demo", TODAY)
    close_question(snooze, snooze.reason, "SnoozeCloseQuestion")
    assert found == [], "\n".join(found)


def test_the_letter_button_and_how_keep_their_letters_once_decided(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 6 #18 (left in round 7): "Beschikking als PDF…" (disabled until a
    decision, then enabled) and "Hoe:" in "Waarschuwing vastleggen" had no Alt-letter."""
    from datetime import date

    from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
    from inburg_desktop.services import handhaving as service
    from inburg_desktop.ui.handhaving import HandhavingWindow
    from inburg_desktop.ui.handhaving.dialogs import WarningDialog

    from .every_window import demo_cases

    AppController(vault_path, AppSettings())
    today = date(2026, 3, 2)
    case_id = demo_cases(vault)[0]
    consulent.save_name(vault, CONSULENT)
    found = service.OvertredingInput(
        Overtreding.PVT_INTENSITEIT, today, "Niet gekomen.", Verwijtbaarheid.OPZET
    )
    service.record_violation(vault, case_id, found, today)
    window = HandhavingWindow(vault, case_id, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None and window.list.count() == 1)
    window.list.setCurrentRow(0)
    QApplication.processEvents()
    assert not window.pdf_button.isEnabled()
    record = window.selected()
    assert record is not None and window.data is not None
    proposal = service.compute_proposal(window.data, record.id, today)
    given = service.BesluitInput(True, proposal.bedrag_cents, "", today, None)
    service.decide(vault, case_id, record.id, given)
    window.reload()
    qtbot.waitUntil(window.pdf_button.isEnabled)
    QApplication.processEvents()
    assert problems("HandhavingWindow decided", window) == []
    assert letter_of(window.pdf_button.text()) is not None
    warning = WarningDialog(today, window)
    qtbot.addWidget(warning)
    warning.show()
    qtbot.waitExposed(warning)
    QApplication.processEvents()
    hoe = next(label for label in warning.findChildren(QLabel) if label.buddy() is warning.wijze)
    assert letter_of(hoe.text()) is not None, hoe.text()
