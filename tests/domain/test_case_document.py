"""The ``inburg-case/1`` document (domain/case_document.py, docs/inburg-case-1.md).

AVG art. 15 and 20: everything held about one person, machine-readable; Besluit art. 5.3
lid 3: the case moves with the person. Issue 16, "Must show": the JSON round-trips
(export, import, export: same content) and 1,000 generated damaged documents are refused.
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburg_desktop.domain import handover
from inburg_desktop.domain.audit import Action, append
from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, ResidenceBasis
from inburg_desktop.domain.case_document import (
    FORMAT,
    Attachment,
    CaseDocument,
    CaseDocumentError,
    CaseHeader,
    ConflictEntry,
    Doel,
    FieldEntry,
    Herkomst,
    QuarantineEntry,
    canonical_order,
    dumps,
    loads,
    parse_document,
    to_json,
)
from inburg_desktop.domain.pip import Beschikking, PipHistory, PipStatus, PipVersion

D = date.fromisoformat
T = datetime(2026, 3, 2, 9, 30, 0, 123456, tzinfo=UTC)
CASE_ID = "7f1c2a9e-0b1d-4c55-9a7e-3d2f1e0c9b8a"
PDF = b"%PDF-1.7\n% a signed PIP, for the test\n%%EOF\n"


def _audit() -> tuple[Any, ...]:
    out = []
    for device in ("d3a1b2c4-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "a0b1c2d3-0000-4000-8000-000000000001"):
        head = None
        for i, (action, part) in enumerate(
            [(Action.CREATE, "dossier"), (Action.VIEW, "intake.fysieke_gezondheid"),
             (Action.CHANGE, "intake.opleiding"), (Action.EXPORT, "dossier")]
        ):  # fmt: skip
            head = append(head, at=T + timedelta(minutes=i), actor="consulent.de.vries",
                          device_id=device, case_id=CASE_ID, action=action, part=part)  # fmt: skip
            out.append(head)
    return tuple(out)


def _pip_fields() -> tuple[FieldEntry, ...]:
    history = PipHistory((PipVersion(1, PipStatus.DRAFT, D("2026-05-01"), Beschikking()),))
    return tuple(
        FieldEntry(key, value, "consultant", True, None, None, T)
        for key, value in history.storage_items().items()
    )


def valid_document() -> CaseDocument:
    return CaseDocument(
        exported_at=T + timedelta(days=3),
        herkomst=Herkomst.LAPTOP,
        doel=Doel.OVERDRACHT,
        case=CaseHeader(CASE_ID, "GM0629", 7, "coa", T, T + timedelta(days=1)),
        doelgroep=Doelgroep.STATUSHOUDER,
        person=Inburgeraar(
            given_names="Amal",
            family_name="Haddad",
            date_of_birth=D("1994-05-17"),
            nationality="SYR",
            languages=("ar", "en"),
            preferred_language="ar",
            v_nummer="1234567890",
            bsn=None,
            residence_basis=ResidenceBasis.ASIEL,
            permit_since=D("2025-11-01"),
        ),
        dates=CaseDates(
            brp_registration=D("2026-03-02"),
            koppeling=D("2026-02-01"),
            duo_kennisgeving=D("2026-02-20"),
            bijstand_start=None,
            pip_date=None,
            brp_after_move=None,
        ),
        fields=(
            FieldEntry(
                "intake.opleiding.notes",
                "MBO-4 elektrotechniek in Damascus",
                "consultant",
                True,
                "2026.1",
                "opleiding.opening",
                T,
            ),
            FieldEntry(
                "intake.fysieke_gezondheid.notes",
                "Rugklachten;\nkan 2 uur zitten.",
                "consultant",
                True,
                "2026.1",
                None,
                T,
            ),
            FieldEntry(
                "handover.household",
                [{"relation": "child", "date_of_birth": "2021-08-01"}],
                "coa",
                False,
                None,
                None,
                T,
            ),
            *_pip_fields(),
        ),
        attachments=(
            Attachment(hashlib.sha256(PDF).hexdigest(), "pip_signed", "application/pdf", T, PDF),
        ),
        audit=_audit(),
        conflicts=(ConflictEntry("intake.werkervaring.notes", "Kok", 6, "Kok, 5 jaar", T),),
        quarantine=(
            QuarantineEntry(
                "push",
                12,
                ("intake.taalniveau.notes",),
                {"intake.taalniveau.notes": "A2 luisteren"},
                "field_refused",
                "Het kantoor weigerde dit veld.",
                {"limit": 262144},
                T,
            ),
        ),
    )


VALID = dumps(valid_document())


# --- round trip ---------------------------------------------------------------------------


def test_export_import_export_gives_the_same_bytes() -> None:
    doc = loads(VALID)
    assert doc == canonical_order(valid_document())
    assert dumps(doc) == VALID
    assert VALID.endswith(b"\n") and b'"format": "inburg-case/1"' in VALID


def test_the_order_is_canonical_whatever_order_it_came_in() -> None:
    raw = json.loads(VALID)
    for key in ("fields", "attachments", "audit", "conflicts", "quarantine"):
        raw[key].reverse()
    again = json.dumps(raw, ensure_ascii=False, indent=4).encode()
    assert dumps(loads(again)) == VALID


def test_to_json_holds_no_python_objects() -> None:
    assert json.loads(json.dumps(to_json(valid_document()))) == json.loads(VALID)


# --- targeted refusals ----------------------------------------------------------------------


def _with(change: Any) -> bytes:
    raw = json.loads(VALID)
    change(raw)
    return json.dumps(raw, ensure_ascii=False).encode()


def _field(raw: dict[str, Any], key: str) -> dict[str, Any]:
    return next(f for f in raw["fields"] if f["key"] == key)


def _set(path: list[Any], value: Any) -> Any:
    def change(raw: Any) -> None:
        node = raw
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return change


def _del(path: list[Any]) -> Any:
    def change(raw: Any) -> None:
        node = raw
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return change


FLIPPED = "0" * 64
# (change, expected path, reason code, id)
REFUSED = [
    (_set(["format"], "inburg-case/2"), "format", "case_document_version", "a newer version"),
    (_set(["format"], "inburg-handover/1"), "format", "case_document_format", "another format"),
    (_del(["person", "bsn"]), "person.bsn", "case_document_missing", "null, not absent"),
    (_set(["person", "note"], "x"), "person.note", "case_document_unknown_key", "unknown key"),
    (_set(["extra"], 1), "extra", "case_document_unknown_key", "unknown top-level key"),
    (_set(["person", "bsn"], "12345678"), "person.bsn", "handover_field",
     "handover rule: BSN nine digits"),
    (_set(["person", "bsn"], "123456789"), "person.bsn", "handover_field",
     "handover rule: a BSN passes the elfproef"),
    (_set(["person", "nationality"], "YUG"), "person.nationality", "handover_field",
     "handover rule: withdrawn country code"),
    (_set(["person", "given_names"], "Am\u202eal"), "person.given_names",
     "handover_field", "handover rule: no bidi override in a name"),
    (_set(["person", "date_of_birth"], "2026-03-03"), "person.date_of_birth",
     "handover_field", "handover rule: born after the BRP registration"),
    (_set(["dates", "pip_date"], "2026-02-30"), "dates.pip_date", "handover_field",
     "handover rule for a date: no 30 February"),
    (_set(["case", "gemeente"], "0629"), "case.gemeente", "case_document_invalid",
     "the code in its canonical form only"),
    (_set(["case", "version"], True), "case.version", "case_document_type", "a bool is no int"),
    (_set(["case", "updated_at"], "2026-03-01T00:00:00.000000Z"), "case.updated_at",
     "case_document_invalid", "changed before it was made"),
    (_set(["attachments", 0, "sha256"], FLIPPED), "attachments[0].sha256", "case_document_hash",
     "hash does not match the content"),
    (_set(["attachments", 0, "size"], len(PDF) + 1), "attachments[0].size",
     "case_document_invalid", "size does not match the content"),
    (lambda r: r["fields"].append(dict(r["fields"][0])), "fields[5].key",
     "case_document_invalid", "a field twice"),
    (lambda r: _field(r, "intake.opleiding.notes").update(key="person.bsn"), "fields[2].key",
     "case_document_invalid", "identity belongs in person, not in fields"),
    (lambda r: _field(r, "intake.opleiding.notes").update(value="MBO\x1b[2J"),
     "fields[2].value", "control", "safe-text rule: an escape sequence in a note"),
    (lambda r: _field(r, "intake.opleiding.notes").update(value="A" * 300_000),
     "fields[2].value", "case_document_too_large", "a value over 256 KiB"),
    (lambda r: _field(r, "pip.current").update(value={"status": "signed"}), "fields[3].value",
     "case_document_pip", "pip.current does not match the versions"),
    (lambda r: _field(r, "pip.version.1")["value"].update(status="set"),
     "fields[4].value.dagtekening", "case_document_pip", "a set PIP needs a dagtekening"),
    (lambda r: r["audit"][1].update(part="pip"), "audit[1]", "audit_edited",
     "an audit row edited"),
    (lambda r: r["audit"].pop(1), "audit[1]", "audit_deleted", "an audit row deleted"),
    (lambda r: r["audit"][0].update(case_id="other-case"), "audit[0].case_id",
     "case_document_invalid", "an audit row of another case"),
    (lambda r: r["quarantine"][0].update(error="Field Refused"), "quarantine[0].error",
     "case_document_invalid", "an error code is a code"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("change", "path", "code"), [pytest.param(c, p, k, id=i) for c, p, k, i in REFUSED]
)
def test_refused_with_the_path(change: Any, path: str, code: str) -> None:
    with pytest.raises(CaseDocumentError) as caught:
        loads(_with(change))
    assert (caught.value.path, caught.value.reason.code) == (path, code)
    assert caught.value.reason.render()  # every placeholder filled


def test_not_json_or_not_an_object() -> None:
    with pytest.raises(CaseDocumentError) as caught:
        loads(b'{"format": "inburg-case/1", "format": "x"}')
    assert caught.value.path == "format"  # a duplicate key, by the safe JSON reader
    with pytest.raises(CaseDocumentError) as caught:
        parse_document([])
    assert caught.value.reason.code == "case_document_type"


def test_limits_are_the_sync_protocols() -> None:
    """A case that arrives in a document must be able to sync: the same limits."""
    from inburg_desktop.domain import case_document
    from inburg_desktop.protocol import messages

    assert case_document.MAX_VALUE_BYTES == messages.MAX_VALUE_BYTES
    assert case_document.MAX_VALUE_DEPTH == messages.MAX_VALUE_DEPTH
    assert case_document.MAX_FIELD_KEY == messages.MAX_FIELD_KEY
    assert case_document.FIELD_KEY_PATTERN.pattern == messages.FIELD_KEY_PATTERN.pattern
    assert case_document._CODE.pattern == messages.ERROR_CODE.pattern
    assert set(case_document._PERSON_KEYS) == handover.KNOWN_PERSON_KEYS


# --- 1,000 damaged documents -----------------------------------------------------------------

# Values whose content is free JSON: keys inside them may be anything, so removing or adding
# one is no damage; their strings are still checked for control characters and size.
FREE = {"value", "office_value", "laptop_value", "patch", "detail"}
CONTROL = ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\u202e", "\u2066"]
BAD_DATES = ["2026-02-30", "2026-13-01", "30-03-2026", "gisteren", "2026-03-02T25:00:00.000000Z",
             "2026-03-02T09:30:00Z", "1850-01-01"]  # fmt: skip


def _walk(
    node: Any, path: tuple[Any, ...], free: bool, out: list[tuple[tuple[Any, ...], bool]]
) -> None:
    out.append((path, free))
    if isinstance(node, dict):
        for key, child in node.items():
            _walk(child, (*path, key), free or key in FREE, out)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            _walk(child, (*path, i), free, out)


NODES: list[tuple[tuple[Any, ...], bool]] = []
_walk(json.loads(VALID), (), False, NODES)


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _put(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(doc, path[:-1])[path[-1]] = value


def _wrong_type(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, bool):
        return rnd.choice([1, "true", None if False else "ja"])
    if isinstance(value, int):
        return rnd.choice([str(value), value + 0.5, [value]])
    if isinstance(value, str):
        return rnd.choice([123, True, [value], {"x": value}])
    if value is None:
        return rnd.choice([123, [], {"x": 1}])
    if isinstance(value, list):
        return rnd.choice(["x", 1, {"x": 1}])
    return rnd.choice(["x", 1, [1]])


def mutate(doc: dict[str, Any], how: str, rnd: random.Random) -> str:
    """Damage ``doc`` in place by one mutation of kind ``how``; return what was done."""
    schema = [(p, f) for p, f in NODES if not f and p]
    if how == "remove_key":
        path = rnd.choice([p for p, _ in schema if isinstance(p[-1], str)])
        del _get(doc, path[:-1])[path[-1]]
    elif how == "add_key":
        objects = [p for p, f in NODES if not f and isinstance(_get(doc, p), dict)]
        path = rnd.choice(objects)
        _get(doc, path)[rnd.choice(["extra", "Note", "x" * 300, "a\x00b", "\u202ekey"])] = 1
    elif how == "wrong_type":
        path = rnd.choice([p for p, _ in schema])
        _put(doc, path, _wrong_type(_get(doc, path), rnd))
    elif how == "huge":
        # Any text; numbers of the schema, and numbers in values beyond what JSON holds.
        leaves = [p for p, _ in NODES if p and isinstance(_get(doc, p), str | int)
                  and not isinstance(_get(doc, p), bool)]  # fmt: skip
        path = rnd.choice(leaves)
        old = _get(doc, path)
        _put(doc, path, "A" * 300_000 if isinstance(old, str) else 10**25)
    elif how == "bad_hash":
        hashes = [p for p, _ in NODES if p and p[-1] in ("sha256", "hash", "prev_hash")]
        path = rnd.choice(hashes)
        old = _get(doc, path)
        i = rnd.randrange(64)
        _put(doc, path, old[:i] + ("0" if old[i] != "0" else "1") + old[i + 1 :])
    elif how == "bad_date":
        dated = [p for p, f in NODES if p and not f and isinstance(_get(doc, p), str)
                 and isinstance(p[-1], str)
                 and (p[-1] in ("date_of_birth", "permit_since", "at") or p[-1].endswith("_at")
                      or p[-2:-1] == ("dates",))]  # fmt: skip
        path = rnd.choice(dated)
        _put(doc, path, rnd.choice(BAD_DATES))
    else:  # control characters in any text, free values included
        texts = [p for p, _ in NODES if p and isinstance(_get(doc, p), str)]
        path = rnd.choice(texts)
        old = _get(doc, path)
        at = rnd.randrange(len(old) + 1)
        _put(doc, path, old[:at] + rnd.choice(CONTROL) + old[at:])
    return f"{how} at {path}"


KINDS = ["remove_key", "add_key", "wrong_type", "huge", "bad_hash", "bad_date", "control"]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(KINDS), st.randoms(use_true_random=False))
def test_a_thousand_damaged_documents_are_refused_with_a_path(how: str, rnd: random.Random) -> None:
    doc = copy.deepcopy(json.loads(VALID))
    what = mutate(doc, how, rnd)
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")
    with pytest.raises(CaseDocumentError) as caught:
        loads(data)
    assert caught.value.path, what
    assert caught.value.reason.code, what
    assert caught.value.reason.render(), what


def test_every_kind_of_damage_reaches_every_part_of_the_schema() -> None:
    """The generator is not stuck on one corner: over many seeds each top-level part is hit."""
    hit: set[str] = set()
    for seed in range(2000):
        rnd = random.Random(seed)
        doc = copy.deepcopy(json.loads(VALID))
        what = mutate(doc, KINDS[seed % len(KINDS)], rnd)
        hit.add(what.split("at (")[1].split(",")[0].strip("')"))
    assert {"person", "dates", "case", "fields", "attachments", "audit", "conflicts",
            "quarantine"} <= hit  # fmt: skip


def test_a_valid_document_with_other_values_still_round_trips() -> None:
    doc = replace(valid_document(), fields=(), attachments=(), audit=(), conflicts=(),
                  quarantine=())  # fmt: skip
    assert dumps(loads(dumps(doc))) == dumps(doc)
    assert FORMAT == "inburg-case/1"
