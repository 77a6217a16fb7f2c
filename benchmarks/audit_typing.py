"""Typing latency with and without the audit trail, beside a plain-SQLite baseline; prints
JSON (issue 16 item 1: "recording a view never slows typing: measure it").

One keystroke is one intake field autosaved the way the intake window saves it
(``intake_edit.save`` in one transaction, ``benchmarks/intake_autosave.py``), on the
app's vault (summaries kept on write). Three series in the same run, on the same vault:

* ``with_audit``: as the app runs: the save records its field group as changed (coalesced
  while the same group is edited on) and, every ``--topic-every`` keystrokes, the window
  switches topic and records a view through the vault's ``ViewRecorder`` (the queue put
  is timed with the keystroke; the write happens on the recorder's thread, meanwhile);
* ``without_audit``: the same saves with the change recording switched off and no views;
* ``baseline_plain_sqlite3``: the same logical write with the stdlib ``sqlite3`` on an
  unencrypted file.

The first two alternate keystroke by keystroke, so drift of the machine (other processes,
the page cache) falls on both alike. Also timed: the GUI thread's cost of one
``record_view`` call alone.

Run: python benchmarks/audit_typing.py [--keystrokes 400] [--topic-every 20]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path

from inburg_desktop.demo.vault_fill import add_cases
from inburg_desktop.services import audit_trail, intake_edit, vault_session
from inburg_desktop.services.intake_progress import shipped_catalogue
from inburg_desktop.storage import audit_log
from inburg_desktop.storage.keyfile import TEST_KDF
from intake_autosave import COMPLETE_CASE, baseline_edits, figures

TOPICS = ("motivatie", "opleiding", "werkervaring")


def _no_change_recording(*_args: object, **_kwargs: object) -> None:
    return None


def measure(keystrokes: int, topic_every: int, workdir: Path) -> dict[str, object]:
    vault = vault_session.create(workdir / "kluis.db", "benchmark", TEST_KDF)
    recording = audit_log.record_parts
    try:
        ids = add_cases(vault, 12, today=date(2026, 11, 28))
        case_id = ids[COMPLETE_CASE]
        catalogue = shipped_catalogue()
        with_audit: list[float] = []
        without_audit: list[float] = []
        view_calls: list[float] = []
        for n in range(2 * keystrokes):
            audited = n % 2 == 0
            topic = TOPICS[(n // (2 * topic_every)) % len(TOPICS)]
            text = f"Aantekening {n}: " + "woorden " * (n % 40)
            patch, meta = intake_edit.answer_patch(catalogue, topic, "notes", text)
            audit_log.record_parts = recording if audited else _no_change_recording
            start = time.perf_counter()
            if audited and n % (2 * topic_every) == 0:
                before = time.perf_counter()
                audit_trail.record_view(vault, case_id, f"intake.{topic}")
                view_calls.append((time.perf_counter() - before) * 1000)
            with vault.transaction() as session:
                intake_edit.save(session, case_id, patch, meta)
            (with_audit if audited else without_audit).append((time.perf_counter() - start) * 1000)
        audit_trail.views(vault).flush()
        trail = audit_trail.trail(vault, case_id)
        entries = len(trail.entries)
        intact = trail.ok
    finally:
        audit_log.record_parts = recording
        vault_session.lock(vault)
    baseline = baseline_edits(workdir / "plain.db", keystrokes)
    return {
        "with_audit": figures(with_audit),
        "without_audit": figures(without_audit),
        "baseline_plain_sqlite3": figures(baseline),
        "record_view_call_on_gui_thread": figures(view_calls),
        "audit_entries_written": entries,
        "chain_intact": intact,
        "keystrokes_per_series": keystrokes,
        "topic_switch_every": topic_every,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keystrokes", type=int, default=400)
    parser.add_argument("--topic-every", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inburg-audit-bench-") as directory:
        result = measure(args.keystrokes, args.topic_every, Path(directory))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
