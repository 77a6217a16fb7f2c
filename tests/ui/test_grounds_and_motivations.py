"""Grounds one can tell apart and motivations with room (usability round 3, finding 9).

The three Z-route grounds were one sentence each with only "lid 6/8/9" at the end, and
the closed combo cut that end off; the motivering was one line. Each ground now starts
with the few words that tell it from the others and ends with its article; a field that
takes a motivation, a reason or a note, in any window, is a multi-line field that wraps
and that Tab leaves.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.domain.pip_rules import ROUTE_SWITCH_GROUNDS, Z_HOURS_GROUNDS
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.exceptions_box import ground_labels

from .every_window import every_window

CITATION = re.compile(r" \((Besluit|Wet) art\. [0-9.]+ lid \d+[^()]*\)$")
# what a field is for, in its accessible name, placeholder or object name
MOTIVATION = re.compile(r"motiver|reden|toelichting|notitie|opmerking|waarom", re.I)
FEW_WORDS = 8
COMBO_SHOWS = 16  # characters the narrowest closed ground combo shows (exceptions_box)


def _words(label: str) -> str:
    return CITATION.sub("", label)


def test_each_ground_says_first_what_sets_it_apart() -> None:
    labels = ground_labels()
    for grounds in (Z_HOURS_GROUNDS, ROUTE_SWITCH_GROUNDS):
        texts = [labels[g] for g in grounds]
        for text in texts:
            assert CITATION.search(text), f"{text!r}: the article last"
            assert len(_words(text).split()) <= FEW_WORDS, f"{text!r}: a few words"
        words = [_words(t).lower() for t in texts]
        assert len(set(words)) == len(words), words
        # what a too narrow closed combo shows already tells them apart
        assert len({w[:COMBO_SHOWS] for w in words}) == len(words), words


def _field_meaning(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    name = "" if interface is None else interface.text(QAccessible.Text.Name)
    placeholder = widget.placeholderText() if isinstance(widget, QLineEdit) else ""
    return " ".join((name, placeholder, widget.objectName()))


def _problems(window: QWidget, where: str) -> list[str]:
    out = []
    for widget in window.findChildren(QWidget):
        meaning = _field_meaning(widget)
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            if MOTIVATION.search(meaning):
                out.append(f"{where}: one line for {meaning.strip()!r}")
        elif isinstance(widget, QPlainTextEdit) and not widget.isReadOnly():
            if not widget.tabChangesFocus():
                out.append(f"{where}: Tab types a tab in {meaning.strip()!r}")
            if widget.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap:
                out.append(f"{where}: {meaning.strip()!r} does not wrap")
    return out


def test_every_motivation_reason_or_note_is_a_multi_line_field(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        problems += _problems(shown.window, shown.name)
    # the PIP editor's deviation panel exists once a rule is deviated from
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, date(2026, 11, 2))
    pip = PipEditorWindow(vault, cases[DRAFT_INDEX], today=date(2026, 11, 2))
    qtbot.addWidget(pip)
    pip.show()
    qtbot.waitUntil(lambda: pip.context is not None, timeout=15_000)
    pip.form.route.setCurrentIndex(pip.form.route.findData("z"))
    pip.form.intensity_on.setChecked(True)
    pip.form.total.setValue(600)
    qtbot.waitUntil(lambda: bool(pip.side.exceptions.rows), timeout=5_000)
    QApplication.processEvents()
    problems += _problems(pip, "PipEditorWindow (Z-route)")
    assert problems == [], "\n".join(problems)
    row = pip.side.exceptions.rows[0]
    qtbot.keyClicks(row.motivering, "Heeft 300 uur in de B1-route gevolgd.")
    qtbot.keyClick(row.motivering, "\t")  # Tab moves on, types nothing
    assert row.motivering.toPlainText() == "Heeft 300 uur in de B1-route gevolgd."
