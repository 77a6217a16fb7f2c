"""The office's field rules (``protocol/field_rules.py``) never let through what a laptop's
storage refuses, and are not stricter than the handover format (property-based)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import StatementError

from inburg_desktop.demo.fill import handover_doc
from inburg_desktop.demo.people import PEOPLE
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.protocol.field_rules import (
    IDENTITY_KEYS,
    REQUIRED_KEYS,
    FieldRefused,
    check_field,
    check_patch,
)
from inburg_desktop.storage.cases import handover_patch
from inburg_desktop.storage.changes import PatchError, apply_patch, create_case
from inburg_desktop.storage.vault import OpenVault

from ..server.laptop_sim import IDENTITY


def test_every_demo_handover_is_accepted() -> None:
    """The rules are not stricter than the handover format: real imports still go in."""
    for index, person in enumerate(PEOPLE):
        patch, _meta = handover_patch(parse_handover(handover_doc(person, index, date.today())))
        check_patch(patch, creating=True)


# --- the office's rules never let through what the laptop's storage refuses -------------

dates = st.one_of(
    st.dates(min_value=date(1850, 1, 1), max_value=date(2150, 1, 1)).map(date.isoformat),
    st.sampled_from(["2026-02-30", "17-05-1994", "20260302", "2026-W10-1", "", "2026-1-5"]),
    st.integers(),
    st.none(),
)
texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["Amal", "SYR", "ar", "nl-NL", "1234567890", "123456789", "statushouder"]),
    st.none(),
    st.integers(),
    st.lists(st.text(max_size=3), max_size=3),
)
values_for = {key: dates if key.startswith("dates.") or key.endswith("date_of_birth") else texts
              for key in IDENTITY_KEYS}  # fmt: skip
identity_patches = st.fixed_dictionaries(
    {},
    optional={
        **{key: strategy for key, strategy in values_for.items()},
        "person.unknown": texts,
        "dates.unknown": dates,
    },
)

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _Undo(Exception):
    """Rolls the trial write back: the laptop accepted it, nothing is kept."""


def _laptop_accepts(vault: OpenVault, build: Any) -> bool:
    try:
        with vault.transaction() as session:  # a write transaction (reads are query_only)
            build(session)
            session.flush()
            raise _Undo
    except _Undo:
        return True
    except (PatchError, ValueError, StatementError):
        return False


@SETTINGS
@given(patch=identity_patches)
def test_what_the_office_creates_a_laptop_can_create(
    vault: OpenVault, patch: dict[str, Any]
) -> None:
    full = {**IDENTITY, **patch}
    try:
        check_patch(full, creating=True)
    except FieldRefused:
        return
    case_id = str(uuid.uuid4())
    assert _laptop_accepts(
        vault, lambda s: create_case(s, case_id, full, source="office", origin="remote")
    ), full


@SETTINGS
@given(patch=identity_patches)
def test_what_the_office_applies_a_laptop_can_apply(
    vault: OpenVault, patch: dict[str, Any]
) -> None:
    try:
        check_patch(patch, creating=False)
    except FieldRefused:
        return
    case_id = str(uuid.uuid4())

    def update_then_pull_fresh(session: Any) -> None:
        create_case(session, case_id, IDENTITY, source="office", origin="remote")
        apply_patch(session, case_id, patch, origin="remote")
        # A second laptop pulls the whole case at once.
        create_case(session, str(uuid.uuid4()), {**IDENTITY, **patch}, origin="remote")

    assert _laptop_accepts(vault, update_then_pull_fresh), patch


def test_required_keys_match_the_laptop() -> None:
    from inburg_desktop.storage.changes import (
        DATE_COLUMNS,
        REQUIRED_COLUMNS,
        TEXT_COLUMNS,
    )

    assert REQUIRED_COLUMNS == REQUIRED_KEYS
    assert set(DATE_COLUMNS) | set(TEXT_COLUMNS) | {"person.languages"} == IDENTITY_KEYS


INVISIBLE_NAMES = ["\u115f", "\u3164", "\u034f", "\u2800", "\u3164\u3164", "Ha\u034fddad"]


def test_the_office_refuses_names_that_show_nothing_or_hide_a_blank() -> None:
    """Attack round 2 finding 6: the office holds the handover's name rule too, so a
    laptop's edit or an office import cannot bring in an invisible name."""
    for key in ("person.given_names", "person.family_name"):
        for name in INVISIBLE_NAMES:
            try:
                check_patch({key: name}, creating=False)
            except FieldRefused as refused:
                assert refused.key == key and refused.problem == "invisible"
            else:
                raise AssertionError(f"{key}={name!r} was accepted")
        check_patch({key: "نیک\u200cنام"}, creating=False)


