"""An office that never lets a pull round end (atk3 finding 4: "refetch" on every page,
or "more" with a cursor that does not move) is refused as a broken answer after one
restart, instead of looping for ever and committing a vault transaction per page."""

from __future__ import annotations

import pytest

from inburg_desktop.protocol.messages import PullResponse
from inburg_desktop.storage.sync_state import CURSOR, set_setting
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.sync.transport import ServerError


class _Office:
    """Answers every pull the same way and counts the calls."""

    bytes_sent = bytes_received = 0

    def __init__(self, answer: PullResponse) -> None:
        self.answer = answer
        self.calls = 0

    def pull(self, since: int) -> PullResponse:
        self.calls += 1
        if self.calls > 100:  # the test's own stop: the engine must stop long before
            raise AssertionError("the engine kept pulling")
        return self.answer


@pytest.mark.parametrize(
    "answer",
    [
        PullResponse(cursor=0, more=False, refetch=True),
        PullResponse(cursor=0, more=True),
    ],
    ids=["refetch-for-ever", "more-without-moving"],
)
def test_a_pull_that_never_ends_is_refused_as_a_broken_answer(
    vault: OpenVault, answer: PullResponse
) -> None:
    office = _Office(answer)
    engine = SyncEngine(vault, office)  # type: ignore[arg-type]
    with pytest.raises(ServerError):
        engine.pull()
    assert office.calls <= 2


def test_one_refetch_restarts_from_zero_and_the_round_ends(vault: OpenVault) -> None:
    answers = iter(
        [PullResponse(cursor=0, more=False, refetch=True), PullResponse(cursor=5, more=False)]
    )
    asked: list[int] = []

    class Office:
        bytes_sent = bytes_received = 0

        def pull(self, since: int) -> PullResponse:
            asked.append(since)
            return next(answers)

    with vault.transaction() as session:
        set_setting(session, CURSOR, 3)
    SyncEngine(vault, Office()).pull()  # type: ignore[arg-type]
    assert asked == [3, 0]
