"""The handover's optional ``person.residence_basis`` and ``person.permit_since``
(INTERFACES.md, "Handover file"; DOMAIN.md "Who is plichtig")."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.domain.case import ResidenceBasis
from inburg_desktop.domain.handover import HandoverError, parse_handover

BASE: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def doc(**person: object) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out["person"].update(person)
    return out


def test_without_the_fields_they_are_unknown() -> None:
    person = parse_handover(doc()).person
    assert person.residence_basis is None and person.permit_since is None


@pytest.mark.parametrize("basis", list(ResidenceBasis))
def test_every_residence_basis_is_read(basis: ResidenceBasis) -> None:
    handover = parse_handover(doc(residence_basis=basis.value, permit_since="2026-01-15"))
    assert handover.person.residence_basis is basis
    assert handover.person.permit_since == date(2026, 1, 15)
    # known keys, so not kept a second time as notes
    assert not any("residence_basis" in k or "permit_since" in k for k in handover.notes)


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"residence_basis": "vluchteling"}, "person.residence_basis"),
        ({"residence_basis": 3}, "person.residence_basis"),
        ({"permit_since": "15-01-2026"}, "person.permit_since"),
        ({"permit_since": "2026-02-30"}, "person.permit_since"),
        ({"permit_since": "1990-01-01"}, "person.permit_since"),  # before the date of birth
    ],
)
def test_bad_values_name_the_field(changes: dict[str, object], key: str) -> None:
    with pytest.raises(HandoverError) as caught:
        parse_handover(doc(**changes))
    assert caught.value.key == key
