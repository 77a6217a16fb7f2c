"""The suite's teardown check itself: work whose window closed is cancelled and passes;
work that nothing cancelled when the windows closed is named as a leak."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.tasks import CancelToken, TaskGroup, wait_for_all

from . import task_guard


def test_work_of_a_closed_window_passes_and_work_nothing_cancelled_is_named(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    not_a_window = QObject()
    release = threading.Event()
    started = [threading.Event(), threading.Event()]

    def blocked(which: int) -> Callable[[CancelToken], None]:
        def work(_token: CancelToken) -> None:
            started[which].set()
            release.wait(30)

        return work

    ignore: Callable[[object], None] = lambda _value: None  # noqa: E731
    TaskGroup(window).run(blocked(0), ignore, ignore, name="window-work")
    TaskGroup(not_a_window).run(blocked(1), ignore, ignore, name="orphan-work")
    assert started[0].wait(30) and started[1].wait(30)
    kept = task_guard.close_windows()
    try:
        assert task_guard.uncancelled() == ["orphan-work"]
    finally:
        release.set()
        assert wait_for_all(30_000)
        task_guard.delete(kept)
    assert task_guard.problem_after_close() is None  # all ended now
