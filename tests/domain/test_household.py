"""The household's stored form (domain.household): written and read back the same, read
tolerantly (a value a newer version wrote never raises), and a handover's COA codes
mapped to the case's relations with the sender's word kept."""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.household import (
    Gezinslid,
    Relatie,
    from_handover,
    from_stored,
    kinderen,
    to_stored,
)

FULL = Gezinslid(
    Relatie.REFERENT,
    naam="Omar Haddad",
    geboortedatum=date(1990, 2, 3),
    inburgeringsplichtig=False,
    v_nummer="1234567891",
    case_id="c-1",
    notitie="woont al in Leiden",
)


def test_a_household_reads_back_as_it_was_written() -> None:
    members = (FULL, Gezinslid(Relatie.KIND, geboortedatum=date(2023, 5, 1)))
    stored = to_stored(members)
    assert stored[1] == {"relation": "kind", "date_of_birth": "2023-05-01"}  # no nulls
    assert from_stored(stored) == members


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (None, ()),
        ("partner", ()),
        ([1, "x", None], ()),
        ([{"relation": "cousin"}], (Gezinslid(Relatie.OVERIG, sender_relation="cousin"),)),
        (
            [{"relation": "kind", "date_of_birth": "2023-02-30", "colour": "blue"}],
            (Gezinslid(Relatie.KIND),),
        ),
        ([{"relation": "ouder", "inburgeringsplichtig": "ja"}], (Gezinslid(Relatie.OUDER),)),
    ],
)
def test_what_cannot_be_read_is_skipped_never_raised(stored: object, expected: object) -> None:
    assert from_stored(stored) == expected


def test_a_handover_household_maps_coa_codes_and_keeps_an_unknown_word() -> None:
    handed = [
        {"relation": "child", "date_of_birth": "2021-08-01"},
        {"relation": "wife", "date_of_birth": None},
        {"relation": "sibling"},
    ]
    members = from_handover(handed)
    assert [m.relatie for m in members] == [Relatie.KIND, Relatie.PARTNER, Relatie.OVERIG]
    assert members[0].geboortedatum == date(2021, 8, 1)
    assert members[2].sender_relation == "sibling"
    assert kinderen(members) == (members[0],)
