"""The fine amounts as a setting (domain/fine_settings.py): the Besluit's values unless a
municipality sets its own (Besluit inburgering 2021 art. 7.1); a value that cannot be
right is refused naming the part, on the office before it is published."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.fine_settings import (
    OFFICE_SETTING,
    fine_settings_value,
    parse_fine_settings,
)
from inburg_desktop.domain.fines import FineInvalid, FineSettings, Verwijtbaarheid


def test_left_out_keys_keep_the_besluits_values() -> None:
    assert parse_fine_settings({}) == FineSettings()
    own = parse_fine_settings({"basis_cents": 40_00, "nieuwe_termijn_maxima": [300_00]})
    assert own.basis_cents == 40_00 and own.nieuwe_termijn_maxima == (300_00,)
    assert own.intake_cents == 250_00 and own.maximum_cents == 800_00  # lid 1, lid 3
    assert parse_fine_settings(fine_settings_value(own)) == own


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ([], "amounts"),
        ({"boete": 1}, "boete"),
        ({"basis_cents": "50"}, "basis_cents"),
        ({"basis_cents": True}, "basis_cents"),
        ({"basis_cents": -1}, "basis_cents"),
        ({"basis_cents": 50_00, "maximum_cents": 40_00}, "basis_cents"),  # above the maximum
        ({"percentages": {"opzet": 100}}, "percentages"),
        ({"percentages": {v.value: 101 for v in Verwijtbaarheid}}, "percentages"),
        ({"nieuwe_termijn_maxima": []}, "nieuwe_termijn_maxima"),
    ],
)
def test_refused_naming_the_part(value: Any, field: str) -> None:
    with pytest.raises(FineInvalid) as refused:
        parse_fine_settings(value)
    assert refused.value.code == "fine_settings_invalid"
    assert refused.value.params["field"] == field


def test_the_office_refuses_amounts_laptops_would_ignore(tmp_path: Path) -> None:
    from inburg_desktop.server import admin
    from inburg_desktop.server.db import Database
    from inburg_desktop.server.migrate import upgrade

    db = Database(f"sqlite:///{tmp_path / 'office.db'}")
    upgrade(db.engine)
    try:
        with pytest.raises(admin.AdminError, match="basis_cents"):
            admin.set_setting(db, OFFICE_SETTING, {"basis_cents": "vijftig"})
        admin.set_setting(db, OFFICE_SETTING, {"basis_cents": 40_00})
    finally:
        db.dispose()
