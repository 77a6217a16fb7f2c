"""The office holds an enforcement record to the rules of its case, not only its own (attack
round 7): the proposal's ceiling recomputed from the record's own violation and earlier
fines, the termijn's total of € 2.400 (finding 2), dates bounded by the push day and the
BRP registration and an art. 23 new term within the termijn (finding 3), the decider's
printed name (finding 4), a grondslag on every new decision (finding 16); the talk rule
rechecks every talk when a related field changes (finding 5); the PIP fields are checked
as a history, with their decider (finding 14). Each row of the round's repro scripts
(``office_fines.py``, ``office_talks.py``, ``office_pip.py``) is refused naming the field;
what the app writes is applied."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from inburg_desktop.domain import handhaving as h
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server.db import Database
from inburg_desktop.sync.transport import SyncClient

from ..protocol.test_pip_agenda_rules import signed_items
from ..sync.test_laptops_office import office_fields
from .conftest import creating, new_case_id

OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}


def voorstel(cents: int, on: str = "2026-10-02") -> dict[str, Any]:
    step = {"code": "fine_proposed", "text": "Voorgesteld: {bedrag}.", "params": {"bedrag": "x"}}
    return {"bedrag_cents": cents, "berekend_op": on, "stappen": [step], "eerdere": []}


def decided(
    who: str, cents: int, overtreding: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    """A record decided by ``who`` on a proposal of ``cents``, with its grondslag."""
    steps: dict[str, Any] = {"overtreding": overtreding or OVERTREDING, "voorstel": voorstel(cents)}
    basis = h.grondslag_of(steps)
    besluit = {
        "opleggen": True,
        "bedrag_cents": cents,
        "reden": "",
        "dagtekening": "2026-10-03",
        "nieuwe_termijn_tot": None,
        "door": {"naam": who, "id": who, "tijdstip": "2026-10-03T10:00:00+00:00"},
        "grondslag": {"voorstel_cents": basis.voorstel_cents, "sha256": basis.sha256},
        **extra,
    }
    return {**steps, "besluit": besluit}


def record(rid: str, steps: dict[str, Any]) -> dict[str, Any]:
    return {h.key(rid, stap): value for stap, value in steps.items()}


def push(laptop: SyncClient, case: str, op_id: int, patch: dict[str, Any]) -> tuple[str, str]:
    base = 0 if op_id == 1 else 1
    body = creating(patch) if op_id == 1 else patch
    (result,) = laptop.push([Op(op_id=op_id, case_id=case, base_version=base, patch=body)]).results
    return result.status, result.message or ""


RID = "00000000abcd"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda who: decided(who, 800_00), "above what the Besluit allows"),  # first fine
        (
            lambda who: decided(who, 800_00, {**OVERTREDING, "verwijtbaarheid": "verminderd"}),
            "above what the Besluit allows",
        ),
        (
            lambda who: {"overtreding": {**OVERTREDING, "vastgesteld_op": "2100-12-31"}},
            "after the day",
        ),
        (lambda who: decided(who, 50_00, dagtekening="2100-12-31"), "after the day"),
        (lambda who: decided(who, 50_00, {**OVERTREDING, "vastgesteld_op": "1900-01-02"}), "BRP"),
        (lambda who: decided(who, 50_00, nieuwe_termijn_tot="2100-12-31"), "inburgeringstermijn"),
        (
            lambda who: (
                {k: v for k, v in decided(who, 50_00).items() if k != "besluit"}
                | {
                    "besluit": {
                        k: v for k, v in decided(who, 50_00)["besluit"].items() if k != "grondslag"
                    }
                }
            ),
            "grondslag",
        ),
        (
            lambda who: (
                decided(who, 50_00)
                | {
                    "besluit": decided(who, 50_00)["besluit"]
                    | {
                        "door": {
                            "naam": "Burgemeester Jansen",
                            "id": who,
                            "tijdstip": "2026-10-03T10:00:00+00:00",
                        }
                    }
                }
            ),
            "another name",
        ),
    ],
    ids=[
        "first-fine-800",
        "verminderd-800",
        "violation-2100",
        "decision-2100",
        "violation-1900",
        "term-2100-art23",
        "no-grondslag",
        "decider-other-name",
    ],
)
def test_a_record_breaking_a_rule_of_its_case_is_refused(
    laptop: SyncClient, office: Database, consultant: str, make: Any, words: str
) -> None:
    case = new_case_id()
    pip = signed_items(by=consultant)  # a termijn: PIP dagtekening in 2026
    first = pip["pip.current"]["dagtekening"]  # the PIP date is the first PIP's dagtekening
    assert push(laptop, case, 1, {**pip, "dates.pip_date": first})[0] == "applied"
    status, message = push(laptop, case, 2, record(RID, make(consultant)))
    assert status == "rejected" and message.startswith(f"handhaving.{RID}.")
    assert words in message, message
    assert not any(k.startswith("handhaving.") for k in office_fields(office, case))


def test_what_the_app_writes_is_applied_and_the_total_is_capped(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    """Nine intake fines of € 250 (€ 2.250) are applied; a tenth (€ 2.500 in total) is
    refused (Besluit art. 7.1: € 2.400 over the termijn), also when it is backdated so
    that another fine would go over."""
    case = new_case_id()
    intake = {**OVERTREDING, "soort": "intake_niet_verschenen", "verwijtbaarheid": None}
    assert push(laptop, case, 1, {})[0] == "applied"
    for n in range(9):
        status, message = push(
            laptop, case, 2 + n, record(f"{n:012x}", decided(consultant, 250_00, intake))
        )
        assert status == "applied", message
    status, message = push(
        laptop, case, 11, record(f"{9:012x}", decided(consultant, 250_00, intake))
    )
    assert status == "rejected" and "total maximum" in message
    early = decided(consultant, 250_00, intake, dagtekening="2026-10-02")
    status, message = push(laptop, case, 12, record(f"{10:012x}", early))
    assert status == "rejected" and "total maximum" in message


def test_moving_the_brp_registration_past_a_record_is_refused(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    case = new_case_id()
    assert push(laptop, case, 1, record(RID, decided(consultant, 50_00)))[0] == "applied"
    status, message = push(laptop, case, 2, {"dates.brp_registration": "2026-10-15"})
    assert status == "rejected" and "BRP" in message


def _talk_case(laptop: SyncClient, consultant: str) -> str:
    case = new_case_id()
    patch = {
        **signed_items(by=consultant),
        "voortgang.1.gepland": "2026-04-01",
        "voortgang.1.gehouden": "2026-04-02",
        "voortgang.1.pip_versie": 1,
        "voortgang.2.gepland": "2026-06-01",
        "voortgang.2.gehouden": "2026-06-02",
        "voortgang.2.pip_versie": 1,
    }
    status, message = push(laptop, case, 1, patch)
    assert status == "applied", message
    return case


@pytest.mark.parametrize(
    ("patch", "field", "words"),
    [
        ({"voortgang.1.gehouden": None}, "voortgang.1.gehouden", "earlier talk is not held"),
        (
            {
                "voortgang.1.gepland": None,
                "voortgang.1.gehouden": None,
                "voortgang.1.pip_versie": None,
            },
            "voortgang.1.gehouden",
            "talk the case does not have",
        ),
        ({"dates.brp_registration": "2026-10-01"}, "dates.brp_registration", "BRP registration"),
        ({"voortgang.1.afspraak.99.stand": "achter"}, "voortgang.1.afspraak.99.stand", "agreement"),
        ({"pip.version.1": None, "pip.current": None}, "pip.current", ""),
    ],
    ids=["lower-talk-unheld", "lower-talk-removed", "brp-moved", "agreement-99", "pip-removed"],
)
def test_a_change_that_leaves_a_talk_contradicting_its_case_is_refused(
    laptop: SyncClient,
    office: Database,
    consultant: str,
    patch: dict[str, Any],
    field: str,
    words: str,
) -> None:
    case = _talk_case(laptop, consultant)
    status, message = push(laptop, case, 2, patch)
    assert status == "rejected" and message.startswith(f"{field}: "), message
    assert words in message


def test_agreement_states_of_the_pip_the_talk_was_held_under_are_applied(
    laptop: SyncClient, office: Database, consultant: str
) -> None:
    case = _talk_case(laptop, consultant)
    count = len(signed_items(by=consultant)["pip.version.1"]["ontwikkelplan"]["afspraken"])
    assert count > 0
    status, message = push(laptop, case, 2, {f"voortgang.2.afspraak.{count - 1}.stand": "achter"})
    assert status == "applied", message


def _version(items: dict[str, Any], **door: str) -> dict[str, Any]:
    version: dict[str, Any] = copy.deepcopy(items["pip.version.1"])
    version["vastgesteld_door"].update(door)
    return version


@pytest.mark.parametrize(
    ("make", "field", "words"),
    [
        (
            lambda items: {**items, "pip.current": {**items["pip.current"], "version": 5}},
            "pip.current",
            "pip.current pointing",
        ),
        (
            lambda items: {
                "pip.version.7": {**items["pip.version.1"], "nummer": 7},
                "pip.current": {**items["pip.current"], "version": 7},
            },
            "pip.current",
            "one history",
        ),
        (
            lambda items: {"pip.version.1": items["pip.version.1"]},
            "pip.version.1",
            "pip.current pointing",
        ),
        (
            lambda items: {**items, "pip.version.1": _version(items, naam="Burgemeester")},
            "pip.version.1",
            "another name",
        ),
        (
            lambda items: {
                **items,
                "pip.version.1": _version(items, naam="C. Twee", consulent_id="C. Twee"),
            },
            "pip.version.1",
            "another consultant",
        ),
    ],
    ids=["pointer-to-5", "lone-version-7", "no-pointer", "decider-name", "decider-other"],
)
def test_pip_fields_are_checked_as_a_history_with_their_decider(
    laptop: SyncClient, office: Database, consultant: str, make: Any, field: str, words: str
) -> None:
    case = new_case_id()
    status, message = push(laptop, case, 1, make(signed_items(by=consultant)))
    assert status == "rejected" and message.startswith(f"{field}: "), message
    assert words in message, message