# The household's members are people: the office holds their names to the name rule
# (domain.safe_text.name_problem) like the case's own, and the field to the shape
# domain.household.to_stored writes (attack round 4: a hostile laptop's household).
_MEMBER = {"relation": "kind", "name": "Amina", "date_of_birth": "2019-04-01"}


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (None, True),
        ([], True),
        ([_MEMBER], True),
        ([{**_MEMBER, "name": "محمد\u200cرضا"}], True),
        ([{**_MEMBER, "name": "Ami\u202ena"}], False),
        ([{**_MEMBER, "name": "Ami\u200cna"}], False),
        ([{**_MEMBER, "name": "\u3164"}], False),
        ([{**_MEMBER, "name": "Amina\ue000"}], False),
        ([{**_MEMBER, "name": "x" * 201}], False),
        ([{**_MEMBER, "note": "ok\x1b[2J"}], False),
        ([{**_MEMBER, "date_of_birth": "2019-02-30"}], False),
        ([{"name": "Amina"}], False),
        (["Amina"], False),
        ({"relation": "kind"}, False),
        ([_MEMBER] * 51, False),
    ],
)
def test_the_household_field_follows_the_name_rule(value: object, accepted: bool) -> None:
    if accepted:
        check_field("household", value)
    else:
        with pytest.raises(FieldRefused) as refused:
            check_field("household", value)
        assert refused.value.problem == "not_household"
        assert "household" in refused.value.message_nl


# One household rule for office and laptop (attack round 4, finding 2): the office's
# check was weaker than the laptop's, so these households reached every laptop.
_WEAKER_BEFORE = [
    pytest.param([{"relation": "cousin"}], id="unknown-relation"),
    pytest.param([{"relation": "kind", "colour": "blue"}], id="unknown-member-key"),
    pytest.param([{"relation": "referent"}, {"relation": "referent"}], id="two-referents"),
    pytest.param([{"relation": "kind", "date_of_birth": "2090-01-01"}], id="born-2090"),
    pytest.param([{"relation": "kind", "date_of_birth": "2999-01-01"}], id="born-after-2100"),
    pytest.param([{"relation": "kind", "date_of_birth": "1890-01-01"}], id="born-before-1900"),
    pytest.param([{"relation": "partner", "v_nummer": "12345"}], id="short-v-nummer"),
    pytest.param([{"relation": "partner", "v_nummer": "١٢٣٤٥٦٧٨٩٠"}], id="arabic-v-nummer"),
    pytest.param([{"relation": "partner", "v_nummer": "1234567890"}] * 2, id="same-v-nummer-twice"),
    pytest.param([{"relation": "partner", "inburgeringsplichtig": "ja"}], id="plichtig-not-bool"),
    pytest.param([{"relation": "overig", "sender_relation": "a\u202eb"}], id="sender-relation-rlo"),
    pytest.param(
        [{"relation": "overig", "sender_relation": "\u200b"}], id="sender-relation-invisible"
    ),
    pytest.param([{"relation": "kind", "name": "   "}], id="blank-name"),
]


@pytest.mark.parametrize("value", _WEAKER_BEFORE)
def test_the_office_refuses_every_household_the_laptop_refuses(value: object) -> None:
    from datetime import date

    from inburg_desktop.services.household import HouseholdRefused, check_stored

    with pytest.raises(FieldRefused) as refused:
        check_field("household", value)
    assert refused.value.problem == "not_household"
    # The laptop's own check (a merged or resolved household) refuses it too: one rule.
    with pytest.raises(HouseholdRefused):
        check_stored(value, date.today())


def test_a_multi_line_household_note_is_accepted_by_the_office() -> None:
    # The laptop's household note is a multi-line field: the office's weaker copy of the
    # rule refused its line breaks (plain_text), the one rule allows them as free text.
    check_field("household", [{"relation": "kind", "note": "eerste regel\ntweede regel"}])
