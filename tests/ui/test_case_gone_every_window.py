"""Every window that shows one case closes when a sync takes that case off the laptop.

A window without :class:`CaseGoneGuard` stays open on a case that is no longer here and
takes typing that can never be saved (usability round 7, #11: the enforcement window; the
progress window came later with the same gap). The kind: every window of
``every_window`` that holds a ``case_id`` has a guard watching that case.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.case_gone import CaseGoneGuard

from .every_window import every_window


def test_every_case_window_watches_its_case(
    qtbot: QtBot, vault: OpenVault, vault_path: Path
) -> None:
    unguarded: list[str] = []
    seen = 0
    for shown in every_window(qtbot, vault, vault_path):
        case_id = getattr(shown.window, "case_id", None)
        if not isinstance(case_id, str):
            continue
        seen += 1
        guards = [g for g in shown.window.findChildren(CaseGoneGuard) if g.case_id == case_id]
        if not guards:
            unguarded.append(shown.name)
    assert seen > 0  # the walk reached case windows at all
    assert unguarded == []
