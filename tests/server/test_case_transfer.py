"""A case in and out of the office as an ``inburg-case/1`` document (issue 16 item 3;
docs/inburg-case-1.md; Besluit art. 5.3 lid 3, AVG art. 15 and 20): a laptop's document
arrives at the office whole, on the named caseload, and leaves it again with the same
content; a damaged or hostile document, of any kind generated below, or one the office's
field rules refuse, changes nothing in the office's database (every table counted, the
change counter included)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from tests.services.test_case_document_import import DAMAGE, _paths
from tests.ui.pdf_text import pdf_text

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.case_document import Doel, loads
from inburg_desktop.server import admin
from inburg_desktop.server.case_transfer import (
    CaseExists,
    export_document,
    import_document,
    readable_pdf,
)
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import (
    Assignment,
    Attachment,
    AttachmentCase,
    AttachmentChunk,
    CaseRecord,
    FieldValue,
    SyncState,
)
from inburg_desktop.services.case_export import export_case_json
from inburg_desktop.services.vault_session import create
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.tables import AttachmentRow, CaseRow

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A demo case's transfer document, with its signed PIP attached."""
    source = create(tmp_path_factory.mktemp("bron") / "k.db", "bron wachtwoord 1", TEST_KDF)
    try:
        with source.transaction() as session:
            add_demo_cases(session, 12)
        with source.session() as session:
            case_id = session.scalars(
                select(CaseRow.id).join(AttachmentRow, AttachmentRow.case_id == CaseRow.id)
            ).first()
        assert case_id is not None, "the demo signs a PIP"
        return export_case_json(source, case_id, Doel.OVERDRACHT, NOW)
    finally:
        source.lock()


def fresh(document: bytes) -> bytes:
    """``document`` under a new case id and V-nummer, so each test imports a case (and a
    person: ``case import`` refuses a V-nummer the office holds) the office lacks."""
    raw = json.loads(document)
    raw["case"]["id"] = str(uuid.uuid4())
    raw["person"]["v_nummer"] = f"{uuid.uuid4().int % 10**10:010d}"
    return json.dumps(raw, ensure_ascii=False).encode()


@pytest.fixture
def known(office: Database) -> str:
    name = f"consulent-{uuid.uuid4().hex[:8]}"
    admin.create_enrollment_code(office, name)
    return name


def snapshot(office: Database) -> tuple[object, ...]:
    """Every table an import writes, counted, the change counter, and a digest of every
    case, field and caseload row (a changed value shows even when no count changes)."""
    with office.read() as session:
        digest = hashlib.sha256()
        for row in session.execute(
            select(
                FieldValue.case_id, FieldValue.key, FieldValue.value, FieldValue.version
            ).order_by(FieldValue.case_id, FieldValue.key)
        ):
            digest.update(repr(tuple(row)).encode())
        for case in session.execute(
            select(CaseRecord.id, CaseRecord.version, CaseRecord.seq).order_by(CaseRecord.id)
        ):
            digest.update(repr(tuple(case)).encode())
        for held in session.execute(
            select(Assignment.case_id, Assignment.consultant).order_by(Assignment.case_id)
        ):
            digest.update(repr(tuple(held)).encode())
        counts = tuple(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (
                CaseRecord,
                FieldValue,
                Assignment,
                Attachment,
                AttachmentChunk,
                AttachmentCase,
            )
        )
        seq = session.scalar(select(SyncState.seq)) or 0
    return (*counts, seq, digest.hexdigest())


def test_a_laptop_document_arrives_whole_and_leaves_the_same(
    office: Database, document: bytes, known: str
) -> None:
    sent = fresh(document)
    case_id = import_document(office, sent, known)
    before, after = loads(sent), loads(export_document(office, case_id, Doel.OVERDRACHT, NOW))
    assert after.case.id == before.case.id
    assert (after.person, after.dates, after.doelgroep) == (
        before.person,
        before.dates,
        before.doelgroep,
    )
    assert {f.key: f.value for f in after.fields} == {f.key: f.value for f in before.fields}
    assert [(a.sha256, a.content) for a in after.attachments] == [
        (a.sha256, a.content) for a in before.attachments
    ]
    assert after.herkomst.value == "kantoor"
    with office.read() as session:
        assert session.get(Assignment, case_id).consultant == known  # type: ignore[union-attr]


def test_a_case_the_office_holds_or_unsettled_business_is_refused(
    office: Database, document: bytes, known: str
) -> None:
    sent = fresh(document)
    import_document(office, sent, known)
    held = snapshot(office)
    with pytest.raises(CaseExists):
        import_document(office, sent, known)
    raw = json.loads(fresh(document))
    raw["conflicts"] = [
        {
            "field_key": "intake.opleiding.notes",
            "office_value": "a",
            "office_version": 1,
            "laptop_value": "b",
            "created_at": "2026-11-30T12:00:00.000000Z",
        }
    ]
    with pytest.raises(admin.AdminError, match="conflict"):
        import_document(office, json.dumps(raw).encode(), known)
    assert snapshot(office) == held


