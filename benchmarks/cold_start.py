"""Cold start: a fresh process until the unlock window is shown and painted, beside a bare
PySide6 window in the same run (interleaved, median of N); prints JSON.

Each sample is the wall time from spawning ``python`` until the child has painted its
first window and exits (``QTimer.singleShot(0, quit)`` after ``show()``: the event loop
paints first). The app's child builds the real ``AppController`` and calls
``show_unlock()`` on a vault path that does not exist yet (the create-a-vault form), as
``inburg-desktop`` does on a first start.

Run: python benchmarks/cold_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

BARE = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(480, 320)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
os._exit(0)
"""

APP = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from inburg_desktop.ui.app import AppController, use_language
from inburg_desktop.ui.app_settings import AppSettings
use_language("nl")
controller = AppController(Path(sys.argv[1]) / "kluis.db", AppSettings())
controller.show_unlock()
QTimer.singleShot(0, app.quit)
app.exec()
os._exit(0)
"""


def spawn(code: str, *args: str) -> float:
    """Seconds from spawning a child Python running ``code`` until it exits."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, Any]:
    """Median seconds of the app's unlock window and of a bare window, and their ratio."""
    bare: list[float] = []
    app: list[float] = []
    with tempfile.TemporaryDirectory() as directory:
        for _ in range(runs):
            bare.append(spawn(BARE))
            app.append(spawn(APP, directory))
    value, baseline = statistics.median(app), statistics.median(bare)
    return {
        "value": round(value, 3),
        "unit": "s",
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 2),
        "runs": runs,
        "note": "process spawn until the unlock window is painted, vs a bare PySide6 window",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(measure(args.runs)))


if __name__ == "__main__":
    main()
