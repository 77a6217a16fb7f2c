"""Enter on an agenda item opens its case at the place the item is about (issue 15 item
1): one row per item kind the vault produces — which window comes up and where the
keyboard is in it. The app as after unlock (``AppController``), real key events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.domain.agenda import TARGETS, AgendaItem, AgendaKind, Groep
from inburg_desktop.domain.text import Reason
from inburg_desktop.i18n import set_language
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.agenda.model import Entry, worded
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.intake.window import TAB_CONVERSATION, TAB_OPROEPEN, IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip.window import PipEditorWindow
from inburg_desktop.ui.progress import ProgressWindow
from inburg_desktop.ui.quarantine_view import QuarantineView

from .agenda_vault import agenda_app, row_of, seeded_vault

K = AgendaKind
Place = Callable[[QWidget, str], QWidget]  # (the window, the case) -> the widget with focus


def _intake(tab: int, focus: Callable[[IntakeWindow], QWidget]) -> Place:
    def place(window: QWidget, case_id: str) -> QWidget:
        assert isinstance(window, IntakeWindow) and window.case_id == case_id
        assert window.tabs.currentIndex() == tab
        return focus(window)

    return place


def _pip(field: Callable[[PipEditorWindow], QWidget]) -> Place:
    """The PIP editor on its Besluit tab, the keyboard in ``field``; on a PIP in force
    (read-only) on "Wijziging voorbereiden": a change starts as an amendment."""

    def place(window: QWidget, case_id: str) -> QWidget:
        assert isinstance(window, PipEditorWindow) and window.case_id == case_id
        assert window.tabs.currentWidget() is window.form
        return field(window) if window.form.body.isEnabled() else window.amend_button

    return place


def _details(window: QWidget, case_id: str) -> QWidget:
    assert isinstance(window, CaseDetailsDialog) and window.case_id == case_id
    return window.basis  # its first field


def _sync_list(window: QWidget, case_id: str) -> QWidget:
    assert isinstance(window, ConflictView | QuarantineView)
    current = window.current()
    assert current is not None and current.case_id == case_id  # the case's own entry
    return window.items


def _art57(window: QWidget, case_id: str) -> QWidget:
    """The Voortgang window on its ontzorgen tab, the keyboard in the art. 57 decision's
    date: going on after the six months needs that decision (and budget training)."""
    assert isinstance(window, ProgressWindow) and window.case_id == case_id
    assert window.tabs.currentIndex() == window.tabs.count() - 1
    return window.art57_datum.edit


def _oproep_date(window: IntakeWindow) -> QWidget:
    return window.oproepen.date.edit


ROWS: list[tuple[str, AgendaKind, type[QWidget], Place]] = [
    # (seeded case, item kind, the window that comes up, where the keyboard is)
    ("pip_deadline", K.PIP_DEADLINE, PipEditorWindow, _pip(lambda w: w.form.route)),
    ("oproep_send", K.OPROEP_SEND, IntakeWindow, _intake(TAB_OPROEPEN, _oproep_date)),
    ("oproep_outcome", K.OPROEP_OUTCOME, IntakeWindow, _intake(TAB_OPROEPEN, _oproep_date)),
    ("oproep_warning", K.OPROEP_WARNING, IntakeWindow, _intake(TAB_OPROEPEN, _oproep_date)),
    ("oproep_new", K.OPROEP_NEW, IntakeWindow, _intake(TAB_OPROEPEN, _oproep_date)),
    (
        "intake_without_person",
        K.INTAKE_WITHOUT_PERSON,
        IntakeWindow,
        _intake(TAB_CONVERSATION, lambda w: w.map),
    ),
    ("ontzorgen_end", K.ONTZORGEN_END, ProgressWindow, _art57),
    ("route_switch_window", K.ROUTE_SWITCH_WINDOW, PipEditorWindow, _pip(lambda w: w.form.route)),
    ("termijn_end", K.TERMIJN_END, CaseDetailsDialog, _details),
    ("sync", K.SYNC_CONFLICTS, ConflictView, _sync_list),
    ("sync", K.SYNC_SET_ASIDE, QuarantineView, _sync_list),
]


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def _opened(kind: type[QWidget], case_id: str) -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        shown = isinstance(widget, kind) and widget.isVisible()
        if shown and getattr(widget, "case_id", case_id) == case_id:
            return widget
    return None


@pytest.mark.parametrize(
    ("case", "kind", "window_type", "place"), ROWS, ids=[r[1].value for r in ROWS]
)
def test_enter_opens_the_case_at_the_right_place(
    qtbot: QtBot,
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    kind: AgendaKind,
    window_type: type[QWidget],
    place: Place,
) -> None:
    ids = seeded_vault(vault)
    _controller, main = agenda_app(qtbot, vault, monkeypatch)
    agenda = main.agenda
    case_id = ids[case]
    agenda.list.setFocus()
    qtbot.waitUntil(agenda.list.hasFocus)
    agenda.list.select_row(row_of(main, case_id, kind))
    qtbot.keyClick(agenda.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _opened(window_type, case_id) is not None, timeout=20_000)
    window = _opened(window_type, case_id)
    assert window is not None

    def settled() -> bool:
        try:
            return QApplication.focusWidget() is place(window, case_id)
        except AssertionError:
            return False

    qtbot.waitUntil(settled, timeout=20_000)
    place(window, case_id)  # says what is wrong when it is not


def test_enter_on_a_heading_opens_nothing(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded_vault(vault)
    _controller, main = agenda_app(qtbot, vault, monkeypatch)
    before = set(QApplication.topLevelWidgets())
    main.agenda.list.setCurrentIndex(main.agenda.model.index(0, 0))  # "Te laat"
    assert main.agenda.current_entry() is None and not main.agenda.open_action.isEnabled()
    qtbot.keyClick(main.agenda.list, Qt.Key.Key_Return)
    assert [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()] == []
    assert isinstance(main, MainWindow)


@pytest.mark.parametrize("kind", [K.ROUTE_SWITCH_WINDOW])
def test_on_a_signed_pip_the_keyboard_is_on_the_amendment(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch, kind: AgendaKind
) -> None:
    """A PIP in force is read-only in the editor: the item puts the keyboard on
    "Wijziging voorbereiden", where a change of route or ontzorgen starts (the demo's
    signed PIP; the item shown as the agenda would show it)."""
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12)[SIGNED_INDEX]
    _controller, main = agenda_app(qtbot, vault, monkeypatch)
    item = AgendaItem(case_id, kind, date.today(), Groep.TODAY, Reason("x", "x", {}), TARGETS[kind])
    main.agenda.model.set_entries([worded(Entry(item, "Demo"))])
    main.agenda.list.select_row(0)
    main.agenda.list.setFocus()
    qtbot.waitUntil(main.agenda.list.hasFocus)
    qtbot.keyClick(main.agenda.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _opened(PipEditorWindow, case_id) is not None, timeout=20_000)
    editor = _opened(PipEditorWindow, case_id)
    assert isinstance(editor, PipEditorWindow)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.amend_button, timeout=20_000)
    assert not editor.form.body.isEnabled()
    field = editor.form.route
    assert (
        editor.form.viewport()
        .rect()
        .intersects(QRect(field.mapTo(editor.form.viewport(), QPoint(0, 0)), field.size()))
    )  # scrolled to the field the item is about


def test_a_talk_due_opens_the_talk_window(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A voortgangsgesprek item (target ``voortgang``) opens the case's talk window."""
    from inburg_desktop.ui.voortgang import TalkWindow

    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12)[SIGNED_INDEX]
    _controller, main = agenda_app(qtbot, vault, monkeypatch)
    kind = K.VOORTGANGSGESPREK
    item = AgendaItem(case_id, kind, date.today(), Groep.TODAY, Reason("x", "x", {}), TARGETS[kind])
    main.agenda.model.set_entries([worded(Entry(item, "Demo"))])
    main.agenda.list.select_row(0)
    main.agenda.list.setFocus()
    qtbot.waitUntil(main.agenda.list.hasFocus)
    qtbot.keyClick(main.agenda.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _opened(TalkWindow, case_id) is not None, timeout=20_000)
    window = _opened(TalkWindow, case_id)
    assert isinstance(window, TalkWindow)
    qtbot.waitUntil(lambda: window.tasks.pending == 0, timeout=20_000)
