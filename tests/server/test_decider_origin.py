"""Who decided, as the office compares it (attack round 7, findings 11 and 13).

* A decision whose decider id is the pushing consultant's name in another Unicode form
  (a laptop that stored its account decomposed) is that consultant's decision.
* Attack round 8, finding 9: the transfer marker (``overdracht.besluiten``) in a push
  lifted the decider rule for any decision it named, so a laptop could print anyone as
  the decider of a decision it takes now. Only a transfer imported at the office
  (``inburg-office case import``, ``tests/server/test_case_transfer.py``) keeps decisions
  taken by someone else; the marker in a push is refused whole, whatever it names, and a
  refused create leaves no case row or assignment. SQLite and PostgreSQL offices alike."""

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
    ("decider", "tijdstip", "marked"),
    [
        ("C. Een (gemeente Elders)", PAST, True),  # "another municipality's consultant"
        ("C. Een (gemeente Elders)", FUTURE, True),  # not one of this office's
        ("COLLEAGUE", PAST, True),  # a colleague's, "before the case came here"
        ("COLLEAGUE", FUTURE, True),
        ("C. Een (gemeente Elders)", PAST, False),  # not marked: this push's own
    ],
)
def test_a_push_never_carries_a_decision_by_someone_else(
    server: LiveServer,
    office: Database,
    consultant: str,
    decider: str,
    tijdstip: str,
    marked: bool,
) -> None:
    colleague = f"collega-{uuid.uuid4().hex[:6]}"
    enroll(server, office, colleague).close()
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch = _record(colleague if decider == "COLLEAGUE" else decider, tijdstip)
    if marked:
        patch[CARRIED_DECISIONS_KEY] = [K("besluit")]
    laptop.edit(case, patch)
    status, error, message = _results(laptop)[0]
    assert (status, error) == ("rejected", "invalid_field")
    if marked:
        assert str(message).startswith(CARRIED_DECISIONS_KEY)
        assert "inburg-office case import" in str(message)
    _nothing_left(office, case)


def test_the_marker_is_refused_in_any_op_even_naming_nothing(
    server: LiveServer, office: Database, consultant: str
) -> None:
    """The marker of a push is refused as such, also when the op's own decision is the
    pushing consultant's and the marker names nothing (it would stay with the case and
    read as a transfer's later)."""
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch = _record(consultant)
    patch[CARRIED_DECISIONS_KEY] = []
    laptop.edit(case, patch)
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")
    _nothing_left(office, case)
    del patch[CARRIED_DECISIONS_KEY]
    case = new_case_id()
    laptop.edit(case, patch)
    assert _results(laptop)[0][0] == "applied"
    laptop.edit(case, {CARRIED_DECISIONS_KEY: [K("besluit")]})
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")


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
def test_a_pip_set_by_someone_else_is_refused_in_a_push(
    server: LiveServer, office: Database, consultant: str, marked: bool
) -> None:
    """A set PIP (a beschikking naming who set it, Wet art. 15) naming another decider is
    refused whole, marked as carried by a transfer or not: a transfer that brings one is
    imported at the office."""
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    patch: dict[str, Any] = dict(signed_items(by="C. Een (gemeente Elders)"))
    if marked:
        patch[CARRIED_DECISIONS_KEY] = sorted(k for k in patch if k.startswith("pip.version."))
    laptop.edit(case, patch)
    assert _results(laptop)[0][:2] == ("rejected", "invalid_field")
    _nothing_left(office, case)
