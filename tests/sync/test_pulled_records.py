"""A pulled case is held to the rules of its enforcement records and its PIP history, not only
field by field (attack round 7, findings 1 and 14): what a hostile or older office serves
(a € 10.000.000 decision on a € 50 proposal, a decision without a proposal or dated before
its violation, a first fine of € 800, a lone ``pip.version.7``) is set aside whole, with
its reason in words, and the other records of the case still come in; the page goes on,
in bulk or case by case."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.domain import handhaving as h
from inburg_desktop.services import handhaving as services
from inburg_desktop.storage.changes import field_values
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.quarantine import reason

from ..protocol.test_pip_agenda_rules import signed_items
from .test_apply_page import apply_page, state

OVERTREDING = {
    "soort": "pvt_intensiteit",
    "vastgesteld_op": "2026-10-01",
    "toelichting": "Niet bij het PVT.",
    "verwijtbaarheid": "opzet",
    "bijstand_verlaagd": False,
}
GOOD, BAD = "00000000aaaa", "00000000bbbb"


def voorstel(cents: int) -> dict[str, Any]:
    step = {"code": "fine_proposed", "text": "Voorgesteld: {bedrag}.", "params": {"bedrag": "x"}}
    return {"bedrag_cents": cents, "berekend_op": "2026-10-02", "stappen": [step], "eerdere": []}


def besluit(steps: dict[str, Any], cents: int, **extra: Any) -> dict[str, Any]:
    basis = h.grondslag_of(steps)
    return {
        "opleggen": True,
        "bedrag_cents": cents,
        "reden": "",
        "dagtekening": "2026-10-03",
        "nieuwe_termijn_tot": None,
        "door": {"naam": "C. Een", "id": "C. Een", "tijdstip": "2026-10-03T10:00:00+00:00"},
        "grondslag": {"voorstel_cents": basis.voorstel_cents, "sha256": basis.sha256},
        **extra,
    }


def decided(cents: int, decision_cents: int | None = None, **extra: Any) -> dict[str, Any]:
    steps: dict[str, Any] = {"overtreding": OVERTREDING, "voorstel": voorstel(cents)}
    return {**steps, "besluit": besluit(steps, decision_cents or cents, **extra)}


def fields(record_id: str, steps: dict[str, Any]) -> dict[str, Any]:
    return {h.key(record_id, stap): value for stap, value in steps.items()}


HOSTILE: dict[str, tuple[dict[str, Any], str]] = {
    "fine_10M": (decided(50_00, 1_000_000_000), "hoger dan het voorstel"),
    "no_proposal": (
        {k: v for k, v in decided(50_00).items() if k != "voorstel"},
        "zonder het voorstel",
    ),
    "decision_before_violation": (
        {**decided(50_00), "overtreding": {**OVERTREDING, "vastgesteld_op": "2026-10-05"}},
        "vóór de dag waarop de overtreding",
    ),
    "first_fine_800": (decided(800_00), "hoger dan het Besluit toestaat"),
    "violation_2100": (
        {"overtreding": {**OVERTREDING, "vastgesteld_op": "2100-12-31"}},
        "na de dag waarop hij is vastgelegd",
    ),
}


@pytest.mark.parametrize("bulk", [True, False], ids=["bulk", "case-by-case"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_record_breaking_its_rules_is_set_aside_whole_in_words(
    vault: OpenVault, name: str, bulk: bool
) -> None:
    steps, words = HOSTILE[name]
    pulled = state(1, fields={**fields(GOOD, decided(50_00)), **fields(BAD, steps)})
    assert apply_page(vault, [pulled], bulk=bulk) == len(steps)
    with vault.session() as session:
        stored = field_values(session, pulled.case_id, "handhaving.")
        entries = quarantine(session)
    assert set(stored) == set(fields(GOOD, decided(50_00)))  # the good record came in
    assert {k for e in entries for k in e.field_keys} == set(fields(BAD, steps))
    sentences = {reason(e) for e in entries}
    assert all(words in s and "art." in s for s in sentences), sentences
    data = services.load(vault, pulled.case_id)
    assert [r.id for r in data.records] == [GOOD] and not data.broken


def test_a_record_that_breaks_with_a_stored_step_sets_aside_only_the_pulled_steps(
    vault: OpenVault,
) -> None:
    """A case already here: the office serves a decision of € 10.000.000 for a record whose
    violation and proposal the vault holds; the decision is set aside, the rest stays."""
    first = state(1, fields=fields(BAD, {"overtreding": OVERTREDING, "voorstel": voorstel(50_00)}))
    assert apply_page(vault, [first], bulk=False) == 0
    inflated = decided(50_00, 1_000_000_000)["besluit"]
    again = state(1, fields={h.key(BAD, "besluit"): inflated})
    assert apply_page(vault, [again], bulk=False) == 1
    with vault.session() as session:
        stored = field_values(session, first.case_id, "handhaving.")
    assert h.key(BAD, "besluit") not in stored and h.key(BAD, "voorstel") in stored


@pytest.mark.parametrize(
    "make",
    [
        lambda items: {
            "pip.version.7": {**items["pip.version.1"], "nummer": 7},
            "pip.current": {**items["pip.current"], "version": 7},
        },
        lambda items: {**items, "pip.current": {**items["pip.current"], "version": 5}},
        lambda items: {"pip.version.1": items["pip.version.1"]},
    ],
    ids=["lone-version-7", "pointer-to-5", "no-pointer"],
)
def test_pip_fields_that_form_no_history_are_set_aside(vault: OpenVault, make: Any) -> None:
    pip = make(signed_items())
    pulled = state(1, fields=pip)
    assert apply_page(vault, [pulled], bulk=True) == len(pip)
    with vault.session() as session:
        assert field_values(session, pulled.case_id, "pip.") == {}
        sentences = {reason(e) for e in quarantine(session)}
    assert all("geschiedenis" in s for s in sentences), sentences
