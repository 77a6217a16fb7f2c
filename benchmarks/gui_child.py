"""The GUI figures, each measured in a fresh process of its own (``benchmarks/run.py``
starts this script; import state and Qt's caches never carry from one run to the next).

Modes (first argument):

* ``cold-app VAULT`` / ``cold-bare``: show the app's unlock window (``ui.app.main`` as
  ``inburg-desktop --vault VAULT`` runs it) or a bare ``QMainWindow``; print ``painted``
  at the window's first paint and exit at once. The parent times from starting the
  process to reading that line (interpreter start and every import included).
* ``list-app VAULT CASES QUERY`` / ``list-base VAULT CASES QUERY``: unlock (not timed),
  then time until the case list holds ``CASES`` rows and has painted: the app's
  ``AppController.on_unlocked`` (the main window as the consultant gets it: on the agenda,
  switched to the case list at once as Ctrl+2 does, the agenda loading beside it), or one
  SELECT into a plain ``QAbstractTableModel`` + ``QSortFilterProxyModel`` + ``QTableView``
  (the baseline). Then type ``QUERY`` into the search box one key at a time (each
  keystroke timed until the view has repainted) and clear it the same way. Prints JSON.
* ``rss-app`` / ``rss-bare``: the resident set (MB) once the demo vault's main window
  (``inburg-desktop --demo``) has its list painted, or of a bare window with a table.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_common import PASSPHRASE

TIMEOUT_MS = 300_000


def rss_mb() -> float:
    """This process's resident set in MB (VmRSS, Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def exit_at_first_paint() -> None:
    """Print ``painted`` at the first paint of a top-level window, then leave at once."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and watched.isWindow()
            ):
                sys.stdout.write("painted\n")
                sys.stdout.flush()
                os._exit(0)  # no teardown: it is not part of starting
            return False

    app = QApplication.instance()
    assert app is not None
    watcher = FirstPaint(app)
    app.installEventFilter(watcher)


def cold_app(vault: str) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])  # main() takes the existing instance
    exit_at_first_paint()
    from inburg_desktop.ui.app import main

    main(["--vault", vault])
    del app


def cold_bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    exit_at_first_paint()
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(480, 320)
    window.show()
    app.exec()


def wait_until(condition: Callable[[], bool], signals: list[Any]) -> None:
    """Run the event loop until ``condition()`` holds, checked whenever one of
    ``signals`` fires (no polling, no sleeping); fails after TIMEOUT_MS."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if condition():
            loop.quit()

    for signal in signals:
        signal.connect(check)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(TIMEOUT_MS)
    loop.exec()
    for signal in signals:
        signal.disconnect(check)
    if not condition():
        raise RuntimeError("the case list did not fill in time")


def model_signals(model: Any) -> list[Any]:
    return [model.modelReset, model.rowsInserted, model.layoutChanged]


