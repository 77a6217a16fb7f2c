"""Household members as a use case (services.household): every rule refuses with the
member and field named and writes nothing; a save writes one field with its outbox entry;
a change underneath is kept as a conflict; a case imported before the field existed (only
the handover's ``handover.household``) shows its members and keeps the sender's record."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.domain.household import Gezinslid, Relatie, to_stored
from inburg_desktop.messages import error_text
from inburg_desktop.protocol.field_rules import check_field
from inburg_desktop.services import case_by_hand, case_details, household
from inburg_desktop.services.conflicts import list_conflicts, resolve
from inburg_desktop.services.field_values import ValueRefused, check_value
from inburg_desktop.services.household import HOUSEHOLD_KEY, HouseholdRefused, check_members
from inburg_desktop.storage.cases import get_case, import_handover, update_fields
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

TODAY = date(2026, 4, 15)
HANDOVER = json.loads((Path(__file__).parents[1] / "data" / "handover-amal.json").read_text())
OWN_V = HANDOVER["person"]["v_nummer"]
KIND = Gezinslid(Relatie.KIND, naam="Sara", geboortedatum=date(2021, 8, 1))


def member(**changes: Any) -> Gezinslid:
    return Gezinslid(**{"relatie": Relatie.PARTNER, **changes})


# (members, code, member index, field): each rule of the module docstring, one line
REFUSED: list[tuple[list[Gezinslid], str, int | None, str]] = [
    ([member(relatie=None)], "household_relation", 0, "relatie"),
    ([member(relatie="partner")], "household_relation", 0, "relatie"),  # a code, not the enum
    (
        [KIND, member(relatie=Relatie.REFERENT), member(relatie=Relatie.REFERENT)],
        "household_two_referents",
        2,
        "relatie",
    ),
    ([KIND, member(naam="x" * 201)], "household_name_too_long", 1, "naam"),
    ([member(naam="Omar\u202eHaddad")], "household_name_hidden", 0, "naam"),
    ([member(naam="\u200b")], "household_name_hidden", 0, "naam"),
    ([member(geboortedatum=date(2026, 4, 16))], "household_born_future", 0, "geboortedatum"),
    ([member(geboortedatum=date(1899, 12, 31))], "household_born_range", 0, "geboortedatum"),
    ([member(v_nummer="123456789")], "household_v_nummer", 0, "v_nummer"),
    ([member(v_nummer="12345678901")], "household_v_nummer", 0, "v_nummer"),
    ([member(v_nummer="W1234567891")], "household_v_nummer", 0, "v_nummer"),
    ([member(v_nummer=f"V{OWN_V}")], "household_v_nummer_own", 0, "v_nummer"),
    (
        [member(v_nummer="1111111111"), KIND, member(v_nummer="V 11111 11111")],
        "household_v_nummer_twice",
        2,
        "v_nummer",
    ),
    ([member(notitie="n" * 501)], "household_note_too_long", 0, "notitie"),
    ([member(notitie="a\x00b")], "household_note_hidden", 0, "notitie"),
    ([member(notitie="a\u202eb")], "household_note_hidden", 0, "notitie"),
    ([KIND] * 51, "household_too_many", None, ""),
]


@pytest.mark.parametrize(("members", "code", "index", "field"), REFUSED)
def test_every_rule_refuses_naming_the_member_and_field(
    members: list[Gezinslid], code: str, index: int | None, field: str
) -> None:
    with pytest.raises(HouseholdRefused) as refused:
        check_members(members, TODAY, own_v_nummer=OWN_V)
    assert (refused.value.code, refused.value.member, refused.value.field) == (code, index, field)
    said = error_text(refused.value)
    assert "{" not in said  # every placeholder filled
    if index is not None:
        assert said.startswith(f"Gezinslid {index + 1}")


def test_the_fullest_household_fits_what_one_field_may_hold_at_the_office() -> None:
    """Names and notes of four-byte characters (U+20000, a CJK Extension B ideograph: a
    real letter, where a mathematical letter is now refused as a look-alike), every field
    filled, the most members: the office takes it (protocol.field_rules), so a saved
    household can always be sent."""
    fullest = [
        Gezinslid(
            Relatie.OVERIG,
            naam="𠀀" * household.MAX_NAME,
            geboortedatum=date(2000, 1, 1),
            inburgeringsplichtig=True,
            v_nummer=f"{index:010d}",
            case_id=str(uuid.uuid4()),
            notitie="𠀀" * household.MAX_NOTE,
            sender_relation="x" * 50,
        )
        for index in range(household.MAX_MEMBERS)
    ]
    value = to_stored(check_members(fullest, TODAY))
    check_field(HOUSEHOLD_KEY, value)  # raises FieldRefused when too large


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (member(naam="  Omar  ", notitie=" werkt "), member(naam="Omar", notitie="werkt")),
        (member(naam="   ", notitie=""), member()),
        (member(v_nummer="V 12345.67891"), member(v_nummer="1234567891")),
        (member(v_nummer="v1234567891"), member(v_nummer="1234567891")),
        (member(geboortedatum=TODAY, inburgeringsplichtig=True), None),
        (member(relatie=Relatie.REFERENT, naam="عمر حداد"), None),
        (member(naam="مهر\u200cانگیز کریمی"), None),  # ZWNJ in Persian script: allowed
    ],
)
def test_accepted_values_are_stored_tidy(typed: Gezinslid, stored: Gezinslid | None) -> None:
    assert check_members([typed], TODAY, own_v_nummer=OWN_V) == (stored or typed,)


@pytest.fixture
def case_id(vault: OpenVault) -> str:
    with vault.transaction() as session:
        return import_handover(session, parse_handover(HANDOVER))


def _outbox(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def test_a_case_imported_before_the_field_shows_its_handover_household(
    vault: OpenVault, case_id: str
) -> None:
    """The old vault's shape: only ``handover.household`` (COA codes); nothing migrates."""
    stored, view = household.load(vault, case_id)
    assert HOUSEHOLD_KEY not in stored.fields
    assert view.source == "handover"
    assert view.members == (Gezinslid(Relatie.KIND, geboortedatum=date(2021, 8, 1)),)
    # saving Dossiergegevens without touching the members does not write them
    before = _outbox(vault)
    saved = household.save(vault, case_id, list(view.members), TODAY, loaded=stored)
    assert not saved.changed and _outbox(vault) == before


