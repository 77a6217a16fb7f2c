"""What a device may file at the office as set aside (attack round 3), on SQLite and
PostgreSQL: only about a case its consultant holds or held, with the same 404 for another
consultant's case as for none; ``set_aside_at`` a real moment within bounds; the office's
own label of the case, never the device's; identical repeats as one entry with a count;
and staff list and clear entries in Dutch words (``inburg-office apart-gezet``)."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from inburg_desktop.protocol.messages import SetAsideEntry, SetAsideReport
from inburg_desktop.server import admin, set_aside
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.cli import main
from inburg_desktop.server.db import Database
from inburg_desktop.server.errors import ApiError
from inburg_desktop.server.tables import SetAside

HANDOVER = Path(__file__).parent.parent / "data" / "handover-amal.json"
PERSIAN = "محمدی\u200cنژاد"  # a ZWNJ inside, as Persian spelling has it


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _entry(local_id: int, case_id: str, **changes: Any) -> SetAsideEntry:
    values: dict[str, Any] = {
        "local_id": local_id,
        "case_id": case_id,
        "case_label": "Vervalst Etiket, V-nummer 9999999999",
        "direction": "push",
        "error": "case_not_found",
        "reason": "case_not_found: door de laptop gekozen tekst",
        "set_aside_at": _now(),
        "fields": {"intake.werk.notes": "kok in Aleppo"},
    }
    values.update(changes)
    return SetAsideEntry(**values)


def _file(office: Database, device: AuthedDevice, *entries: SetAsideEntry) -> list[int]:
    with office.write() as session:
        return set_aside.receive(session, device, SetAsideReport(entries=list(entries))).received


def _rows(office: Database, device: AuthedDevice) -> list[SetAside]:
    with office.read() as session:
        rows = session.scalars(select(SetAside).where(SetAside.device_id == device.id)).all()
        session.expunge_all()
        return list(rows)


@pytest.fixture
def world(office: Database) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    owner, other = f"consulent-a-{tag}", f"consulent-b-{tag}"
    case = admin.import_handover(office, HANDOVER.read_bytes(), owner)
    admin.edit_case(office, case, {"person.family_name": PERSIAN})
    theirs = admin.import_handover(office, HANDOVER.read_bytes(), other)
    return {
        "case": case,
        "theirs": theirs,
        "owner": AuthedDevice(id=f"dev-a-{tag}", consultant=owner),
        "curious": AuthedDevice(id=f"dev-b-{tag}", consultant=owner.replace("-a-", "-c-")),
    }


def test_only_cases_the_consultant_holds_or_held(office: Database, world: dict[str, Any]) -> None:
    owner, curious = world["owner"], world["curious"]
    answers = []
    for case_id in (world["case"], str(uuid.uuid4())):  # someone else's, and nobody's
        with pytest.raises(ApiError) as refused:
            _file(office, curious, _entry(1, case_id))
        answers.append((refused.value.status, refused.value.error, refused.value.message))
    assert answers[0] == answers[1] == (404, "case_not_found", answers[0][2])
    # one held and one not: nothing of the report is stored
    with pytest.raises(ApiError):
        _file(office, owner, _entry(1, world["case"]), _entry(2, world["theirs"]))
    assert _rows(office, owner) == [] and _rows(office, curious) == []
    assert _file(office, owner, _entry(1, world["case"])) == [1]
    # taken off the caseload: the unsent work of it is exactly what set-aside is for
    admin.unassign(office, world["case"])
    assert _file(office, owner, _entry(2, world["case"], error="case_left_caseload")) == [2]
    assert len(_rows(office, owner)) == 2


@pytest.mark.parametrize(
    "moment",
    [
        "gisteren",
        "2026-11-30T02:00:00",  # no time zone: which moment?
        "1999-01-01T00:00:00Z",
        pytest.param(
            (datetime.now(UTC) + timedelta(days=3)).isoformat(timespec="seconds"),
            id="three-days-ahead",  # a stable id: parallel workers must collect the same tests
        ),
        "2026-13-40T25:61:00Z",
    ],
)
def test_set_aside_at_is_a_moment_within_bounds(
    office: Database, world: dict[str, Any], moment: str
) -> None:
    with pytest.raises(ApiError) as refused:
        _file(office, world["owner"], _entry(1, world["case"], set_aside_at=moment))
    assert (refused.value.status, refused.value.error) == (422, "invalid_set_aside_at")
    assert _rows(office, world["owner"]) == []


def test_a_moment_is_stored_in_one_form(office: Database, world: dict[str, Any]) -> None:
    local = datetime.now(UTC).astimezone(datetime.now(UTC).astimezone().tzinfo) - timedelta(hours=1)
    _file(office, world["owner"], _entry(1, world["case"], set_aside_at=local.isoformat()))
    (row,) = _rows(office, world["owner"])
    expected = (local.astimezone(UTC).replace(microsecond=0)).isoformat().replace("+00:00", "Z")
    assert row.set_aside_at == expected


def test_identical_repeats_are_one_entry_with_a_count(
    office: Database, world: dict[str, Any]
) -> None:
    owner, case = world["owner"], world["case"]
    assert _file(office, owner, _entry(1, case), _entry(2, case)) == [1, 2]
    _file(office, owner, _entry(3, case))
    _file(office, owner, _entry(3, case), _entry(2, case))  # sent again: nothing counted twice
    _file(office, owner, _entry(4, case, fields={"intake.werk.notes": "anders"}))
    rows = sorted(_rows(office, owner), key=lambda row: row.id)
    assert [(row.local_id, row.repeats) for row in rows] == [(1, 3), (4, 1)]


def test_staff_see_the_office_label_and_words_and_clear_with_confirmation(
    office: Database,
    db_url: str,
    world: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner, case = world["owner"], world["case"]
    _file(office, owner, _entry(1, case), _entry(2, case))
    # the office database is shared by the module's tests: one page holds them all
    assert main(["apart-gezet", "--aantal", "1000", "--db", db_url]) == 0
    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if case in line]
    assert PERSIAN in line  # the joiner kept, not \u200c
    assert "\\u200c" not in line and "<U+200C>" not in line
    assert "Vervalst" not in out and "9999999999" not in out  # the device's label
    assert "case_not_found" not in line and "door de laptop gekozen" not in line
    assert "het kantoor kende het dossier niet" in line and "(2 keer)" in line
    number = int(line.split()[0].lstrip("#"))

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["apart-gezet-wissen", str(number), "--db", db_url]) == 2
    assert "--ja" in capsys.readouterr().err
    assert len(_rows(office, owner)) == 1  # nothing cleared unconfirmed
    assert main(["apart-gezet-wissen", "999999999", "--ja", "--db", db_url]) == 1
    assert "Geen apart gezette melding" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "nee")
    assert main(["apart-gezet-wissen", str(number), "--db", db_url]) == 0
    assert len(_rows(office, owner)) == 1
    monkeypatch.setattr("builtins.input", lambda _prompt: "ja")
    with caplog.at_level(logging.INFO, logger="inburg_desktop.server.set_aside"):
        assert main(["apart-gezet-wissen", str(number), "--db", db_url]) == 0
    assert "1 apart gezette melding gewist" in capsys.readouterr().out
    assert _rows(office, owner) == []
    audit = [r.getMessage() for r in caplog.records if "audit" in r.getMessage()]
    assert audit == [f"audit: office staff cleared 1 set-aside entries (ids [{number}])"]
    assert all(PERSIAN not in r.getMessage() and case not in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("number", [2**31, 2**62])  # 2**31: one past a 32-bit id
def test_numbers_beyond_the_column_name_no_entry(
    office: Database, db_url: str, number: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry number above the 32-bit id column is answered as naming no entry, on
    PostgreSQL too, where the database refuses it as out of range (attack round 4: the
    office said its database was damaged, exit 8)."""
    assert main(["apart-gezet", "--na", str(number), "--db", db_url]) == 0
    assert capsys.readouterr().out == f"Er zijn geen apart gezette meldingen na #{number}.\n"
    assert main(["apart-gezet", "--json", "--na", str(number), "--db", db_url]) == 0
    assert capsys.readouterr().out == "[\n]\n"
    assert main(["apart-gezet-wissen", str(number), "--ja", "--db", db_url]) == 1
    assert f"Geen apart gezette melding met nummer {number}" in capsys.readouterr().err
    assert set_aside.held_ids(office, [number]) == []
    assert set_aside.clear_set_aside(office, [number]) == 0


