"""A worker never holds the last reference to the work it ran (``ui/tasks.py``): that
work closes over its window (the PIP preview's lambda over the editor), and a window
freed on a worker thread crashes Qt. The group's callback lets go of it on the GUI
thread."""

from __future__ import annotations

import gc
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


class _Cycle:
    """An object in a reference cycle that says on which thread it was freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_no_cycle_is_collected_on_a_worker_while_work_runs(qtbot: QtBot) -> None:
    """A worker allocating far past every collection threshold frees no cycle there: the
    collection waits until the work has reported, and then runs on the GUI thread."""
    owner = QWidget()
    qtbot.addWidget(owner)
    group = TaskGroup(owner)
    freed_on: list[str] = []
    done: list[int] = []

    def allocate(_token: CancelToken) -> int:
        _Cycle(freed_on)  # garbage at once; only a collection can free it
        junk: list[list[list[object]]] = []
        for _ in range(300_000):
            junk.append([[]])
            if len(junk) > 1000:
                junk.clear()
        return len(freed_on)

    group.run(allocate, done.append, print, name="allocates")
    qtbot.waitUntil(lambda: done != [])
    assert done == [0]  # nothing freed while the worker ran
    assert gc.isenabled()
    gc.collect()
    assert freed_on == [threading.current_thread().name]
