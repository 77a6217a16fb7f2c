"""``inburg-office cases`` names each case as office staff look it up (issue 13 item 15):
the person's name and V-nummer, not only an id. Names are printed as written (ZWNJ in a
Persian name kept) with anything that could move or hide terminal output made visible;
``--json`` gains the same fields, exactly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from inburg_desktop.server import admin
from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.db import Database

HANDOVER: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


def _office(url: str, capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    capsys.readouterr()
    assert office_cli.main([*map(str, args), "--db", url]) == 0
    return capsys.readouterr().out


def _import(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], **person: str) -> str:
    doc = json.loads(json.dumps(HANDOVER))
    doc["person"].update(person)
    file = tmp_path / f"h-{len(list(tmp_path.iterdir()))}.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    # the office knows a consultant once it made a code for them (usability round 4 #9)
    _office(url, capsys, "enroll", "--consultant", "S. de Vries")
    return _office(url, capsys, "import", file, "--consultant", "S. de Vries").strip()


def test_cases_are_listed_by_name_and_v_nummer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    amal = _import(url, tmp_path, capsys)
    persian = _import(
        url, tmp_path, capsys, given_names="محمد\u200cرضا", family_name="Ahmadi",
        v_nummer="2345678901",
    )  # fmt: skip
    lines = _office(url, capsys, "cases").splitlines()
    (amal_line,) = [line for line in lines if amal in line]
    assert amal_line.startswith("Haddad, Amal")
    assert "V-nummer 1234567890" in amal_line and "consulent S. de Vries" in amal_line
    (persian_line,) = [line for line in lines if persian in line]
    assert persian_line.startswith("Ahmadi, محمد\u200cرضا")  # ZWNJ kept, not \u200c
    rows = {row["id"]: row for row in json.loads(_office(url, capsys, "cases", "--json"))}
    assert (rows[amal]["family_name"], rows[amal]["given_names"], rows[amal]["v_nummer"]) == (
        "Haddad",
        "Amal",
        "1234567890",
    )
    assert rows[persian]["given_names"] == "محمد\u200cرضا"


def test_a_case_without_identity_fields_still_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'kantoor.db'}"
    case_id = _import(url, tmp_path, capsys)
    db = Database(url)
    try:
        rows = admin.list_cases(db)
    finally:
        db.dispose()
    bare = {**rows[0], "family_name": None, "given_names": None, "v_nummer": None}
    line = office_cli.case_line(bare)
    assert line.startswith("(naam onbekend)") and case_id in line and "V-nummer -" in line
