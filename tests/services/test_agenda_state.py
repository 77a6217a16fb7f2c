"""A stored agenda state's date is read only as ``YYYY-MM-DD`` (attack round 4: Python
3.11's ``date.fromisoformat`` reads the ten characters of a week date as a day)."""

from __future__ import annotations

import pytest

from inburg_desktop.services.agenda_state import AgendaStateRefused, check_stored


@pytest.mark.parametrize("on", ["2026-W48-1", "2026113000", "٢٠٢٦-11-30"])
def test_a_done_date_in_another_iso_form_is_refused(on: str) -> None:
    with pytest.raises(AgendaStateRefused):
        check_stored({"state": "done", "on": on})


def test_a_done_date_as_written_is_read() -> None:
    assert check_stored({"state": "done", "on": "2026-11-30"}) is not None
