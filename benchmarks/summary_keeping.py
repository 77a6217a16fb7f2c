"""What keeping the case summaries costs the writes (issue 14, ``services.case_summary``).

Not one of ``run.py``'s figures (its ``autosave_p99_ms`` is the whole autosave): this
separates the summary step's share and checks the other write paths, to compare two trees
in one sitting (run it with ``PYTHONPATH=OTHER_TREE/src`` for the other one).

* ``autosave``: the intake autosave of ``intake_autosave.py`` on two vaults of 12 demo
  cases, one opened as the app opens it (``services.vault_session``: summaries kept) and
  one without (``storage.vault.create_vault``: writes only mark), alternated edit by
  edit; wall and CPU (``time.process_time``) p50/p99.
* ``pull_new``: 1,000 cases applied onto a fresh laptop as ``SyncEngine.pull`` applies a
  page (``sync.apply``: ``held``, ``apply_new_cases``, ``apply_case``), 100 per
  transaction; ``pull_changed``: then 3 changed fields per case (an intake note,
  ``pip.current``, an oproep) applied the same way.
* ``pip_save``: ``pip_editing.save_draft`` of a complete case, p50 of 40.

Run: python benchmarks/summary_keeping.py [--edits 300] [--cases 1000]; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from inburg_desktop.demo.vault_fill import add_cases
from inburg_desktop.protocol.messages import CaseState, FieldState
from inburg_desktop.services import intake_edit, pip_editing, vault_session
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage.cases import get_case, iter_cases
from inburg_desktop.storage.changes import case_patch
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import CaseRow
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.sync.apply import apply_case, apply_new_cases, held

COMPLETE_CASE = 2  # demo/intake_stages.py: the complete intake
SET_POINTER: dict[str, Any] = {
    "status": "set",
    "signed_on": None,
    "leerroute": "b1",
    "version": 1,
    "dagtekening": "2026-10-20",
    "draft_version": None,
}


def _p(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 3)


def _figures(wall: list[float], cpu: list[float]) -> dict[str, float]:
    return {
        "wall_p50_ms": round(statistics.median(wall), 3),
        "wall_p99_ms": _p(wall, 0.99),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
        "cpu_p99_ms": _p(cpu, 0.99),
    }


def autosave(directory: Path, edits: int) -> dict[str, Any]:
    vaults: dict[str, tuple[OpenVault, str]] = {}
    for mode in ("keeping", "not_keeping"):
        path = directory / f"{mode}.db"
        # Without services.vault_session no computation is handed in: writes only mark.
        make = vault_session.create if mode == "keeping" else create_vault
        vault = make(path, "benchmark", TEST_KDF)
        ids = add_cases(vault, 12, today=date(2026, 11, 28))
        vaults[mode] = (vault, ids[COMPLETE_CASE])
    catalogue = shipped_catalogue()
    wall: dict[str, list[float]] = {mode: [] for mode in vaults}
    cpu: dict[str, list[float]] = {mode: [] for mode in vaults}
    for n in range(edits):
        order = ("keeping", "not_keeping") if n % 2 == 0 else ("not_keeping", "keeping")
        for mode in order:
            vault, case_id = vaults[mode]
            text = f"Aantekening {n}: " + "woorden " * (n % 40)
            patch, meta = intake_edit.answer_patch(catalogue, "motivatie", "notes", text)
            start, start_cpu = time.perf_counter(), time.process_time()
            with vault.transaction() as session:
                intake_edit.save(session, case_id, patch, meta)
            wall[mode].append((time.perf_counter() - start) * 1000)
            cpu[mode].append((time.process_time() - start_cpu) * 1000)
    for vault, _case in vaults.values():
        vault.lock()
    return {mode: _figures(wall[mode], cpu[mode]) for mode in vaults} | {"edits": edits}


def _pages(vault: OpenVault, states: list[CaseState]) -> None:
    for start in range(0, len(states), 100):
        page = states[start : start + 100]
        with vault.transaction() as session:
            here = held(session, [state.case_id for state in page])
            for state in apply_new_cases(session, page, here):
                apply_case(session, state, here)


def _timed(fn: Any) -> dict[str, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return {
        "wall_s": round(time.perf_counter() - start, 3),
        "cpu_s": round(time.process_time() - start_cpu, 3),
    }


def pulls(directory: Path, cases: int) -> dict[str, Any]:
    source = vault_session.create(directory / "office.db", "benchmark", TEST_KDF)
    add_cases(source, cases, today=date(2026, 11, 28))
    new: list[CaseState] = []
    with source.session() as session:
        for case in list(iter_cases(session)):
            row = session.get(CaseRow, case.id)
            assert row is not None
            patch = {**case_patch(row), **get_case(session, case.id).fields}
            fields = {k: FieldState(value=v, version=1) for k, v in patch.items() if v is not None}
            new.append(CaseState(case_id=case.id, version=1, full=True, fields=fields))
    source.lock()
    changed = [
        CaseState(
            case_id=state.case_id,
            version=2,
            full=False,
            fields={
                "intake.motivatie.notes": FieldState(value=f"Van kantoor {n}", version=2),
                # a pointer as PipHistory.pointer writes it: the pull sets others aside
                "pip.current": FieldState(value=SET_POINTER, version=2),
                f"oproep.k{n}": FieldState(value={"datum": "2026-12-01"}, version=2),
            },
        )
        for n, state in enumerate(new)
    ]
    laptop = vault_session.create(directory / "laptop.db", "benchmark", TEST_KDF)
    out = {
        "cases": len(new),
        "pull_new": _timed(lambda: _pages(laptop, new)),
        "pull_changed": _timed(lambda: _pages(laptop, changed)),
    }
    laptop.lock()
    return out


def pip_save(directory: Path, saves: int = 40) -> dict[str, Any]:
    vault = vault_session.create(directory / "pip.db", "benchmark", TEST_KDF)
    case_id = add_cases(vault, 12, today=date.today())[COMPLETE_CASE]
    today = date.today()
    proposal = pip_editing.open_editor(vault, case_id, today).context.proposal
    b = proposal.beschikking
    if b.ontzorgen is not None:
        b = replace(b, ontzorgen=replace(b.ontzorgen, besluit_datum=today, besluit_kenmerk="PW-1"))
    b = replace(b, vve=tuple(replace(v, afspraak="Peuteropvang") for v in b.vve))
    draft = pip_editing.DraftInput(b, proposal.ontwikkelplan, today)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(saves):
        start, start_cpu = time.perf_counter(), time.process_time()
        pip_editing.save_draft(vault, case_id, draft)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    vault.lock()
    return _figures(wall, cpu) | {"saves": saves}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="inburg-bench-"))
    shipped_catalogue()  # loaded once per process, as in the app
    result = {
        "autosave": autosave(directory, args.edits),
        **pulls(directory, args.cases),
        "pip_save_draft": pip_save(directory),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
