"""Who decided, as the office compares it (attack round 7, findings 11 and 13).

* A decision whose decider id is the pushing consultant's name in another Unicode form
  (a laptop that stored its account decomposed) is that consultant's decision.
* A creating op may carry decisions a transferred case brings (``overdracht.besluiten``):
  the decider rule binds a decision this push takes, not one taken elsewhere before the
  case came here. Unmarked, or a decision "by" a colleague of this office dated after
  the case arrives, it is refused whole, and the refused create leaves no case row or
  assignment. SQLite and PostgreSQL offices alike."""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from inburg_desktop.domain.case_document import CARRIED_DECISIONS_KEY
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Assignment, CaseRecord

from ..protocol.test_pip_agenda_rules import signed_items
from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop
from .test_handhaving_records import OVERTREDING, K, _grondslag, _results, besluit, voorstel

PAST = "2026-10-03T10:00:00+00:00"
FUTURE = "2999-01-01T10:00:00+00:00"


def _record(decider: str, tijdstip: str = PAST) -> dict[str, Any]:
    steps: dict[str, Any] = {"overtreding": OVERTREDING, "voorstel": voorstel(5000, "€ 50")}
    decision = besluit(5000, decider, grondslag=_grondslag(steps))
    decision["door"]["tijdstip"] = tijdstip
    return {K("overtreding"): OVERTREDING, K("voorstel"): steps["voorstel"], K("besluit"): decision}


def _nothing_left(office: Database, case: str) -> None:
    with office.read() as session:
        assert session.get(CaseRecord, case) is None
        assert session.scalars(select(Assignment).where(Assignment.case_id == case)).all() == []


def test_a_decider_id_in_another_unicode_form_is_the_same_consultant(
    server: LiveServer, office: Database
) -> None:
    consultant = f"José Ruiz {uuid.uuid4().hex[:6]}"
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    laptop.edit(case, _record(unicodedata.normalize("NFD", consultant)))
    assert _results(laptop)[0][0] == "applied"


def test_a_decider_id_that_only_looks_alike_is_still_refused(
    server: LiveServer, office: Database
) -> None:
    consultant = f"José Ruiz {uuid.uuid4().hex[:6]}"
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    laptop.edit(case, _record(consultant.replace("José", "Jose")))
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")
    _nothing_left(office, case)


@pytest.mark.parametrize(
    ("decider", "tijdstip", "marked", "taken"),
    [
        ("C. Een (gemeente Elders)", PAST, True, True),  # another municipality's consultant
        ("C. Een (gemeente Elders)", FUTURE, True, True),  # not one of this office's
        ("COLLEAGUE", PAST, True, True),  # a colleague's, before the case came here
        ("COLLEAGUE", FUTURE, True, False),  # "taken" after the case came here
        ("C. Een (gemeente Elders)", PAST, False, False),  # not marked: this push's own
    ],
)
def test_a_decision_a_transferred_case_brings_is_kept_as_it_came(
    server: LiveServer,
    office: Database,
    consultant: str,
    decider: str,
    tijdstip: str,
    marked: bool,
    taken: bool,
) -> None:
    colleague = f"collega-{uuid.uuid4().hex[:6]}"
    enroll(server, office, colleague).close()
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch = _record(colleague if decider == "COLLEAGUE" else decider, tijdstip)
    if marked:
        patch[CARRIED_DECISIONS_KEY] = [K("besluit")]
    laptop.edit(case, patch)
    status, error, _message = _results(laptop)[0]
    if taken:
        assert status == "applied"
        other = SimLaptop(enroll(server, office, consultant))
        other.pull()
        assert other.cases[case][K("besluit")] == patch[K("besluit")]
    else:
        assert (status, error) == ("rejected", "invalid_field")
        _nothing_left(office, case)


def test_a_marker_carries_nothing_but_the_decisions_it_names(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch = _record("C. Een (gemeente Elders)")
    patch[CARRIED_DECISIONS_KEY] = [K("voorstel"), "handhaving.ffffffffffff.besluit", 7]
    laptop.edit(case, patch)
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")
    _nothing_left(office, case)
    # and a carried decision still keeps the record rules: € 10.000.000 on € 50
    patch = _record("C. Een (gemeente Elders)")
    patch[K("besluit")]["bedrag_cents"] = 1_000_000_000
    patch[CARRIED_DECISIONS_KEY] = [K("besluit")]
    case = new_case_id()
    laptop.edit(case, patch)
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")
    _nothing_left(office, case)


def test_a_carried_decision_counts_only_in_the_op_that_creates_the_case(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    laptop.edit(case, {K("overtreding"): OVERTREDING})
    laptop.sync()
    rest = _record("C. Een (gemeente Elders)")
    del rest[K("overtreding")]
    laptop.edit(case, {**rest, CARRIED_DECISIONS_KEY: [K("besluit")]})
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")


@pytest.mark.parametrize("marked", [True, False])
def test_a_pip_a_transferred_case_brings_keeps_its_decider(
    server: LiveServer, office: Database, consultant: str, marked: bool
) -> None:
    """A set PIP (a beschikking naming who set it, Wet art. 15) that a case brings from
    another municipality is kept as it came when the transfer marks it; unmarked it is
    this push's own decision, and another's name on it is refused whole."""
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch: dict[str, Any] = dict(signed_items(by="C. Een (gemeente Elders)"))
    if marked:
        patch[CARRIED_DECISIONS_KEY] = sorted(k for k in patch if k.startswith("pip.version."))
    laptop.edit(case, patch)
    status, error, _message = _results(laptop)[0]
    if marked:
        assert status == "applied"
        other = SimLaptop(enroll(server, office, consultant))
        other.pull()
        assert other.cases[case]["pip.version.1"] == patch["pip.version.1"]
    else:
        assert (status, error) == ("rejected", "invalid_field")
        _nothing_left(office, case)
