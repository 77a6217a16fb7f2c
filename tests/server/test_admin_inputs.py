"""``inburg-office`` on real-world input (issue 10, item 6): handover files and settings go
through the one safe JSON reader; what the office holds is printed terminal-safe."""

from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from inburg_desktop.server import admin
from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.clock import utcnow
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Assignment, Device, FieldValue, Setting

HANDOVER: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)
FIELD_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-\[\]:]*")  # protocol/messages.py


@pytest.fixture
def db_file(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kantoor.db'}"


def office(url: str, capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = office_cli.main([*map(str, args), "--db", url])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_handover_with_a_bom_and_free_text_note_keys_is_imported_with_safe_keys(
    db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = json.loads(json.dumps(HANDOVER))
    doc["notes"]["medische bijzonderheden"] = "Diabetes"
    file = tmp_path / "overdracht.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=False).encode())
    code, _out, err = office(db_file, capsys, "import", file)
    assert code == 0, err
    db = Database(db_file)
    with db.read() as session:
        keys = session.scalars(select(FieldValue.key)).all()
        labels = session.scalar(
            select(FieldValue.value).where(FieldValue.key == "handover.note_labels")
        )
    db.dispose()
    assert all(FIELD_KEY.fullmatch(key) for key in keys)
    assert "handover.notes.medische_bijzonderheden-0267f7e723" in keys
    assert json.loads(labels or "{}")["medische_bijzonderheden-0267f7e723"] == (
        "medische bijzonderheden"
    )


@pytest.mark.timeout(60)
@pytest.mark.parametrize("kind", ["fifo", "directory", "duplicate", "too_large", "csi"])
def test_bad_handover_files_exit_5_in_words(
    db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    file = tmp_path / "overdracht.json"
    if kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(file)  # read_bytes() waited for a writer forever
        words = "is geen gewoon bestand"
    elif kind == "directory":
        file.mkdir()
        words = "is een map"
    elif kind == "duplicate":
        once = '"given_names": "Amal"'
        file.write_text(json.dumps(HANDOVER).replace(once, f'{once}, "given_names": "Eve"'))
        words = "person.given_names: staat twee keer"
    elif kind == "too_large":
        file.write_bytes(b" " * 1_000_001)
        words = "groter dan de grens van 1 MB"
    else:
        doc = json.loads(json.dumps(HANDOVER))
        doc["person"]["family_name"] = "Had\u009bdad"
        file.write_text(json.dumps(doc))
        words = "person.family_name: bevat het onzichtbare teken U+009B"
    code, _out, err = office(db_file, capsys, "import", file)
    assert code == 5, err
    assert words in err and "Traceback" not in err


def test_a_setting_file_with_a_bom_is_published(
    db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "instelling.json"
    file.write_bytes(b'\xef\xbb\xbf{"drempel": 3}')
    code, _out, err = office(db_file, capsys, "setting", "setting.test", f"@{file}")
    assert code == 0, err
    db = Database(db_file)
    with db.read() as session:
        row = session.get(Setting, "setting.test")
        assert row is not None and json.loads(row.value) == {"drempel": 3}
    db.dispose()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('{"name": "Gemeente A", "name": "Gemeente B"}', "staat twee keer in hetzelfde object"),
        ('{"n": ' + "9" * 5000 + "}", "getal te lang: 5.000 tekens (hoogstens 32) (bij n)"),
        ('{"n": NaN}', "NaN is geen JSON-getal"),
        ('["\\ud800"]', "losse surrogaat"),
        ("@fifo", "is geen gewoon bestand"),
        ("@dir", "is een map"),
        ("@large", "groter dan de grens van 1 MB"),
        ("@missing", "bestaat niet"),
    ],
)
def test_bad_setting_values_are_refused_in_words(
    db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, words: str
) -> None:
    if value == "@fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("FIFOs are POSIX")
        os.mkfifo(tmp_path / "fifo")
    elif value == "@dir":
        (tmp_path / "dir").mkdir()
    elif value == "@large":
        (tmp_path / "large").write_bytes(b'"' + b"x" * 1_000_000 + b'"')
    if value.startswith("@"):
        value = f"@{tmp_path / value[1:]}"
    code, _out, err = office(db_file, capsys, "setting", "setting.letterhead", value)
    assert code == 1, err
    assert words in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_office_listings_show_control_and_bidi_characters_as_escapes(
    db_file: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Names already in the office database (stored before they were refused, or a device
    naming itself) never reach the administrator's terminal raw; --json stays exact."""
    file = tmp_path / "overdracht.json"
    file.write_text(json.dumps(HANDOVER))
    _code, out, _err = office(db_file, capsys, "import", file)
    case_id = out.strip()
    hostile = "Jan\u202eX\u009b[2J"
    db = Database(db_file)
    with db.write() as session:
        session.add(
            Assignment(
                case_id=case_id, consultant=hostile, assigned_seq=10**6, assigned_at=utcnow()
            )
        )
        session.add(
            Device(
                id=str(uuid.uuid4()),
                consultant=hostile,
                public_key="k",
                name="laptop\u2067evil\u2069",
                enrolled_at=utcnow(),
                revoked=False,
                last_op_id=0,
            )
        )
    db.dispose()
    outputs = [
        office(db_file, capsys, "cases")[1],
        office(db_file, capsys, "cases", "--json")[1],
        office(db_file, capsys, "devices")[1],
        office(db_file, capsys, "devices", "--json")[1],
        office(db_file, capsys, "revoke", "x\u202ey")[2],
    ]
    for shown in outputs:
        assert not {"\u202e", "\u009b", "\u2067", "\u2069"} & set(shown), shown
        assert "Jan" in shown or "x" in shown
    assert json.loads(outputs[1])[0]["consultant"] == hostile
    assert json.loads(outputs[3])[0]["name"] == "laptop\u2067evil\u2069"


def test_dumps_is_exact_json() -> None:
    rows = [{"consultant": "\u202e\x9b", "n": 1}]
    assert json.loads(admin.dumps(rows)) == rows
