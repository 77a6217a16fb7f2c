"""Every kind of field shows a conflict the same way: when each side changed, what both
started from and both sides, as the field shows its values (usability round 4 #7).

The round found a choice conflict saying "Wanneer: niet bekend" beside a text conflict
of the same sync that knew its time, and no base for the choice. The cause was not the
kind: the office answers each pushed op with the conflicts of that op's fields, and the
laptop let each answer replace the case's whole list, so a conflict made by an earlier
op of the same case was dropped (its typed moment and common base with it) and came back
by the pull without them. Here each kind is edited in its own op before a second
conflicting op of the same case, on two real laptops and a real office (SQLite and
PostgreSQL), and the real view is read.

Then, per kind with the view on a vault alone: Enter settles nothing from any control,
and after the last conflict nothing of it stays on screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTextEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inburg_desktop.formatting import format_utc_stamp
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import conflicts
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.conflict_view import ConflictView

from ..conftest import LiveServer
from ..sync.test_laptops_office import HANDOVER, enroll_vault, make_vault, new_consultant, sync
from .test_conflict_kinds import with_conflict

OTHER_TEXT = "intake.werk.notes"
OTHER_CHOICE = "intake.digitale_vaardigheden.digid_status"


@dataclass(frozen=True)
class Kind:
    """A field of one kind with a base and both laptops' values, and how the consultant
    reads each (the labels of the shipped catalogue, dates in the UI's long form)."""

    name: str
    key: str
    base: Any
    other: Any
    here: Any
    base_shown: str
    other_shown: str
    here_shown: str
    then: str = OTHER_TEXT
    """A second field, edited in a later op of the same case on both laptops."""


KINDS = [
    Kind(
        "choice",
        "intake.digitale_vaardigheden.niveau",
        "basis",
        "zelfstandig",
        "geen",
        "Basis (bellen, berichten, foto's)",
        "Zelfstandig (e-mail, formulieren, websites)",
        "Geen ervaring",
    ),
    Kind(
        "multichoice",
        "intake.digitale_vaardigheden.eigen_apparaten",
        ["smartphone"],
        ["smartphone", "computer"],
        ["tablet"],
        "Smartphone",
        "Smartphone, Computer of laptop",
        "Tablet",
    ),
    Kind(
        "boolean",
        "intake.fysieke_gezondheid.verwezen",
        False,
        True,
        None,
        "Nee",
        "Ja",
        "(leeg)",
    ),
    Kind(
        "date",
        "intake.leerbaarheid.toets_datum",
        "2026-03-02",
        "2026-03-09",
        "2026-03-16",
        "2 maart 2026",
        "9 maart 2026",
        "16 maart 2026",
    ),
    Kind(
        "integer",
        "intake.opleiding.aantal_jaren",
        6,
        8,
        9,
        "6",
        "8",
        "9",
    ),
    Kind(
        "text",
        "intake.opleiding.notes",
        "school in Homs",
        "school in Homs 6 jaar",
        "school in Homs met diploma",
        "school in Homs",
        "school in Homs 6 jaar",
        "school in Homs met diploma",
        then=OTHER_CHOICE,
    ),
    Kind(
        "household",
        "household",
        [{"relation": "partner", "name": "Omar"}],
        [{"relation": "partner", "name": "Omar"}, {"relation": "kind", "name": "Lina"}],
        [{"relation": "partner", "name": "Omar", "v_nummer": "2222222222"}],
        "Partner: Omar",
        "Partner: Omar\nKind: Lina",
        "Partner: Omar, V 2222222222",
    ),
]
THEN_VALUES = {
    OTHER_TEXT: ("kok", "kok in Aleppo", "kok, 8 jaar"),
    OTHER_CHOICE: ("nee", "aangevraagd", "ja"),
}


def _typed_at(vault: OpenVault, case: str) -> dict[str, datetime]:
    """When each field waiting in the outbox was typed (its entry's moment)."""
    with vault.session() as session:
        rows = session.execute(
            select(OutboxRow.patch, OutboxRow.created_at).where(OutboxRow.case_id == case)
        ).all()
    return {key: at for patch, at in rows for key in json.loads(patch)}


def _view(qtbot: QtBot, vault: OpenVault, count: int) -> ConflictView:
    view = ConflictView(vault)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.items.count() == count and view.tasks.pending == 0)
    return view


