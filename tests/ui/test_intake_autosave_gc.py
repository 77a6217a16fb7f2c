"""The intake's autosave writes on a worker like every background task (``ui/tasks.py``):
no cycle is collected on that worker while it writes (a cycle holding a closed window,
freed off the GUI thread, crashes Qt: ``ui/worker_gc.py``), and the suite's teardown check
sees the write (``tests/ui/task_guard.py``).

Usability round 3 found the autosave on a thread pool of its own, outside the pause.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Mapping
from typing import Any

from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui import worker_gc
from inburg_desktop.ui.intake.autosave import AutosaveController
from inburg_desktop.ui.tasks import running_tasks


class _Cycle:
    """An object in a reference cycle that says on which thread it was freed."""

    def __init__(self, freed_on: list[str]) -> None:
        self.me = self
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


class _AllocatingAutosave(AutosaveController):
    """Its write leaves a cycle behind and allocates far past every collection
    threshold, as a write through SQLAlchemy does; it records what it saw meanwhile."""

    freed_on: list[str]
    paused_while_writing: list[int]
    ran_as_task: list[bool]

    def write(
        self, patch: Mapping[str, Any], meta: Mapping[str, Any], started: Any = None
    ) -> list[str]:
        _Cycle(self.freed_on)  # garbage at once; only a collection can free it
        self.paused_while_writing.append(worker_gc.paused())
        self.ran_as_task.append(any(t.name == "intake-autosave" for t in running_tasks()))
        junk: list[list[list[object]]] = []
        for _ in range(300_000):
            junk.append([[]])
            if len(junk) > 1000:
                junk.clear()
        return []


def _controller(vault: OpenVault) -> _AllocatingAutosave:
    controller = _AllocatingAutosave(vault, "case-1", delay_ms=0)
    controller.freed_on = []
    controller.paused_while_writing = []
    controller.ran_as_task = []
    return controller


def test_no_cycle_is_collected_on_the_autosave_worker(qtbot: QtBot, vault: OpenVault) -> None:
    controller = _controller(vault)
    saved: list[object] = []
    controller.saved.connect(saved.append)
    controller.schedule({"intake.opleiding.notities": "x"})
    qtbot.waitUntil(lambda: saved != [], timeout=30_000)
    assert controller.freed_on == []  # nothing freed on the worker while it wrote
    assert controller.paused_while_writing == [1]
    assert controller.ran_as_task == [True]  # seen by the suite's teardown check
    assert worker_gc.paused() == 0 and gc.isenabled()  # resumed once it reported
    gc.collect()
    assert controller.freed_on == [threading.current_thread().name]
