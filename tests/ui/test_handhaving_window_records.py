"""The enforcement window shows a record it cannot read as such while the others work
(attack round 6, finding 1), and says whose fine amounts the proposals use, warning when
the office's could not be read (finding 17). pytest-qt, real widgets."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain import handhaving as records
from inburg_desktop.domain.fine_settings import OFFICE_SETTING
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.i18n import set_language
from inburg_desktop.services import consulent
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.ui.handhaving import HandhavingWindow

TODAY = date(2026, 11, 2)
OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}


def _case(vault: OpenVault, fields: dict[str, Any], office: Any = None) -> str:
    consulent.save_name(vault, "Sanne de Vries")
    with vault.transaction() as session:
        case = add_demo_cases(session, 1, date(2026, 5, 1))[0]
        update_fields(session, case, {"dates.pip_date": "2026-05-11", **fields})
        if office is not None:
            set_setting(session, laptop_key(OFFICE_SETTING), office)
        return case


def _window(qtbot: QtBot, vault: OpenVault, case: str) -> HandhavingWindow:
    set_language("nl")
    shown = HandhavingWindow(vault, case, today=TODAY)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.data is not None)
    return shown


def test_an_unreadable_record_is_listed_as_such_and_the_others_work(
    qtbot: QtBot, vault: OpenVault
) -> None:
    wide = {"code": "x", "text": "{bedrag:>1099511627776}", "params": {"bedrag": "b"}}
    bad = {"bedrag_cents": 5000, "berekend_op": "2026-10-02", "stappen": [wide], "eerdere": []}
    case = _case(
        vault,
        {
            records.key("0123456789ab", "overtreding"): OVERTREDING,
            records.key("0123456789ab", "voorstel"): bad,
            records.key("ba9876543210", "overtreding"): OVERTREDING,
        },
    )
    window = _window(qtbot, vault, case)
    texts = [window.list.item(i).text() for i in range(window.list.count())]
    assert len(texts) == 2
    assert any("kan niet worden gelezen" in t for t in texts)
    good = next(i for i, t in enumerate(texts) if "kan niet worden gelezen" not in t)
    window.list.setCurrentRow(good)
    assert window.decide_button.isEnabled()
    assert "Voorgestelde boete" in window.detail.text()
    window.list.setCurrentRow(1 - good)
    assert not window.decide_button.isEnabled() and not window.pdf_button.isEnabled()
    assert "kan niet worden gelezen" in window.detail.text()


@pytest.mark.parametrize(
    ("office", "words", "warned"),
    [
        (None, "Besluit inburgering 2021", False),
        ({"intake_cents": 10000}, "gepubliceerd door het kantoor", False),
        # a key a newer office adds: the known amounts are kept
        ({"intake_cents": 10000, "intake_herhaling_cents": 5000}, "door het kantoor", False),
        # amounts above the Besluit's: not used, and said
        ({"intake_cents": 1_000_000_00}, "Besluit inburgering 2021", True),
    ],
)
def test_the_window_says_whose_amounts_it_uses(
    qtbot: QtBot, vault: OpenVault, office: Any, words: str, warned: bool
) -> None:
    case = _case(vault, {records.key("ba9876543210", "overtreding"): OVERTREDING}, office)
    window = _window(qtbot, vault, case)
    label = window.findChild(QLabel, "amountsSource")
    assert label is not None and label.isVisible()
    assert words in label.text()
    assert ("Let op" in label.text()) is warned


def test_a_record_breaking_a_rule_is_marked_with_the_rule(qtbot: QtBot, vault: OpenVault) -> None:
    """Attack round 7, finding 1 (``test_hostile_decision_shown``): a decision of
    € 10.000.000 on a € 50 proposal, stored before the pull held records to their rules,
    was shown as "Boete opgelegd" with no sign that it breaks one."""
    step = {"code": "fine_proposed", "text": "Voorgesteld: {bedrag}.", "params": {"bedrag": "x"}}
    voorstel = {"bedrag_cents": 5000, "berekend_op": "2026-10-02", "stappen": [step], "eerdere": []}
    besluit = {
        "opleggen": True,
        "bedrag_cents": 1_000_000_000,
        "reden": "",
        "dagtekening": "2026-10-03",
        "nieuwe_termijn_tot": None,
        "door": {"naam": "C. Een", "id": "C. Een", "tijdstip": "2026-10-03T10:00:00+00:00"},
    }
    rid = "0123456789ab"
    case = _case(
        vault,
        {
            records.key(rid, "overtreding"): OVERTREDING,
            records.key(rid, "voorstel"): voorstel,
            records.key(rid, "besluit"): besluit,
        },
    )
    window = _window(qtbot, vault, case)
    assert window.list.count() == 1 and "klopt niet" in window.list.item(0).text()
    window.list.setCurrentRow(0)
    detail = window.detail.text()
    assert detail.startswith("Deze overtreding klopt als geheel niet")
    assert "hoger dan het voorstel (Besluit art. 7.1)" in detail
    assert "telt niet mee als eerdere boete" in detail
