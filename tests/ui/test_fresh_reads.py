"""Which read of a case a window may show (``ui.fresh_reads``): never one that began
before a write of the window began or ended, never one a later read superseded (issue 13:
a recorded oproep vanished when such a read was shown)."""

from __future__ import annotations

import pytest

from inburg_desktop.ui.fresh_reads import FreshReads

# (what happens after the read began, shown?, read again?)
CASES = [
    ("nothing", True, False),
    ("a write begins", False, True),
    ("a write begins and ends", False, True),
    ("a later read begins", False, False),
]


@pytest.mark.parametrize(("between", "shown", "again"), CASES)
def test_a_read_is_shown_only_when_nothing_came_between(
    between: str, shown: bool, again: bool
) -> None:
    reads = FreshReads()
    seen: list[str] = []
    again_asked: list[bool] = []
    receive = reads.read(seen.append, lambda: again_asked.append(True))
    if between.startswith("a write"):
        done, _failed = reads.write(lambda _r: None, lambda _e: None)
        if between.endswith("ends"):
            done(None)
    elif between == "a later read begins":
        reads.read(lambda _r: None, lambda: None)
    receive("the case as read")
    assert (seen == ["the case as read"]) is shown
    assert bool(again_asked) is again


def test_a_failed_write_marks_its_end_too() -> None:
    reads = FreshReads()
    errors: list[BaseException] = []
    _done, failed = reads.write(lambda _r: None, errors.append)
    seen: list[str] = []
    receive = reads.read(seen.append, lambda: None)  # begun while the write was running
    failed(OSError("vol"))
    receive("old")
    assert seen == [] and len(errors) == 1
