"""Whose fine amounts the proposal uses (attack round 6, finding 17): an office setting with
a key this version does not know keeps the municipality's known amounts (it was dropped
whole: EUR 250 instead of the municipality's EUR 100), and one that cannot be read is
reported, logged without its value."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.fine_settings import OFFICE_SETTING
from inburg_desktop.domain.fines import Overtreding
from inburg_desktop.domain.office_settings import laptop_key
from inburg_desktop.services import handhaving
from inburg_desktop.services.handhaving import OvertredingInput
from inburg_desktop.storage.sync_state import set_setting
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 11, 2)


def _intake_proposal(vault: OpenVault, office: Any) -> tuple[int, handhaving.HandhavingData]:
    with vault.transaction() as session:
        case = add_demo_cases(session, 1, date(2026, 5, 1))[0]
        set_setting(session, laptop_key(OFFICE_SETTING), office)
    given = OvertredingInput(Overtreding.INTAKE_NIET_VERSCHENEN, date(2026, 10, 1), "Niet gekomen.")
    (record,) = handhaving.record_violation(vault, case, given, TODAY).records
    data = handhaving.load(vault, case)
    return handhaving.compute_proposal(data, record.id, TODAY).bedrag_cents, data


def test_a_key_a_newer_office_adds_keeps_the_municipalitys_amounts(
    vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    office = {"intake_cents": 100_00, "intake_herhaling_cents": 50_00}
    amount, data = _intake_proposal(vault, office)
    assert amount == 100_00
    assert (data.settings_source, data.office_settings_unread) == ("office", False)
    assert "intake_herhaling_cents" in caplog.text and "5000" not in caplog.text


def test_an_office_setting_that_cannot_be_read_is_reported(
    vault: OpenVault, caplog: pytest.LogCaptureFixture
) -> None:
    amount, data = _intake_proposal(vault, {"intake_cents": 1_000_000_00})
    assert amount == 250_00  # the Besluit's, not EUR 1.000.000
    assert (data.settings_source, data.office_settings_unread) == ("besluit", True)
    assert "fine_settings_above_besluit" in caplog.text and "100000000" not in caplog.text
