"""The one helper for background work: typed results back on the GUI thread, errors
likewise, a cooperative cancel token, and a window's work dropped when it closes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from inburg_desktop.ui.tasks import Cancelled, CancelToken, TaskGroup, running_tasks


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_result_comes_back_typed_on_the_gui_thread(qtbot: QtBot, owner: QWidget) -> None:
    group = TaskGroup(owner)
    got: list[tuple[int, bool]] = []
    worker_threads: list[QThread] = []

    def work(_token: CancelToken) -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    group.run(work, lambda n: got.append((n + 1, QThread.currentThread() is owner.thread())), print)
    qtbot.waitUntil(lambda: got != [])
    assert got == [(43, True)]
    assert worker_threads[0] is not owner.thread()
    assert group.pending == 0


def test_an_error_comes_back_to_on_error(qtbot: QtBot, owner: QWidget) -> None:
    group = TaskGroup(owner)
    errors: list[BaseException] = []

    def work(_token: CancelToken) -> None:
        raise LookupError("geen dossier")

    group.run(work, lambda _r: pytest.fail("no result expected"), errors.append)
    qtbot.waitUntil(lambda: errors != [])
    assert isinstance(errors[0], LookupError)


def test_closing_the_window_cancels_its_work_and_drops_the_result(
    qtbot: QtBot, owner: QWidget
) -> None:
    group = TaskGroup(owner)
    started, release = threading.Event(), threading.Event()
    delivered: list[object] = []
    dropped: list[str] = []

    def work(token: CancelToken) -> str:
        started.set()
        release.wait(30)
        return "sleutel" if token.cancelled else "niet geannuleerd"

    task = group.run(work, delivered.append, delivered.append, on_dropped=dropped.append)
    assert started.wait(30)
    owner.close()  # the one place: the group hears the close event
    assert task.dropped and task.token.cancelled
    release.set()
    qtbot.waitUntil(lambda: dropped != [])
    assert dropped == ["sleutel"] and delivered == []  # handed to on_dropped, not the window
    assert group.pending == 0


def test_a_cancel_button_stops_long_work_and_still_says_so(qtbot: QtBot, owner: QWidget) -> None:
    group = TaskGroup(owner)
    errors: list[BaseException] = []
    steps: list[int] = []

    def work(token: CancelToken) -> int:
        for step in range(1_000_000):
            token.raise_if_cancelled()
            steps.append(step)
            if step == 3:
                token_ready.set()
                resume.wait(30)
        return len(steps)

    token_ready, resume = threading.Event(), threading.Event()
    task = group.run(work, lambda _n: pytest.fail("cancelled work has no result"), errors.append)
    assert token_ready.wait(30)
    task.token.cancel()  # the token only: the window still wants the outcome
    resume.set()
    qtbot.waitUntil(lambda: errors != [])
    assert isinstance(errors[0], Cancelled) and steps == [0, 1, 2, 3]
    assert not running_tasks()
