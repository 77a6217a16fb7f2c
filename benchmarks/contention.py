"""An autosave while the main window reloads its case list, beside the same autosave on
an idle vault.

The main window reloads the list after every committed write (``case_events()
.vault_written`` → ``refresh_soon``), so an intake autosave often lands while a reload
runs. A read session (``OpenVault.session``, what ``services.case_list.case_rows`` reads
in) begins a deferred transaction with ``PRAGMA query_only`` (``storage/engine.py``
``_begin``); only ``transaction()`` begins ``IMMEDIATE``. Under WAL the reload therefore
never holds the write lock and the autosave should not wait for it (before that change
it waited the whole reload: 1.4 s at 10,000 cases, and at the busy timeout it failed
with ``VaultInUse``). This measures that it does not: a thread runs ``case_rows`` over
the seeded vault; the moment its transaction has begun (the engine's ``begin`` event, no
sleeping), the autosave of ``intake_autosave`` is timed. Whatever the autosave still
waits for is the reload's share of the GIL and the disk, not a lock. A ``case_rows`` that
must first store summaries (marked, or computed by other code) takes a short write
transaction of its own; the seeded vault's summaries are current, as a user's are.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event, select

from bench_common import PASSPHRASE, Figure, figure, median
from inburg_desktop.services import intake_edit, vault_session
from inburg_desktop.services.case_list import case_rows
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.errors import VaultInUse
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault


def one_autosave(vault: OpenVault, case_id: str, n: int) -> float:
    catalogue = shipped_catalogue()
    patch, meta = intake_edit.answer_patch(catalogue, "motivatie", "notes", f"Aantekening {n}")
    start = time.perf_counter()
    with vault.transaction() as session:
        intake_edit.save(session, case_id, patch, meta)
    return (time.perf_counter() - start) * 1000


def during_reload(vault: OpenVault, case_id: str, n: int) -> tuple[float, float]:
    """(autosave ms, reload ms) with the autosave started once the reload's transaction
    has begun; the autosave's ms is negative when it failed with VaultInUse."""
    begun = threading.Event()
    reload_ms: list[float] = []
    caller = threading.current_thread()

    def mark(_conn: Any) -> None:
        if threading.current_thread() is not caller:
            begun.set()

    def reload() -> None:
        start = time.perf_counter()
        case_rows(vault)
        reload_ms.append((time.perf_counter() - start) * 1000)

    event.listen(vault.engine, "begin", mark)
    try:
        thread = threading.Thread(target=reload)
        thread.start()
        if not begun.wait(timeout=120):
            raise RuntimeError("the reload did not begin")
        start = time.perf_counter()
        try:
            saved = one_autosave(vault, case_id, n)
        except VaultInUse:
            # The autosave gave up after busy_timeout: the consultant's edit was not
            # saved. Count the wait, and the failure (see autosave_during_reload).
            saved = -(time.perf_counter() - start) * 1000
        thread.join()
    finally:
        event.remove(vault.engine, "begin", mark)
    return saved, reload_ms[0]


def autosave_during_reload(vault_path: Path, cases: int, runs: int) -> Figure:
    vault = vault_session.unlock(vault_path, PASSPHRASE)  # as the app unlocks it
    try:
        with vault.session() as session:
            case_id = session.scalars(select(CaseRow.id).limit(1)).one()
        one_autosave(vault, case_id, -1)  # warm: catalogue, statement cache
        idle: list[float] = []
        busy: list[float] = []
        reloads: list[float] = []
        failed = 0
        for n in range(runs):
            idle.append(one_autosave(vault, case_id, 2 * n))
            saved, reloaded = during_reload(vault, case_id, 2 * n + 1)
            failed += saved < 0
            busy.append(abs(saved))
            reloads.append(reloaded)
    finally:
        vault.lock()
    return figure(
        median(busy),
        "ms",
        median(idle),
        runs,
        f"one intake autosave started while services.case_list.case_rows reloads the list "
        f"of {cases} cases on another thread (as the main window does after every write) vs "
        f"the same autosave on an idle vault; the reload took {median(reloads):.0f} ms; "
        "reads begin a deferred, query_only transaction (only writes begin IMMEDIATE), "
        "so the autosave waits for no lock, only for its share of the two cores; "
        f"{failed} of {runs} autosaves failed with VaultInUse after busy_timeout (10 s) "
        "and saved nothing (their wait is counted)",
        1,
    )
