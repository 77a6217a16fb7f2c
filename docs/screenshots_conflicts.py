"""The conflict view at 1366x768, offscreen: python docs/screenshots_conflicts.py

docs/screenshots/conflict-view-choice.png: a choice field changed on two laptops (its
options by label, a combo of exactly those options); conflict-view-text.png: notes
changed at the office and on this laptop since the version both started from, merged
three ways: each side's changes in its colour, both versions where both changed the same
place, a legend that says what the marks mean; both show when each side changed.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication

from inburg_desktop import i18n
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.storage.changes import dumps
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import (
    Conflict,
    Enrollment,
    replace_conflicts,
    save_enrollment,
)
from inburg_desktop.storage.tables import ConflictRow, SyncBaseRow
from inburg_desktop.storage.vault import OpenVault, create_vault
from inburg_desktop.ui.conflict_view import ConflictView
from inburg_desktop.ui.fonts import register_fonts

OUT = Path(__file__).resolve().parent / "screenshots"
CHOICE = "intake.digitale_vaardigheden.niveau"
NOTES = "intake.opleiding.notes"
BASE = (
    "Lagere school in Aleppo, 6 jaar. Daarna 2 jaar middelbare school; gestopt door de oorlog.\n"
    "Diploma niet gezien.\n"
    "Wil graag een opleiding in de zorg volgen.\n"
)
OFFICE = (
    "Lagere school in Aleppo, 6 jaar. Daarna 2 jaar middelbare school; gestopt door de oorlog.\n"
    "Diploma niet gezien; IDW-aanvraag loopt (kantoor, 14 november).\n"
    "Wil graag een opleiding in de zorg volgen, bij voorkeur helpende zorg en welzijn.\n"
)
LAPTOP = (
    "Lagere school in Aleppo, 6 jaar. Daarna 3 jaar middelbare school; gestopt door de oorlog.\n"
    "Diploma niet gezien.\n"
    "Wil graag een opleiding in de zorg volgen, eerst een taalschakeltraject.\n"
)


def settle(view: ConflictView) -> None:
    """Let the list load (read off the GUI thread) and the widgets lay out."""
    while view.tasks.pending or view.items.count() == 0:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(5):
        QCoreApplication.processEvents()


def shot(vault: OpenVault, key: str, office: object, laptop: object, device: str, name: str,
         base: object = None) -> None:  # fmt: skip
    with vault.transaction() as session:
        (case_id,) = add_demo_cases(session, 1)
        if base is not None:
            session.add(
                SyncBaseRow(case_id=case_id, field_key=key, value=dumps(base),
                            created_at=datetime(2026, 11, 30, 9, 0))
            )  # fmt: skip
            session.flush()
        replace_conflicts(
            session,
            case_id,
            [
                Conflict(
                    case_id,
                    key,
                    office,
                    laptop,
                    7,
                    device_id=device,
                    office_changed_at=datetime(2026, 11, 30, 8, 12),
                    laptop_changed_at=datetime(2026, 11, 30, 9, 41),
                )
            ],
            1,
        )
        # this laptop's own value is timed by its outbox entry (none in this sketch)
        conflict_row = session.get(ConflictRow, (case_id, key))
        assert conflict_row is not None
        conflict_row.laptop_changed_at = datetime(2026, 11, 30, 9, 41)
    view = ConflictView(vault)
    view.resize(1366, 768)
    view.show()
    settle(view)
    view.grab().save(str(OUT / name))
    view.close()
    with vault.transaction() as session:
        from inburg_desktop.storage.tables import CaseRow

        row = session.get(CaseRow, case_id)
        assert row is not None
        session.delete(row)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fonts()
    i18n.set_language("nl")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        vault = create_vault(Path(tmp) / "kluis.db", "een lange zin als wachtwoord", TEST_KDF)
        with vault.transaction() as session:
            save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", "c", "k"))
        shot(vault, CHOICE, "zelfstandig", "geen", "andere-laptop", "conflict-view-choice.png")
        shot(vault, NOTES, OFFICE, LAPTOP, "deze-laptop", "conflict-view-text.png", base=BASE)
        vault.lock()
    del app


if __name__ == "__main__":
    main()