def _select(view: ConflictView, key: str) -> None:
    for row in range(view.items.count()):
        view.items.setCurrentRow(row)
        current = view.current()
        if current is not None and current.field_key == key:
            return
    raise AssertionError(f"no conflict on {key}")


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_every_kind_shows_when_base_and_both_sides_alike(
    qtbot: QtBot,
    server: LiveServer,
    office: Database,
    vault: OpenVault,
    tmp_path: Path,
    kind: Kind,
) -> None:
    consultant = new_consultant("soort")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync(vault)
        start, there, here = THEN_VALUES[kind.then]
        with vault.transaction() as session:
            update_fields(session, case, {kind.key: kind.base, kind.then: start})
        sync(vault)
        sync(other)
        with other.transaction() as session:
            update_fields(session, case, {kind.key: kind.other, kind.then: there})
        # this laptop: the field of this kind first, then another field in a later op
        with vault.transaction() as session:
            update_fields(session, case, {kind.key: kind.here})
        with vault.transaction() as session:
            update_fields(session, case, {kind.then: here})
        typed = _typed_at(vault, case)[kind.key]
        sync(other)
        assert sync(vault).conflicts == 2
        view = _view(qtbot, vault, 2)
        _select(view, kind.key)
        shown = format_utc_stamp(typed.isoformat(timespec="seconds"))
        assert view.laptop_when.text() == f"Hier gewijzigd op {shown}"
        assert view.office_when.text().startswith("Op kantoor aangekomen op ")
        assert "niet bekend" not in view.office_when.text() + view.laptop_when.text()
        base = view.findChild(QTextEdit, "baseValue")
        assert base is not None and base.isVisible()
        assert base.toPlainText() == kind.base_shown
        assert view.office.toPlainText() == kind.other_shown
        assert view.laptop.toPlainText() == kind.here_shown
        # the other field of the same case, from the later op, alike
        _select(view, kind.then)
        assert view.laptop_when.text().startswith("Hier gewijzigd op ")
        assert base.isVisible()
    finally:
        other.lock()


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_enter_settles_nothing_and_the_last_one_leaves_nothing_behind(
    qtbot: QtBot, vault: OpenVault, kind: Kind
) -> None:
    """From every control of the pane, Return and Enter keep both values; a choice is
    made by a deliberate key (Space) on a button; then nothing of the conflict stays on
    screen (usability round 4 #7: the last one's sides, hint and buttons stayed)."""
    with_conflict(vault, kind.key, kind.other, kind.here, base=kind.base)
    view = _view(qtbot, vault, 1)
    assert not any(
        b.isDefault() for b in view.findChildren(QAbstractButton) if hasattr(b, "isDefault")
    )
    controls = [
        w
        for w in view.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert view.take_office in controls and view.take_laptop in controls
    for control in controls:
        control.setFocus()
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            qtbot.keyClick(control, key)
            assert view.tasks.pending == 0 and view.isVisible(), control.objectName()
    with vault.session() as session:
        assert len(conflicts(session)) == 1
    view.take_office.setFocus()
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        qtbot.keyClick(view.take_office, Qt.Key.Key_Space)
    assert view.items.count() == 0
    left = [
        w.objectName() or type(w).__name__
        for w in view.findChildren(QWidget)
        if w.isVisible()
        and w is not view.items
        and not view.items.isAncestorOf(w)
        and isinstance(w, QLabel | QTextEdit | QAbstractButton)
        and w.objectName() not in ("noConflicts", "closeConflicts")
    ]
    assert left == []
    # what is left to do is close: Sluiten, the default (usability round 7 #13)
    assert view.close_button.isVisible() and view.close_button.isDefault()
    empty = view.findChild(QLabel, "noConflicts")
    assert empty is not None and empty.isVisible()
    assert empty.text() == "Alle conflicten zijn opgelost; er is niets meer te kiezen."
    # the keyboard is in the view (the list, or Sluiten itself); Enter closes it
    focus = QApplication.focusWidget()
    assert focus is not None and focus in (view.items, view.close_button)
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    assert not view.isVisible()
