"""Every worker thread of the GUI starts through ``ui/tasks.py``, the one place that pauses
automatic garbage collection while it runs (``ui/worker_gc.py``), releases the work on the
GUI thread and lets the suite see it at teardown.

A runnable, thread or executor of its own anywhere else runs Python outside that pause: a
collection on it can free a closed window caught in a cycle, off the GUI thread, and Qt
crashes (the intake's autosave pool and the import after unlock did, usability round 3).
"""

from __future__ import annotations

import ast
from pathlib import Path

import inburg_desktop

SRC = Path(inburg_desktop.__file__).parent
THE_ONE_PLACE = SRC / "ui" / "tasks.py"
WORKER_NAMES = {"QRunnable", "QThread", "Thread", "ThreadPoolExecutor", "ProcessPoolExecutor"}
"""Classes that run Python on another thread when started."""


def _workers_started(source: str, where: str) -> list[str]:
    """``where:line name`` for every use of a worker class in ``source``."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Name) and node.id in WORKER_NAMES:
            name = node.id
        elif isinstance(node, ast.Attribute) and node.attr in WORKER_NAMES:
            name = node.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("start", "tryStart")
            and "Pool" in ast.unparse(node.func)
        ):
            # a pool's start(): QThreadPool.globalInstance().start(...) or a pool of its own
            name = ast.unparse(node.func)
        if name is not None:
            found.append(f"{where}:{getattr(node, 'lineno', '?')} {name}")
    return found


def test_every_gui_worker_starts_through_ui_tasks() -> None:
    windows_side = [*(SRC / "ui").rglob("*.py"), *(SRC / "pdf").rglob("*.py")]
    offending = [
        hit
        for path in windows_side
        if path != THE_ONE_PLACE
        for hit in _workers_started(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    ]
    assert offending == []


def test_the_walk_sees_a_worker_of_its_own() -> None:
    """The check itself: a runnable, a pool's start and a thread are each found."""
    sample = (
        "import threading\n"
        "from PySide6.QtCore import QRunnable, QThreadPool\n"
        "class W(QRunnable):\n    def run(self) -> None: ...\n"
        "QThreadPool.globalInstance().start(W())\n"
        "threading.Thread(target=print).start()\n"
    )
    hits = _workers_started(sample, "sample.py")
    assert [hit.split()[0] for hit in hits] == ["sample.py:3", "sample.py:5", "sample.py:6"]
