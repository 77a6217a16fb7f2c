"""``inburg case export`` (INTERFACES.md, docs/inburg-case-1.md): everything the vault holds
about one person as an ``inburg-case/1`` document, the person's own copy (AVG art. 15 and
20) or a transfer (Besluit art. 5.3 lid 3). It reads back through the format's strict
reader to the same bytes, holds every stored field and attachment of that case and no
other case's data; a wrong ``--out`` or case id writes nothing."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from tests.cli.conftest import PASSPHRASE, run_inburg

from inburg_desktop.domain.case_document import dumps, loads
from inburg_desktop.domain.subject_access import HOUSEHOLD_FIELDS, own_household
from inburg_desktop.storage.tables import AttachmentRow, FieldRow
from inburg_desktop.storage.vault import unlock_vault


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    path = tmp_path_factory.mktemp("export") / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path).returncode == 0
    cases = json.loads(run_inburg("case", "list", "--vault", path, "--json").stdout)
    return path, cases


def _signed(cases: list[dict[str, Any]]) -> dict[str, Any]:
    return next(c for c in cases if c["pip_status"] == "signed")


def test_the_document_reads_back_to_the_same_bytes_and_holds_the_whole_case(
    demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, cases = demo
    case = _signed(cases)
    out = tmp_path / "afschrift.json"
    done = run_inburg("case", "export", "--vault", path, case["id"], "--out", out)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o600  # personal data: the owner's alone
    data = out.read_bytes()
    doc = loads(data)
    assert dumps(doc) == data  # export, import elsewhere, export again: the same bytes
    raw = json.loads(data)
    assert raw["format"] == "inburg-case/1" and raw["doel"] == "inzage"
    assert raw["herkomst"] == "laptop"
    assert doc.case.id == case["id"]
    assert (doc.person.given_names, doc.person.family_name) == (
        case["given_names"],
        case["family_name"],
    )
    vault = unlock_vault(path, PASSPHRASE)
    try:
        with vault.session() as session:
            held = {
                row.key: json.loads(row.value)
                for row in session.query(FieldRow).filter(FieldRow.case_id == case["id"])
            }
            blobs = {
                row.sha256: row.content
                for row in session.query(AttachmentRow).filter(AttachmentRow.case_id == case["id"])
            }
    finally:
        vault.lock()
    # everything held, the household lists as far as they are the person's own data
    # (AVG art. 15 lid 4: domain.subject_access.own_household)
    mine = {k: own_household(v) if k in HOUSEHOLD_FIELDS else v for k, v in held.items()}
    assert {f.key: f.value for f in doc.fields} == mine
    assert blobs, "a signed PIP has its PDF attached"
    assert {a.sha256: a.content for a in doc.attachments} == blobs
    for a in raw["attachments"]:
        assert hashlib.sha256(base64.b64decode(a["content_base64"])).hexdigest() == a["sha256"]
    others = [c for c in cases if c["id"] != case["id"]]
    text = data.decode("utf-8")
    assert not any(
        c["family_name"] in text for c in others if c["family_name"] != case["family_name"]
    )


def test_the_persons_copy_does_not_import_as_a_case(
    demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """Attack round 8, finding 8: ``inburg case import`` of the person's copy refuses it
    in words (exit 5), before anything else is looked at, and changes nothing."""
    path, cases = demo
    out = tmp_path / "afschrift.json"
    assert (
        run_inburg("case", "export", "--vault", path, cases[1]["id"], "--out", out).returncode == 0
    )
    before = run_inburg("case", "list", "--vault", path, "--json").stdout
    done = run_inburg("case", "import", "--vault", path, out)
    assert done.returncode == 5, done.stderr
    assert "doel" in done.stderr and "inzage" in done.stderr and "overdracht" in done.stderr
    assert "Traceback" not in done.stderr
    assert run_inburg("case", "list", "--vault", path, "--json").stdout == before


def test_a_transfer_says_so(demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path) -> None:
    path, cases = demo
    out = tmp_path / "overdracht.json"
    done = run_inburg(
        "case",
        "export",
        "--vault",
        path,
        _signed(cases)["id"],
        "--out",
        out,
        "--doel",
        "overdracht",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_bytes())["doel"] == "overdracht"
    # a transfer moves the whole case: the household members' own data goes with it
    coa = next(f.value for f in loads(out.read_bytes()).fields if f.key == "handover.household")
    assert all("date_of_birth" in member for member in coa)


def test_another_suffix_or_an_unknown_case_writes_nothing(
    demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, cases = demo
    text = tmp_path / "afschrift.txt"
    done = run_inburg("case", "export", "--vault", path, cases[0]["id"], "--out", text)
    assert done.returncode == 2 and ".json" in done.stderr and ".pdf" in done.stderr
    assert "niets geschreven" in done.stderr
    assert not text.exists()
    missing = tmp_path / "x.json"
    done = run_inburg("case", "export", "--vault", path, "geen-dossier", "--out", missing)
    assert done.returncode == 6, done.stderr
    assert not missing.exists()
    assert "Traceback" not in done.stderr


def test_the_document_moves_the_case_to_another_vault(
    demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """Export, import elsewhere, export again: the same content (the moment of export and
    the vault's own count of changes aside), plus the mark of the decisions the case
    brought (its set PIP; attack round 7, finding 11); a second import, or a damaged
    document, changes nothing."""
    path, cases = demo
    case = _signed(cases)
    first = tmp_path / "overdracht.json"
    assert (
        run_inburg(
            "case", "export", "--vault", path, case["id"], "--out", first, "--doel", "overdracht"
        ).returncode
        == 0
    )
    elsewhere = tmp_path / "andere-gemeente.db"
    assert run_inburg("vault", "init", "--vault", elsewhere).returncode == 0
    done = run_inburg("case", "import", "--vault", elsewhere, first)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == case["id"]
    second = tmp_path / "opnieuw.json"
    assert (
        run_inburg(
            "case",
            "export",
            "--vault",
            elsewhere,
            case["id"],
            "--out",
            second,
            "--doel",
            "overdracht",
        ).returncode
        == 0
    )

    def content(file: Path) -> dict[str, Any]:
        raw: dict[str, Any] = json.loads(file.read_bytes())
        raw.pop("exported_at")
        raw["case"].pop("version")
        return raw

    moved = content(second)
    (mark,) = [f for f in moved["fields"] if f["key"] == "overdracht.besluiten"]
    moved["fields"].remove(mark)
    assert moved == content(first)
    assert mark["value"] and all(k.startswith("pip.version.") for k in mark["value"])
    again = run_inburg("case", "import", "--vault", elsewhere, first)
    assert again.returncode == 1 and "niets geïmporteerd" in again.stderr
    damaged = tmp_path / "beschadigd.json"
    raw = json.loads(first.read_bytes())
    raw["person"]["bsn"] = "12345678X"
    raw["case"]["id"] = "ander-dossier"
    damaged.write_text(json.dumps(raw), encoding="utf-8")
    refused = run_inburg("case", "import", "--vault", elsewhere, damaged)
    assert refused.returncode == 5 and "person.bsn" in refused.stderr
    listed = json.loads(run_inburg("case", "list", "--vault", elsewhere, "--json").stdout)
    assert [c["id"] for c in listed] == [case["id"]]


def test_the_readable_pdf_and_a_document_rendered_without_a_vault(
    demo: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """``--out FILE.pdf``: the readable overview (AVG art. 15), owner-only; ``inburg case
    pdf`` makes the same overview of a document, and refuses a damaged one naming the
    path, writing nothing."""
    path, cases = demo
    case = _signed(cases)
    pdf = tmp_path / "inzage.pdf"
    done = run_inburg("case", "export", "--vault", path, case["id"], "--out", pdf)
    assert done.returncode == 0, done.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_mode & 0o777 == 0o600
    document = tmp_path / "inzage.json"
    assert (
        run_inburg("case", "export", "--vault", path, case["id"], "--out", document).returncode == 0
    )
    again = tmp_path / "uit-document.pdf"
    done = run_inburg("case", "pdf", document, "--out", again, passphrase=None)
    assert done.returncode == 0, done.stderr
    assert again.read_bytes().startswith(b"%PDF")
    raw = json.loads(document.read_bytes())
    raw["person"]["bsn"] = "12"
    damaged = tmp_path / "beschadigd.json"
    damaged.write_text(json.dumps(raw), encoding="utf-8")
    refused = tmp_path / "niet.pdf"
    done = run_inburg("case", "pdf", damaged, "--out", refused, passphrase=None)
    assert (
        done.returncode == 5 and "person.bsn" in done.stderr and "niets geschreven" in done.stderr
    )
    assert not refused.exists() and "Traceback" not in done.stderr


def test_the_readable_pdf_of_a_note_with_an_emoji_is_made_with_a_warning(tmp_path: Path) -> None:
    """Attack round 8, finding 3: ``inburg case pdf`` refused the whole overview (exit 5)
    for one emoji. It writes the PDF and says on standard error which field held it."""
    from dataclasses import replace

    from tests.domain.test_case_document import valid_document
    from tests.ui.pdf_text import pdf_text

    doc = valid_document()
    fields = tuple(
        replace(f, value="Rugklachten 🦴") if f.key == "intake.fysieke_gezondheid.notes" else f
        for f in doc.fields
    )
    source = tmp_path / "document.json"
    source.write_bytes(dumps(replace(doc, fields=fields)))
    out = tmp_path / "overzicht.pdf"
    done = run_inburg("case", "pdf", source, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "U+1F9B4" in done.stderr and "Aantekeningen van de consulent" in done.stderr
    assert "Rugklachten <U+1F9B4>" in pdf_text(out.read_bytes())
