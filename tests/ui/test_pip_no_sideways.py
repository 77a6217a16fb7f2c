"""The PIP editor never scrolls sideways at 1366×768, in Dutch or in English (usability
round 4, finding 19: the English labels are longer and the left panel got a horizontal
scroll bar, with the ends of its lines out of sight). Texts wrap at the panel's width;
the form keeps the width its fields need, also after a rule's flag appears under one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from datetime import date

import pytest
from PySide6.QtWidgets import QScrollArea
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.i18n import current_language, set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

TODAY = date(2026, 11, 2)


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    before = current_language()
    set_language(request.param)
    yield request.param
    set_language(before)


def _sideways(window: PipEditorWindow) -> list[str]:
    """The scroll areas of the side panel and the forms that scroll sideways or would cut
    their content off at the right."""
    side = window.side
    areas = [a for a in (side, *side.findChildren(QScrollArea)) if isinstance(a, QScrollArea)]
    found = []
    for area in (*areas, window.form):
        content = area.widget()
        assert content is not None
        if area.horizontalScrollBar().isVisible():
            found.append(f"{area.objectName() or type(area).__name__}: scroll bar")
        elif content.minimumSizeHint().width() > area.viewport().width():
            found.append(
                f"{area.objectName() or type(area).__name__}: cut off"
                f" ({content.minimumSizeHint().width()} > {area.viewport().width()})"
            )
    return found


def _settled(qtbot: QtBot, window: PipEditorWindow, language: str) -> None:
    """Once the layouts have taken in what was loaded or changed (Qt lays out in posted
    events, a pass may post the next), nothing scrolls sideways."""
    with suppress(TimeoutError):  # said below, with what scrolls
        qtbot.waitUntil(lambda: _sideways(window) == [], timeout=3_000)
    assert _sideways(window) == [], language


def test_the_pip_editor_does_not_scroll_sideways(
    qtbot: QtBot, vault: OpenVault, language: str
) -> None:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        cases = add_demo_cases(session, 12, TODAY)
    window = PipEditorWindow(vault, cases[DRAFT_INDEX], today=TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None, timeout=15_000)
    _settled(qtbot, window, language)
    # The Z-route: the deviations beside the form and the rules' flags under its fields.
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    qtbot.waitUntil(lambda: bool(window.side.exceptions.rows), timeout=5_000)
    _settled(qtbot, window, language)
