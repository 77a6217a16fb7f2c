"""``inburg device enroll`` and ``inburg sync`` as real subprocesses against a real office
server (codes from the real ``inburg-office enroll``): exit 0 with the JSON summary, exit 9
for a revoked device and a used code, exit 8 with the outbox untouched when the server is
down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.messages import MESSAGES
from inburg_desktop.server.db import Database
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import unlock_vault

from ..conftest import PASSPHRASE, LiveServer, free_port
from .test_laptops_office import (
    case_ids,
    make_vault,
    new_consultant,
    office_conflicts,
    office_fields,
    office_op_ids,
    vault_fields,
)

SUMMARY_KEYS = {"pushed", "pulled", "conflicts", "quarantined", "bytes_sent", "bytes_received"}


def inburg(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, INBURG_PASSPHRASE=PASSPHRASE, INBURG_TEST_FAST_KDF="1")
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def office_cmd(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", *args, "--db", db_url],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def new_code(db_url: str, consultant: str) -> str:
    """A one-time code, from the code alone on the last line of ``inburg-office enroll``."""
    return office_cmd(db_url, "enroll", "--consultant", consultant).stdout.strip().splitlines()[-1]


def outbox(path: Path) -> list[tuple[int, str, int, str]]:
    opened = unlock_vault(path, PASSPHRASE)
    try:
        with opened.session() as session:
            return [
                (r.op_id, r.case_id, r.base_version, r.patch)
                for r in session.scalars(select(OutboxRow).order_by(OutboxRow.op_id))
            ]
    finally:
        opened.lock()


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """A vault with three demo cases (unsent), closed: the CLI opens it itself."""
    path = tmp_path / "laptop" / "kluis.db"
    opened = make_vault(path)
    with opened.transaction() as session:
        add_demo_cases(session, 3)
    opened.lock()
    return path


def test_enroll_and_sync_print_the_json_summary(
    server: LiveServer, db_url: str, laptop: Path
) -> None:
    consultant = new_consultant()
    enrolled = inburg(
        "device", "enroll", "--vault", laptop, "--server", server.url, "--code",
        new_code(db_url, consultant),
    )  # fmt: skip
    assert enrolled.returncode == 0, enrolled.stderr
    assert consultant in enrolled.stdout
    devices = json.loads(office_cmd(db_url, "devices", "--json").stdout)
    (device,) = [d for d in devices if d["consultant"] == consultant]

    pending = len(outbox(laptop))
    result = inburg("sync", "--vault", laptop, "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert set(summary) >= SUMMARY_KEYS
    # The three cases went up; none comes back down (issue 14: the laptop holds them).
    assert summary["pushed"] == pending and summary["pulled"] == 0
    assert summary["conflicts"] == 0 and summary["quarantined"] == 0
    assert summary["bytes_sent"] > 0 and summary["bytes_received"] > 0
    assert "Versturen: 100%" in result.stderr  # progress on stderr, as a share

    # A second round after one edit sends one op; the office holds what the laptop holds.
    opened = unlock_vault(laptop, PASSPHRASE)
    try:
        cases = sorted(case_ids(opened))
        with opened.transaction() as session:
            update_fields(session, cases[0], {"intake.werk.notes": "kok, 10 jaar"})
    finally:
        opened.lock()
    # INTERFACES.md: a script reading `inburg sync` gets the JSON summary without asking
    # (sentences are for a terminal).
    again = inburg("sync", "--vault", laptop, "--server", server.url)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["pushed"] == 1
    assert outbox(laptop) == []
    office = Database(db_url)
    opened = unlock_vault(laptop, PASSPHRASE)
    try:
        assert office_op_ids(office, device["id"]) == list(range(1, pending + 2))
        for case_id in cases:
            assert office_fields(office, case_id) == vault_fields(opened, case_id)
    finally:
        opened.lock()
        office.dispose()


def test_revoked_device_exit_9_in_dutch(server: LiveServer, db_url: str, laptop: Path) -> None:
    consultant = new_consultant("verloren")
    code = new_code(db_url, consultant)
    enrolled = inburg("device", "enroll", "--vault", laptop, "--server", server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    devices = json.loads(office_cmd(db_url, "devices", "--json").stdout)
    (device,) = [d for d in devices if d["consultant"] == consultant]
    office_cmd(db_url, "revoke", device["id"])
    before = outbox(laptop)
    result = inburg("sync", "--vault", laptop)
    assert result.returncode == 9
    assert result.stdout == ""
    assert MESSAGES["sync_revoked"] in result.stderr and "ingetrokken" in result.stderr
    # After the progress lines, one clear line; never a traceback.
    assert result.stderr.strip().splitlines()[-1].startswith("inburg: Deze laptop is door")
    assert "Traceback" not in result.stderr
    assert outbox(laptop) == before


def test_server_down_exit_8_and_the_outbox_untouched(
    server: LiveServer, db_url: str, laptop: Path
) -> None:
    code = new_code(db_url, new_consultant())
    enrolled = inburg("device", "enroll", "--vault", laptop, "--server", server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    before = outbox(laptop)
    assert len(before) >= 3
    # The enrolled office is down (another address is refused before anything is sent:
    # tests/sync/test_sync_enrolled_address.py).
    server.stop()
    try:
        result = inburg("sync", "--vault", laptop)
    finally:
        server.start()
    assert result.returncode == 8
    assert "uw werk staat veilig" in result.stderr
    assert MESSAGES["sync_unreachable"] in result.stderr
    assert outbox(laptop) == before
    # Back at the office, the same outbox goes up.
    assert inburg("sync", "--vault", laptop).returncode == 0
    assert outbox(laptop) == []


def test_enroll_with_a_used_code_exit_9(
    server: LiveServer, db_url: str, laptop: Path, tmp_path: Path
) -> None:
    code = new_code(db_url, new_consultant())
    first = inburg("device", "enroll", "--vault", laptop, "--server", server.url, "--code", code)
    assert first.returncode == 0, first.stderr
    other = tmp_path / "tweede" / "kluis.db"
    make_vault(other).lock()
    again = inburg("device", "enroll", "--vault", other, "--server", server.url, "--code", code)
    assert again.returncode == 9
    assert "al gebruikt" in again.stderr
    # Not enrolled: sync says so (exit 9) instead of trying.
    assert inburg("sync", "--vault", other).returncode == 9


def test_enroll_with_the_server_down_exit_8(laptop: Path) -> None:
    result = inburg(
        "device", "enroll", "--vault", laptop, "--server", f"http://127.0.0.1:{free_port()}",
        "--code", "AAAA-BBBB-CCCC-DDDD-EEEE",
    )  # fmt: skip
    assert result.returncode == 8
    assert "niet bereikbaar" in result.stderr


@pytest.mark.parametrize(
    "address, says",
    [
        ("kantoor.gemeente.nl:8443", "Bedoelt u https://kantoor.gemeente.nl:8443?"),
        ("http://kantoor.gemeente.nl:8443", "niet versleuteld"),
        ("ftp://kantoor.gemeente.nl", "niet met ftp://"),
    ],
)
def test_an_address_that_cannot_be_used_is_said_and_nothing_is_sent(
    laptop: Path, address: str, says: str
) -> None:
    """Usability round 4 #22: one rule with the window (domain.server_url); plain http to
    another computer only with --onversleuteld, and then it is tried."""
    for command in (["device", "enroll"], ["sync"]):
        code = ["--code", "AAAA-BBBB-CCCC-DDDD-EEEE"] if command[0] == "device" else []
        result = inburg(*command, "--vault", laptop, "--server", address, *code)
        assert result.returncode == 2, (command, result.stderr)
        assert says in result.stderr
    if address.startswith("http://"):
        assert "--onversleuteld" in result.stderr
        tried = inburg(
            "device", "enroll", "--vault", laptop, "--server", f"http://0.0.0.0:{free_port()}",
            "--code", "AAAA-BBBB-CCCC-DDDD-EEEE", "--onversleuteld",
        )  # fmt: skip
        assert tried.returncode == 8 and "niet bereikbaar" in tried.stderr


def _edit(path: Path, key: str, value: str) -> str:
    opened = unlock_vault(path, PASSPHRASE)
    try:
        case = sorted(case_ids(opened))[0]
        with opened.transaction() as session:
            update_fields(session, case, {key: value})
        return case
    finally:
        opened.lock()


def test_a_laptop_restored_from_a_backup_is_told_to_enroll_again_and_loses_nothing(
    server: LiveServer, db_url: str, laptop: Path
) -> None:
    """The vault is put back from a copy made before its last sync: its next op reuses an
    op id the office already holds. Sync says so in words (exit 9, not "try again later"),
    keeps the outbox; enrolled again with a new code, the edit goes up, kept beside the
    value the laptop no longer remembers as a conflict."""
    consultant = new_consultant("terug")
    code = new_code(db_url, consultant)
    enrolled = inburg("device", "enroll", "--vault", laptop, "--server", server.url, "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert inburg("sync", "--vault", laptop).returncode == 0
    backup = {p.name: p.read_bytes() for p in laptop.parent.iterdir() if p.is_file()}
    _edit(laptop, "intake.werk.notes", "voor het terugzetten")
    assert inburg("sync", "--vault", laptop).returncode == 0
    for name in [p.name for p in laptop.parent.iterdir() if p.is_file()]:
        (laptop.parent / name).unlink()
    for name, data in backup.items():  # the backup is put back
        (laptop.parent / name).write_bytes(data)
    case = _edit(laptop, "intake.werk.notes", "na het terugzetten")
    before = outbox(laptop)

    refused = inburg("sync", "--vault", laptop)
    assert refused.returncode == 9
    assert MESSAGES["sync_out_of_step"] in refused.stderr and "Traceback" not in refused.stderr
    assert outbox(laptop) == before

    again = inburg(
        "device", "enroll", "--vault", laptop, "--server", server.url, "--code",
        new_code(db_url, consultant),
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    synced = inburg("sync", "--vault", laptop, "--json")
    assert synced.returncode == 0, synced.stderr
    assert outbox(laptop) == []
    # The restored laptop never saw the edit it made before: both values are kept.
    assert json.loads(synced.stdout)["conflicts"] == 1
    office = Database(db_url)
    try:
        assert office_conflicts(office, case) == [
            ("intake.werk.notes", "voor het terugzetten", "na het terugzetten")
        ]
    finally:
        office.dispose()


def test_the_office_publishes_the_letterhead_and_the_laptop_pip_carries_it(
    server: LiveServer, db_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "laptop" / "kluis.db"
    opened = make_vault(path)
    with opened.transaction() as session:
        signed = add_demo_cases(session, 8)[6]  # demo.pip_stages: case 6 has a signed PIP
    opened.lock()
    code = new_code(db_url, new_consultant("briefhoofd"))
    assert (
        inburg(
            "device", "enroll", "--vault", path, "--server", server.url, "--code", code
        ).returncode
        == 0
    )

    bad = tmp_path / "fout.json"
    bad.write_text(json.dumps({"name": "Gemeente Katwijk", "phone": "14 071"}), encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.server.cli", "setting", "setting.letterhead",
         f"@{bad}", "--db", db_url],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "Briefhoofd geweigerd: namens wie het besluit genomen wordt" in refused.stderr

    good = tmp_path / "briefhoofd.json"
    good.write_text(
        json.dumps(
            {
                "name": "Gemeente Katwijk",
                "college": "het college van burgemeester en wethouders van Katwijk",
                "address_lines": ["Koningin Julianalaan 40", "2224 EW Katwijk"],
                "postal_address": "Postbus 589, 2220 AN Katwijk",
                "phone": "14 071",
                "email": "gemeente@katwijk.nl",
                "website": "www.katwijk.nl",
            }
        ),
        encoding="utf-8",
    )
    office_cmd(db_url, "setting", "setting.letterhead", f"@{good}")
    assert inburg("sync", "--vault", path).returncode == 0
    out = tmp_path / "pip.pdf"
    rendered = inburg("pip", "render", "--vault", path, "--case", signed, "--out", out)
    assert rendered.returncode == 0, rendered.stderr
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Gemeente Katwijk" in text and "Koningin Julianalaan 40" in text
    assert "wethouders van Katwijk, Postbus 589, 2220 AN Katwijk" in text
    assert "Wassenaar" not in text
