"""The office holds ``pip.version.<n>``, ``pip.current`` and ``agenda.*`` to the laptop's own
rules (attack round 6, findings 8 and 12): a "Vastgesteld door" with terminal escapes, C1
controls and a direction override, a version no laptop can load, a pointer of another
shape, an agenda key that names no item or a state the agenda refuses are refused with a
code and a sentence that name the field, never the value."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from inburg_desktop.domain.pip import Besluitnemer, PipHistory
from inburg_desktop.protocol.field_rules import FieldRefused, check_field

from ..pdf.samples import history

HOSTILE_NAME = "\x1b]0;pwned\x07\x1b[2J\u202eseirV ed ennaS\x85\x9b"
DOOR = Besluitnemer("Sanne de Vries", "consulent-1", "2026-05-11T09:30:00+00:00")


def signed_items(by: str | None = None) -> dict[str, Any]:
    """The stored fields of a signed PIP whose setting records who decided (``by``: that
    office consultant, as id and printed name; default :data:`DOOR`)."""
    h = history(signed=False)
    draft = h.draft
    assert draft is not None
    door = DOOR if by is None else Besluitnemer(by, by, DOOR.tijdstip)
    return h.set_draft(draft.created_on, door).sign(draft.created_on).storage_items()


def amended_items() -> dict[str, Any]:
    """Two set versions and a pending draft: the pointer names the draft."""
    h = history(signed=False)
    draft = h.draft
    assert draft is not None
    h = h.set_draft(draft.created_on, DOOR)
    h = h.with_draft(h.new_draft(draft.beschikking, draft.created_on, reden="Andere route."))
    h = h.set_draft(draft.created_on, DOOR)
    return h.with_draft(h.new_draft(draft.beschikking, draft.created_on)).storage_items()


def refused(key: str, value: Any) -> str:
    with pytest.raises(FieldRefused) as caught:
        check_field(key, value)
    assert caught.value.key == key
    return caught.value.problem


@pytest.mark.parametrize("items", [signed_items(), amended_items(), history().storage_items()])
def test_a_pip_the_app_writes_is_accepted(items: dict[str, Any]) -> None:
    for key, value in items.items():
        check_field(key, value)
    check_field("pip.version.2", None)  # a discarded draft
    check_field("pip.current", None)
    check_field("pip.current", PipHistory().pointer())


def _version(change: str) -> dict[str, Any]:
    value: dict[str, Any] = copy.deepcopy(signed_items()["pip.version.1"])
    if change == "decider escapes":
        value["vastgesteld_door"]["naam"] = HOSTILE_NAME
    elif change == "decider symbol":
        value["vastgesteld_door"]["naam"] = "Sanne ☠ de Vries"
    elif change == "decider blank":
        value["vastgesteld_door"]["naam"] = "\u200b"
    elif change == "toelichting rlo":
        value["beschikking"]["toelichting"] = "Zie \u202ebijlage"
    elif change == "reden csi":
        value["reden"] = "Nieuwe route\x9b2J"
    elif change == "afspraak escape":
        value["ontwikkelplan"]["afspraken"][0]["wat"] = "Bellen\x1b[31m"
    elif change == "unknown key":
        value["extra"] = 1
    elif change == "no such date":
        value["dagtekening"] = "2026-02-30"
    elif change == "other number":
        value["nummer"] = 2
    elif change == "set without dagtekening":
        value["dagtekening"] = None
    return value


@pytest.mark.parametrize(
    "change",
    [
        "decider escapes",
        "decider symbol",
        "decider blank",
        "toelichting rlo",
        "reden csi",
        "afspraak escape",
        "unknown key",
        "no such date",
        "other number",
        "set without dagtekening",
    ],
)
def test_a_version_the_laptop_would_not_print_is_refused(change: str) -> None:
    assert refused("pip.version.1", _version(change)) == "not_pip"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("pip.version.0", None),
        ("pip.version.01", None),
        ("pip.version.1000", None),
        ("pip.version.x", None),
        ("pip.version.1", "a version"),
        ("pip.version.1", []),
    ],
)
def test_a_version_key_or_shape_no_laptop_reads_is_refused(key: str, value: Any) -> None:
    assert refused(key, value) == "not_pip"


def _pointer(**change: Any) -> dict[str, Any]:
    return {**signed_items()["pip.current"], **change}


@pytest.mark.parametrize(
    "value",
    [
        "signed",
        {"status": "none"},
        {"status": "none", "signed_on": "2026-01-01", "leerroute": None, "version": None},
        _pointer(status="vastgesteld"),
        _pointer(version=None),
        _pointer(version=0),
        _pointer(version=True),
        _pointer(leerroute="c1"),
        _pointer(signed_on="11-05-2026"),
        _pointer(dagtekening="2026-13-01"),
        _pointer(draft_version=1),
        _pointer(extra="x"),
    ],
)
def test_a_pointer_of_another_shape_is_refused(value: Any) -> None:
    assert refused("pip.current", value) == "not_pip"


def test_the_refusal_names_the_field_in_words_never_the_value() -> None:
    with pytest.raises(FieldRefused) as caught:
        check_field("pip.version.1", _version("decider escapes"))
    words = caught.value.message_nl
    assert words.startswith("pip.version.1: is geen PIP-versie")
    assert "naamregel" in words
    assert "Vries" not in words and "\x1b" not in words


# --- agenda.* (finding 12) --------------------------------------------------------------

GOOD_AGENDA: list[tuple[str, Any]] = [
    ("agenda.voortgangsgesprek:2026-12-01", {"state": "done", "on": "2026-11-30"}),
    (
        "agenda.pip_deadline:2026-03-16",
        {"state": "snoozed", "reason": "Wacht op de tolk.", "until": "2026-03-10"},
    ),
    ("agenda.oproep_send:2026-01-05", {"state": "planned", "at": "2026-01-06T10:30"}),
    ("agenda.sync_conflicts", {"state": "done", "on": "2026-11-30"}),
    ("agenda.nazorg:2027-06-01", None),
]


@pytest.mark.parametrize(("key", "value"), GOOD_AGENDA)
def test_an_agenda_state_the_app_writes_is_accepted(key: str, value: Any) -> None:
    check_field(key, value)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("agenda.x", "y"),
        ("agenda.x", None),
        ("agenda.voortgangsgesprek:2100-13-01", None),
        ("agenda.voortgangsgesprek:2101-01-01", None),
        ("agenda.voortgangsgesprek:1899-12-31", None),
        ("agenda.voortgangsgesprek:20261201", None),
        ("agenda.pip_deadline:2026-03-16", "done"),
        ("agenda.pip_deadline:2026-03-16", {"state": "done"}),
        ("agenda.pip_deadline:2026-03-16", {"state": "done", "on": "2026-02-30"}),
        (
            "agenda.voortgangsgesprek:2100-12-31",
            {"state": "snoozed", "reason": "\u202eabc", "until": "2026-12-01"},
        ),
        (
            "agenda.voortgangsgesprek:2026-12-31",
            {"state": "snoozed", "reason": "   ", "until": "2026-12-01"},
        ),
        ("agenda.nazorg:2027-06-01", {"state": "planned", "at": "2027-06-01T10:30:15"}),
        ("agenda.nazorg:2027-06-01", {"state": "planned", "at": "2101-06-01T10:30"}),
    ],
)
def test_an_agenda_key_or_state_the_agenda_refuses_is_refused(key: str, value: Any) -> None:
    assert refused(key, value) == "not_agenda"


def test_other_pip_keys_keep_their_own_rules() -> None:
    """``pip.wachten_op_derde`` is no PIP version: the PIP rule does not claim it."""
    check_field("pip.wachten_op_derde", {"reden": "tolk", "sinds": "2026-01-01"})


def test_a_decider_name_that_follows_the_name_rule_is_kept_whatever_its_script() -> None:
    value = copy.deepcopy(signed_items()["pip.version.1"])
    value["vastgesteld_door"]["naam"] = "أمل حداد"
    check_field("pip.version.1", value)