def test_a_save_writes_the_field_with_its_outbox_entry_and_links_a_case(
    vault: OpenVault, case_id: str
) -> None:
    other = dict(
        HANDOVER, person=dict(HANDOVER["person"], v_nummer="2222222222", given_names="Omar")
    )
    with vault.transaction() as session:
        partner_case = import_handover(session, parse_handover(other))
    stored, _view = household.load(vault, case_id)
    before = _outbox(vault)
    members = [
        member(naam="Omar", inburgeringsplichtig=True, v_nummer="V2222222222"),
        KIND,
    ]
    saved = household.save(vault, case_id, members, TODAY, loaded=stored)
    assert saved.changed and saved.kept == ()
    assert _outbox(vault) == before + 1
    stored, view = household.load(vault, case_id)
    assert view.source == "case"
    assert view.members[0].case_id == partner_case  # the partner's own dossier, found here
    assert stored.fields["handover.household"] == HANDOVER["household"]  # sender's record kept
    words = household.household_lines(view.members)
    assert words[0] == "Partner: Omar, ook inburgeringsplichtig (V 2222222222, eigen dossier)"
    assert words[1] == "Kind: Sara, geboren 1 aug 2021"


def test_a_refused_household_writes_nothing_also_beside_other_details(
    vault: OpenVault, case_id: str
) -> None:
    stored, _view = household.load(vault, case_id)
    before = _outbox(vault)
    details = case_details.details_of(stored)
    from dataclasses import replace

    with pytest.raises(HouseholdRefused):
        case_details.save(
            vault,
            case_id,
            replace(details, duo_kennisgeving=date(2026, 2, 21)),
            TODAY,
            loaded=stored,
            household=[member(v_nummer="123")],
        )
    assert _outbox(vault) == before
    assert household.load(vault, case_id)[0].case.dates.duo_kennisgeving == date(2026, 2, 20)


def test_a_change_underneath_is_kept_as_a_conflict_not_overwritten(
    vault: OpenVault, case_id: str
) -> None:
    stored, _view = household.load(vault, case_id)
    household.save(vault, case_id, [KIND], TODAY, loaded=stored)
    shown, _view = household.load(vault, case_id)  # the dialog opens
    with vault.transaction() as session:  # a sync changes the members meanwhile
        update_fields(session, case_id, {HOUSEHOLD_KEY: [{"relation": "partner"}]})
    saved = household.save(vault, case_id, [KIND, member(naam="Omar")], TODAY, loaded=shown)
    assert saved.kept == (HOUSEHOLD_KEY,) and not saved.changed
    with vault.session() as session:
        assert get_case(session, case_id).fields[HOUSEHOLD_KEY] == [{"relation": "partner"}]
    (conflict,) = list_conflicts(vault)
    assert conflict.kind.kind == "household"
    assert household.stored_text(conflict.laptop_value) == (
        "Kind: Sara, geboren 1 aug 2021\nPartner: Omar"
    )
    resolve(vault, case_id, HOUSEHOLD_KEY, conflict.laptop_value)
    assert household.load(vault, case_id)[1].members[1].naam == "Omar"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("partner", "household_not_a_list"),
        ([{"relation": "cousin"}], "household_relation"),
        ([{"relation": "kind", "colour": "blue"}], "household_relation"),
        ([{"relation": "kind", "name": 3}], "household_not_a_list"),
        ([{"relation": "kind", "inburgeringsplichtig": "ja"}], "household_not_a_list"),
        ([{"relation": "kind", "date_of_birth": "2021-02-30"}], "value_no_such_date"),
        ([{"relation": "kind", "v_nummer": "12"}], "household_v_nummer"),
    ],
)
def test_a_resolved_value_is_checked_like_an_edit(value: object, code: str) -> None:
    with pytest.raises(ValueRefused) as refused:
        check_value(HOUSEHOLD_KEY, value, None)
    assert refused.value.code == code
    assert check_value(HOUSEHOLD_KEY, [], None) is None
    assert check_value(HOUSEHOLD_KEY, [{"relation": "kind", "name": " Sara "}], None) == [
        {"relation": "kind", "name": "Sara"}
    ]


def test_a_new_case_by_hand_stores_its_household_in_the_same_transaction(
    vault: OpenVault,
) -> None:
    form = case_by_hand.PersonForm(
        given_names="Nour",
        family_name="Haddad",
        date_of_birth=date(1995, 1, 2),
        nationality="SYR",
        languages=("ar",),
        doelgroep="gezinsmigrant",
        brp_registration=date(2026, 3, 1),
    )
    with pytest.raises(HouseholdRefused):
        case_by_hand.add_case(vault, form, [member(relatie=None)], TODAY)
    assert _outbox(vault) == 0  # nothing at all: not the case either
    referent = member(relatie=Relatie.REFERENT, naam="Karim Haddad", inburgeringsplichtig=False)
    added = case_by_hand.add_case(vault, form, [referent], TODAY)
    view = household.load(vault, added.case_id)[1]
    assert view.source == "case" and view.members == (referent,)
