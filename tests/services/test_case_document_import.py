"""Importing an ``inburg-case/1`` document (issue 16, item 3; docs/inburg-case-1.md): the
case that moves with the person arrives whole (export here again gives the same content),
and a damaged or hostile document, of any of the kinds generated below, is refused with
the vault unchanged (no case, no field, no outbox entry, no attachment)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from tests.protocol.test_pip_agenda_rules import signed_items

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_document import (
    CARRIED_DECISIONS_KEY,
    CaseDocumentError,
    Doel,
    loads,
)
from inburg_desktop.formatting import reason_text
from inburg_desktop.messages import error_text
from inburg_desktop.services.case_document_import import (
    CaseDocumentRefused,
    import_case_document,
)
from inburg_desktop.services.case_export import export_case_json
from inburg_desktop.services.vault_session import create
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.sync_state import Enrollment, save_enrollment
from inburg_desktop.storage.tables import AttachmentRow, CaseRow, FieldRow, OutboxRow
from inburg_desktop.storage.vault import OpenVault

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The document of a demo case with intake answers."""
    source = create(tmp_path_factory.mktemp("bron") / "k.db", "bron wachtwoord 1", TEST_KDF)
    try:
        with source.transaction() as session:
            add_demo_cases(session, 3)
        with source.session() as session:
            case_id = session.scalars(select(CaseRow.id).order_by(CaseRow.id)).first()
        assert case_id is not None
        return export_case_json(source, case_id, Doel.OVERDRACHT, NOW)
    finally:
        source.lock()


def counts(vault: OpenVault) -> tuple[int, ...]:
    with vault.session() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (CaseRow, FieldRow, OutboxRow, AttachmentRow)
        )


def test_the_case_arrives_whole_and_syncs(vault: OpenVault, document: bytes) -> None:
    imported = import_case_document(vault, document)
    again = loads(export_case_json(vault, imported.case_id, Doel.OVERDRACHT, NOW))
    before = loads(document)
    assert again.case.id == before.case.id  # kept: the audit chains stay valid
    assert (again.person, again.dates, again.doelgroep) == (
        before.person,
        before.dates,
        before.doelgroep,
    )
    assert again.fields == before.fields and again.attachments == before.attachments
    assert counts(vault)[2] >= 1  # an outbox entry: the new office receives it


def test_a_case_already_held_is_refused(vault: OpenVault, document: bytes) -> None:
    import_case_document(vault, document)
    held = counts(vault)
    with pytest.raises(CaseDocumentRefused) as refused:
        import_case_document(vault, document)
    assert refused.value.code == "case_document_exists"
    assert counts(vault) == held


def test_unsettled_sync_business_is_refused(vault: OpenVault, document: bytes) -> None:
    raw = json.loads(document)
    raw["conflicts"] = [
        {
            "field_key": "intake.opleiding.notes",
            "office_value": "kantoor",
            "office_version": 2,
            "laptop_value": "laptop",
            "created_at": "2026-11-01T09:30:00.000000Z",
        }
    ]
    with pytest.raises(CaseDocumentRefused) as refused:
        import_case_document(vault, json.dumps(raw).encode())
    assert refused.value.code == "case_document_unsettled"
    assert counts(vault) == (0, 0, 0, 0)


def test_a_copy_made_for_the_person_is_refused(vault: OpenVault, document: bytes) -> None:
    """Attack round 8, finding 8: the person's own copy (``doel`` ``inzage``), edited and
    handed back, imported as a real case. Only a transfer document becomes a case."""
    raw = json.loads(document)
    raw["doel"] = "inzage"
    raw["person"]["family_name"] = "Anders"  # what an edited copy may say
    with pytest.raises(CaseDocumentError) as refused:
        import_case_document(vault, json.dumps(raw).encode())
    assert refused.value.path == "doel" and refused.value.reason.code == "case_document_inzage"
    said = reason_text(refused.value.reason)
    assert "inzage" in said and "overdracht" in said
    assert counts(vault) == (0, 0, 0, 0)
    import_case_document(vault, document)  # the transfer document itself still imports
    assert counts(vault)[0] == 1


