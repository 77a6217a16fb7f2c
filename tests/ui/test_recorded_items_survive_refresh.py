"""Recorded case data never vanishes when a window refreshes (issue 13: an oproep recorded
with "Oproep vastleggen" on a demo case vanished again with "Dit dossier is bijgewerkt").

The cause was a refresh read of the case that began before the window's own write (the
one that opening the window starts, or one a sync or another window announces) and came
back after it: shown, it replaced what the window held with the case from before the
write. Each test makes that order certain: the refresh is announced the way a sync or
another window announces it (``case_events().case_changed``), its read runs to its end on
the worker while the GUI thread takes no events, then the item is recorded with the
window's own button, and only then is the refresh's result let through. The item must
still show, and the vault must hold it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt, QThreadPool
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX, SIGNED_INDEX
from inburg_desktop.domain.case import Leerroute
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent, pip_editing, progress, voortgang
from inburg_desktop.services.intake_oproepen import stored_oproepen
from inburg_desktop.services.intake_sessions import session_records
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_events import case_events
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.intake import IntakeWindow
from inburg_desktop.ui.intake.window import TAB_OPROEPEN
from inburg_desktop.ui.pip import PipEditorWindow
from inburg_desktop.ui.progress import ProgressWindow
from inburg_desktop.ui.tasks import TaskGroup
from inburg_desktop.ui.voortgang import TalkWindow

from ..pip_seed import seed_pip

T = TypeVar("T")
TODAY = date(2026, 11, 2)
PIP_DAY = date(2026, 11, 2)  # the PIP's termijn from 2026-11-03
PROGRESS_DAY = date(2027, 5, 3)


def _case(vault: OpenVault, index: int = 1) -> str:
    with vault.transaction() as session:
        return add_demo_cases(session, 5, TODAY)[index]


def _stale_refresh_then(case_id: str, record: object) -> None:
    """Announce a change of the case, let its read finish before ``record`` runs, and
    deliver the read's result only after it (the order that lost the oproep)."""
    case_events().case_changed.emit(case_id)
    QThreadPool.globalInstance().waitForDone()  # the read is done; its result waits
    assert callable(record)
    record()


def _settle(qtbot: QtBot, tasks: TaskGroup) -> None:
    """Every read and write the window started is in (a read again included)."""
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=10_000)


def _intake(qtbot: QtBot, vault: OpenVault, case_id: str) -> IntakeWindow:
    window = IntakeWindow(vault, case_id, today=TODAY)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    _settle(qtbot, window.tasks)  # the refresh that opening starts is in, before each test's own
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    return window


def _vault_fields(vault: OpenVault, case_id: str) -> dict[str, object]:
    with vault.session() as session:
        return dict(get_case(session, case_id).fields)


def test_an_oproep_recorded_stays_through_a_refresh(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = _case(vault)
    window = _intake(qtbot, vault, case_id)
    before = window.oproepen.list.count()
    _stale_refresh_then(case_id, window.oproepen.add.click)
    assert window.oproepen.list.count() == before + 1
    _settle(qtbot, window.tasks)
    assert window.oproepen.list.count() == before + 1  # still shown
    assert len(stored_oproepen(_vault_fields(vault, case_id))) == before + 1  # still kept
    assert "bijgewerkt" not in window.notice.text()  # nothing came from elsewhere
    with closing_for_lock():
        window.close()


def test_an_oproep_recorded_at_once_stays(qtbot: QtBot, vault: OpenVault) -> None:
    """As the teammate did it: recorded at once, while the read that opening the window
    starts is still on its way."""
    case_id = _case(vault)
    window = IntakeWindow(vault, case_id, today=TODAY)
    window.show()
    qtbot.waitUntil(lambda: window.stored is not None, timeout=15_000)
    window.tabs.setCurrentIndex(TAB_OPROEPEN)
    before = window.oproepen.list.count()
    QThreadPool.globalInstance().waitForDone()
    window.oproepen.add.click()
    _settle(qtbot, window.tasks)
    assert window.oproepen.list.count() == before + 1
    assert len(stored_oproepen(_vault_fields(vault, case_id))) == before + 1
    with closing_for_lock():
        window.close()


def test_a_session_record_stays_through_a_refresh(qtbot: QtBot, vault: OpenVault) -> None:
    case_id = _case(vault)
    window = _intake(qtbot, vault, case_id)
    before = window.oproepen.sessions.count()
    window.open_session_dialog()
    dialog = window.session_dialog

    def record() -> None:
        dialog.accept()

    _stale_refresh_then(case_id, record)
    _settle(qtbot, window.tasks)
    assert window.oproepen.sessions.count() == before + 1
    assert len(session_records(_vault_fields(vault, case_id))) == before + 1
    with closing_for_lock():
        window.close()


class HeldRead:
    """The next call of the read use case ``read`` reads the vault at once (the real use
    case) and hands its result back only when let go: a read begun before a write,
    arriving after it. Installed with ``monkeypatch.setattr(module, name, held)``."""

    def __init__(self, read: Callable[..., T]) -> None:
        self.armed = False
        self.read = threading.Event()
        self.go = threading.Event()
        self._read = read

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        result = self._read(*args, **kwargs)
        if self.armed:
            self.armed = False
            self.read.set()
            self.go.wait(10)
        return result

    def refresh(self, case_id: str) -> None:
        """Announce a change of the case; return once its read has read the vault."""
        self.armed = True
        case_events().case_changed.emit(case_id)
        assert self.read.wait(10)


def _progress_case(vault: OpenVault) -> str:
    with vault.transaction() as session:
        case = add_demo_cases(session, 3, PIP_DAY)[2]
        update_fields(session, case, {"dates.bijstand_start": "2026-10-01"})
    seed_pip(vault, case, PIP_DAY, leerroute=Leerroute.B1)
    return case


def test_an_hours_line_recorded_stays_through_a_refresh(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_language("nl")
    case_id = _progress_case(vault)
    window = ProgressWindow(vault, case_id, today=PROGRESS_DAY)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=15_000)
    _settle(qtbot, window.tasks)
    held = HeldRead(progress.load)
    monkeypatch.setattr(progress, "load", held)
    held.refresh(case_id)  # the refresh has read the case as it was
    window.uren_aanbieder.setText("Taalhuis Leiden")
    window.uren_van.set_value(date(2026, 11, 3))
    window.uren_tot.set_value(date(2027, 5, 3))
    window.uren_uren.setText("300")
    qtbot.keyClick(window.uren_uren.edit, Qt.Key.Key_Return)  # Enter records the form
    qtbot.waitUntil(lambda: window.message.text() == "Vastgelegd.", timeout=10_000)
    assert window.uren_list.count() == 1
    held.go.set()  # the refresh's old read arrives after the line was recorded
    _settle(qtbot, window.tasks)
    assert window.uren_list.count() == 1  # still shown
    assert "Taalhuis Leiden" in window.uren_list.item(0).text()
    assert len(progress.load(vault, case_id, PROGRESS_DAY).records.uren) == 1  # still kept
    with closing_for_lock():
        window.close()


def _talk_window(qtbot: QtBot, vault: OpenVault) -> tuple[TalkWindow, str]:
    set_language("nl")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]
    window = TalkWindow(vault, case_id, today=TODAY)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
    _settle(qtbot, window.tasks)
    return window, case_id


