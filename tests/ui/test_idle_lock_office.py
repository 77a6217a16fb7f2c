"""The office's idle-lock maximum locks a real main window: the stricter of the office's
and the consultant's minutes, applied at unlock and at once after a sync.

The idle timer is driven through the controller's injectable clock: no sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.idle_lock import OFFICE_SETTING
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import AppController
from inburg_desktop.ui.app_settings import AppSettings


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


def _office_says(vault: OpenVault, value: Any) -> None:
    """What a sync stores when the office published ``setting.idle_lock_minutes``."""
    with vault.transaction() as session:
        set_setting(session, laptop_key(OFFICE_SETTING), value)


def _idle_for(controller: AppController, clock: Clock, minutes: float) -> None:
    clock.now += minutes * 60
    controller.idle.check()  # what the idle timer's next tick does


def _unlocked(qtbot: QtBot, vault: OpenVault, local: float) -> tuple[AppController, Clock]:
    clock = Clock()
    controller = AppController(vault.path, AppSettings(idle_minutes=local), clock=clock)
    controller.on_unlocked(vault)
    assert controller.main_window is not None
    qtbot.addWidget(controller.main_window)
    return controller, clock


def _close(controller: AppController) -> Callable[[], None]:
    def close() -> None:
        if controller.unlock_window is not None:
            controller.unlock_window.close()
        if controller.main_window is not None:
            controller.main_window.close()

    return close


def test_office_five_minutes_local_thirty_locks_after_five(qtbot: QtBot, vault: OpenVault) -> None:
    _office_says(vault, 5)
    controller, clock = _unlocked(qtbot, vault, local=30)
    main = controller.main_window
    assert main is not None
    assert main.idle_office_note.isVisible()
    assert "5" in main.idle_office_note.text()
    assert not main.idle_actions[30.0].isEnabled() and main.idle_actions[5.0].isChecked()
    _idle_for(controller, clock, 4.9)
    assert controller.vault is not None
    _idle_for(controller, clock, 0.1)
    assert controller.vault is None and vault.locked
    assert controller.unlock_window is not None
    _close(controller)()


def test_a_sync_that_brings_the_office_maximum_applies_it_at_once(
    qtbot: QtBot, vault: OpenVault
) -> None:
    controller, clock = _unlocked(qtbot, vault, local=30)
    main = controller.main_window
    assert main is not None and not main.idle_office_note.isVisible()
    _office_says(vault, 5)
    main.synced.emit()  # the sync window's round ended
    assert main.idle_office_note.isVisible()
    _idle_for(controller, clock, 5)
    assert controller.vault is None
    _close(controller)()


def test_the_consultant_can_only_make_it_shorter(qtbot: QtBot, vault: OpenVault) -> None:
    _office_says(vault, 5)
    controller, clock = _unlocked(qtbot, vault, local=2)
    _idle_for(controller, clock, 2)
    assert controller.vault is None
    _close(controller)()


@pytest.mark.parametrize("value", [0, -1, "5", True, 10**9, None, {"minutes": 5}])
def test_an_unusable_office_value_leaves_the_local_choice(
    qtbot: QtBot, vault: OpenVault, value: Any
) -> None:
    _office_says(vault, value)
    controller, clock = _unlocked(qtbot, vault, local=10)
    _idle_for(controller, clock, 9.9)
    assert controller.vault is not None
    _idle_for(controller, clock, 0.1)
    assert controller.vault is None
    _close(controller)()
