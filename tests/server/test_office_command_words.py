"""What ``inburg-office`` tells office staff (usability round 4 #8, #9).

The round found two laptops of one consultant listed alike by ``devices`` (one computer
name, ids in full), set-aside entries that did not say which laptop sent them, a case put
on the caseload of a mistyped consultant without a word, ``unassign`` of a case on no
caseload worded as if something happened, and with ``INBURG_OFFICE_DB`` unset every
command silently making and listing an empty database. Here each command with a wrong or
missing argument says what is wrong, with the exit codes of ``server/cli.py``'s table
(1 the office refuses, 2 a bad or missing argument), and changes nothing. Office
databases: SQLite and PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.protocol.device_keys import DeviceKey, enroll_proof_message
from inburg_desktop.protocol.messages import EnrollRequest, SetAsideEntry, SetAsideReport
from inburg_desktop.server import admin, set_aside
from inburg_desktop.server.auth import AuthedDevice
from inburg_desktop.server.cli import main
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Assignment, Device

from ..sync.test_laptops_office import HANDOVER

Run = tuple[int, str, str]
COMPUTER = "DESKTOP-KANTOOR"  # one image, one computer name on every laptop


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refuses this way, after printing its message
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def redeem(office: Database, consultant: str, label: str = "") -> str:
    """A laptop enrolled with a code made for ``consultant`` (and ``label``)."""
    if label:
        code, _ = admin.create_enrollment_code(office, consultant, label=label)
    else:  # as main made it before labels (so the table below runs on it too)
        code, _ = admin.create_enrollment_code(office, consultant)
    key = DeviceKey.generate()
    answer = admin.redeem(
        office,
        EnrollRequest(
            code=code,
            public_key=key.public_key_b64,
            proof=key.sign(enroll_proof_message(code, key.public_key_b64)),
            device_name=COMPUTER,
        ),
    )
    return answer.device_id


def consultant_of(office: Database, case_id: str) -> str | None:
    with office.read() as session:
        return session.scalar(select(Assignment.consultant).where(Assignment.case_id == case_id))


def test_two_laptops_of_one_consultant_are_told_apart(
    office: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    consultant = f"Sanne {uuid.uuid4().hex[:6]}"
    first = redeem(office, consultant, "laptop 1, kamer 3")
    second = redeem(office, consultant, "laptop 2, kamer 3")
    third = redeem(office, consultant)
    code, out, _err = run(capsys, "devices", "--db", db_url)
    assert code == 0
    rows = out.splitlines()
    lines = {d: [line for line in rows if d[:8] in line] for d in (first, second, third)}
    assert all(len(found) == 1 for found in lines.values()), out
    for device, label in ((first, "laptop 1, kamer 3"), (second, "laptop 2, kamer 3")):
        (line,) = lines[device]
        assert label in line and consultant in line and COMPUTER in line
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", line) and "nog nooit" in line
        assert device not in line  # the short id, not the whole
    assert "(geen label)" in lines[third][0]
    assert "KORT NR" in out.splitlines()[0] and "LAATST GEZIEN" in out.splitlines()[0]
    listed = {d["id"]: d for d in json.loads(run(capsys, "devices", "--json", "--db", db_url)[1])}
    assert listed[first]["label"] == "laptop 1, kamer 3" and listed[third]["label"] == ""
    assert listed[second]["short_id"] == second[:8]
    # the short id is what revoke takes; a second revoke says nothing changed
    code, out, _err = run(capsys, "revoke", second[:8], "--db", db_url)
    assert code == 0 and "laptop 'laptop 2, kamer 3'" in out and "ingetrokken" in out
    code, out, _err = run(capsys, "revoke", second[:8], "--db", db_url)
    assert code == 0 and "was al ingetrokken; er is niets gewijzigd" in out
    with office.read() as session:
        revoked = {d: gone for d, gone in session.execute(select(Device.id, Device.revoked))}
    assert revoked[second] and not revoked[first]


def test_a_label_twice_for_one_consultant_is_refused(
    office: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    consultant = f"Sanne {uuid.uuid4().hex[:6]}"
    redeem(office, consultant, "laptop 1")
    code, out, err = run(
        capsys, "enroll", "--consultant", consultant, "--label", "Laptop  1", "--db", db_url
    )
    assert code == 1 and out == "" and "label 'Laptop 1'" in err and "geen code" in err


def test_a_set_aside_entry_names_the_laptop_that_sent_it(
    office: Database, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    consultant = f"Sanne {uuid.uuid4().hex[:6]}"
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    device = redeem(office, consultant, "laptop 2, kamer 3")
    entry = SetAsideEntry(
        local_id=1,
        case_id=case,
        case_label="",
        direction="push",
        error="case_not_found",
        reason="case_not_found",
        set_aside_at="2026-11-30T10:00:00Z",
        fields={"intake.werk.notes": "kok"},
    )
    with office.write() as session:
        set_aside.receive(
            session, AuthedDevice(id=device, consultant=consultant), SetAsideReport(entries=[entry])
        )
    code, out, _err = run(capsys, "apart-gezet", "--aantal", "1000", "--db", db_url)
    assert code == 0
    (line,) = [line for line in out.splitlines() if case in line]
    assert f"op laptop 'laptop 2, kamer 3' ({device[:8]})" in line
    (listed,) = [e for e in set_aside.list_set_aside(office) if e["case_id"] == case]
    assert (listed["device_label"], listed["device_name"]) == ("laptop 2, kamer 3", COMPUTER)


@pytest.fixture
def world(office: Database, tmp_path: Path) -> dict[str, str]:
    consultant = f"Sanne de Vries {uuid.uuid4().hex[:6]}"
    redeem(office, consultant)
    assigned = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    loose = admin.import_handover(office, HANDOVER.read_bytes())
    return {
        "consultant": consultant,
        "shouted": consultant.upper(),
        "assigned": assigned,
        "loose": loose,
        "file": str(HANDOVER),
    }


# (what, the arguments with {placeholders} from ``world``, exit, words the refusal says)
WRONG = [
    ("enroll without a consultant", ["enroll"], 2, ["--consultant"]),
    ("enroll, a label too long", ["enroll", "--consultant", "{consultant}", "--label", "x" * 61],
     1, ["label", "60"]),
    ("revoke without a device", ["revoke"], 2, ["APPARAAT"]),
    ("revoke, no such device", ["revoke", "0badc0de"], 1, ["0badc0de", "bestaat niet"]),
    ("assign without a consultant", ["assign", "{loose}"], 2, ["--consultant"]),
    ("assign without a case", ["assign", "--consultant", "{consultant}"], 2, ["DOSSIER"]),
    ("assign, no such case", ["assign", "geen-dossier", "--consultant", "{consultant}"],
     1, ["geen-dossier", "bestaat niet op het kantoor"]),
    ("assign to an unknown consultant", ["assign", "{loose}", "--consultant", "Niemand Bekend"],
     1, ["'Niemand Bekend' is onbekend", "inburg-office enroll", "niets gewijzigd"]),
    ("assign to a name spelled otherwise", ["assign", "{assigned}", "--consultant", "{shouted}"],
     1, ["onbekend", "Bedoelt u '{consultant}'"]),
    ("unassign without a case", ["unassign"], 2, ["DOSSIER"]),
    ("unassign, no such case", ["unassign", "geen-dossier"], 1, ["bestaat niet op het kantoor"]),
    ("unassign a case on no caseload", ["unassign", "{loose}"],
     1, ["stond op geen caseload", "niets gewijzigd"]),
    ("import without a file", ["import"], 2, ["BESTAND"]),
    ("import for an unknown consultant", ["import", "{file}", "--consultant", "Niemand Bekend"],
     1, ["'Niemand Bekend' is onbekend"]),
    ("cases with an unknown option", ["cases", "--alles"], 2, ["--alles"]),
    ("devices with an unknown option", ["devices", "--alles"], 2, ["--alles"]),
    ("setting without a value", ["setting", "setting.idle_lock_minutes"], 2, ["value"]),
    ("apart-gezet-wissen without what", ["apart-gezet-wissen"], 2, ["NUMMER", "--alle"]),
    ("prune, days no number", ["prune", "--keep-days", "veel"], 2, ["geheel getal", "veel"]),
    ("no command", [], 2, ["OPDRACHT"]),
]  # fmt: skip


@pytest.mark.parametrize("what, args, exit_code, words", WRONG, ids=[w[0] for w in WRONG])
def test_a_wrong_or_missing_argument_is_said_and_changes_nothing(
    office: Database,
    db_url: str,
    world: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    what: str,
    args: list[str],
    exit_code: int,
    words: list[str],
) -> None:
    before = {case: consultant_of(office, case) for case in (world["assigned"], world["loose"])}
    with office.read() as session:
        cases_before = len(admin.list_cases(office))
        devices_before = session.scalars(select(Device.id).where(Device.revoked)).all()
    given = [part.format(**world) for part in args]
    code, out, err = run(capsys, *given, "--db", db_url) if given else run(capsys)
    assert code == exit_code, (code, out, err)
    assert "Traceback" not in out + err
    for word in words:
        assert word.format(**world) in err, (word, err)
    assert {case: consultant_of(office, case) for case in before} == before
    assert len(admin.list_cases(office)) == cases_before
    with office.read() as session:
        assert session.scalars(select(Device.id).where(Device.revoked)).all() == devices_before


def test_assign_and_unassign_say_what_they_did(
    office: Database, db_url: str, world: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    case, consultant = world["loose"], world["consultant"]
    code, out, _err = run(capsys, "assign", case, "--consultant", consultant, "--db", db_url)
    assert code == 0 and out.strip() == f"Dossier {case} staat nu op de caseload van {consultant}."
    code, out, _err = run(capsys, "assign", case, "--consultant", consultant, "--db", db_url)
    assert code == 0 and "stond al op de caseload" in out and "niets gewijzigd" in out
    code, out, _err = run(capsys, "unassign", case, "--db", db_url)
    assert code == 0 and f"van de caseload van {consultant} gehaald" in out
    assert consultant_of(office, case) is None


ADMIN_COMMANDS = [
    ["devices"],
    ["cases"],
    ["enroll", "--consultant", "S. de Vries"],
    ["revoke", "0badc0de"],
    ["assign", "x", "--consultant", "S. de Vries"],
    ["unassign", "x"],
    ["import", str(HANDOVER)],
    ["setting", "setting.idle_lock_minutes", "5"],
    ["apart-gezet"],
    ["dubbele-v-nummers"],
    ["prune"],
]


@pytest.mark.parametrize("args", ADMIN_COMMANDS, ids=[a[0] for a in ADMIN_COMMANDS])
def test_without_a_database_a_command_says_so_and_makes_none(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
) -> None:
    monkeypatch.delenv("INBURG_OFFICE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "inburg-office" / "office.db"
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert "geen kantoordatabase ingesteld" in err and "INBURG_OFFICE_DB" in err and "--db" in err
    assert str(default) in err and "niets aangemaakt" in err
    assert not default.exists()


def test_the_default_database_once_made_is_named_on_every_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("INBURG_OFFICE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "inburg-office" / "office.db"
    default.parent.mkdir(parents=True)
    assert run(capsys, "devices", "--db", f"sqlite:///{default}")[0] == 0  # as serve makes it
    code, out, err = run(capsys, "devices")
    assert code == 0 and "Er zijn geen apparaten ingeschreven" in out
    assert f"database: {default} (de standaarddatabase" in err
    code, out, err = run(capsys, "cases")
    assert code == 0 and "Het kantoor heeft geen dossiers" in out
