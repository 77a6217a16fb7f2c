"""A date typed but not finished cannot be saved, so closing never offers "Opslaan" for it
(usability round 7, finding 16: intake → Oproepen en verslagen → "abc" in Termijn →
Ctrl+W asked "Opslaan?" as default, which only went back; its text had "15062021.. Als
u"; the header said "✓ Alles opgeslagen" meanwhile).

Every window with the close guard and a date field (``every_window``): "abc" in its
first date field, a close asks about that date with "Terug naar de datum" as the default
(and Esc) and "Sluiten zonder deze datum", no Opslaan, no doubled punctuation; "Terug"
puts the cursor in the date. The intake's Oproepen date: the header says it is not
saved, and "Sluiten zonder deze datum" closes the window."""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.problem import Problem
from inburg_desktop.messages import MESSAGES, problem_text, sentences
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.close_guard import CloseGuard
from inburg_desktop.ui.date_input import DateInput
from inburg_desktop.ui.intake.window import TAB_OPROEPEN, IntakeWindow
from inburg_desktop.ui.own_widgets import own_children

from .every_window import TODAY, every_window

# A sentence's end doubled, or followed by a comma/colon/semicolon, or a colon before a
# full stop: two sentences glued without care ("15062021.. Als u", "Vastgesteld op:.").
# A quoted lone "." (the characters a server name holds: "- en .;") is no sentence end.
DOUBLED = re.compile(r"\w[.!?]\s*[.,;:]|[,;:]\s*\.")


def _question(window: QWidget) -> QMessageBox | None:
    boxes = [
        b
        for b in window.findChildren(QMessageBox)
        if shiboken6.isValid(b) and b.isVisible() and b.objectName() == "unfinishedDateQuestion"
    ]
    return boxes[0] if boxes else None


def _button_texts(box: QMessageBox) -> list[str]:
    return [b.text().replace("&", "") for b in box.buttons()]


def _ask_closing(window: QWidget) -> QMessageBox | None:
    """Close as Ctrl+W does; the question, or None (also when the window closed)."""
    window.close()
    QApplication.processEvents()
    if not shiboken6.isValid(window) or not window.isVisible():
        return None
    return _question(window)


def test_every_window_asks_about_an_unfinished_date_without_opslaan(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    problems: list[str] = []
    asked = 0
    for shown in every_window(qtbot, vault, vault_path):
        window = shown.window
        if window.findChild(CloseGuard) is None:
            continue
        dates = [d for d in own_children(window, DateInput) if d.isVisible() and d.isEnabled()]
        if not dates:
            continue
        field = dates[0]
        before = field.text()
        field.edit.setFocus()
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, "abc")
        box = _ask_closing(window)
        if box is None:
            problems.append(f"{shown.name}: no question about the unfinished date")
            if shiboken6.isValid(field):
                field.set_text(before)
            continue
        asked += 1
        texts = _button_texts(box)
        default = box.defaultButton()
        if any("Opslaan" in t or "Save" in t for t in texts):
            problems.append(f"{shown.name}: offers {texts}")
        if default is None or default.text().replace("&", "") != "Terug naar de datum":
            problems.append(f"{shown.name}: default {default and default.text()!r}")
        if box.escapeButton() is not default:
            problems.append(f"{shown.name}: Esc does not go back to the date")
        if "Sluiten zonder deze datum" not in texts:
            problems.append(f"{shown.name}: no 'Sluiten zonder deze datum' in {texts}")
        text = box.text() + " " + box.informativeText()
        if DOUBLED.search(text):
            problems.append(f"{shown.name}: doubled punctuation in {text!r}")
        assert isinstance(default, QPushButton)
        default.click()
        QApplication.processEvents()
        if not window.isVisible():
            problems.append(f"{shown.name}: 'Terug naar de datum' closed the window")
        elif window.focusWidget() is not field.edit:
            problems.append(f"{shown.name}: the cursor is not back in the date")
        field.set_text(before)
    assert asked >= 5  # the intake, PIP editor, Dossiergegevens, Nieuw dossier, agenda, ...
    assert problems == [], "\n".join(problems)


def test_the_intake_oproep_date_is_said_unsaved_and_can_be_closed_without(
    qtbot: QtBot, vault: OpenVault
) -> None:
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1, TODAY)
    window = IntakeWindow(vault, case_id, today=TODAY)  # deletes itself on close
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    term = window.oproepen.term
    assert window.save_state.text().startswith("✓")
    term.edit.setFocus()
    term.edit.selectAll()
    qtbot.keyClicks(term.edit, "abc")
    assert window.save_state.text() == "⚠ Niet opgeslagen: 1 waarde"
    assert "Termijn" in window.save_state.toolTip()
    box = _ask_closing(window)
    assert box is not None
    assert "Termijn" in box.text()
    assert ".." not in box.text() + box.informativeText()
    close = next(b for b in box.buttons() if b.objectName() == "closeWithoutDate")
    with qtbot.waitSignal(window.destroyed, timeout=10_000):
        close.click()
        window.deleteLater()  # closed windows of the app delete themselves; be sure


def test_no_message_glues_two_sentences_with_doubled_punctuation() -> None:
    """Every problem message with its first rule reason appended, and the sentence
    joiner the questions use, end each sentence once."""
    for code, msgid in MESSAGES.items():
        names = re.findall(r"\{(\w+)\}", msgid)
        text = problem_text(Problem(code, **{name: "waarde" for name in names}))
        assert not DOUBLED.search(text), (code, text)
    assert sentences("Geen volledige datum: … of 15062021.", "Als u sluit") == (
        "Geen volledige datum: … of 15062021. Als u sluit."
    )
    assert sentences("Klopt dit?", "", "Ja!") == "Klopt dit? Ja!"
