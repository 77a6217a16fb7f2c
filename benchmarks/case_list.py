"""The case list at 10,000 cases, each figure beside its baseline in the same run (median
of N, interleaved); prints JSON. Functions for benchmarks/run.py:

* :func:`seed` — a vault of N fictional cases (``demo.caseload``, one transaction).
* :func:`measure_list_load` — unlock → the main window's list filled and painted, vs
  unlock → one SELECT into a plain Qt model, proxy and view, painted.
* :func:`measure_search` — the worst keystroke typing a name into the search box, and
  clearing it, vs the same on the plain model's proxy (``setFilterFixedString``).
* :func:`measure_cli_json` — ``inburg case list --json`` vs unlock + one SELECT +
  ``json.dump`` (both fresh processes).

Run: python benchmarks/case_list.py [--cases 10000] [--runs 5] [--vault PATH]
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
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView

from inburg_desktop.services import vault_session
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import unlock_vault

PASSPHRASE = "een lange zin als wachtwoord voor de meting"
COLUMNS = "id, family_name, given_names, doelgroep, brp_registration, v_nummer, nationality"
SELECT = f"SELECT {COLUMNS} FROM cases ORDER BY family_name, id"
TYPED = "Haddad"


def seed(path: Path, count: int, today: date | None = None) -> Path:
    """A vault at ``path`` with ``count`` fictional cases (fast KDF, passphrase
    :data:`PASSPHRASE`); 10,000 cases took 186 s on the shared 2-core machine under load."""
    from inburg_desktop.demo.caseload import add_caseload  # here: older trees lack it

    # As the app makes one (services.vault_session): where the tree keeps case summaries,
    # they are computed in the same transaction as the cases.
    vault = vault_session.create(path, PASSPHRASE, TEST_KDF)
    try:
        with vault.transaction() as session:
            add_caseload(session, count, today)
    finally:
        vault.lock()
    return path


class PlainModel(QAbstractTableModel):
    """The baseline's model: rows as tuples, text as stored."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        if index.column() == 0:
            return f"{row[1]}, {row[2]}"
        return str(row[index.column() + 2])


def _wait(app: QApplication, done: Callable[[], bool]) -> None:
    while not done():
        app.processEvents()
        time.sleep(0.001)  # the load runs on the thread pool: yield the GIL to it


def _plain_view(path: Path) -> tuple[QTableView, QSortFilterProxyModel, Any]:
    vault = unlock_vault(path, PASSPHRASE)
    with vault.session() as session:
        rows = [tuple(r) for r in session.connection().exec_driver_sql(SELECT)]
    model = PlainModel(rows)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    # Rows come sorted from the SELECT: a sorting proxy would call data() per comparison.
    view.resize(1280, 720)
    view.show()
    view.viewport().repaint()
    return view, proxy, vault


def _app_window(app: QApplication, path: Path, count: int) -> tuple[Any, Any]:
    from inburg_desktop.ui.main_window import MainWindow

    vault = vault_session.unlock(path, PASSPHRASE)  # the app's unlock, all it does
    window = MainWindow(vault)
    window.show()
    _wait(app, lambda: window.model.rowCount() == count)
    window.table.viewport().repaint()
    return window, vault


def _figure(value: list[float], baseline: list[float], unit: str, note: str) -> dict[str, Any]:
    v, b = statistics.median(value), statistics.median(baseline)
    scale = 1000 if unit == "ms" else 1
    return {
        "value": round(v * scale, 2),
        "unit": unit,
        "baseline": round(b * scale, 2),
        "ratio": round(v / b, 2) if b else None,
        "runs": len(value),
        "note": note,
    }


def measure_list_load(path: Path, count: int, runs: int) -> dict[str, Any]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    ours: list[float] = []
    plain: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        view, _proxy, vault = _plain_view(path)
        plain.append(time.perf_counter() - start)
        view.close()
        vault.lock()
        start = time.perf_counter()
        window, vault = _app_window(app, path, count)
        ours.append(time.perf_counter() - start)
        window.close()
        vault.lock()
        app.processEvents()
    return _figure(ours, plain, "s", f"unlock -> case list filled and painted, {count} cases")


def measure_search(path: Path, count: int, runs: int) -> dict[str, dict[str, Any]]:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    window, vault = _app_window(app, path, count)
    view, proxy, plain_vault = _plain_view(path)
    typing: list[float] = []
    typing_plain: list[float] = []
    clearing: list[float] = []
    clearing_plain: list[float] = []

    def timed(fn: Callable[[], None], paint: Callable[[], None]) -> float:
        start = time.perf_counter()
        fn()
        paint()
        return time.perf_counter() - start

    for _ in range(runs):
        worst = worst_plain = 0.0
        for n in range(1, len(TYPED) + 1):
            text = TYPED[:n]
            worst = max(
                worst,
                timed(partial(window.search.setText, text), window.table.viewport().repaint),
            )
            worst_plain = max(
                worst_plain,
                timed(partial(proxy.setFilterFixedString, text), view.viewport().repaint),
            )
        typing.append(worst)
        typing_plain.append(worst_plain)
        ours_paint, plain_paint = window.table.viewport().repaint, view.viewport().repaint
        clearing.append(timed(lambda: window.search.setText(""), ours_paint))
        clearing_plain.append(timed(lambda: proxy.setFilterFixedString(""), plain_paint))
    window.close()
    view.close()
    vault.lock()
    plain_vault.lock()
    return {
        "search_keystroke_worst": _figure(
            typing, typing_plain, "ms", f"worst keystroke typing {TYPED!r}, {count} cases"
        ),
        "search_clear": _figure(
            clearing, clearing_plain, "ms", f"clearing the search box, {count} cases"
        ),
    }


BASELINE_JSON = f"""
import json, sys
from pathlib import Path
from inburg_desktop.storage.vault import unlock_vault
vault = unlock_vault(Path(sys.argv[1]), {PASSPHRASE!r})
with vault.session() as session:
    rows = session.connection().exec_driver_sql({SELECT!r}).all()
json.dump([dict(zip({COLUMNS.split(", ")!r}, map(str, r))) for r in rows], sys.stdout)
vault.lock()
"""


def measure_cli_json(path: Path, count: int, runs: int) -> dict[str, Any]:
    env = dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE)
    inburg = Path(sys.executable).with_name("inburg")
    ours: list[float] = []
    plain: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", BASELINE_JSON, str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run(
            [str(inburg), "case", "list", "--json", "--vault", str(path)],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        ours.append(time.perf_counter() - start)
    return _figure(ours, plain, "s", f"inburg case list --json, {count} cases")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--vault", type=Path, help="a vault made by seed() (else one is made)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as directory:
        path = args.vault or seed(Path(directory) / "kluis.db", args.cases)
        out = {"case_list_load": measure_list_load(path, args.cases, args.runs)}
        out.update(measure_search(path, args.cases, args.runs))
        out["case_list_json"] = measure_cli_json(path, args.cases, args.runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
