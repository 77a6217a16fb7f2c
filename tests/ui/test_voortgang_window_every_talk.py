"""The talk window lists every talk the case holds (attack round 6, finding 7): a pulled
talk numbered above the next one to hold (here: notes on talk 5 while talk 1 is not held)
was left out of the list, so its notes could not be seen anywhere."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import SIGNED_INDEX
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.voortgang import TalkWindow

TODAY = date(2026, 11, 2)


def test_a_talk_above_the_next_one_is_listed_and_shows_its_notes(
    qtbot: QtBot, vault: OpenVault
) -> None:
    set_language("nl")
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[SIGNED_INDEX]
        # as a pull of another laptop's talk would store it
        update_fields(session, case_id, {"voortgang.12.notities": "Notitie van kantoor."})
    window = TalkWindow(vault, case_id, today=TODAY)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded, timeout=10000):
        window.show()
    numbers = [window.talk_box.itemData(i) for i in range(window.talk_box.count())]
    assert window.nummer == 1
    assert 12 in numbers
    assert numbers == sorted(numbers)
    window.talk_box.setCurrentIndex(numbers.index(12))
    assert window.nummer == 12
    assert window.notes.toPlainText() == "Notitie van kantoor."