def type_and_clear(search: Any, view: Any, query: str) -> dict[str, Any]:
    """Each keystroke of ``query`` and then clearing the box, each timed until the view
    has repainted (ms)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    search.setFocus()
    keystrokes = []
    for char in query:
        start = time.perf_counter()
        QTest.keyClicks(search, char)
        QApplication.processEvents()
        view.viewport().repaint()
        keystrokes.append((time.perf_counter() - start) * 1000)
    shown = view.model().rowCount()
    start = time.perf_counter()
    QTest.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(search, Qt.Key.Key_Backspace)
    QApplication.processEvents()
    view.viewport().repaint()
    cleared = (time.perf_counter() - start) * 1000
    assert search.text() == "", "the search box did not clear"
    return {"keystrokes_ms": keystrokes, "clear_ms": cleared, "shown_after_query": shown}


def list_app(vault_path: str, cases: int, query: str) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from inburg_desktop.services import vault_session
    from inburg_desktop.ui.app import AppController, use_language
    from inburg_desktop.ui.app_settings import AppSettings
    from inburg_desktop.ui.fonts import register_fonts

    settings = AppSettings.load()
    use_language("nl")
    register_fonts()
    vault = vault_session.unlock(Path(vault_path), PASSPHRASE)
    controller = AppController(Path(vault_path), settings)
    start = time.perf_counter()
    failed = ""
    try:
        controller.on_unlocked(vault)
    except Exception as exc:
        # A failure of the app under measurement is a finding: say which, then show the
        # window it built (show_main failed after creating it) and time the rest.
        failed = type(exc).__name__
        if controller.main_window is None:
            raise
        controller.main_window.show()
    window = controller.main_window
    assert window is not None
    # The app opens on the agenda (issue 15); the consultant goes to the case list at
    # once (Ctrl+2), so the list is timed shown and painted, the agenda loading beside it.
    window.show_cases()
    view = window.table
    wait_until(lambda: view.model().rowCount() == cases, model_signals(view.model()))
    window.repaint()
    loaded = (time.perf_counter() - start) * 1000
    typed = type_and_clear(window.search, view, query)
    result = {"load_ms": loaded, "rows": view.model().rowCount(), "failed": failed, **typed}
    controller.idle.stop()
    vault.lock()
    del app
    return result


def list_base(vault_path: str, cases: int, query: str) -> dict[str, Any]:
    from PySide6.QtCore import (
        QAbstractTableModel,
        QModelIndex,
        QPersistentModelIndex,
        QSortFilterProxyModel,
        Qt,
    )
    from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QVBoxLayout, QWidget

    from inburg_desktop.storage.vault import unlock_vault

    app = QApplication(sys.argv[:1])
    vault = unlock_vault(Path(vault_path), PASSPHRASE)
    headers = ("Naam", "Doelgroep", "Nationaliteit", "V-nummer", "BRP", "PIP")

    class Plain(QAbstractTableModel):
        def __init__(self, rows: list[tuple[Any, ...]]) -> None:
            super().__init__()
            self.rows = rows

        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self.rows)

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return len(headers)

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[index.row()][index.column()]
            return None

        def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return headers[section]
            return None

    start = time.perf_counter()
    with vault.engine.connect() as conn:
        rows = [
            (f"{family}, {given}", doelgroep, nationality, v_nummer or "", str(brp), str(pip))
            for given, family, doelgroep, nationality, v_nummer, brp, pip in conn.exec_driver_sql(
                "SELECT given_names, family_name, doelgroep, nationality, v_nummer, "
                "brp_registration, pip_date FROM cases"
            )
        ]
    window = QWidget()
    layout = QVBoxLayout(window)
    search = QLineEdit()
    layout.addWidget(search)
    model = Plain(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(0)
    search.textChanged.connect(proxy.setFilterFixedString)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(4, Qt.SortOrder.AscendingOrder)
    layout.addWidget(view)
    window.resize(1280, 720)
    window.show()
    wait_until(lambda: view.model().rowCount() == cases, model_signals(view.model()))
    window.repaint()
    loaded = (time.perf_counter() - start) * 1000
    typed = type_and_clear(search, view, query)
    result = {"load_ms": loaded, "rows": view.model().rowCount(), **typed}
    vault.lock()
    del app
    return result


def rss_app() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from inburg_desktop.ui.app import AppController, make_demo_vault, use_language
    from inburg_desktop.ui.app_settings import AppSettings
    from inburg_desktop.ui.fonts import register_fonts

    settings = AppSettings.load()
    use_language("nl")
    register_fonts()
    path, vault = make_demo_vault()
    controller = AppController(path, settings, "demo")
    controller.on_unlocked(vault)
    window = controller.main_window
    assert window is not None
    window.show_cases()  # the list painted, as in the case list figure
    view = window.table
    wait_until(lambda: view.model().rowCount() > 0, model_signals(view.model()))
    window.repaint()
    result = steady(app)
    controller.idle.stop()
    vault.lock()
    shutil.rmtree(path.parent, ignore_errors=True)
    return result


def rss_bare() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView())
    window.resize(1280, 720)
    window.show()
    window.repaint()
    return steady(app)


def steady(app: Any) -> dict[str, Any]:
    """RSS once settled: events processed, garbage collected, read until two readings in a
    row agree to within 0.5 MB (at most 20 readings)."""
    readings = []
    for _ in range(20):
        app.processEvents()
        gc.collect()
        readings.append(rss_mb())
        if len(readings) >= 2 and abs(readings[-1] - readings[-2]) < 0.5:
            break
    return {"rss_mb": readings[-1], "readings": len(readings)}


def main() -> None:
    mode, *rest = sys.argv[1:]
    if mode == "cold-app":
        cold_app(rest[0])
        return
    if mode == "cold-bare":
        cold_bare()
        return
    if mode == "list-app":
        result = list_app(rest[0], int(rest[1]), rest[2])
    elif mode == "list-base":
        result = list_base(rest[0], int(rest[1]), rest[2])
    elif mode == "rss-app":
        result = rss_app()
    elif mode == "rss-bare":
        result = rss_bare()
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # Qt's and the vault's teardown are not part of any figure


if __name__ == "__main__":
    main()
