"""The one rule for a typed time (usability round 6 finding 21: "1430" and "14:30" could
not be typed into the agenda's "Tijd"): every way a consultant writes a time is one time,
everything else is refused with a code that says why."""

from __future__ import annotations

from datetime import time

import pytest

from inburg_desktop.domain.typed_time import TimeTypedRefused, read_typed_time
from inburg_desktop.messages import error_text


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1430", time(14, 30)),
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("14 30", time(14, 30)),
        ("14u30", time(14, 30)),
        ("14.30 uur", time(14, 30)),
        (" 14:30 ", time(14, 30)),
        ("930", time(9, 30)),
        ("9:30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("0930", time(9, 30)),
        ("9", time(9, 0)),
        ("14", time(14, 0)),
        ("14 uur", time(14, 0)),
        ("14u", time(14, 0)),
        ("0", time(0, 0)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("2359", time(23, 59)),
        ("", None),
        ("   ", None),
    ],
)
def test_every_way_a_time_is_written_reads_as_that_time(typed: str, read: time | None) -> None:
    assert read_typed_time(typed) == read


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("24:00", "time_typed_no_such_time", {"hour": "24", "minute": "00"}),
        ("2400", "time_typed_no_such_time", {"hour": "24", "minute": "00"}),
        ("14:75", "time_typed_no_such_time", {"hour": "14", "minute": "75"}),
        ("25", "time_typed_no_such_time", {"hour": "25", "minute": "00"}),
        ("14:3", "time_typed_unreadable", {}),
        ("14:", "time_typed_unreadable", {}),
        ("14:30:15", "time_typed_unreadable", {}),
        ("12345", "time_typed_unreadable", {}),
        ("half drie", "time_typed_unreadable", {}),
        ("14-30", "time_typed_unreadable", {}),
        ("١٤:٣٠", "time_typed_foreign_digits", {"char": "١"}),
        ("14:３0", "time_typed_foreign_digits", {"char": "３"}),
    ],
)
def test_what_is_no_time_is_refused_with_its_reason(
    typed: str, code: str, params: dict[str, str]
) -> None:
    with pytest.raises(TimeTypedRefused) as refused:
        read_typed_time(typed)
    assert refused.value.code == code
    assert dict(refused.value.params) == params
    text = error_text(refused.value)
    assert text and "{" not in text and code not in text  # a sentence, not a code