def test_the_persons_copy_from_the_office_holds_no_household_data_and_does_not_import(
    office: Database, document: bytes, known: str
) -> None:
    """Attack round 8, findings 2 and 8 at the office: its copy for the person keeps of
    the household only how each member relates to the person, and neither the office nor
    a laptop imports such a copy as a case."""
    sent = fresh(document)
    case_id = import_document(office, sent, known)
    copy = export_document(office, case_id, Doel.INZAGE, NOW)
    transfer = export_document(office, case_id, Doel.OVERDRACHT, NOW)
    coa = {f.key: f.value for f in loads(transfer).fields}.get("handover.household")
    assert coa, "the demo case came with a household from the COA"
    mine = {f.key: f.value for f in loads(copy).fields}["handover.household"]
    assert mine == [{"relation": m["relation"]} for m in coa]
    held = snapshot(office)
    with pytest.raises(admin.AdminError, match="inzage"):
        import_document(
            office, json.dumps({**json.loads(transfer), "doel": "inzage"}).encode(), known
        )
    assert snapshot(office) == held


def test_a_field_the_office_refuses_leaves_nothing_behind(
    office: Database, document: bytes, known: str
) -> None:
    """The format checks a field value's shape only (JSON the app chose); the office's field
    rules check what it means. The refusal comes inside the transaction that makes the
    case, so this is the all-or-nothing proof."""
    raw = json.loads(fresh(document))
    raw["fields"].append(
        {
            "key": "household",
            "value": [{"relation": "buurman"}],
            "source": "consultant",
            "confirmed": True,
            "catalogue_version": None,
            "prompt_id": None,
            "updated_at": "2026-11-30T12:00:00.000000Z",
        }
    )
    held = snapshot(office)
    with pytest.raises(admin.AdminError, match="household"):
        import_document(office, json.dumps(raw).encode(), known)
    assert snapshot(office) == held


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_thousand_damaged_documents_leave_the_office_unchanged(
    office: Database, document: bytes, known: str, data: st.DataObject
) -> None:
    sent = fresh(document)
    raw: Any = json.loads(sent)
    kind = data.draw(st.sampled_from([*DAMAGE, "truncated", "not utf-8", "bidi override"]))
    if kind == "truncated":
        damaged = sent[: data.draw(st.integers(0, len(sent) - 2))]
    elif kind == "not utf-8":
        at = data.draw(st.integers(0, len(sent) - 1))
        damaged = sent[:at] + b"\xff\xfe" + sent[at:]
    elif kind == "bidi override":
        raw["person"]["family_name"] += "\u202e"
        damaged = json.dumps(raw, ensure_ascii=False).encode()
    else:
        path = data.draw(st.sampled_from(_paths(raw)))
        assume(DAMAGE[kind](raw, path))
        damaged = json.dumps(raw, ensure_ascii=False).encode()
    held = snapshot(office)
    with pytest.raises(admin.AdminError):
        import_document(office, damaged, known)
    assert snapshot(office) == held


def run_office(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", *map(str, args)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def test_the_commands_import_export_and_make_the_readable_pdf(
    db_url: str, office: Database, document: bytes, known: str, tmp_path: Path
) -> None:
    sent = tmp_path / "overdracht.json"
    sent.write_bytes(fresh(document))
    done = run_office("case", "import", sent, "--consultant", known, "--db", db_url)
    assert done.returncode == 0, done.stderr
    case_id = done.stdout.strip()
    again = run_office("case", "import", sent, "--consultant", known, "--db", db_url)
    assert again.returncode == 1 and "al" in again.stderr and "Traceback" not in again.stderr
    unknown = run_office("case", "import", sent, "--consultant", "niemand-bekend", "--db", db_url)
    assert unknown.returncode == 1
    broken = tmp_path / "kapot.json"
    broken.write_bytes(sent.read_bytes()[:-40])
    bad = run_office("case", "import", broken, "--consultant", known, "--db", db_url)
    assert bad.returncode == 5 and "niets geïmporteerd" in bad.stderr
    out = tmp_path / "afschrift.json"
    assert run_office("case", "export", case_id, "--out", out, "--db", db_url).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert loads(out.read_bytes()).case.id == case_id
    pdf = tmp_path / "afschrift.pdf"
    done = run_office("case", "export", case_id, "--out", pdf, "--db", db_url)
    assert done.returncode == 0, done.stderr
    text = pdf_text(pdf.read_bytes())
    person = loads(sent.read_bytes()).person
    assert person.family_name in text and "het kantoor van de gemeente" in text
    wrong = tmp_path / "afschrift.txt"
    done = run_office("case", "export", case_id, "--out", wrong, "--db", db_url)
    assert done.returncode == 2 and not wrong.exists()
    missing = run_office(
        "case", "export", "geen-dossier", "--out", tmp_path / "ander.json", "--db", db_url
    )
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr
    kept = out.read_bytes()  # an existing file: replaced only when asked (round 9 #8)
    again = run_office("case", "export", case_id, "--out", out, "--db", db_url)
    assert again.returncode == 2 and "bestaat al" in again.stderr and out.read_bytes() == kept
    asked = run_office("case", "export", case_id, "--out", out, "--vervang", "--db", db_url)
    assert asked.returncode == 0, asked.stderr


def test_the_readable_pdf_touches_no_disk(
    document: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The office's overview goes to the laptop's command and back through pipes: while
    the child process runs, nothing of the case is on the office's disk, so a killed
    export leaves nothing behind (attack round 8, finding 6: a temporary folder held the
    case as plaintext JSON, left when the command was stopped)."""
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    during: list[list[str]] = []
    real_run = subprocess.run

    def watched(*args: Any, **kwargs: Any) -> Any:
        during.append(sorted(p.name for p in scratch.rglob("*")))
        return real_run(*args, **kwargs)

    monkeypatch.setattr(subprocess, "run", watched)  # the module calls subprocess.run
    pdf = readable_pdf(document)
    assert pdf.startswith(b"%PDF-")
    assert during == [[]]
    assert list(scratch.rglob("*")) == []
