"""The office holds a case fact to the enforcement records only when the case has one, and
to the talks only when it has a talk (review of ``push.handhaving_refusal``: a push of a
PIP version or of the BRP registration read every PIP version of the case before finding
there was no record to judge; ``case_rules.talk_refusal`` did the same for talks).
Counted with SQLAlchemy's ``before_cursor_execute`` on the office's own engine, SQLite
and PostgreSQL: what the statements ask for, by their parameters."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from inburg_desktop.domain import handhaving as h
from inburg_desktop.server import admin
from inburg_desktop.server.case_rules import talk_refusal
from inburg_desktop.server.db import Database, lock_counter
from inburg_desktop.server.push import handhaving_refusal

from ..protocol.test_pip_agenda_rules import signed_items
from ..statements import selects
from .conftest import IDENTITY
from .test_record_rules_in_case import RID, decided, record

MOVED_BRP = {"dates.brp_registration": "2026-10-15"}
"""After the violation of :func:`decided` (2026-10-01): a record on the case breaks."""


def _fact_named(value: object) -> bool:
    return isinstance(value, str) and (value in h.FACT_KEYS or value.startswith(h.FACT_PREFIXES))


@contextmanager
def fact_reads(office: Database) -> Iterator[list[str]]:
    """The SELECT statements that ask for a case fact of ``domain.handhaving``."""
    with selects(office.engine) as seen:
        facts: list[str] = []
        yield facts
    facts.extend(text for text, values in seen if any(map(_fact_named, values)))


def _case(office: Database, patch: dict[str, Any]) -> str:
    case_id = str(uuid.uuid4())
    with office.write() as session:
        admin.office_patch(
            session, lock_counter(session), case_id, {**IDENTITY, **patch}, create=True
        )
    return case_id


def test_a_fact_of_a_case_without_records_reads_no_fact(office: Database) -> None:
    items = signed_items()
    case_id = _case(office, items)
    with fact_reads(office) as seen, office.read() as session:
        assert handhaving_refusal(session, case_id, None, MOVED_BRP) is None
        assert (
            handhaving_refusal(session, case_id, None, {"pip.version.1": items["pip.version.1"]})
            is None
        )
    assert seen == []


def test_a_fact_of_a_case_with_a_record_is_still_held_to_it(office: Database) -> None:
    case_id = _case(office, record(RID, decided("C. Een", 50_00)))
    with fact_reads(office) as seen, office.read() as session:
        refused = handhaving_refusal(session, case_id, None, MOVED_BRP)
    assert refused is not None and refused.rule is not None
    assert refused.key == "dates.brp_registration"
    assert len(seen) == 1  # the facts, read once, after the steps


def test_a_step_reads_its_case_facts_with_the_steps(office: Database) -> None:
    case_id = _case(office, {})
    steps = record(RID, decided("C. Een", 50_00))
    with fact_reads(office) as seen, office.read() as session:
        assert handhaving_refusal(session, case_id, None, steps) is None
    assert len(seen) == 1


TALKS = {
    "voortgang.1.gepland": "2026-04-01",
    "voortgang.1.gehouden": "2026-04-02",
    "voortgang.1.pip_versie": 1,
}


def test_a_fact_of_a_case_without_talks_is_not_read_for_the_talk_rule(
    office: Database,
) -> None:
    items = signed_items()
    bare, talked = _case(office, items), _case(office, {**items, **TALKS})
    moved = {"dates.brp_registration": "2026-04-05"}  # after talk 1 was held
    with fact_reads(office) as seen, office.read() as session:
        assert talk_refusal(session, bare, moved) is None
        assert talk_refusal(session, bare, {"pip.version.1": items["pip.version.1"]}) is None
    assert seen == []
    with fact_reads(office) as seen, office.read() as session:
        refused = talk_refusal(session, talked, moved)
    assert refused is not None and refused.key == "dates.brp_registration"
    assert len(seen) == 1
