"""Counts in the windows have their plural and the UI language's digits (issue 13 item 10):
"1 dossier", "2 dossiers", "1 minuut", "1,6 kB", "1.200 uur" — in Dutch and in English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from inburg_desktop.counts import count, dutch_count, format_kilobytes
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.app import use_language
from inburg_desktop.ui.intake.session_dialog import SessionDialog
from inburg_desktop.ui.main_window import MainWindow
from inburg_desktop.ui.pip.beschikking_form import BeschikkingForm
from inburg_desktop.ui.sync_window import summary_text


@pytest.fixture(autouse=True)
def _dutch_after(qapp: object) -> Iterator[None]:
    yield
    use_language("nl")


def test_count_picks_the_form_and_formats_the_number() -> None:
    use_language("nl")
    assert count("{n} dossier", "{n} dossiers", 1) == "1 dossier"
    assert count("{n} dossier", "{n} dossiers", 0) == "0 dossiers"
    assert count("{n} dossier", "{n} dossiers", 1200) == "1.200 dossiers"
    assert count("{n} minuut", "{n} minuten", 1.5) == "1,5 minuten"
    assert format_kilobytes(1638) == "1,6"
    use_language("en")
    assert count("{n} dossier", "{n} dossiers", 1) == "1 case"
    assert count("{n} dossier", "{n} dossiers", 1200) == "1,200 cases"
    assert format_kilobytes(1638) == "1.6"
    assert dutch_count("{n} dossier", "{n} dossiers", 1200) == "1.200 dossiers"


def test_sync_summary_says_one_of_each_in_the_singular() -> None:
    text = summary_text(
        RoundReport(
            purged=1,
            conflicts=1,
            bytes_sent=1638,
            fields_sent=1,
            cases_sent=1,
            cases_new=1,
            conflicts_earlier=1,
        )
    ).splitlines()
    assert text[0] == "1 wijziging verstuurd. 1 nieuw dossier van het kantoor."
    assert text[1].startswith("1 dossier staat niet meer op uw lijst en is")
    assert text[2].startswith("Nog 1 conflict van eerder staat open.")
    assert text[-1] == "1,6 kB verstuurd en ontvangen."
    many = summary_text(RoundReport(fields_sent=1200, cases_sent=1, cases_updated=3)).splitlines()
    assert many[0] == "1.200 wijzigingen verstuurd. 3 dossiers bijgewerkt door het kantoor."


def test_the_case_list_status_bar_counts_in_the_singular(qtbot: QtBot, vault: OpenVault) -> None:
    with vault.transaction() as session:
        add_demo_cases(session, 1)
    window = MainWindow(vault)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.statusBar().currentMessage() == "1 dossier"
    # each item has its own letter (ui.mnemonics): the words without it
    idle = [a.text().replace("&", "") for a in window.idle_menu.actions() if a.text()]
    assert idle[0] == "2 minuten"
    window.show_idle_lock(5, 1)
    assert window.idle_office_note.text() == "Het kantoor staat hoogstens 1 minuut toe"


def test_a_one_minute_conversation_says_minuut(qtbot: QtBot) -> None:
    dialog = SessionDialog(date(2026, 3, 2), 1)
    qtbot.addWidget(dialog)
    assert dialog.duration.text() == "1 minuut"
    dialog.duration.setValue(45)
    assert dialog.duration.text() == "45 minuten"


def test_hours_are_written_with_a_thousands_separator(qtbot: QtBot) -> None:
    use_language("nl")
    form = BeschikkingForm()
    qtbot.addWidget(form)
    form.total.setValue(1200)
    assert form.total.text() == "1.200 uur in totaal"
    hours = (form.per_week, form.total, form.pvt_hours, form.map_hours, form.knm_hours)
    assert all(isinstance(s, QSpinBox) and s.isGroupSeparatorShown() for s in hours)


def test_every_number_fields_unit_agrees_with_its_number_in_english(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    """Usability round 3: "1 hours per week". Every spin box of every window whose unit is
    a word reads it in the singular at 1 and in the plural at 2 (abbreviations such as
    "h/week", "h total" excepted); a fixed suffix cannot."""
    from .every_window import every_window

    use_language("en")
    problems: list[str] = []
    for shown in every_window(qtbot, vault, vault_path):
        for spin in shown.window.findChildren(QSpinBox):
            if spin.minimum() > 1 or spin.maximum() < 2 or "/" in spin.suffix():
                continue
            unit = spin.suffix().split()
            if not unit or len(unit[0]) <= 2:  # no unit, or an abbreviation: "h total"
                continue
            kept = spin.value()
            spin.setValue(1)
            one = spin.suffix()
            spin.setValue(2)
            two = spin.suffix()
            spin.setValue(kept)
            if one == two:
                problems.append(f"{shown.name} {spin.accessibleName()!r}: 1{one} / 2{two}")
    assert problems == [], "\n".join(sorted(set(problems)))
