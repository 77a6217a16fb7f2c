"""No enabled button that does nothing (usability round 6 finding 24: for a case without
a PIP the talk window offered an enabled "Voorstellen overnemen" that did nothing, under
"Het PIP in werking heeft geen afspraken" while the bar said there was no set PIP).

The talk window and the enforcement window are opened in the states where buttons may be
idle (talk: no PIP, a PIP without agreements, a talk held with every agreement rated;
enforcement: no violation, one undecided, one decided), and every enabled button is
clicked in a fresh window: something must change (a text, a choice, a window opened, a
file asked for)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as QtTimeout
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.domain.voortgang import Stand
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent, handhaving, voortgang
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import dialogs
from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.voortgang import TalkWindow

TODAY = date(2026, 11, 30)
NO_PIP_INDEX = 0  # the first demo case has no PIP yet


@pytest.fixture(autouse=True)
def _dutch() -> None:
    set_language("nl")


def _fingerprint(window: QWidget, asked: list[str]) -> tuple[Any, ...]:
    parts: list[Any] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel):
            parts.append(widget.text())
        elif isinstance(widget, QComboBox):
            parts.append(widget.currentIndex())
        elif isinstance(widget, QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
    shown = sorted(id(w) for w in QApplication.topLevelWidgets() if w.isVisible())
    return (*parts, tuple(shown), len(asked))


def _changed(window: QWidget, asked: list[str], before: tuple[Any, ...]) -> bool:
    return _fingerprint(window, asked) != before


def _close_others(keep: set[int]) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and id(widget) not in keep:
            with closing_for_lock():
                widget.close()


def idle_buttons(
    qtbot: QtBot, name: str, open_window: Callable[[], QWidget], asked: list[str]
) -> list[str]:
    """Every enabled button of the window ``open_window`` gives, clicked in a fresh one:
    the names of those after whose click nothing changed."""
    first = open_window()
    texts = [
        b.text()
        for b in first.findChildren(QPushButton)
        if b.window() is first and b.isVisible() and b.isEnabled()
    ]
    with closing_for_lock():
        first.close()
    idle: list[str] = []
    for text in texts:
        window = open_window()
        keep = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        button = next(b for b in window.findChildren(QPushButton) if b.text() == text)
        before = _fingerprint(window, asked)
        button.click()
        changed = partial(_changed, window, asked, before)
        try:
            qtbot.waitUntil(changed, timeout=3000)
        except QtTimeout:
            idle.append(f"{name}: {text!r}")
        _close_others(keep)
        with closing_for_lock():
            window.close()
    return idle


def _cases(vault: OpenVault) -> list[str]:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        return add_demo_cases(session, 12, TODAY)


def _talk(qtbot: QtBot, vault: OpenVault, case_id: str) -> Callable[[], QWidget]:
    def opened() -> QWidget:
        window = TalkWindow(vault, case_id, today=TODAY)  # deletes itself on close
        with qtbot.waitSignal(window.loaded, timeout=15_000):
            window.show()
        return window

    return opened


def _without_agreements(vault: OpenVault, case_id: str) -> None:
    with vault.transaction() as session:
        fields = get_case(session, case_id).fields
        number = fields["pip.current"]["version"]
        version = dict(fields[f"pip.version.{number}"])
        version["ontwikkelplan"] = {**version["ontwikkelplan"], "afspraken": []}
        update_fields(session, case_id, {f"pip.version.{number}": version})


def _talk_states(qtbot: QtBot, vault: OpenVault) -> Iterator[tuple[str, Callable[[], QWidget]]]:
    ids = _cases(vault)
    yield "talk, no PIP", _talk(qtbot, vault, ids[NO_PIP_INDEX])
    signed = ids[SIGNED_INDEX]
    opened = _talk(qtbot, vault, signed)
    window = opened()
    assert isinstance(window, TalkWindow) and window.panel.stands
    # every agreement rated, then the talk held: nothing left to take over
    for box in window.panel.stands:
        box.setCurrentIndex(box.findData(Stand.OP_SCHEMA.value))
    window.autosave.flush()
    qtbot.waitUntil(lambda: not window.autosave.busy and not window.autosave.pending_keys())
    with closing_for_lock():
        window.close()
    voortgang.record_held(vault, signed, 1, TODAY, TODAY)
    yield "talk, held and rated", opened
    _without_agreements(vault, signed)
    yield "talk, PIP without agreements", opened


def test_no_enabled_button_in_the_talk_window_does_nothing(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    idle: list[str] = []
    for name, opened in _talk_states(qtbot, vault):
        idle += idle_buttons(qtbot, name, opened, asked)
    assert idle == []


def test_no_enabled_button_in_the_enforcement_window_does_nothing(
    qtbot: QtBot, vault: OpenVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(_parent: object, title: str, *_args: object) -> None:
        asked.append(title)  # asked where to save: the button did its part

    monkeypatch.setattr(dialogs, "choose_save_file", choose)
    case_id = _cases(vault)[0]

    def opened() -> QWidget:
        window = HandhavingWindow(vault, case_id, today=TODAY)  # deletes itself on close
        window.show()
        qtbot.waitUntil(lambda: window.data is not None)
        return window

    idle = idle_buttons(qtbot, "enforcement, no violation", opened, asked)
    found = handhaving.OvertredingInput(
        Overtreding.PVT_INTENSITEIT, TODAY, "Niet gekomen.", Verwijtbaarheid.OPZET
    )
    handhaving.record_violation(vault, case_id, found, TODAY)
    idle += idle_buttons(qtbot, "enforcement, undecided", opened, asked)
    (record,) = handhaving.load(vault, case_id).records
    decided = handhaving.BesluitInput(
        opleggen=True, bedrag_cents=50_00, reden="", dagtekening=TODAY
    )
    handhaving.decide(vault, case_id, record.id, decided)
    idle += idle_buttons(qtbot, "enforcement, decided", opened, asked)
    assert idle == []
    assert asked  # the letter button was among those clicked


def test_without_a_pip_the_talk_window_says_so_once_and_offers_no_proposals(
    qtbot: QtBot, vault: OpenVault
) -> None:
    ids = _cases(vault)
    window = _talk(qtbot, vault, ids[NO_PIP_INDEX])()
    assert isinstance(window, TalkWindow)
    said = window.findChild(QLabel, "noAgreements")
    assert said is not None
    assert said.text() == "Er is nog geen vastgesteld PIP; er zijn geen afspraken om te bespreken."
    assert "Er is nog geen vastgesteld PIP" in window.notice.text()
    assert not window.take_button.isEnabled()
    assert not window.hold_button.isEnabled() and not window.amend_button.isEnabled()
    with closing_for_lock():
        window.close()
