"""A V-nummer held by two office cases is listed for office staff (attack round 2 finding 5:
a case made by hand on a laptop with another consultant's V-nummer synced into a silent
duplicate; an office import did the same)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.server import admin
from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.db import Database

HANDOVER: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def _import(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], **person: str) -> str:
    doc = json.loads(json.dumps(HANDOVER))
    doc["person"].update(person)
    file = tmp_path / f"h-{len(list(tmp_path.iterdir()))}.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    # the office knows a consultant once it made a code for them (usability round 4 #9)
    assert office_cli.main(["enroll", "--consultant", "S. de Vries", "--db", url]) == 0
    capsys.readouterr()
    assert office_cli.main(["import", str(file), "--consultant", "S. de Vries", "--db", url]) == 0
    return capsys.readouterr().out.strip()


def test_a_second_case_with_the_same_v_nummer_is_refused_or_flagged_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    first = _import(url, tmp_path, capsys)
    other = _import(url, tmp_path, capsys, v_nummer="2345678901", family_name="Ahmadi")
    assert "Let op" not in capsys.readouterr().err
    doc = json.loads(json.dumps(HANDOVER))
    doc["person"].update(family_name="Hadad")  # the same person, typed again
    file = tmp_path / "again.json"
    file.write_text(json.dumps(doc), encoding="utf-8")
    capsys.readouterr()
    # refused by default, naming the case that holds the number (usability round 9 #9)
    assert office_cli.main(["import", str(file), "--db", url]) == 1
    refused = capsys.readouterr()
    assert f"V-nummer 1234567890 staat al in dossier {first}" in refused.err
    assert "--tweede-dossier" in refused.err and refused.out == ""
    assert len(admin.list_cases(Database(url))) == 2
    assert office_cli.main(["import", str(file), "--db", url, "--tweede-dossier"]) == 0
    out = capsys.readouterr()
    second = out.out.strip()  # stdout stays the new id, for scripts
    assert "V-nummer 1234567890 staat nu in 2 dossiers" in out.err

    capsys.readouterr()
    assert office_cli.main(["dubbele-v-nummers", "--db", url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("V-nummer 1234567890 staat in 2 dossiers")
    assert any(first in line and "Haddad, Amal" in line for line in lines[1:])
    assert any(second in line and "Hadad, Amal" in line for line in lines[1:])
    assert not any(other in line for line in lines)

    groups = admin.v_nummer_clashes(Database(url))
    assert [g["v_nummer"] for g in groups] == ["1234567890"]
    assert [c["id"] for c in groups[0]["cases"]] == [first, second]
    capsys.readouterr()
    assert office_cli.main(["dubbele-v-nummers", "--json", "--db", url]) == 0
    assert json.loads(capsys.readouterr().out)[0]["v_nummer"] == "1234567890"


def test_no_clash_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    _import(url, tmp_path, capsys)
    capsys.readouterr()
    assert office_cli.main(["dubbele-v-nummers", "--db", url]) == 0
    assert "Geen V-nummer staat in meer dan één dossier." in capsys.readouterr().out


def test_a_case_document_of_a_held_v_nummer_is_refused_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The other way a case comes to the office (``case import``, a transfer from another
    municipality or laptop) keeps the same rule as a handover file."""
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    first = _import(url, tmp_path, capsys)
    exported = tmp_path / "overdracht.json"
    words = ["case", "export", first, "--doel", "overdracht", "--out", str(exported)]
    assert office_cli.main([*words, "--db", url]) == 0
    raw = json.loads(exported.read_bytes())
    raw["case"]["id"] = str(uuid.uuid4())  # the same person as another case
    again = tmp_path / "opnieuw.json"
    again.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()

    imp = ["case", "import", str(again), "--consultant", "S. de Vries", "--db", url]
    assert office_cli.main(imp) == 1
    err = capsys.readouterr().err
    assert f"staat al in dossier {first}" in err and "Er is niets geïmporteerd" in err
    assert [c["id"] for c in admin.list_cases(Database(url))] == [first]
    assert office_cli.main([*imp, "--tweede-dossier"]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == raw["case"]["id"]
    assert "staat nu in 2 dossiers" in out.err
