"""One format per kind of date (issue 13 item 15, "dates in mixed formats across
screens"): a case's PIP deadline and its other deadlines read the same in the case list,
the intake's header, Dossiergegevens, the PIP editor and ``inburg case show`` — the
UI's date ("29 dec 2026") — while the decision itself (the PDF) writes the long Dutch
date ("29 december 2026")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.formatting import format_date
from inburg_desktop.services.case_status import status_of
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_table_model import COL_PIP_DEADLINE, ROW_ROLE
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow

PASSPHRASE = "een lange zin als wachtwoord"  # tests/conftest.py
LONG_MONTH = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|juni|juli|augustus|september|oktober|"
    r"november|december) \d{4}\b"
)
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_the_pip_deadline_reads_the_same_on_every_screen(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    today = date.today()
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 2)[1]  # no PIP yet: a PIP deadline
    status = status_of(vault, case_id, today)
    deadline = status.evaluation.deadlines.pip_deadline
    assert deadline is not None
    expected = format_date(deadline)

    main = MainWindow(vault)
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: main.model.rowCount() == 2)
    rows = {
        main.model.data(main.model.index(r, 0), ROW_ROLE).id: r
        for r in range(main.model.rowCount())
    }
    in_list = str(main.model.data(main.model.index(rows[case_id], COL_PIP_DEADLINE)))

    intake = IntakeWindow(vault, case_id, today=today)
    qtbot.addWidget(intake)
    qtbot.waitUntil(lambda: intake.stored is not None)
    in_header = intake.case_status.text()

    details = CaseDetailsDialog(vault, case_id, today=today)
    qtbot.addWidget(details)
    in_details = details.status.text()

    editor = PipEditorWindow(vault, case_id, today=today)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.context is not None)
    in_editor = editor.side.deadlines.text()

    vault.lock()
    env = dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE)
    shown = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", "case", "show", case_id,
         "--vault", str(vault_path)],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    ).stdout  # fmt: skip

    for where, text in (
        ("case list", in_list),
        ("intake header", in_header),
        ("Dossiergegevens", in_details),
        ("PIP editor", in_editor),
        ("inburg case show", shown),
    ):
        assert expected in text, (where, text)
    # the dates of the rows; the law's reasons (the "  • " lines) quote the decision
    rows_only = "\n".join(line for line in shown.splitlines() if not line.startswith("  • "))
    for where, text in (("PIP editor", in_editor), ("inburg case show", rows_only)):
        assert not LONG_MONTH.search(text), (where, text)  # not the decision's long form
        assert not ISO.search(text), (where, text)