def test_a_number_past_the_argument_range_is_told_its_range(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A whole number past the bound is told the range, not that it is no whole number."""
    too_big = str(2**62 + 1)
    for argv in (["apart-gezet", "--na", too_big], ["apart-gezet-wissen", too_big, "--ja"]):
        with pytest.raises(SystemExit) as stopped:
            main([*argv, "--db", db_url])
        assert stopped.value.code == 2
        err = capsys.readouterr().err
        assert "moet tussen" in err and too_big in err and "geheel getal" not in err


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"reason": "a\x00b"}, "invalid_set_aside_reason"),
        ({"reason": "a\x1bb"}, "invalid_set_aside_reason"),
        ({"reason": "a\u202eb"}, "invalid_set_aside_reason"),
        ({"labels": {"intake.werk.notes": "Werk\x00"}}, "invalid_set_aside_label"),
        ({"labels": {"intake.werk.notes": "Werk\u200b: Notities"}}, "invalid_set_aside_label"),
    ],
    ids=["NUL in reason", "ESC in reason", "RLO in reason", "NUL in label", "ZWSP in label"],
)
def test_control_characters_in_the_words_are_refused_422(
    office: Database, world: dict[str, Any], changes: dict[str, Any], code: str
) -> None:
    """PostgreSQL cannot store NUL in a text column (attack round 4: 500); the office
    refuses the report with a code instead, and stores nothing of it."""
    owner = world["owner"]
    with pytest.raises(ApiError) as refused:
        _file(office, owner, _entry(1, world["case"]), _entry(2, world["case"], **changes))
    assert (refused.value.status, refused.value.error) == (422, code)
    assert _rows(office, owner) == []


def test_a_control_character_in_a_value_or_the_device_label_is_kept_escaped(
    office: Database, db_url: str, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """A value is what the laptop held (the office may have refused it for that very
    character): stored as JSON, which escapes it, and listed escaped. The device's case
    label is never stored."""
    owner = world["owner"]
    _file(
        office,
        owner,
        _entry(1, world["case"], fields={"intake.werk.notes": "a\x00b"}, case_label="x\x00y"),
    )
    (row,) = _rows(office, owner)
    assert json.loads(row.fields) == {"intake.werk.notes": "a\x00b"} and row.case_label == ""
    assert main(["apart-gezet", "--aantal", "1000", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "a<U+0000>b" in out and "\x00" not in out


def test_invisible_characters_in_a_value_are_listed_as_code_points(
    office: Database, db_url: str, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Attack round 4, finding 8: Hangul fillers, the combining grapheme joiner, variation
    selectors, private use and a ZWNJ between Latin letters reached the staff listing
    raw; the office's Persian name keeps its ZWNJ."""
    owner = world["owner"]
    value = "\u3164Had\u034fdad\ufe0f\ue000\u200cx\u115f"
    _file(office, owner, _entry(1, world["case"], fields={"intake.werk.notes": value}))
    assert main(["apart-gezet", "--aantal", "1000", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "<U+3164>Had<U+034F>dad<U+FE0F><U+E000><U+200C>x<U+115F>" in out
    assert not (set(value) - set("Hadx")) & set(out.replace(PERSIAN, ""))
    assert PERSIAN in out
