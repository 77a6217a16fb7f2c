"""A pull page costs the office a fixed number of statements, whatever the caseload and
the page size (issue 14: the page time grew from 57 to 117 ms between 1,000 and 10,000
cases; each case on a page took three more queries). Counted with SQLAlchemy's
``before_cursor_execute`` event on the office's own engine, on SQLite and PostgreSQL.
Also: paging with a small limit through a history of interleaved edits delivers every
field's latest value (the keyset bound must never skip a change)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from inburg_desktop.protocol.messages import PullResponse
from inburg_desktop.server import admin
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.db import Database
from inburg_desktop.server.pull import pull

from .caseload_fill import fill_caseload

STATEMENTS_PER_PAGE = 10
"""committed counter, cases by seq, fields and assignments up to the bound, removals,
settings, and three for the page's cases (heads, fields, conflicts); plus the caseload's
ids on a page from 0."""


@contextmanager
def counted(office: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(office.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(office.engine, "before_cursor_execute", count)


def page(office: Database, who: AuthedDevice, since: int, limit: int) -> tuple[PullResponse, int]:
    with counted(office) as seen, office.read() as session:
        answer = pull(session, who, since, limit)
    return answer, len(seen)


def walk(office: Database, who: AuthedDevice, limit: int) -> tuple[list[PullResponse], list[int]]:
    return walk_from(office, who, 0, limit)


def test_statements_per_page_do_not_grow_with_caseload_or_page_size(
    office: Database, consultant: str
) -> None:
    small = AuthedDevice(id="device-small", consultant=consultant + "-s")
    large = AuthedDevice(id="device-large", consultant=consultant + "-l")
    fill_caseload(office, small.consultant, 40)
    ids = fill_caseload(office, large.consultant, 400)
    fill_caseload(office, consultant + "-other", 200)  # someone else's, interleaved after
    for limit in (10, 100):
        for who, size in ((small, 40), (large, 400)):
            pages, counts = walk(office, who, limit)
            assert sum(len(p.cases) for p in pages) == size
            assert max(counts) <= STATEMENTS_PER_PAGE, (who.consultant, limit, counts)
    # Later pages after edits spread over the caseload: still the same bound.
    last = walk(office, large, 100)[0][-1].cursor
    for case_id in ids[::37]:
        admin.edit_case(office, case_id, {"intake.note3": "gewijzigd"})
    answer, n = page(office, large, last, 5)
    assert n <= STATEMENTS_PER_PAGE
    assert [c.fields["intake.note3"].value for c in answer.cases] == ["gewijzigd"] * 5


def test_small_pages_through_interleaved_edits_deliver_every_latest_value(
    office: Database, consultant: str
) -> None:
    who = AuthedDevice(id="device-walk", consultant=consultant)
    ids = fill_caseload(office, who.consultant, 30, extra_fields=3)
    rng = random.Random(14)
    start = walk(office, who, 500)[0][-1].cursor
    expected: dict[str, dict[str, Any]] = {}
    for n in range(120):
        case_id = rng.choice(ids)
        key = f"intake.note{rng.randrange(3)}"
        admin.edit_case(office, case_id, {key: n})
        expected.setdefault(case_id, {})[key] = n
    for limit in (1, 2, 7):
        got: dict[str, dict[str, Any]] = {}
        pages, _ = walk_from(office, who, start, limit)
        for p in pages:
            for state in p.cases:
                for key, field in state.fields.items():
                    got.setdefault(state.case_id, {})[key] = field.value
        assert got == expected, limit


def walk_from(
    office: Database, who: AuthedDevice, since: int, limit: int
) -> tuple[list[PullResponse], list[int]]:
    pages: list[PullResponse] = []
    counts: list[int] = []
    while True:
        answer, n = page(office, who, since, limit)
        pages.append(answer)
        counts.append(n)
        since = answer.cursor
        if not answer.more:
            return pages, counts
