"""A worker never holds the last reference to the work it ran (``ui/tasks.py``): that
work closes over its window (the PIP preview's lambda over the editor), and a window
freed on a worker thread crashes Qt. The group's callback lets go of it on the GUI
thread."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.tasks import CancelToken, TaskGroup, wait_for_all


def test_the_work_a_window_ran_is_released_on_the_gui_thread(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    group = TaskGroup(owner)
    released_on: list[str] = []
    done: list[int] = []

    def make_work() -> Callable[[CancelToken], int]:
        payload = object.__new__(_Payload)
        payload.released_on = released_on

        def work(_token: CancelToken) -> int:
            return id(payload)  # the work closes over the payload, as a lambda over self

        return work

    group.run(make_work(), done.append, print, name="closes-over-payload")
    qtbot.waitUntil(lambda: done != [])
    assert wait_for_all(10_000)
    qtbot.waitUntil(lambda: released_on != [])
    assert released_on == [threading.current_thread().name]


class _Payload:
    released_on: list[str]

    def __del__(self) -> None:
        self.released_on.append(threading.current_thread().name)
