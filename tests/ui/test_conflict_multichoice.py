"""A conflict on a set of options (multichoice) offers the union of both sides as well as
each side (usability round 3: it kept one side only, so what the other laptop added was
lost), and what is stored is checked like any edit. Real widgets on a real vault."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.sync_state import conflicts
from inburg_desktop.storage.vault import OpenVault

from .test_conflict_kinds import open_view, with_conflict

DEVICES = "intake.digitale_vaardigheden.eigen_apparaten"


def _ticked(view: object) -> list[str]:
    options = view.editor.options  # type: ignore[attr-defined]
    return [
        options.item(row).text()
        for row in range(options.count())
        if options.item(row).checkState() == Qt.CheckState.Checked
    ]


def test_the_union_is_offered_and_stored(qtbot: QtBot, vault: OpenVault) -> None:
    case = with_conflict(vault, DEVICES, ["smartphone"], ["computer", "tablet"], base=[])
    view = open_view(qtbot, vault)
    assert view.editor.shown() is view.editor.options
    assert _ticked(view) == ["Smartphone", "Computer of laptop", "Tablet"]
    assert (
        view.take_merged.isEnabled()
        and view.take_merged.text().replace("&", "") == "Deze keuzes gebruiken"
    )
    assert view.office.toPlainText() == "Smartphone"
    assert view.laptop.toPlainText() == "Computer of laptop, Tablet"
    with qtbot.waitSignal(view.resolved, timeout=10_000):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    with vault.session() as session:
        assert get_case(session, case).fields[DEVICES] == ["smartphone", "computer", "tablet"]
        assert conflicts(session) == []


def test_a_ticked_subset_or_one_side_is_kept(qtbot: QtBot, vault: OpenVault) -> None:
    case = with_conflict(vault, DEVICES, ["smartphone", "geen"], ["computer"])
    view = open_view(qtbot, vault)
    options = view.editor.options
    for row in range(options.count()):
        if options.item(row).text() in ("Geen", "Smartphone"):
            options.item(row).setCheckState(Qt.CheckState.Unchecked)
    with qtbot.waitSignal(view.resolved, timeout=10_000):
        qtbot.mouseClick(view.take_merged, Qt.MouseButton.LeftButton)
    with vault.session() as session:
        assert get_case(session, case).fields[DEVICES] == ["computer"]


def test_a_side_the_field_cannot_hold_cannot_be_kept(qtbot: QtBot, vault: OpenVault) -> None:
    with_conflict(vault, DEVICES, ["fax"], ["tablet"])
    view = open_view(qtbot, vault)
    assert not view.take_office.isEnabled() and view.take_laptop.isEnabled()
    assert _ticked(view) == ["Tablet"]  # no option "fax" to tick
