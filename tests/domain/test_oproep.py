"""Oproepen, table-driven. Wet inburgering 2021 art. 14 lid 1-2: the municipality calls the
person in with a date; on no show or no cooperation a written warning, a new oproep and
date; after three oproepen the intake is completed without them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inburg_desktop.domain.oproep import Oproep, OproepUitkomst, oproep_status

V, NV, NM = (
    OproepUitkomst.VERSCHENEN,
    OproepUitkomst.NIET_VERSCHENEN,
    OproepUitkomst.NIET_MEEGEWERKT,
)
START = date(2026, 3, 2)


def calls(*rows: tuple[OproepUitkomst | None, bool]) -> list[Oproep]:
    return [
        Oproep(START + timedelta(days=14 * n), START + timedelta(days=14 * n + 7), outcome, warned)
        for n, (outcome, warned) in enumerate(rows)
    ]


CASES = [
    # (oproepen, may complete without the person, run, advice code)
    pytest.param([], False, 0, None, id="none yet"),
    pytest.param(calls((None, False)), False, 0, None, id="one pending"),
    pytest.param(calls((V, False)), False, 0, None, id="appeared"),
    pytest.param(calls((NV, False)), False, 1, "send_warning", id="no show: warn (lid 2)"),
    pytest.param(calls((NV, True)), False, 1, "new_oproep", id="warned: new oproep and date"),
    pytest.param(calls((NV, True), (NM, True)), False, 2, "new_oproep", id="two without result"),
    pytest.param(
        calls((NV, True), (NV, True), (NM, True)),
        True,
        3,
        "complete_without_person",
        id="three oproepen: complete without them (lid 2)",
    ),
    pytest.param(
        calls((NV, True), (NV, True), (NV, False), (NV, False)),
        True,
        4,
        "complete_without_person",
        id="more than three",
    ),
    pytest.param(
        calls((NV, True), (NV, True), (V, False), (NV, False)),
        False,
        1,
        "send_warning",
        id="appeared in between: counting starts again",
    ),
    pytest.param(
        calls((NV, True), (NV, True), (None, False)),
        False,
        2,
        None,
        id="third still pending",
    ),
]


@pytest.mark.parametrize(("oproepen", "may_complete", "run", "code"), CASES)
def test_oproep_rule(
    oproepen: list[Oproep], may_complete: bool, run: int, code: str | None
) -> None:
    status = oproep_status(oproepen, plichtig=True)
    assert status.may_complete_without_person is may_complete
    assert status.without_result_in_a_row == run
    assert status.total == len(oproepen)
    assert (status.advice.code if status.advice else None) == code
    if status.advice:
        assert "Wet art. 14" in status.advice.render() or code == "new_oproep"


def test_order_of_recording_does_not_matter() -> None:
    rows = calls((NV, True), (NV, True), (NM, True))
    assert oproep_status(reversed(rows), plichtig=True).may_complete_without_person
