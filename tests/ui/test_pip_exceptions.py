"""Exceptions the Besluit allows, in the PIP editor (issue 11, item 4): a leerroute change
after the 18 months (Besluit art. 5.4 lid 2–3) is warned about, names its grounds, and is
set only with the consultant's ground and motivering, which are kept with the version. On
the last day of the window (t/m) no exception is needed; the day after, it is."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inburg_desktop.domain.pip import Uitzondering, UitzonderingGrond
from inburg_desktop.services import consulent, pip_service
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.pip import PipEditorWindow

from .law_cases import LAW_CASES, add_law_cases
from .pip_confirm import CONSULENT, open_confirmation, set_through_confirmation

LEFT = Qt.MouseButton.LeftButton
GEZINA = next(i for i, c in enumerate(LAW_CASES) if c.name == "Gezina")  # PIP 2026-05-11
LAST_DAY = date(2027, 11, 11)  # route change t/m (Besluit art. 5.4 lid 1)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    consulent.save_name(vault, CONSULENT)
    with vault.transaction() as session:
        return add_law_cases(session)[GEZINA]


def _amend_to_z(qtbot: QtBot, vault: OpenVault, case_id: str, today: date) -> PipEditorWindow:
    window = PipEditorWindow(vault, case_id, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.context is not None)
    qtbot.mouseClick(window.amend_button, LEFT)
    qtbot.keyClicks(window.reason, "Leren gaat veel langzamer dan verwacht")
    form = window.form
    form.route.setCurrentIndex(form.route.findData("z"))
    form.knm.setCurrentIndex(form.knm.findData("eindgesprek"))
    return window


def test_route_change_on_the_last_day_needs_no_exception(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    window = _amend_to_z(qtbot, vault, case_id, LAST_DAY)
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    assert window.side.exceptions.codes == ()
    assert not window.side.exceptions.isVisible()


def test_route_change_the_day_after_needs_a_ground_and_motivering(
    qtbot: QtBot, vault: OpenVault, case_id: str
) -> None:
    day_after = date(2027, 11, 12)
    window = _amend_to_z(qtbot, vault, case_id, day_after)
    box = window.side.exceptions
    qtbot.waitUntil(lambda: box.codes == ("route_switch_after_window",))
    assert box.isVisible()
    warning = box.rows[0]
    grounds = [warning.ground.itemText(i) for i in range(1, warning.ground.count())]
    assert grounds == [
        "Opleiding zonder vrijstelling afgerond of afgebroken (Besluit art. 5.4 lid 2)",
        "Een bijzonder geval (Besluit art. 5.4 lid 3)",
    ]
    missing = " ".join(window.side.missing_texts)
    assert "Leg de grond en de motivering vast" in missing
    assert "11 november 2027" in missing  # the window's last day, t/m
    # setting is refused, in words, and nothing is stored
    dialog = open_confirmation(qtbot, window)
    assert not dialog.confirm_button.isEnabled()
    assert "Besluit art. 5.4" in dialog.why_disabled.text()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    qtbot.waitUntil(lambda: window.confirm_dialog is None)
    with vault.session() as session:
        assert get_case(session, case_id).field("pip.current")["version"] == 1
    # the ground and the motivering, typed like a consultant does
    warning.ground.setCurrentIndex(warning.ground.findData("besluit_5_4_lid_3"))
    qtbot.keyClicks(warning.motivering, "Langdurige ziekte, advies bedrijfsarts")
    qtbot.waitUntil(lambda: window.side.missing_texts == [])
    assert box.codes == ("route_switch_after_window",)  # still shown: the decision deviates
    set_through_confirmation(qtbot, window)
    with vault.session() as session:
        history = pip_service.load_history(get_case(session, case_id))
    version = history.in_force
    assert version is not None and version.nummer == 2 and version.dagtekening == day_after
    assert version.uitzonderingen == (
        Uitzondering(
            "route_switch_after_window",
            UitzonderingGrond.BESLUIT_5_4_LID_3,
            "Langdurige ziekte, advies bedrijfsarts",
        ),
    )
    assert history.pip_date == date(2026, 5, 11)  # Wet art. 11: the termijn did not move
