"""What the pull cursor tells a device of the rest of the office (attack round 3 #7; the
decision and its reasons: docs/threat-model.md, "A curious colleague"): the cursor moves
with every change anywhere, so a device learns how many changes the office had, but
nothing of which case or whose: its page is the same whichever other caseload changed."""

from __future__ import annotations

import uuid
from pathlib import Path

from inburg_desktop.protocol.messages import PullResponse
from inburg_desktop.server import admin
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.pull import pull

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"


def _pull(office: Database, who: AuthedDevice, since: int) -> PullResponse:
    with office.read() as session:
        return pull(session, who, since, 100)


def _without_cursor(page: PullResponse) -> dict[str, object]:
    return page.model_dump(exclude={"cursor"})


def test_other_caseloads_move_the_cursor_and_nothing_else(office: Database) -> None:
    tag = uuid.uuid4().hex[:8]
    watcher = AuthedDevice(id=f"kijker-{tag}", consultant=f"consulent-kijker-{tag}")
    mine = admin.import_handover(office, HANDOVER.read_bytes(), watcher.consultant)
    others = [
        admin.import_handover(office, HANDOVER.read_bytes(), f"consulent-{n}-{tag}")
        for n in range(2)
    ]
    cursor = _pull(office, watcher, 0).cursor

    answers = []
    for case in others:  # the same amount of work, on two different caseloads
        for n in range(3):
            admin.edit_case(office, case, {"intake.werk.notes": f"versie {n}"})
        page = _pull(office, watcher, cursor)
        assert page.cursor > cursor  # the count of changes is what leaks
        cursor = page.cursor
        answers.append(page)

    for page in answers:
        assert page.cases == [] and page.removals == [] and page.settings == {}
        dumped = page.model_dump_json()
        assert all(case not in dumped for case in others) and mine not in dumped
    # Which caseload changed cannot be told apart from the answers.
    assert _without_cursor(answers[0]) == _without_cursor(answers[1])