# --- damage: every kind is one a strict reader must refuse ------------------------------


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the schema (not inside a field's own value)."""
    out = [path] if path else []
    if path and path[-1] in ("value", "office_value", "laptop_value", "patch", "detail"):
        return out
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out += _paths(item, (*path, n))
    return out


def _parent(raw: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        raw = raw[step]
    return raw


def _drop(raw: Any, path: tuple[Any, ...]) -> bool:
    parent = _parent(raw, path)
    if not isinstance(parent, dict):
        return False
    del parent[path[-1]]
    return True


def _extra(raw: Any, path: tuple[Any, ...]) -> bool:
    parent = _parent(raw, path)
    if not isinstance(parent, dict):
        return False
    parent["onbekend_veld"] = 1
    return True


def _retype(raw: Any, path: tuple[Any, ...]) -> bool:
    parent = _parent(raw, path)
    old = parent[path[-1]]
    if isinstance(old, dict | list) or path[-1] in ("value",):
        return False
    parent[path[-1]] = [old] if old is not None else {"x": 1}
    return True


DAMAGE: dict[str, Callable[[Any, tuple[Any, ...]], bool]] = {
    "key dropped": _drop,
    "unknown key": _extra,
    "wrong type": _retype,
}


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_thousand_damaged_documents_leave_the_vault_unchanged(
    vault: OpenVault, document: bytes, data: st.DataObject
) -> None:
    raw = json.loads(document)
    kind = data.draw(st.sampled_from([*DAMAGE, "truncated", "not utf-8", "control character"]))
    if kind == "truncated":
        damaged = document[: data.draw(st.integers(0, len(document) - 2))]
    elif kind == "not utf-8":
        at = data.draw(st.integers(0, len(document) - 1))
        damaged = document[:at] + b"\xff\xfe" + document[at:]
    elif kind == "control character":
        raw["person"]["given_names"] += "\u202e"
        damaged = json.dumps(raw, ensure_ascii=False).encode()
    else:
        path = data.draw(st.sampled_from(_paths(raw)))
        assume(DAMAGE[kind](raw, path))  # a damage that applies here: 1,000 real ones
        damaged = json.dumps(raw, ensure_ascii=False).encode()
    with pytest.raises(CaseDocumentError):
        import_case_document(vault, damaged)
    assert counts(vault) == (0, 0, 0, 0)


# --- decisions the case brings (attack round 8, finding 9) ------------------------------

ELSEWHERE = "C. Een (gemeente Elders)"


def _with_a_set_pip(document: bytes, by: str) -> bytes:
    """``document`` holding a PIP set (a beschikking naming its decider) by ``by``."""
    raw = json.loads(document)
    template = raw["fields"][0]
    fields = [f for f in raw["fields"] if not f["key"].startswith("pip.")]
    for key, value in signed_items(by=by).items():
        fields.append({**template, "key": key, "value": value})
    raw["fields"] = sorted(fields, key=lambda f: f["key"])
    return json.dumps(raw).encode()


def _enroll(vault: OpenVault, consultant: str) -> None:
    with vault.transaction() as session:
        save_enrollment(session, Enrollment("https://kantoor.test", "deze-laptop", consultant, "k"))


@pytest.mark.parametrize(
    ("enrolled_as", "imported", "marked"),
    [
        (None, True, True),  # no office: the vault shows the decisions as they came
        ("Sanne de Vries", False, False),  # the office would refuse them: said now
        (ELSEWHERE, True, False),  # the consultant's own: the office takes them unmarked
    ],
)
def test_an_enrolled_laptop_imports_no_decision_the_office_would_refuse(
    vault: OpenVault, document: bytes, enrolled_as: str | None, imported: bool, marked: bool
) -> None:
    """The office refuses the transfer marker in a push (a laptop could name anyone as
    decider with it); a document bringing another's decision is the office's to import
    (``inburg-office case import``), and the enrolled laptop says so and imports nothing,
    instead of a case that every sync sets aside."""
    if enrolled_as is not None:
        _enroll(vault, enrolled_as)
    data = _with_a_set_pip(document, ELSEWHERE)
    before = counts(vault)
    if not imported:
        with pytest.raises(CaseDocumentRefused) as refused:
            import_case_document(vault, data)
        assert refused.value.code == "case_document_decisions_elsewhere"
        assert "inburg-office case import" in error_text(refused.value)
        assert counts(vault) == before
        return
    case_id = import_case_document(vault, data).case_id
    with vault.session() as session:
        keys = set(session.scalars(select(FieldRow.key).where(FieldRow.case_id == case_id)))
        sent = [json.loads(p) for p in session.scalars(select(OutboxRow.patch))]
    assert "pip.version.1" in keys
    assert (CARRIED_DECISIONS_KEY in keys) is marked
    assert any(CARRIED_DECISIONS_KEY in p for p in sent) is marked
