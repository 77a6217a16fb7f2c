"""Someone the data say is not plichtig gets no PIP deadline, urgency, termijn or ontzorgen
anywhere the app shows them (Besluit art. 5.3, Wet art. 11 and 15, Participatiewet art.
56a; ``tests/domain/test_not_plichtig.py`` holds the rule's table).

Read back from every place: the case list (text, colour, badge), the intake header, the
Dossiergegevens dialog, the PIP editor's side panel, the PIP PDF (``pdftotext``),
``inburg case show --json`` and ``inburg case list`` (subprocesses on the same vault); a
plichtig person beside them keeps all of it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.domain.pip import Beschikking, Besluitnemer, Ontwikkelplan
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import consulent, pip_service
from inburg_desktop.storage.cases import import_handover
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_details import CaseDetailsDialog
from inburg_desktop.ui.case_table_model import BADGE_ROLE, COL_PIP_DEADLINE, ROW_ROLE
from inburg_desktop.ui.intake.window import IntakeWindow
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip import PipEditorWindow

DOOR = Besluitnemer("Sanne de Vries", "test", "2026-05-11T10:00:00+00:00")


PASSPHRASE = "een lange zin als wachtwoord"
TODAY = date(2026, 11, 29)
# a shown date in any of the app's forms: "10 jan 2027", "10 januari 2027", "2027-01-10"
A_DATE = re.compile(r"\b\d{1,2} [a-z]{3,9}\.? 20\d\d\b|\b20\d\d-\d\d-\d\d\b")


def handover(name: str, nationality: str, basis: str, doelgroep: str, **person: str) -> Any:
    return parse_handover(
        {
            "format": "inburg-handover/1",
            "source": "test",
            "person": {
                "given_names": name,
                "family_name": "Plichttest",
                "date_of_birth": "1996-07-08",
                "nationality": nationality,
                "residence_basis": basis,
                **person,
            },
            "doelgroep": doelgroep,
            "dates": {
                "brp_registration": "2026-10-30",
                "duo_kennisgeving": "2026-11-01",
                "bijstand_start": "2026-10-30",
            },
        }
    )


CASES = {
    # Turkish, permit 2019-06-29, before 2022-01-01: the tester's Emre Yildiz
    "Emre": handover("Emre", "TUR", "gezin", "gezinsmigrant", permit_since="2019-06-29"),
    # EU national on bijstand as statushouder: no ontzorgen either (Wet art. 3 lid 2 a)
    "Eva": handover("Eva", "POL", "asiel", "statushouder"),
}
PLICHTIG = handover("Sami", "SYR", "asiel", "statushouder", permit_since="2026-06-01")


@pytest.fixture
def ids(vault: OpenVault) -> dict[str, str]:
    consulent.save_name(vault, "Sanne de Vries")  # a PIP names its consultant
    with vault.transaction() as session:
        out = {name: import_handover(session, doc) for name, doc in CASES.items()}
        out["Sami"] = import_handover(session, PLICHTIG)
        for case_id in out.values():  # a draft PIP, so the PDF can be read back
            pip_service.save_draft(
                session, case_id, Beschikking(leerroute=Leerroute.B1), Ontwikkelplan(), TODAY
            )
    return out


def test_case_list_gives_no_deadline_and_no_urgency(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str]
) -> None:
    main = MainWindow(vault)
    qtbot.addWidget(main)
    qtbot.waitUntil(lambda: main.model.rowCount() == len(ids))
    model = main.model
    shown = {}
    for row in range(model.rowCount()):
        index = model.index(row, COL_PIP_DEADLINE)
        shown[model.data(index, ROW_ROLE).id] = (
            str(model.data(index)),
            model.data(index, Qt.ItemDataRole.BackgroundRole),
            model.data(index, BADGE_ROLE),
            str(model.data(index, Qt.ItemDataRole.ToolTipRole)),
            model.data(index, ROW_ROLE).deadline_state,
        )
    for name in CASES:
        text, colour, badge, tip, state = shown[ids[name]]
        assert text == "geen (niet plichtig)", name
        assert colour is None and badge is None and state == "niet_plichtig", name
        assert "Besluit art. 5.3" in tip and not A_DATE.search(tip), name
    assert A_DATE.search(shown[ids["Sami"]][0])  # the plichtig one keeps its deadline


def test_intake_header_gives_no_deadline(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str]
) -> None:
    for name in (*CASES, "Sami"):
        window = IntakeWindow(vault, ids[name], today=TODAY)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.loaded, timeout=10000):
            pass
        text = window.case_status.text()
        if name == "Sami":
            assert text.startswith("PIP uiterlijk") and A_DATE.search(text)
        else:
            assert text.startswith("Geen PIP-termijn") and not A_DATE.search(text), text
            assert "niet plichtig" in text


def _rows(html: str) -> dict[str, str]:
    """Label → value of the side tables (adjacent cells of one row), tags stripped."""
    out = {}
    for row in html.split("<tr>")[1:]:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in row.split("</td>")[:2]]
        out[cells[0]] = cells[1]
    return out


PLICHT_ROWS = ("PIP uiterlijk", "Inburgeringstermijn t/m", "Leerroute wijzigen kan t/m")


def test_details_dialog_and_pip_editor_give_no_deadlines(
    qtbot: QtBot, vault: OpenVault, ids: dict[str, str]
) -> None:
    for name in CASES:
        dialog = CaseDetailsDialog(vault, ids[name], today=TODAY)
        qtbot.addWidget(dialog)
        editor = PipEditorWindow(vault, ids[name], today=TODAY)
        qtbot.addWidget(editor)

        def loaded(w: PipEditorWindow = editor) -> bool:
            return w.context is not None

        qtbot.waitUntil(loaded)
        for html in (dialog.status.text(), editor.side.deadlines.text()):
            rows = _rows(html)
            for label, value in rows.items():
                if label.startswith(PLICHT_ROWS) or label.startswith("Ontzorgen"):
                    assert not A_DATE.search(value), (name, label, value)
            pip_row = next(v for k, v in rows.items() if k.startswith("PIP uiterlijk"))
            assert "niet inburgeringsplichtig" in pip_row, (name, pip_row)
        # Wet art. 15 lid 1: the editor says why the PIP cannot be set
        assert "Wet art. 15 lid 1" in editor.side.missing.text(), name
        dialog.reject()


def _pdf_text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def test_pdf_speaks_of_no_termijn_and_the_pip_is_not_set(
    vault: OpenVault, ids: dict[str, str]
) -> None:
    for name in CASES:
        with vault.session() as session:
            text = _pdf_text(render_pip(pip_service.current_document(session, ids[name])))
        assert "bent u niet inburgeringsplichtig" in text, name
        for absent in ("Start inburgeringstermijn", "U hebt 3 jaar", "loopt t/m", "wijzigen kan"):
            assert absent not in text, (name, absent)
        with pytest.raises(pip_service.PipRefused) as refused, vault.transaction() as session:
            pip_service.set_pip(session, ids[name], TODAY, door=DOOR)
        assert refused.value.reasons[0].code == "not_plichtig"
    with vault.session() as session:
        text = _pdf_text(render_pip(pip_service.current_document(session, ids["Sami"])))
    assert "U hebt 3 jaar" in text and "niet inburgeringsplichtig" not in text


def _cli(vault_path: Path, *args: str) -> str:
    env = dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE)
    done = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", *args, "--vault", str(vault_path)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_case_show_and_list_give_null_with_the_reason(
    vault: OpenVault, vault_path: Path, ids: dict[str, str]
) -> None:
    vault.lock()
    for name in CASES:
        doc = json.loads(_cli(vault_path, "case", "show", ids[name], "--json"))
        deadlines = doc["deadlines"]
        assert doc["plichtig"] is False and deadlines["niet_plichtig"] is True
        for key in ("pip_deadline", "termijn_start", "termijn_end", "route_switch_until"):
            assert deadlines[key] is None, (name, key)
        assert deadlines["ontzorgen_until"] is None and deadlines["pip_deadline_basis"] is None
        assert doc["plicht_reason"].startswith("Volgens de vastgelegde gegevens")
    emre = json.loads(_cli(vault_path, "case", "show", ids["Emre"], "--json"))
    assert [w["code"] for w in emre["warnings"]] == ["kennisgeving_niet_plichtig"]
    listed = {row["id"]: row for row in json.loads(_cli(vault_path, "case", "list", "--json"))}
    assert listed[ids["Emre"]]["pip_deadline"] is None and not listed[ids["Emre"]]["plichtig"]
    lines = _cli(vault_path, "case", "list").splitlines()
    for name in (*CASES, "Sami"):
        (line,) = [line for line in lines if line.startswith(ids[name])]
        if name == "Sami":
            assert "PIP uiterlijk 10 jan 2027" in line  # as the app shows dates
        else:
            assert "geen PIP-termijn (niet plichtig" in line and "None" not in line
