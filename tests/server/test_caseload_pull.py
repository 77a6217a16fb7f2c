"""Caseload isolation, pull by cursor, removals, settings, refetch (real server)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from inburg_desktop.protocol.messages import Op
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.sync.transport import ProtocolError, SyncClient

from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop

HANDOVER: dict[str, Any] = {
    "format": "inburg-handover/1",
    "source": "COA",
    "person": {
        "v_nummer": "1234567890",
        "given_names": "Amal",
        "family_name": "Haddad",
        "date_of_birth": "1994-05-17",
        "nationality": "SYR",
        "languages": ["ar", "en"],
        "preferred_language": "ar",
    },
    "doelgroep": "statushouder",
    "dates": {"brp_registration": "2026-03-02", "duo_kennisgeving": "2026-02-20"},
    "notes": {"opleiding": "Bachelor"},
}


def import_case(office: Database, consultant: str | None) -> str:
    return admin.import_handover(office, json.dumps(HANDOVER).encode(), consultant)


def _raw_get(client: SyncClient, path: str) -> httpx.Response:
    from inburg_desktop.protocol.device_keys import sign_request

    assert client.key is not None and client.device_id is not None
    headers = sign_request(
        client.key, client.device_id, method="GET", path=path, query=b"", body=b""
    )
    return httpx.get(f"{client._http.base_url}{path}", headers=headers)


def test_other_consultants_case_looks_like_a_missing_case(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    theirs = import_case(office, "consulent-B-isolatie")
    mine = import_case(office, None)
    with office.read() as session:
        from inburg_desktop.server.tables import Device

        assert laptop.device_id is not None
        device = session.get(Device, laptop.device_id)
        assert device is not None
    admin.assign(office, mine, device.consultant)
    assert laptop.get_case(mine).fields["person.given_names"].value == "Amal"
    foreign = _raw_get(laptop, f"/v1/cases/{theirs}")
    missing = _raw_get(laptop, f"/v1/cases/{new_case_id()}")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    pulled = laptop.pull(0)
    assert pulled.caseload == [mine]
    assert [c.case_id for c in pulled.cases] == [mine]
    # Pushing to it is refused the same way as pushing to a case that does not exist.
    answer = laptop.push(
        [
            Op(op_id=1, case_id=theirs, base_version=1, patch={"x": 1}),
            Op(op_id=2, case_id=new_case_id(), base_version=1, patch={"x": 1}),
        ]
    )
    foreign_answer, missing_answer = [(r.error, r.message) for r in answer.results]
    assert foreign_answer == missing_answer


def test_pull_by_cursor_pages_and_only_changed_fields(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    ids = [import_case(office, consultant) for _ in range(7)]
    assert laptop.pull(limit=3) == 7
    assert set(laptop.cases) == set(ids)
    assert laptop.cases[ids[0]]["person.family_name"] == "Haddad"
    cursor = laptop.cursor
    page = laptop.client.pull(cursor)
    assert page.cases == [] and page.more is False and page.cursor == cursor
    version = admin.edit_case(office, ids[3], {"intake.werk.notes": "zoekt werk"})
    page = laptop.client.pull(cursor)
    assert [c.case_id for c in page.cases] == [ids[3]]
    assert page.cases[0].full is False
    assert page.cases[0].version == version
    assert set(page.cases[0].fields) == {"intake.werk.notes"}
    assert page.cursor > cursor


def test_removal_when_a_case_is_unassigned_or_reassigned(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    other = SimLaptop(enroll(server, office, consultant + "-b"))
    first, second = import_case(office, consultant), import_case(office, consultant)
    laptop.pull()
    assert set(laptop.cases) == {first, second}
    admin.unassign(office, first)
    admin.assign(office, second, consultant + "-b")
    page = laptop.client.pull(laptop.cursor)
    assert sorted(page.removals) == sorted([first, second])
    laptop.pull()
    assert laptop.cases == {}
    other.pull()
    assert set(other.cases) == {second}
    assert other.cases[second]["person.given_names"] == "Amal"
    # The removed case is now invisible to the first laptop.
    with pytest.raises(ProtocolError) as err:
        laptop.client.get_case(second)
    assert err.value.status == 404


def test_settings_and_catalogue_updates_come_down(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    laptop.pull()
    admin.set_setting(office, "setting.idle_lock_minutes", 5)
    admin.set_setting(office, "catalogue.prompts", {"version": "2026.2", "languages": ["ar"]})
    laptop.pull()
    assert laptop.settings["setting.idle_lock_minutes"] == 5
    assert laptop.settings["catalogue.prompts"]["version"] == "2026.2"


def test_too_old_or_future_cursor_gets_refetch(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    case = import_case(office, consultant)
    laptop.pull()
    old_cursor = laptop.cursor
    admin.unassign(office, case)
    assert admin.prune_removals(office, keep_days=-1) >= 1
    page = laptop.client.pull(old_cursor)
    assert page.refetch is True
    assert laptop.client.pull(10**15).refetch is True
    laptop.pull()  # refetches from 0 and purges what is no longer on the caseload
    assert case not in laptop.cases


def test_import_validates_and_names_the_key(office: Database) -> None:
    bad = dict(HANDOVER, person={**HANDOVER["person"], "nationality": "Syrie"})
    with pytest.raises(admin.AdminError, match=r"person\.nationality"):
        admin.import_handover(office, json.dumps(bad).encode())
    missing = {k: v for k, v in HANDOVER.items() if k != "doelgroep"}
    with pytest.raises(admin.AdminError, match="doelgroep"):
        admin.import_handover(office, json.dumps(missing).encode())


def test_cli_admin_commands(
    server: LiveServer, office: Database, consultant: str, tmp_path: Path
) -> None:
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "inburg_desktop.server.cli", *args, "--db", office.url],
            capture_output=True,
            text=True,
            timeout=60,
        )

    out = run("enroll", "--consultant", consultant)
    assert out.returncode == 0, out.stderr
    code = out.stdout.strip().splitlines()[-1]
    assert len(code.replace("-", "")) == 20
    with SyncClient(server.url) as client:
        from inburg_desktop.protocol.device_keys import DeviceKey

        device_id = client.enroll(code, DeviceKey.generate()).device_id
    devices = json.loads(run("devices", "--json").stdout)
    mine = [d for d in devices if d["id"] == device_id]
    assert mine and set(mine[0]) >= {"id", "consultant", "enrolled_at", "last_seen", "revoked"}
    handover = tmp_path / "overdracht.json"
    handover.write_text(json.dumps(HANDOVER), encoding="utf-8")
    # the session's database holds this person from other tests: a second case on purpose
    imported = run("import", str(handover), "--tweede-dossier")
    assert imported.returncode == 0, imported.stderr
    case_id = imported.stdout.strip().splitlines()[-1]
    assert run("assign", case_id, "--consultant", consultant).returncode == 0
    cases = json.loads(run("cases", "--json").stdout)
    assert next(c for c in cases if c["id"] == case_id)["consultant"] == consultant
    assert run("revoke", device_id).returncode == 0
    assert json.loads(run("devices", "--json").stdout)
    bad = tmp_path / "kapot.json"
    bad.write_text('{"format": "inburg-handover/1"}', encoding="utf-8")
    failed = run("import", str(bad))
    assert failed.returncode == 5 and "person" in failed.stderr


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_paging_never_skips_an_earlier_change_of_a_case_changed_again(
    server: LiveServer, office: Database, consultant: str, limit: int
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    a, b = import_case(office, consultant), import_case(office, consultant)
    laptop.pull()
    admin.edit_case(office, a, {"x": 1})
    admin.edit_case(office, b, {"y": 2})
    admin.edit_case(office, a, {"z": 3})
    admin.set_setting(office, "setting.tussendoor", True)
    laptop.pull(limit=limit)
    assert laptop.cases[a]["x"] == 1 and laptop.cases[a]["z"] == 3
    assert laptop.cases[b]["y"] == 2
    assert laptop.settings["setting.tussendoor"] is True
