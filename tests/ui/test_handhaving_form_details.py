"""The enforcement forms' details (usability round 6 finding 18): "Overtreding vastleggen"
preselected an obligation (the 4th of 6) while Verwijtbaarheid started at "(kies)"; the
window title had an en dash where every other says "—"; the record's kenmerk was a bare
code ("08aa42") unlike the municipality's "INB-…" kenmerk of the PIP."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.boete_document import BoeteDocument
from inburg_desktop.domain.case_label import case_number, enforcement_number, record_number
from inburg_desktop.domain.fines import Overtreding, Verwijtbaarheid
from inburg_desktop.i18n import _, set_language
from inburg_desktop.services import consulent, handhaving
from inburg_desktop.services.handhaving_text import field_label
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.handhaving import HandhavingWindow
from inburg_desktop.ui.handhaving.dialogs import ViolationDialog
from inburg_desktop.ui.placeholders import CHOOSE

from .every_window import every_window

TODAY = date(2026, 9, 2)
SRC = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"


def test_no_obligation_is_chosen_for_the_consultant(qtbot: QtBot) -> None:
    set_language("nl")
    form = ViolationDialog(TODAY)
    qtbot.addWidget(form)
    form.show()
    assert form.kind() is None and form.culpability() is None
    # both choices start at the one placeholder
    assert form.soort.currentText() == form.culpa.currentText() == "— kies —"
    with qtbot.assertNotEmitted(form.submitted):
        form.toelichting.setPlainText("Drie PVT-bijeenkomsten niet gekomen.")
        form.submit()
    assert "Kies welke verplichting" in form.message.text()


def test_every_empty_choice_shows_the_one_placeholder(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """No combo of any window asks to choose another way than the placeholders in the
    same style ("— kies —", "— kies een leerroute —")."""
    set_language("nl")
    odd: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        for combo in shown.window.findChildren(QComboBox):
            for index in range(combo.count()):
                text = combo.itemText(index)
                asks = combo.itemData(index) is None and "kies" in text.casefold()
                if asks and not (text.startswith("— ") and text.endswith(" —")):
                    odd.append(f"{shown.name}: {combo.objectName()} {text!r}")
    assert odd == []
    # and the plain one is written once, in ui/placeholders.py
    written = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        for text in [path.read_text(encoding="utf-8")]
        if '_("— kies —")' in text or '_("(kies)")' in text or 'N_("— kies —")' in text
    ]
    assert written == ["ui/placeholders.py"]
    assert _(CHOOSE) == "— kies —"


def test_every_window_title_names_its_case_with_the_same_dash(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    set_language("nl")
    titles = [s.window.windowTitle() for s in every_window(qtbot, vault, vault_path)]
    assert [t for t in titles if " – " in t or " - " in t] == []
    assert any(t.startswith("Handhaving — ") for t in titles)


def test_the_kenmerk_is_the_municipalitys_on_screen_and_in_the_letter(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("nl")
    from inburg_desktop.demo.fill import add_demo_cases

    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 1, date(2026, 5, 1))[0]
    given = handhaving.OvertredingInput(
        Overtreding.PVT_INTENSITEIT, TODAY, "Niet gekomen.", Verwijtbaarheid.OPZET
    )
    handhaving.record_violation(vault, case_id, given, TODAY)
    (record,) = handhaving.load(vault, case_id).records
    kenmerk = enforcement_number(case_id, record.id)
    assert re.fullmatch(r"INB-[0-9A-F]{8}-H-[0-9A-F]{6}", kenmerk)
    assert kenmerk.startswith(case_number(case_id) + "-")  # the PIP's kenmerk, then H-…
    window = HandhavingWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.data is not None and window.list.count() == 1)
    assert f"Kenmerk: {kenmerk}" in window.detail.text().split("\n")
    handhaving.decide(
        vault,
        case_id,
        record.id,
        handhaving.BesluitInput(opleggen=True, bedrag_cents=50_00, reden="", dagtekening=TODAY),
    )
    letters: list[BoeteDocument] = []

    def render(document: BoeteDocument) -> bytes:
        letters.append(document)
        return b"%PDF-1.4\n"

    handhaving.export_letter(vault, case_id, record.id, render, Path(qtbot_tmp(vault)))
    assert letters[0].kenmerk == kenmerk  # the letter says what the screen says
    label = field_label(f"handhaving.{record.id}.besluit")
    assert label == f"Handhaving {record_number(record.id)}: besluit"


def qtbot_tmp(vault: OpenVault) -> str:
    return str(Path(vault.path).parent / "letter.pdf")


def test_a_stored_id_of_any_release_reads_as_a_kenmerk() -> None:
    case = "0b0e7e4e-1111-2222-3333-444455556666"
    assert enforcement_number(case, "08aa42e1c3d0") == "INB-0B0E7E4E-H-08AA42"
    # a letter of an earlier release printed the same digits in lower case
    assert enforcement_number(case, "08aa42e1c3d0").casefold() == "inb-0b0e7e4e-h-08aa42"


def test_a_greyed_culpability_says_why_beside_it(qtbot: QtBot) -> None:
    """Usability round 7, finding 8: Verwijtbaarheid was greyed for the intake fines
    without a word why. Beside it: when it counts (Besluit art. 7.1 lid 4), and the
    intake fine's fixed amount with its article. Always shown, the same for every kind:
    a line that came only for the intake kinds kept its room empty otherwise, an empty
    band (usability round 9, finding 19)."""
    set_language("nl")
    form = ViolationDialog(TODAY)
    qtbot.addWidget(form)
    form.show()
    note = form.culpa_note
    said = note.text()
    assert "€\N{NO-BREAK SPACE}250,00" in said and "art. 7.1 lid 1" in said
    assert "Wet art. 23 (Besluit inburgering 2021 art. 7.1 lid 4)" in said
    for soort in Overtreding:
        form.soort.setCurrentIndex(form.soort.findData(soort))
        assert form.culpa.isEnabled() is not soort.artikel_22
        assert note.text() == said and note.isVisible()
