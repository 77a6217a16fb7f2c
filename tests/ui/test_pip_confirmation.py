"""Issue 13 item 5: setting (and amending) a PIP is a deliberate act.

"PIP vaststellen" opens a confirmation of what will be decided, what the law still
requires (blocks, with the reason) and what is open in the intake (warns: a tick is
needed). Enter, Escape and Ctrl+Return never set a legal decision; only the confirm
button does. The decision records who took it and when (AVG art. 22), shown in the
editor and on the PDF. On the old main the set button set the PIP at once.

With INBURG_SCREENSHOTS=1 it writes docs/screenshots/pip-confirmation.png (a warning and
a blocking requirement) and pip-confirmation-warnings.png (only warnings), at 1366×768.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPainter, QPixmap
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.services import consulent, pip_service
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.pip.confirm_dialog import PipConfirmDialog

from .pdf_text import pdf_text
from .pip_confirm import CONSULENT, open_confirmation, set_through_confirmation

TODAY = date(2026, 11, 2)
HALF_INTAKE = 0  # demo: half covered, one topic parked, no route chosen
LEFT = Qt.MouseButton.LeftButton
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


@pytest.fixture
def open_editor(
    qtbot: QtBot, vault: OpenVault, cases: list[str]
) -> Callable[[int], PipEditorWindow]:
    register_fonts()  # the app's fonts before any window is laid out, as the app does

    def opener(index: int) -> PipEditorWindow:
        window = PipEditorWindow(vault, cases[index], today=TODAY)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: window.context is not None)
        return window

    return opener


def _status(vault: OpenVault, case_id: str) -> str:
    with vault.session() as session:
        pointer = get_case(session, case_id).field("pip.current")
    return "none" if pointer is None else str(pointer["status"])


def _forget_preference(vault: OpenVault, case_id: str) -> None:
    """The newcomer's own route preference was never asked (an open item, not a rule)."""
    with vault.transaction() as session:
        update_fields(session, case_id, {"intake.wensen_route.route_wens": None})


def _shot(qtbot: QtBot, window: PipEditorWindow, dialog: PipConfirmDialog, name: str) -> None:
    """The editor at 1366×768 with the confirmation centred over it, as the consultant
    sees it (offscreen windows are grabbed one by one and composed)."""
    if os.environ.get("INBURG_SCREENSHOTS") != "1":
        return
    qtbot.waitUntil(lambda: len(window.preview.page_labels) >= 2, timeout=15000)
    canvas = QPixmap(window.grab())
    assert (canvas.width(), canvas.height()) == (1366, 768)
    shown = dialog.grab()
    painter = QPainter(canvas)
    painter.setOpacity(0.55)
    painter.fillRect(canvas.rect(), Qt.GlobalColor.black)
    painter.setOpacity(1.0)
    painter.drawPixmap(
        QPoint((canvas.width() - shown.width()) // 2, (canvas.height() - shown.height()) // 2),
        shown,
    )
    painter.end()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert canvas.save(str(SHOTS / name))


def test_an_open_intake_warns_and_a_missing_requirement_blocks(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_editor: Callable[[int], PipEditorWindow]
) -> None:
    """The usability test's case: an intake half done with a parked topic, no route
    chosen, the preference not asked. Nothing is set: not by Enter, not by a click."""
    window = open_editor(HALF_INTAKE)
    dialog = open_confirmation(qtbot, window)
    c = dialog.confirmation
    assert {r.code for r in c.open_items} >= {
        "intake_topic_parked",
        "intake_topic_open",
        "intake_route_not_chosen",
    }
    assert c.required  # the law's rules (pip_rules), e.g. the ontzorgen decision
    texts = [label.text() for label in dialog.findChildren(type(dialog.why_disabled))]
    assert any("Geparkeerd in de intake" in t for t in texts)
    assert any("Participatiewet art. 56a" in t for t in texts)  # the blocking rule, named
    assert not dialog.confirm_button.isEnabled()
    assert "Vaststellen kan niet" in dialog.why_disabled.text()
    assert not dialog.acknowledge.isVisible()  # nothing to acknowledge while blocked
    _shot(qtbot, window, dialog, "pip-confirmation.png")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # the default button is Annuleren
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    assert window.notice.text() == "Het PIP is niet vastgesteld."  # not "niets gewijzigd"
    assert _status(vault, cases[HALF_INTAKE]) == "none"


def test_warnings_need_a_deliberate_confirm_and_enter_never_sets(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_editor: Callable[[int], PipEditorWindow]
) -> None:
    case_id = cases[DRAFT_INDEX]  # a complete draft PIP
    _forget_preference(vault, case_id)
    window = open_editor(DRAFT_INDEX)
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    # Ctrl+Return in the editor opens the confirmation; it does not set
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.confirm_dialog is not None)
    dialog = window.confirm_dialog
    assert dialog is not None and not dialog.confirmation.blocked
    assert "intake_preference_not_asked" in {r.code for r in dialog.confirmation.open_items}
    assert dialog.cancel_button.isDefault() and not dialog.confirm_button.isDefault()
    assert not dialog.confirm_button.autoDefault()
    assert dialog.acknowledge.isVisible() and not dialog.confirm_button.isEnabled()
    rows = dict(_decided(dialog))
    assert rows["Besluit door"] == CONSULENT
    assert rows["Leerroute"].startswith("B1-route")
    assert rows["Inburgeringstermijn"] == "3 november 2026 t/m 2 november 2029"
    _shot(qtbot, window, dialog, "pip-confirmation-warnings.png")
    # even with the tick set, Enter cancels: the confirm button is never the default
    box = dialog.acknowledge
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert dialog.confirm_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    assert _status(vault, case_id) == "draft"
    # a click on the confirm button sets it, recording who and when
    before = datetime.now(UTC).replace(microsecond=0)
    set_through_confirmation(qtbot, window)
    qtbot.waitUntil(lambda: window.status_name() == "set")
    with vault.session() as session:
        stored = get_case(session, case_id)
        version = pip_service.load_history(stored).in_force
        pdf = pip_service.current_document(session, case_id)
    assert version is not None and version.vastgesteld_door is not None
    door = version.vastgesteld_door
    assert door.naam == CONSULENT and door.consulent_id.startswith("kluis-")
    assert before <= door.moment <= datetime.now(UTC)
    assert f"vastgesteld door {CONSULENT} op" in window.status.text()
    from inburg_desktop.pdf.pip_document import render_pip

    assert f"Vastgesteld door {CONSULENT}, namens het college" in pdf_text(render_pip(pdf))


def _decided(dialog: PipConfirmDialog) -> list[tuple[str, str]]:
    from inburg_desktop.ui.pip.confirm_dialog import decided_rows

    return decided_rows(dialog.confirmation)


def test_an_amendment_is_confirmed_too_and_names_what_it_replaces(
    qtbot: QtBot, vault: OpenVault, cases: list[str], open_editor: Callable[[int], PipEditorWindow]
) -> None:
    window = open_editor(SIGNED_INDEX)
    qtbot.mouseClick(window.amend_button, LEFT)
    qtbot.keyClicks(window.reason, "Andere taalaanbieder")
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    dialog = open_confirmation(qtbot, window)
    assert dialog.windowTitle() == "Wijziging van het PIP vaststellen"
    rows = dict(_decided(dialog))
    assert rows["Wijzigt"] == "versie 1" and rows["Reden van de wijziging"] == (
        "Andere taalaanbieder"
    )
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    with vault.session() as session:
        assert get_case(session, cases[SIGNED_INDEX]).field("pip.current")["version"] == 1
