"""Every set-aside field in words, on the laptop and at the office (usability round 6 #22:
a PIP typed in an editor whose case left the laptop showed as "(pip.current,
pip.version.1)" and a JSON dump under "Apart gezet", and at the office as
``pip.current: {"dagtekening": null, …`` cut before the typed provider).

The kind: for every field family (identity, intake, PIP, voortgang, handhaving, agenda,
household) what the laptop's "Apart gezet" window shows (the reason and the values) and
what ``inburg-office apart-gezet`` prints hold no program key and no JSON brace; a
structured value shows only the parts that differ from what the office had, each as
"label: value". Real window, real vault, real office server, the real office command.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.server import admin
from inburg_desktop.server.cli import main as office_main
from inburg_desktop.server.db import Database
from inburg_desktop.services import quarantine_list
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.quarantine_view import QuarantineView

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, new_consultant, sync

WAIT_MS = 30_000

PIP_BEFORE: dict[str, Any] = {
    "nummer": 1,
    "status": "draft",
    "created_on": "2026-11-30",
    "dagtekening": None,
    "signed_on": None,
    "beschikking": {
        "leerroute": "b1",
        "leerroute_intensiteit": {"uren_per_week": 10, "totaal_uren": 600, "aanbieder": ""},
        "begeleiding": [{"soort": "taalmaatje", "omschrijving": "", "aanbieder": "VWN"}],
        "participatie": [{"soort": "vrijwilligerswerk", "totaal_uren": 0, "organisatie": ""}],
    },
    "ontwikkelplan": {"doelen": [], "afspraken": [], "bijgewerkt_op": None},
    "afschaling_a2": False,
}
PIP_TYPED = copy.deepcopy(PIP_BEFORE)
PIP_TYPED["beschikking"]["leerroute_intensiteit"]["aanbieder"] = "Taalhuis Leiden"
POINTER = {"status": "draft", "signed_on": None, "leerroute": "b1", "version": 1}

# field family -> (what the window had not saved, what it had read, a line that must show)
FAMILIES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "identity": (
        {"person.given_names": "Amal Sara", "dates.koppeling": "2026-01-05"},
        {},
        "Voornamen: Amal Sara",
    ),
    "intake": (
        {"intake.opleiding.notes": "zes jaar school in Aleppo"},
        {},
        "zes jaar school in Aleppo",
    ),
    "pip": (
        {"pip.current": POINTER, "pip.version.1": PIP_TYPED},
        {"pip.current": POINTER, "pip.version.1": PIP_BEFORE},
        "PIP – Taalaanbieder: Taalhuis Leiden",
    ),
    "voortgang": (
        {"voortgang.2.notities": "loopt goed", "voortgang.2.afspraak.0.stand": "achter"},
        {},
        "loopt goed",
    ),
    "handhaving": (
        {
            "handhaving.0123456789ab.overtreding": {
                "soort": "pvt_intensiteit",
                "vastgesteld_op": "2026-11-15",
                "toelichting": "niet verschenen bij de PVT",
                "verwijtbaarheid": "geen_opzet_of_grove_schuld",
                "bijstand_verlaagd": False,
            }
        },
        {},
        "niet verschenen bij de PVT",
    ),
    "agenda": (
        {
            "agenda.pip_deadline:2026-12-01": {
                "state": "snoozed",
                "reason": "tolk ziek, nieuwe datum",
                "until": "2026-12-14",
            }
        },
        {
            "agenda.pip_deadline:2026-12-01": {
                "state": "snoozed",
                "reason": "tolk ziek",
                "until": "2026-12-07",
            }
        },
        "tolk ziek, nieuwe datum",
    ),
    "household": (
        {
            "household": [
                {"relation": "partner", "name": "Omar"},
                {"relation": "kind", "name": "Sara"},
            ]
        },
        {"household": [{"relation": "partner", "name": "Omar"}]},
        "Sara",
    ),
}

PROGRAM_WORD = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|\b[a-z]+\.[a-z0-9_:.-]+\b")
"""A key as a program spells it: ``leerroute_intensiteit``, ``pip.current``,
``agenda.pip_deadline:2026-12-01``."""


def _no_program_text(text: str, keys: list[str]) -> None:
    assert "{" not in text and "}" not in text, text
    for key in keys:
        assert key not in text, (key, text)
    assert not PROGRAM_WORD.search(text), PROGRAM_WORD.search(text)


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_set_aside_field_reads_in_words_here_and_at_the_office(
    family: str,
    qtbot: QtBot,
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    typed, held, expected = FAMILIES[family]
    consultant = new_consultant(f"woorden-{family}")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    earlier = [held] if held else []  # what the window had read, where it matters
    assert quarantine_list.set_aside_unsaved(vault, case, "Amal Haddad", typed, *earlier) == len(
        typed
    )

    view = QuarantineView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == 1 and view.tasks.pending == 0)
    shown = view.values.toPlainText()
    assert expected in shown
    _no_program_text(shown + "\n" + view.reason.text(), list(typed))
    if family in ("pip", "agenda", "household"):
        # only what differs from what the office had: not the rest of the plan
        assert "VWN" not in shown and "vrijwilligerswerk" not in shown
        assert "omar" not in shown.lower()

    # the text export for people says the same in words (the JSON export keeps the values)
    exported = tmp_path / "apart-gezet.txt"
    quarantine_list.export(vault, exported, quarantine_list.load(vault).entries, view.label)
    text = exported.read_text("utf-8")
    name, _, value = expected.rpartition(": ")
    assert name in text and value in text
    assert "{" not in text and "pip." not in text

    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Naar kantoor gestuurd" in view.message.text(), timeout=WAIT_MS)
    assert "1 onderdeel" in view.message.text()

    capsys.readouterr()
    assert office_main(["apart-gezet", "--db", db_url, "--aantal", "1000"]) == 0
    printed = capsys.readouterr().out
    ours = printed[printed.rindex(f"  {consultant}  ") :]
    ours = ours.split("\n#")[0]
    fields = "\n".join(ours.splitlines()[1:])  # the header names the case by its number
    # the same words (a text in quotes at the office), on one line
    assert any(name in line and value in line for line in fields.splitlines()), fields
    _no_program_text(fields, list(typed))