def test_a_talk_held_stays_held_through_a_refresh(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, case_id = _talk_window(qtbot, vault)
    held = HeldRead(voortgang.open_talks)
    monkeypatch.setattr(voortgang, "open_talks", held)
    window.notes.setPlainText("Volgt de lessen.")
    held.refresh(case_id)
    with qtbot.waitSignal(window.held, timeout=10_000):
        window.hold_button.click()  # "Gesprek als gehouden vastleggen"
    qtbot.waitUntil(lambda: "gehouden op" in window.talk_box.currentText(), timeout=10_000)
    held.go.set()  # the refresh's old read arrives after the talk was recorded
    _settle(qtbot, window.tasks)
    assert "gehouden op" in window.talk_box.currentText()  # still shown as held
    assert window.notes.toPlainText() == "Volgt de lessen."
    talk = voortgang.list_talks(vault, case_id, TODAY).talk(1)
    assert talk is not None and talk.gehouden == TODAY  # still kept
    assert talk.notities == "Volgt de lessen."
    with closing_for_lock():
        window.close()


def test_talk_notes_saved_stay_through_a_refresh(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, case_id = _talk_window(qtbot, vault)
    held = HeldRead(voortgang.open_talks)
    monkeypatch.setattr(voortgang, "open_talks", held)
    held.refresh(case_id)
    window.notes.setPlainText("Volgt de lessen.")
    window.autosave.flush()  # saved (as the timer or a switch of talk saves it)
    held.go.set()
    _settle(qtbot, window.tasks)
    assert window.notes.toPlainText() == "Volgt de lessen."  # still shown
    talk = voortgang.list_talks(vault, case_id, TODAY).talk(1)
    assert talk is not None and talk.notities == "Volgt de lessen."  # still kept
    with closing_for_lock():
        window.close()


def test_a_pip_draft_saved_stays_through_a_refresh(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_language("nl")
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
    window = PipEditorWindow(vault, case_id, today=TODAY)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    _settle(qtbot, window.tasks)
    held = HeldRead(pip_editing.open_editor)
    monkeypatch.setattr(pip_editing, "open_editor", held)
    held.refresh(case_id)
    window.form.toelichting.setPlainText("Zo besproken met de inburgeraar.")
    with qtbot.waitSignal(window.saved, timeout=10_000):
        window.save_button.click()  # "Concept opslaan"
    # the save's own reload is in: only the held read is still out
    qtbot.waitUntil(lambda: window.tasks.pending == 1, timeout=10_000)
    held.go.set()  # the refresh's old read arrives after the save and its own reload
    _settle(qtbot, window.tasks)
    assert window.form.toelichting.toPlainText() == "Zo besproken met de inburgeraar."
    draft = pip_editing.open_editor(vault, case_id, TODAY).context.history.draft
    assert draft is not None and draft.beschikking.toelichting == (
        "Zo besproken met de inburgeraar."
    )  # still kept
    with closing_for_lock():
        window.close()
