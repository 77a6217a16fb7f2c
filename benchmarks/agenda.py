"""The agenda of a 2,000-case caseload after unlock (issue 14's goal for issue 15's start
screen: within 300 ms), beside one ``SELECT`` of the same rows.

A vault is made through ``services.vault_session`` (the summaries kept on every write,
as the app keeps them) and filled with ``demo.caseload.add_caseload`` in one
transaction. Each run unlocks it afresh (the unlock's key derivation is not timed: the
figure is what the consultant waits *after* unlock), then times either
``services.agenda.agenda_on(vault, today)`` (the use case the start screen and ``inburg
agenda`` call: the summaries brought up to date, the fields, conflicts and set-aside
records read, every snapshot built, the rules applied) as ``inburg agenda`` runs it, the
same with automatic garbage collection paused as a window's worker runs it
(``ui/tasks.py``; in the note), or the baseline, one ``SELECT *`` of ``case_summaries``
fetched whole; the order alternates from run to run.

    python benchmarks/agenda.py [--cases 2000] [--runs 5]   # prints one figure as JSON
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from bench_common import PASSPHRASE, Figure, figure, median
from inburg_desktop.demo.caseload import add_caseload
from inburg_desktop.services import vault_session
from inburg_desktop.services.agenda import agenda_on
from inburg_desktop.storage.keyfile import TEST_KDF


def seed(path: Path, cases: int, today: date) -> None:
    """A vault at ``path`` with ``cases`` demo cases (cheap KDF: unlocking is not timed)."""
    vault = vault_session.create(path, PASSPHRASE, TEST_KDF)
    try:
        with vault.transaction() as session:
            add_caseload(session, cases, today)
    finally:
        vault_session.lock(vault)


def _agenda(path: Path, today: date, *, gc_paused: bool = False) -> tuple[float, int, int]:
    vault = vault_session.unlock(path, PASSPHRASE)
    try:
        if gc_paused:  # as a window's worker runs it (ui/tasks.py pauses collection)
            gc.disable()
        start = time.perf_counter()
        shown = agenda_on(vault, today)
        elapsed = (time.perf_counter() - start) * 1000
    finally:
        gc.enable()
        vault_session.lock(vault)
    return elapsed, shown.cases, len(shown.items)


def _baseline(path: Path) -> tuple[float, int]:
    vault = vault_session.unlock(path, PASSPHRASE)
    try:
        start = time.perf_counter()
        with vault.session() as session:
            rows = session.execute(text("SELECT * FROM case_summaries")).all()
        elapsed = (time.perf_counter() - start) * 1000
    finally:
        vault_session.lock(vault)
    return elapsed, len(rows)


def agenda_after_unlock(workdir: Path, cases: int, runs: int) -> Figure:
    """The figure ``agenda_<cases>_cases_after_unlock_ms``: median of ``runs``."""
    today = date.today()
    path = workdir / "agenda" / "kluis.db"
    seed(path, cases, today)
    app: list[float] = []
    paused: list[float] = []
    bare: list[float] = []
    shown = items = 0
    for run in range(runs):
        order = ("app", "paused", "bare") if run % 2 == 0 else ("bare", "paused", "app")
        for which in order:
            if which == "app":
                elapsed, shown, items = _agenda(path, today)
                app.append(elapsed)
            elif which == "paused":
                paused.append(_agenda(path, today, gc_paused=True)[0])
            else:
                elapsed, rows = _baseline(path)
                if rows != cases:
                    raise RuntimeError(f"baseline read {rows} rows of {cases}")
                bare.append(elapsed)
    if shown != cases:
        raise RuntimeError(f"the agenda read {shown} cases of {cases}")
    return figure(
        median(app),
        "ms",
        median(bare),
        runs,
        f"services.agenda.agenda_on over {cases} demo cases ({items} items on {today}) from "
        "a freshly unlocked vault (unlock not timed), vs one SELECT * of the same "
        f"case_summaries rows; goal ≤ 300 ms; slowest run {max(app):.0f} ms; with automatic "
        f"garbage collection paused, as a window's worker runs it (ui/tasks.py), median "
        f"{median(paused):.0f} ms",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inburg-agenda-") as folder:
        result = agenda_after_unlock(Path(folder), args.cases, args.runs)
    print(json.dumps({f"agenda_{args.cases}_cases_after_unlock_ms": result}, indent=2))


if __name__ == "__main__":
    main()
