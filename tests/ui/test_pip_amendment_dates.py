"""Usability round 6, finding 15: after an amendment the PIP editor names one dagtekening
per version, and the confirmation says what the amendment changes.

The round saw, after setting versie 2 on 30 nov 2026 of a PIP first set on 1 okt 2026:
header "dagtekening 1 okt 2026 · vastgesteld … op 30-11-2026 13:19", status bar
"dagtekening 30 nov 2026", preview "Datum besluit 30 november 2026", Termijnen
"Dagtekening PIP 1 okt 2026"; and "Wijziging van het PIP vaststellen" listed the whole
new plan, not what changed. The law: the termijn counts from the first PIP's dagtekening
and does not move when the PIP is amended (Wet art. 11, /work/shared/DOMAIN.md); the
decision in force is the newest version, with a dagtekening of its own.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.formatting import format_date
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.own_widgets import own_children
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.changes import EMPTY

from .pdf_text import pdf_text
from .pip_confirm import CONSULENT, open_confirmation

TODAY = date(2026, 11, 30)
FIRST = date(2026, 10, 1)  # the demo's signed PIP is set 60 days before "today"
LEFT = Qt.MouseButton.LeftButton
DAY = re.compile(r"\d{1,2} [a-z]{3,4}\.? \d{4}|\d{2}-\d{2}-\d{4}")


def _shown_text(label: QLabel) -> str:
    """A label's text as read on screen: a table's cells of one row on one line."""
    text = label.text()
    text = re.sub(r"</td>\s*<td[^>]*>", " ", text)
    text = re.sub(r"</tr>|<br\s*/?>|</p>|</li>", "\n", text)
    return unescape(re.sub(r"<[^>]+>", "", text))


def dagtekening_problems(window: PipEditorWindow, amendment: date, first: date) -> list[str]:
    """Every line or "·" part shown in the editor that names a dagtekening: each date in
    it must be the amendment's, unless the part labels the first PIP's as such; and one
    part writes its days one way (not "30 nov 2026" beside "30-11-2026")."""
    amended, first_day = format_date(amendment), format_date(first)
    problems: list[str] = []
    for label in own_children(window, QLabel):
        if not label.isVisible():
            continue
        for line in _shown_text(label).splitlines():
            parts = line.split(" · ")
            if not any("dagtekening" in part.lower() for part in parts):
                continue
            for part in parts:
                days = DAY.findall(part)
                allowed = {amended, first_day} if "eerste PIP" in part else {amended}
                if "dagtekening" in part.lower() and not set(days) <= allowed:
                    problems.append(f"{part!r}: {days} (versie 2 is {amended})")
            if any(re.fullmatch(r"\d{2}-\d{2}-\d{4}", d) for d in DAY.findall(line)):
                problems.append(f"{line!r}: two ways of writing a day")
    return problems


def test_after_an_amendment_every_dagtekening_is_the_versions_own_or_labelled(
    qtbot: QtBot, vault: OpenVault
) -> None:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        cases = add_demo_cases(session, 8, TODAY)
    window = PipEditorWindow(vault, cases[SIGNED_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    assert window.history.pip_date == FIRST
    before = window.history.in_force
    assert before is not None and before.beschikking.leerroute_intensiteit is not None
    old_provider = before.beschikking.leerroute_intensiteit.aanbieder.strip() or EMPTY
    # Wijziging voorbereiden: a reason and another language provider
    qtbot.mouseClick(window.amend_button, LEFT)
    qtbot.keyClicks(window.reason, "Andere taalaanbieder na het voortgangsgesprek")
    window.form.route_provider.clear()
    qtbot.keyClicks(window.form.route_provider, "ROC Mondriaan")
    # the confirmation lists the changed field with its old and new value
    dialog = open_confirmation(qtbot, window)
    shown = [_shown_text(label) for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert f"{old_provider} → ROC Mondriaan" in shown
    assert ("Taalaanbieder", old_provider, "ROC Mondriaan") in dialog.change_rows
    assert "Leerroute" not in [row[0] for row in dialog.change_rows]  # unchanged: not listed
    if dialog.acknowledge.isVisible():
        box = dialog.acknowledge
        qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    with qtbot.waitSignal(window.saved, timeout=10_000):
        qtbot.mouseClick(dialog.confirm_button, LEFT)
    qtbot.waitUntil(
        lambda: window.history.in_force is not None and window.history.in_force.nummer == 2
    )
    QApplication.processEvents()
    assert window.history.pip_date == FIRST  # the termijn's anchor did not move
    assert dagtekening_problems(window, TODAY, FIRST) == []
    header = window.status.text()
    assert "versie 2, dagtekening 30 nov 2026 (eerste PIP: 1 okt 2026)" in header
    assert "eerste PIP: 1 okt 2026" in window.notice.text()
    deadlines = _shown_text(window.side.deadlines)
    assert "Dagtekening eerste PIP 1 okt 2026" in deadlines
    assert "Dagtekening wijziging (versie 2) 30 nov 2026" in deadlines
    # the preview is the decision of versie 2: its date is that version's
    qtbot.waitUntil(
        lambda: (
            window.preview.last_file is not None
            and "(versie 2)" in pdf_text(window.preview.last_file.content)
        ),
        timeout=30_000,
    )
    assert window.preview.last_file is not None
    assert "Datum besluit 30 november 2026" in pdf_text(window.preview.last_file.content)
