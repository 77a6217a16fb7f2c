"""What the suite checks at every teardown (``tests/conftest.py``): close the test's
windows as a user or a lock would, then no background work may be left that nothing
cancelled, and every worker ends before the fixtures it may use are torn down.

After Vorta's ``tests/unit/conftest.py``, which waits for every worker at teardown; here a
job that outlives its closed window also fails the test, because in the app its result
would reach a window that is gone.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget

from inburg_desktop.ui.close_guard import closing_for_lock
from inburg_desktop.ui.tasks import running_tasks, wait_for_all

WAIT_MS = 60_000


def close_windows() -> list[QWidget]:
    """Close every top-level window; returns those to delete later (see :func:`delete`).

    A window that deletes itself on close is kept until pytest-qt has closed the widgets
    it was given (it would touch a deleted one)."""
    keep: list[QWidget] = []
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return keep
    # as the app's lock closes them: no "save your changes?" question keeps one open
    with closing_for_lock():
        for widget in app.topLevelWidgets():
            if widget.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
                widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
                keep.append(widget)
            widget.close()
    return keep


def uncancelled() -> list[str]:
    """Names of tasks still running that nothing cancelled (their owner did not close)."""
    return sorted(task.name for task in running_tasks() if not task.dropped)


def problem_after_close() -> str | None:
    """After :func:`close_windows`: what is wrong with the work left, waiting for it all."""
    leaked = uncancelled()
    if not wait_for_all(WAIT_MS):
        names = ", ".join(sorted(task.name for task in running_tasks()))
        return f"background work did not end within {WAIT_MS // 1000} s: {names}"
    if leaked:
        return "background work outlived its closed window: " + ", ".join(leaked)
    return None


def delete(widgets: list[QWidget]) -> None:
    for widget in widgets:
        if shiboken6.isValid(widget):
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
