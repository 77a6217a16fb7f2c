"""The agenda start screen over a 2,000-case caseload: how long after the main window is
shown the agenda is on screen, and how long the GUI thread is held by it (the part that
could block painting: the rows put in the list; the read itself runs on a worker,
``ui/tasks.py``), beside the longest the event loop went without turning meanwhile.

A vault is filled with ``demo.caseload.add_caseload``; each run opens a fresh main window
on the agenda (offscreen), times ``show()`` → ``AgendaPage.loaded``, the time spent in
``AgendaPage._show`` (on the GUI thread), and the longest gap between two turns of a
1 ms timer while the agenda loads.

    QT_QPA_PLATFORM=offscreen python benchmarks/agenda_screen.py [--cases 2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from bench_common import PASSPHRASE, median
from inburg_desktop.demo.caseload import add_caseload
from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.ui.agenda.page import AgendaPage
from inburg_desktop.ui.main_window import MainWindow

SETTLE_S = 3.0
"""Seconds the event loop is watched after the agenda is shown, while the list lays out
its rows in batches."""


def one_run(vault: vault_session.Vault) -> tuple[float, float, float, int]:
    held: list[float] = []
    original = AgendaPage._show

    def timed(self: AgendaPage, read: object) -> None:
        start = time.perf_counter()
        original(self, read)  # type: ignore[arg-type]
        held.append((time.perf_counter() - start) * 1000)

    AgendaPage._show = timed  # type: ignore[method-assign]
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(tick)
    try:
        window = MainWindow(vault, start_on_agenda=True)
        window.resize(1366, 768)
        start = time.perf_counter()
        last[0] = start
        ticker.start()
        window.show()
        while window.agenda.agenda is None:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        shown = (time.perf_counter() - start) * 1000
        settle = time.perf_counter() + SETTLE_S  # the batched layout goes on meanwhile
        while time.perf_counter() < settle:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        ticker.stop()
        items = len(window.agenda.agenda.items)
        while window.tasks.pending:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    finally:
        AgendaPage._show = original  # type: ignore[method-assign]
    return shown, held[0], max(gaps) if gaps else 0.0, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="inburg-agenda-screen-") as folder:
        path = Path(folder) / "kluis.db"
        vault = vault_session.create(path, PASSPHRASE, TEST_KDF)
        with vault.transaction() as session:
            add_caseload(session, args.cases, date.today())
        runs = [one_run(vault) for _ in range(args.runs)]
        vault_session.lock(vault)
    shown, held, gap, items = zip(*runs, strict=True)
    print(json.dumps({
        "cases": args.cases,
        "items": items[0],
        "runs": args.runs,
        "show_to_agenda_ms_median": round(median(shown), 1),
        "gui_thread_in_agenda_ms_median": round(median(held), 1),
        "gui_thread_in_agenda_ms_max": round(max(held), 1),
        "longest_event_loop_gap_ms_median": round(median(gap), 1),
    }, indent=2))  # fmt: skip
    del app


if __name__ == "__main__":
    main()
