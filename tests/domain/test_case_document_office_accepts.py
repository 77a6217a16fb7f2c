"""Whatever the office accepts as a case field (``protocol.field_rules.check_field``, at a
push, an office edit and an import), the ``inburg-case/1`` reader accepts: export, then
import, of a case holding it succeeds (attack round 8, finding 2: the office took a value
the reader refused, and the export failed as an internal error, exit 70). A property
test over generated values of every family, the progress data's shapes included."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.case_document import FieldEntry, dumps, loads
from inburg_desktop.protocol.field_rules import FieldRefused, check_field, check_identity_order

from .test_case_document import T, valid_document

KEYS = (
    "intake.werk.notes",  # a field without a family of its own: the generic rule
    "intake.werk.keuze",
    "uren.0123456789ab",
    "pvt.activiteit.0123456789ab",
    "pvt.ondertekend",
    "map.thema.3",
    "examen.0123456789ab",
    "zroute.eindgesprek",
    "ontzorgen.budgettraining",
    "ontzorgen.art57",
    "nazorg.contact",
    "agenda.nazorg",
)
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_DAY = st.dates().map(lambda d: d.isoformat()) | _TEXT
_HOURS = st.sampled_from(["12", "12.5", "0", "24", "720", "1e2", "12,5", "0.25"]) | _TEXT
_SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=True, allow_infinity=True)
    | _TEXT
)
_JSON = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)
_PROGRESS = (
    st.fixed_dictionaries(
        {
            "aanbieder": _TEXT,
            "soort": st.sampled_from(["nt2", "knm", "participatie", "pvt", "map"]),
            "van": _DAY,
            "tot": _DAY,
            "uren": _HOURS,
            "tijdens_intake": st.booleans(),
        }
    )
    | st.fixed_dictionaries(
        {"omschrijving": _TEXT, "datum": _DAY, "uren": _HOURS, "aanwezig": st.booleans()}
    )
    | st.fixed_dictionaries(
        {
            "onderdeel": st.sampled_from([None, "lezen", "spreken"]),
            "niveau": st.sampled_from([None, "A2", "B1"]),
            "datum": _DAY,
            "behaald": st.booleans(),
        }
    )
    | st.fixed_dictionaries(
        {"gestart_op": st.none() | _DAY, "afgerond_op": st.none() | _DAY, "aanbieder": _TEXT}
    )
    | st.fixed_dictionaries({"datum": _DAY, "kenmerk": _TEXT, "van": _DAY, "tot": st.none() | _DAY})
    | _DAY
)
BASE = replace(valid_document(), conflicts=(), quarantine=())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(KEYS), value=_JSON | _PROGRESS)
def test_whatever_the_office_accepts_export_and_import_accept(key: str, value: Any) -> None:
    try:
        check_field(key, value)
    except FieldRefused:
        return  # refused where it would come in: never held, never exported
    doc = replace(
        BASE, fields=(*BASE.fields, FieldEntry(key, value, "consultant", True, None, None, T))
    )
    back = loads(dumps(doc))  # export, then import: the reader takes what the office took
    assert next(f.value for f in back.fields if f.key == key) == value or value != value


@settings(max_examples=300, deadline=None)
@given(code=st.text(st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), min_size=3, max_size=3))
def test_a_nationality_the_office_accepts_the_document_carries(code: str) -> None:
    # "ZZZ" passed the office's pattern and was refused by the reader's code list
    try:
        check_field("person.nationality", code)
    except FieldRefused:
        return
    raw = json.loads(dumps(BASE))
    raw["person"]["nationality"] = code
    assert loads(json.dumps(raw).encode()).person.nationality == code


@settings(max_examples=200, deadline=None)
@given(
    birth=st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    brp=st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    permit=st.none() | st.dates(date(1900, 1, 1), date(2100, 12, 31)),
)
def test_identity_days_the_office_accepts_the_document_carries(
    birth: date, brp: date, permit: date | None
) -> None:
    # a BRP registration before the birth passed the office, day by day, and the reader
    # refused the case (the handover's order of the identity's days)
    patch = {
        "person.date_of_birth": birth.isoformat(),
        "dates.brp_registration": brp.isoformat(),
        "person.permit_since": None if permit is None else permit.isoformat(),
    }
    try:
        for key, value in patch.items():
            check_field(key, value)
        check_identity_order(patch, {})
    except FieldRefused:
        return
    raw = json.loads(dumps(BASE))
    raw["person"]["date_of_birth"], raw["dates"]["brp_registration"] = (
        birth.isoformat(),
        (brp.isoformat()),
    )
    raw["person"]["permit_since"] = patch["person.permit_since"]
    for later in ("koppeling", "duo_kennisgeving"):  # the example's other days: not before
        raw["dates"][later] = None
    assert loads(json.dumps(raw).encode()).person.date_of_birth == birth
